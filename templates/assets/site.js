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
      // Pinyin is matched without spaces: "gao xin" finds 高新 like "gaoxin" and "gx".
      var qp = q.replace(/[\s'-]+/g, "");
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!d || row.getAttribute("data-district") === d) &&
          (!t || row.getAttribute("data-tier") === t) &&
          (!q || row.textContent.toLowerCase().indexOf(q) !== -1 ||
            (row.getAttribute("data-id") || "").indexOf(q) !== -1 ||
            (qp && (row.getAttribute("data-pinyin") || "").indexOf(qp) !== -1));
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

  // A table wider than the screen scrolls inside its wrapper: make that wrapper a
  // named region reachable by keyboard (WCAG 2.1.1), named after its table's
  // caption or the nearest heading before it.
  function regionName(wrap) {
    var cap = wrap.querySelector("caption");
    if (cap && cap.textContent.trim()) return cap.textContent.trim();
    var el = wrap;
    while (el) {
      var prev = el.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.trim();
        var h = prev.querySelector && prev.querySelector("h1,h2,h3,h4,h5,h6");
        if (h) return h.textContent.trim();
        prev = prev.previousElementSibling;
      }
      el = el.parentElement;
    }
    return document.title;
  }

  function markScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      if (wrap.getAttribute("data-region") === "fixed") return;
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          wrap.setAttribute("aria-label", regionName(wrap));
        }
      } else if (wrap.getAttribute("role") === "region" && wrap.getAttribute("data-region") !== "fixed") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
      }
    });
  }

  function init() {
    markScrolling();
    window.addEventListener("resize", markScrolling);
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll(".table-tools[data-for]"), makeFilterable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
