/* lexdocs: progressive enhancement only; every page reads in full without it.
 *
 * On a phone a six-column table cannot fit, and a table that scrolls sideways
 * hides half of each row. Each data cell gets its column's name (data-label) so
 * the stylesheet can show every row as a card with labelled lines below 45em.
 * The ARIA roles restate the table's native ones, which some browsers drop once
 * CSS changes a table's display; screen readers keep rows and headers.
 */
(function () {
  "use strict";

  function stack(table) {
    if (table.hasAttribute("data-lx-stack")) return;
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (heads.length < 3) return;  /* narrow tables fit as they are */
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (g) {
      g.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (tr) {
      tr.setAttribute("role", "row");
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (cell.tagName === "TH" && cell.parentNode.parentNode.tagName === "THEAD") {
          cell.setAttribute("role", "columnheader");
        } else {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (heads[i]) cell.setAttribute("data-label", heads[i]);
        }
      });
    });
    table.setAttribute("data-lx-stack", "");
  }

  function enhance() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), stack);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
