// parkscore: sortable and filterable tables. Plain JavaScript, no dependencies.
// Without JavaScript every table is complete; this only adds sorting and filters.
(function () {
  "use strict";

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return type === "num" ? -Infinity : "";
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    if (type === "num") {
      var n = parseFloat(raw.replace(/,/g, ""));
      return isNaN(n) ? -Infinity : n;
    }
    return raw;
  }

  function makeSortable(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body) return;
    var ths = head.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, index) {
      var type = th.getAttribute("data-type");
      if (!type) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.classList.add("sortable-th");
      button.addEventListener("click", function () {
        // First click ascending, then alternate.
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, i) { return { row: row, key: cellValue(row, index, type), i: i }; });
        keyed.sort(function (a, b) {
          var c;
          if (type === "num") c = a.key - b.key;
          else c = a.key.localeCompare(b.key, "zh-CN");
          if (c === 0) return a.i - b.i;
          return asc ? c : -c;
        });
        var frag = document.createDocumentFragment();
        keyed.forEach(function (k) { frag.appendChild(k.row); });
        body.appendChild(frag);
      });
    });
  }

  function makeFilterable(tools) {
    var table = document.getElementById(tools.getAttribute("data-for"));
    if (!table || !table.tBodies[0]) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var district = tools.querySelector('[data-filter="district"]');
    var tier = tools.querySelector('[data-filter="tier"]');
    var text = tools.querySelector('[data-filter="text"]');
    var count = tools.querySelector(".count");
    function apply() {
      var d = district ? district.value : "";
      var t = tier ? tier.value : "";
      var q = text ? text.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!d || row.getAttribute("data-district") === d) &&
          (!t || row.getAttribute("data-tier") === t) &&
          (!q || row.textContent.toLowerCase().indexOf(q) !== -1 ||
            (row.getAttribute("data-id") || "").indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = (count.getAttribute("data-label") || "") + " " + shown + " / " + rows.length;
    }
    [district, tier, text].forEach(function (el) {
      if (el) el.addEventListener("input", apply);
    });
    tools.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll(".table-tools[data-for]"), makeFilterable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
