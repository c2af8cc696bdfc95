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

/* The agency filter of an audit page (audit_pemda.html): hides the rows of other agencies, in the table of
 * findings and in that of SOPs due for review, and counts the SOPs with findings shown. Without JavaScript
 * the filter stays hidden and every row shows. */
(function () {
  "use strict";
  function wire() {
    document.querySelectorAll("[data-kat-saring]").forEach(function (box) {
      if (box.katalogWired) return;
      box.katalogWired = true;
      var select = box.querySelector("[data-kat-saring-pilih]");
      var count = box.querySelector("[data-kat-saring-jumlah]");
      var rows = Array.prototype.slice.call(
        box.parentNode.querySelectorAll("tr[data-instansi]"));
      function apply() {
        var shown = 0;
        rows.forEach(function (row) {
          var match = !select.value || row.getAttribute("data-instansi") === select.value;
          row.hidden = !match;
          if (match && row.closest(".kat-audit-tabel")) shown += 1;
        });
        count.textContent = shown + " SOP ditampilkan";
      }
      select.addEventListener("change", apply);
      box.hidden = false;
      apply();
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(wire);
  } else {
    document.addEventListener("DOMContentLoaded", wire);
  }
})();
