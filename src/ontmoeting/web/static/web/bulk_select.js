// "Select all shown": a header checkbox ticks or clears every row checkbox of its table.
// Delegated from the document, so it keeps working after HTMX swaps the table.
(function () {
  "use strict";
  function rows(box) {
    var table = box.closest("table");
    var name = box.getAttribute("data-select-all");
    return table ? table.querySelectorAll('input[type="checkbox"][name="' + name + '"]') : [];
  }
  function count(box) {
    var ticked = 0;
    rows(box).forEach(function (row) { if (row.checked) { ticked += 1; } });
    document.querySelectorAll("[data-selected-count]").forEach(function (out) {
      out.textContent = "(" + ticked + ")";
    });
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement)) { return; }
    if (box.hasAttribute("data-select-all")) {
      rows(box).forEach(function (row) { row.checked = box.checked; });
      count(box);
      return;
    }
    var table = box.closest("table");
    var all = table && table.querySelector("[data-select-all]");
    if (all) { count(all); }
  });
})();
