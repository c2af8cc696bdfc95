/* Tables that scroll sideways can be scrolled from the keyboard (WCAG 2.1.1): Material wraps the tables of
 * Markdown pages in a scroller with nothing focusable inside, so each such scroller joins the tab order,
 * named after the table's first header cell. The catalogue's own scrollers carry tabindex in the HTML.
 * Runs on every page load, also after Material's instant navigation (document$). */
(function () {
  "use strict";
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      var head = wrap.querySelector("th");
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tabel" + (head ? " " + head.textContent.trim() : ""));
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(focusable);
  } else {
    document.addEventListener("DOMContentLoaded", focusable);
  }
})();
