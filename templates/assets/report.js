// parkscore report: opens a scorecard when a link points at it, opens or closes
// all of them, and opens every card for printing (then restores what was closed).
(function () {
  "use strict";

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll("details.card"));
  }

  function openById(id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  function openFromHash() {
    if (location.hash.length > 1) openById(decodeURIComponent(location.hash.slice(1)));
  }

  // Before the browser scrolls to the anchor, so it lands on the opened card.
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (link) openById(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
  window.addEventListener("hashchange", openFromHash);

  Array.prototype.forEach.call(document.querySelectorAll(".card-tools"), function (tools) {
    tools.hidden = false;
    Array.prototype.forEach.call(tools.querySelectorAll("button[data-cards]"), function (b) {
      b.addEventListener("click", function () {
        var open = b.getAttribute("data-cards") === "open";
        cards().forEach(function (d) { d.open = open; });
      });
    });
  });

  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = cards().filter(function (d) { return !d.open; });
    closedBeforePrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedBeforePrint.forEach(function (d) { d.open = false; });
    closedBeforePrint = [];
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openFromHash);
  else openFromHash();
})();
