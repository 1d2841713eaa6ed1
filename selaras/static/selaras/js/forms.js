/* Selaras: form helpers for officials, loaded on every page (CSP: a file).
   - <select data-searchable>: a filter box above the list hides the options
     that do not match what is typed (affairs, agencies, regions).
   - [data-filterable] (a list of checkboxes): the same filter box, so a
     development target or a region is ticked by name.
   - input[data-rupiah]: thousand separators while typing (1.250.000.000);
     the server accepts the number with or without them.
   Without JavaScript every field still works as plain HTML. */
(function () {
  "use strict";

  var EN = document.documentElement.lang === "en";
  var T = EN
    ? { filter: "Filter the choices", shown: " shown", none: "Nothing matches." }
    : { filter: "Saring pilihan", shown: " ditampilkan", none: "Tidak ada yang cocok." };
  var GROUP = EN ? "," : ".";
  var DECIMAL = EN ? "." : ",";

  function fold(text) {
    return (text || "").toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* A search box before `target`; `items()` lists [element, text] pairs and
     `show(element, visible)` hides or shows one. */
  function addFilter(target, items, show) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "filter-box";
    box.autocomplete = "off";
    // Named apart from the field, so the field's own label names only the field.
    box.setAttribute("aria-label", T.filter);
    box.setAttribute("placeholder", EN ? "Type to filter…" : "Ketik untuk menyaring…");
    if (target.id) box.setAttribute("aria-controls", target.id);
    var status = document.createElement("p");
    status.className = "filter-status visually-hidden";
    status.setAttribute("role", "status");
    target.parentNode.insertBefore(box, target);
    target.parentNode.insertBefore(status, target.nextSibling);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items().forEach(function (pair) {
        var text = fold(pair[1]);
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        show(pair[0], match);
        if (match) shown += 1;
      });
      status.textContent = shown ? shown + T.shown : T.none;
    });
    // Enter in the filter box must not submit the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    return box;
  }

  function searchableSelect(select) {
    addFilter(
      select,
      function () {
        return Array.prototype.map.call(select.options, function (o) { return [o, o.textContent]; });
      },
      function (option, visible) {
        // The empty choice and the chosen one stay, so the value never vanishes.
        option.hidden = !(visible || option.value === "" || option.selected);
      }
    );
  }

  function filterableList(list) {
    addFilter(
      list,
      function () {
        return Array.prototype.map.call(list.querySelectorAll("label"), function (l) {
          return [l.closest("li, div") || l, l.textContent];
        });
      },
      function (row, visible) {
        var box = row.querySelector("input");
        row.hidden = !(visible || (box && box.checked));
      }
    );
  }

  function groupDigits(digits) {
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  }

  function formatRupiah(input) {
    var value = input.value;
    var caretFromEnd = value.length - (input.selectionStart || value.length);
    var parts = value.split(DECIMAL);
    var whole = parts[0].replace(/\D/g, "");
    var formatted = whole ? groupDigits(whole) : "";
    if (parts.length > 1) formatted += DECIMAL + parts.slice(1).join("").replace(/\D/g, "").slice(0, 2);
    if (formatted === value) return;
    input.value = formatted;
    var caret = Math.max(0, formatted.length - caretFromEnd);
    if (document.activeElement === input) input.setSelectionRange(caret, caret);
  }

  function rupiahInput(input) {
    input.addEventListener("input", function () { formatRupiah(input); });
    formatRupiah(input);
  }

  function setUp(root) {
    root.querySelectorAll("select[data-searchable]:not([data-enhanced])").forEach(function (el) {
      el.setAttribute("data-enhanced", "");
      searchableSelect(el);
    });
    root.querySelectorAll("[data-filterable]:not([data-enhanced])").forEach(function (el) {
      el.setAttribute("data-enhanced", "");
      filterableList(el);
    });
    root.querySelectorAll("input[data-rupiah]:not([data-enhanced])").forEach(function (el) {
      el.setAttribute("data-enhanced", "");
      rupiahInput(el);
    });
  }

  // New formset rows (region-picker.js adds them) get the same behaviour.
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.matches && el.matches("input[data-rupiah]:not([data-enhanced])")) {
      el.setAttribute("data-enhanced", "");
      el.addEventListener("input", function () { formatRupiah(el); });
      formatRupiah(el);
    }
  });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
