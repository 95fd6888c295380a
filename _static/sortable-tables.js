// Click a column header of a data table to sort by it; click again to reverse.
// Numbers (with thousands separators, %, ≥ ≈ signs) sort numerically, text by
// Chinese collation. No library, nothing fetched: the site works offline.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function key(cell) {
    var text = (cell.textContent || "").trim();
    var number = text.replace(/[,\s%≥≤≈=>亿元万家个项件人条]/g, "");
    return number !== "" && !isNaN(number) ? { n: parseFloat(number), t: text } : { n: null, t: text };
  }

  function compare(a, b) {
    if (a.n !== null && b.n !== null) return a.n - b.n;
    if (a.n !== null) return -1;
    if (b.n !== null) return 1;
    return collator.compare(a.t, b.t);
  }

  function makeSortable(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body || body.rows.length < 3) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, column) {
      th.classList.add("pb-sortable");
      th.title = "点击排序";
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(key(r1.cells[column]), key(r2.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("article table").forEach(makeSortable);
  });
})();
