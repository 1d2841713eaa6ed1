/* Selaras: the activity form's location picker and formset rows.
   Loaded as a file (CSP). Without JavaScript the form still works: every
   location row takes a region code typed by hand. */
(function () {
  "use strict";

  var money = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en-US" : "id-ID", { maximumFractionDigits: 0 });
  var LABELS = document.documentElement.lang === "en"
    ? { all: "All regencies/cities", added: " added", exists: " is already listed", none: "No region found.",
        searching: "Searching…", allAdded: " regencies/cities added", sum: "Location budgets: ", of: " of ", failed: "Search failed; type the code in a row instead." }
    : { all: "Semua kabupaten/kota", added: " ditambahkan", exists: " sudah ada di daftar", none: "Wilayah tidak ditemukan.",
        searching: "Mencari…", allAdded: " kabupaten/kota ditambahkan", sum: "Jumlah anggaran lokasi: ", of: " dari ", failed: "Pencarian gagal; ketik kode wilayah langsung di baris." };

  function rp(n) { return (document.documentElement.lang === "en" ? "IDR " : "Rp") + money.format(n); }

  function addRow(prefix, rowsId, templateId) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var tbody = document.querySelector("#" + rowsId + " tbody");
    var template = document.getElementById(templateId);
    if (!total || !tbody || !template) return null;
    var index = parseInt(total.value, 10) || 0;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("tbody");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    tbody.appendChild(row);
    total.value = String(index + 1);
    return row;
  }

  function setUpAddButtons() {
    document.querySelectorAll("button.add-indicator").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var row = addRow(button.dataset.prefix, button.dataset.rows, button.dataset.template);
        if (row) { var input = row.querySelector("input"); if (input) input.focus(); }
      });
    });
  }

  function setUpPicker(picker) {
    var url = picker.dataset.searchUrl;
    var prefix = picker.dataset.prefix;
    var rowsId = picker.dataset.rows;
    var templateId = picker.dataset.template;
    var input = picker.querySelector("input[type=search]");
    var results = picker.querySelector(".region-results");
    var status = document.getElementById("region-picker-status");
    var sum = picker.querySelector(".location-sum");
    var split = picker.querySelector(".split-budget");
    var budget = document.getElementById("id_budget");
    var timer = null;
    var lastQuery = "";
    picker.hidden = false;

    function rows() {
      return Array.prototype.slice.call(document.querySelectorAll("#" + rowsId + " tbody tr.location-row"));
    }
    function codeInput(row) { return row.querySelector("input.location-code"); }
    function isDeleted(row) { var d = row.querySelector("input[type=checkbox][name$='-DELETE']"); return d && d.checked; }
    function activeRows() { return rows().filter(function (r) { return !isDeleted(r) && codeInput(r) && codeInput(r).value.trim(); }); }

    function say(text) { if (status) status.textContent = text; }

    function addLocation(code, name) {
      var existing = rows().filter(function (r) { return codeInput(r) && codeInput(r).value.trim() === code; })[0];
      if (existing) {
        var del = existing.querySelector("input[type=checkbox][name$='-DELETE']");
        if (del && del.checked) { del.checked = false; return existing; }
        return null;
      }
      var row = rows().filter(function (r) { return codeInput(r) && !codeInput(r).value.trim(); })[0];
      if (!row) row = addRow(prefix, rowsId, templateId);
      if (!row) return null;
      codeInput(row).value = code;
      var nameCell = row.querySelector(".location-name");
      if (nameCell) nameCell.textContent = name;
      updateSum();
      // The likely-duplicates lookup narrows to the chosen locations.
      document.body.dispatchEvent(new CustomEvent("locations-changed"));
      return row;
    }

    function clearResults() {
      results.innerHTML = "";
      results.hidden = true;
    }

    function optionButton(region) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "region-option";
      button.dataset.code = region.code;
      var strong = document.createElement("strong");
      strong.textContent = region.name;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = region.level_label + " · " + region.code + (region.parent ? " · " + region.parent : "");
      button.appendChild(strong);
      button.appendChild(meta);
      button.addEventListener("click", function () {
        var row = addLocation(region.code, region.name);
        say(region.name + (row ? LABELS.added : LABELS.exists));
        clearResults();
        input.value = "";
        var next = row && row.querySelector("input[name$='-budget']");
        if (next) next.focus(); else input.focus();
      });
      return button;
    }

    function allButton(region) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn region-all";
      button.textContent = LABELS.all;
      button.setAttribute("aria-label", LABELS.all + " – " + region.name);
      button.addEventListener("click", function () {
        fetch(url + "?parent=" + encodeURIComponent(region.code) + "&level=kabkota", { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) {
            var added = 0;
            data.results.forEach(function (child) { if (addLocation(child.code, child.name)) added += 1; });
            say(added + LABELS.allAdded);
            clearResults();
            input.value = "";
            input.focus();
          })
          .catch(function () { say(LABELS.failed); });
      });
      return button;
    }

    function render(list) {
      results.innerHTML = "";
      if (!list.length) { say(LABELS.none); results.hidden = true; return; }
      say("");
      list.forEach(function (region) {
        var li = document.createElement("li");
        li.appendChild(optionButton(region));
        if (region.level === "provinsi") li.appendChild(allButton(region));
        results.appendChild(li);
      });
      results.hidden = false;
    }

    function search() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (q.length < 2 && !/^\d+$/.test(q)) { clearResults(); say(""); return; }
      say(LABELS.searching);
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { if (input.value.trim() === q) render(data.results); })
        .catch(function () { say(LABELS.failed); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); lastQuery = ""; search(); }
      if (event.key === "ArrowDown") {
        var first = results.querySelector("button");
        if (first) { event.preventDefault(); first.focus(); }
      }
      if (event.key === "Escape") clearResults();
    });
    results.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
      var i = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < buttons.length - 1) { event.preventDefault(); buttons[i + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); if (i > 0) buttons[i - 1].focus(); else input.focus(); }
      if (event.key === "Escape") { clearResults(); input.focus(); }
    });

    // Budgets are typed with thousand separators (forms.js): "1.250.000,50".
    function number(value) {
      var text = String(value || "");
      text = document.documentElement.lang === "en" ? text.replace(/,/g, "") : text.replace(/\./g, "").replace(",", ".");
      var n = parseFloat(text);
      return isNaN(n) ? 0 : n;
    }

    function updateSum() {
      if (!sum) return;
      var total = 0;
      activeRows().forEach(function (r) { total += number(r.querySelector("input[name$='-budget']").value); });
      var target = budget ? number(budget.value) : 0;
      sum.textContent = LABELS.sum + rp(total) + LABELS.of + rp(target);
      sum.classList.toggle("match", total === target && total > 0);
      sum.classList.toggle("mismatch", total > 0 && total !== target);
    }

    if (split) {
      split.addEventListener("click", function () {
        var list = activeRows();
        var target = budget ? Math.round(number(budget.value)) : 0;
        if (!list.length || !target) return;
        var share = Math.floor(target / list.length);
        list.forEach(function (r, i) {
          var value = i === list.length - 1 ? target - share * (list.length - 1) : share;
          var input = r.querySelector("input[name$='-budget']");
          input.value = String(value);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        });
        updateSum();
      });
    }
    document.addEventListener("input", function (event) {
      if (event.target && (event.target === budget || /-budget$/.test(event.target.name || ""))) updateSum();
    });
    document.addEventListener("change", function (event) {
      if (event.target && /-DELETE$/.test(event.target.name || "")) updateSum();
    });
    updateSum();
  }

  function start() {
    setUpAddButtons();
    document.querySelectorAll(".region-picker[data-search-url]").forEach(setUpPicker);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
