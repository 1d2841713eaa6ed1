/* The activity form's matrix-item suggestion: "Pakai butir ini" puts the
   suggested item in the select (one click confirms it). The suggestion
   itself is an HTMX partial; this only handles the button. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-authority-item]");
    if (!button) return;
    var select = document.getElementById("id_authority_item");
    if (!select) return;
    select.value = button.getAttribute("data-authority-item");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    var done = document.createElement("p");
    done.className = "authority-suggestion__done";
    done.textContent = button.getAttribute("data-done") || "";
    button.replaceWith(done);
    select.focus();
  });
})();
