/* Katalog search: Pagefind's component UI in Material's header and on the /cari/ page.
 *
 * Loaded as a classic script before Pagefind's UI module (site_plugins/search.py orders them), so the bundle
 * path is set on <pagefind-config> before the module reads it. The header is never replaced by Material's
 * instant navigation; the /cari/ page's content is, so its components are wired again on every `document$`.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-kat-cari]");
  if (!box) return;
  var panel = box.querySelector(".kat-cari__kotak");
  var opener = box.querySelector("[data-kat-cari-buka]");

  // Relative URLs of the first page, made absolute once (module imports resolve against the module's URL).
  var bundle = new URL(panel.getAttribute("data-kat-bundle"), location.href).pathname;
  var searchPage = new URL(panel.getAttribute("data-kat-cari-halaman"), location.href);
  // Query words the vocabulary could hold: letters only, as long as its shortest word (site_plugins/vocabulary.py).
  var vocabularyWord = new RegExp("^[a-z]{" + parseInt(panel.getAttribute("data-kat-kata-min"), 10) + ",}$");
  document.querySelectorAll("pagefind-config").forEach(function (el) {
    el.setAttribute("bundle-path", bundle);
  });
  // A big catalogue's index comes in parts, a national one in every shard's parts (site_plugins/search.py,
  // listed by katalog-bagian.js): each instance merges the others into this page's own, so one query
  // searches them all. <pagefind-config> has no attribute for it; the instance's `options.mergeIndex` is
  // read when it loads, on first use, after this runs.
  var parts = (window.katalogBagian || []).filter(function (path) {
    return path !== bundle;
  }).map(function (path) {
    return { bundlePath: path };
  });

  function text(tag, className, value) {
    var el = document.createElement(tag);
    el.className = className;
    el.textContent = value;
    return el;
  }

  function origin(meta) {
    var parts = [meta.instansi, meta.pemda].filter(Boolean).join(", ");
    if (meta.nomor && meta.nomor !== "-") parts += (parts ? " · " : "") + "No. " + meta.nomor;
    return parts;
  }

  // "How long, how many steps, who": the SOP page's summary, carried as Pagefind meta (sop.html).
  function facts(meta) {
    var parts = [];
    if (meta.waktu) parts.push("Waktu " + meta.waktu);
    if (meta.langkah) parts.push(meta.langkah + " langkah");
    if (meta.peran) parts.push("Pelaksana: " + meta.peran);
    return parts.join(" · ");
  }

  // One result of the /cari/ page: nama, instansi and nomor, then Pagefind's excerpt (its <mark>s are the
  // only markup; Pagefind escapes the page text). Built here rather than in a <script> template, because
  // Material re-runs every <script> of a page it swaps in.
  function renderResult(result) {
    var meta = result.meta || {};
    var li = document.createElement("li");
    li.className = "pf-result kat-hasil";
    var content = document.createElement("div");
    content.className = "pf-result-content";
    var title = document.createElement("p");
    title.className = "pf-result-title";
    var link = text("a", "pf-result-link", meta.title || result.url);
    link.href = meta.url || result.url;
    title.appendChild(link);
    content.appendChild(title);
    content.appendChild(text("p", "kat-hasil__asal", origin(meta)));
    if (facts(meta)) content.appendChild(text("p", "kat-hasil__fakta", facts(meta)));
    if (result.excerpt) {
      var excerpt = document.createElement("p");
      excerpt.className = "pf-result-excerpt";
      excerpt.innerHTML = result.excerpt;
      content.appendChild(excerpt);
    }
    var card = document.createElement("div");
    card.className = "pf-result-card";
    card.appendChild(content);
    li.appendChild(card);
    return li;
  }

  function navigate(url) {
    // A click on a real link lets Material's instant navigation take it (or the browser, without it).
    var a = document.createElement("a");
    a.href = url.href;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function closeBox() {
    box.classList.remove("kat-cari--terbuka");
    opener.setAttribute("aria-expanded", "false");
    var searchbox = box.querySelector("pagefind-searchbox");
    if (searchbox && typeof searchbox.closeDropdown === "function") searchbox.closeDropdown();
    var input = box.querySelector("input");
    if (input && document.activeElement === input) input.blur();
  }

  // Small screens: the magnifier opens the box over the header, as Material's search does.
  opener.addEventListener("click", function () {
    var open = box.classList.toggle("kat-cari--terbuka");
    opener.setAttribute("aria-expanded", String(open));
    var input = box.querySelector("input");
    if (open && input) input.focus();
  });

  // A click elsewhere closes the opened box on small screens.
  document.addEventListener("click", function (ev) {
    if (box.classList.contains("kat-cari--terbuka") && !box.contains(ev.target)) closeBox();
  });

  function allResultsUrl(term) {
    var url = new URL(searchPage);
    url.searchParams.set("q", term.trim());
    return url;
  }

  // Enter on the highlighted result goes there by instant navigation (Pagefind would reload the page);
  // Enter without one opens all results, with filters, on the search page. Modified Enter (new tab) and
  // every other key stay Pagefind's.
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && box.classList.contains("kat-cari--terbuka")) {
      closeBox();
      opener.focus();
      return;
    }
    if (ev.key !== "Enter" || ev.shiftKey || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var input = ev.target.closest("input");
    if (!input || !input.value.trim()) return;
    var active = input.getAttribute("aria-activedescendant");
    var chosen = active && document.getElementById(active);
    var target = chosen && chosen.href ? new URL(chosen.href) : allResultsUrl(input.value);
    ev.preventDefault();
    ev.stopPropagation();
    closeBox();
    navigate(target);
  }, true);

  // "All results" under the dropdown's results, following what is typed.
  customElements.whenDefined("pagefind-searchbox").then(function () {
    var dropdown = box.querySelector(".pf-searchbox-dropdown");
    var input = box.querySelector("pagefind-searchbox input");
    if (!dropdown || !input) return;
    var all = document.createElement("a");
    all.className = "kat-cari__semua";
    all.textContent = "Semua hasil, dengan saringan instansi dan jabatan →";
    all.href = searchPage.href;
    dropdown.appendChild(all);
    input.addEventListener("input", function () {
      all.href = input.value.trim() ? allResultsUrl(input.value).href : searchPage.href;
    });
    all.addEventListener("click", function () { closeBox(); });
  });

  // Filters load when a reader first opens one, not with the first query. Pagefind's component UI loads
  // every filter's page lists when it starts (some 200 KB at 10,000 SOPs, more than the rest of a query);
  // a search without filters needs none of them, and the header box never filters. The hook wraps the
  // `filters()` of the Pagefind object an instance creates when it loads (its `__pagefind__`, assigned
  // once): with Pagefind Component UI internals changed, searching still works and filters load eagerly.
  function deferFilters(instance, never) {
    if (!instance || instance.katalogDeferred || !("__pagefind__" in instance) || instance.__pagefind__) return;
    var pagefind = null;
    var loaded = null;
    var real = null;
    instance.katalogLoadFilters = function () {
      if (!loaded && real) loaded = real();
      return loaded || Promise.resolve({});
    };
    Object.defineProperty(instance, "__pagefind__", {
      configurable: true,
      enumerable: true,
      get: function () { return pagefind; },
      set: function (value) {
        if (value && typeof value.filters === "function" && !real) {
          real = value.filters.bind(value);
          value.filters = function () { return loaded || Promise.resolve({}); };
          if (never) real = null;
        }
        pagefind = value;
      },
    });
    instance.katalogDeferred = true;
  }

  // Before an instance first loads: the index parts to merge, and filters deferred (never, for the header box).
  function prepare(name) {
    var manager = window.PagefindComponents && window.PagefindComponents.getInstanceManager();
    if (!manager) return null;
    var instance = manager.getInstance(name);
    if (!instance.katalogPrepared) {
      instance.katalogPrepared = true;
      // SOPs replaced or revoked keep their pages but leave the default results; choosing values of the
      // Status filter on /cari/ replaces this default (catalogue/analysis/facets.py gives every SOP one).
      if (instance.searchFilters && !instance.searchFilters.status) instance.searchFilters.status = ["Berlaku"];
      if (parts.length && instance.options) instance.options.mergeIndex = parts.slice();
      deferFilters(instance, name === "katalog");
    }
    return instance;
  }

  customElements.whenDefined("pagefind-config").then(function () {
    prepare("katalog");
    prepare("katalog-cari");
  });

  // First use of a filter on /cari/: load every filter's values, show them, and count the current query.
  function loadFilters(instance) {
    if (instance.katalogFiltersLoaded || !instance.katalogLoadFilters) return;
    instance.katalogFiltersLoaded = true;
    Promise.resolve(instance.triggerLoad && instance.triggerLoad())
      .then(function () { return instance.katalogLoadFilters(); })
      .then(function (filters) {
        instance.availableFilters = filters;
        instance.totalFilters = filters;
        if (typeof instance.__dispatch__ === "function") {
          instance.__dispatch__("filters", { available: filters, total: filters });
        }
        if (instance.searchTerm) instance.triggerSearch(instance.searchTerm);
      });
  }

  document.addEventListener("pointerdown", openedFilter, true);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" || ev.key === " " || ev.key === "ArrowDown") openedFilter(ev);
  }, true);

  function openedFilter(ev) {
    var dropdown = ev.target.closest && ev.target.closest('pagefind-filter-dropdown[instance="katalog-cari"]');
    if (!dropdown || !window.PagefindComponents) return;
    loadFilters(window.PagefindComponents.getInstanceManager().getInstance("katalog-cari"));
  }

  // A filter no SOP carries (e.g. regulations before citations are parsed) is not offered, once known.
  function offerFilters(total) {
    document.querySelectorAll('pagefind-filter-dropdown[instance="katalog-cari"]').forEach(function (el) {
      var values = total && total[el.getAttribute("filter")];
      el.hidden = !values || Object.keys(values).length === 0;
    });
  }

  // Pagefind's filter buttons carry role="combobox", which takes no name from their text: point each at
  // its visible label so screen readers announce "Pemerintah daerah" rather than an unnamed button.
  function nameTrigger(dropdown) {
    var trigger = dropdown.querySelector(".pf-dropdown-trigger");
    var label = dropdown.querySelector(".pf-dropdown-trigger-label");
    if (!trigger || !label || trigger.getAttribute("aria-labelledby")) return;
    if (!label.id) label.id = (trigger.id || "pf-dropdown-" + dropdown.getAttribute("filter")) + "-nama";
    trigger.setAttribute("aria-labelledby", label.id);
  }

  function nameTriggers() {
    document.querySelectorAll("pagefind-filter-dropdown").forEach(function (dropdown) {
      nameTrigger(dropdown);
      if (dropdown.katalogNamed) return;
      dropdown.katalogNamed = true;
      new MutationObserver(function () { nameTrigger(dropdown); })
        .observe(dropdown, { childList: true, subtree: true });
    });
  }

  // --- "Maksud Anda: …?" -------------------------------------------------------------------------------
  // Each word of a query is compared with the index's own words of the same first letter
  // (site_plugins/vocabulary.py writes them at build time, most frequent first, as
  // <bundle>/kosakata/<letter>.json: at most 2,000 words, fetched once per letter). Pagefind never answers
  // "nothing" to a typo: it shortens an unknown word until something matches ("verivikasi" found 188 SOPs
  // through a stray "V" among 10,000), so the result count alone cannot tell a typo. A word is replaced by
  // the most frequent index word within one edit (two for words of six letters or more) that is on RARER
  // times more pages than the word itself, or than the results when the index lacks the word; when the
  // query found little (FEW_RESULTS or fewer) and the index lacks the word, by the closest such word.
  var FEW_RESULTS = 9;
  var RARER = 10;
  var vocabulary = {};

  function words(letter) {
    if (!/^[a-z]$/.test(letter)) return Promise.resolve([]);
    if (!vocabulary[letter]) {
      vocabulary[letter] = fetch(new URL("kosakata/" + letter + ".json", new URL(bundle, location.href)))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });
    }
    return vocabulary[letter];
  }

  // Optimal string alignment distance (Levenshtein with swaps of neighbours), giving up above `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row[j] = d;
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function closest(word, list, results) {
    var limit = word.length >= 6 ? 2 : 1;
    var own = null, k;
    for (k = 0; k < list.length; k++) {
      var candidate = list[k][0];
      if (candidate === word) own = list[k][1];
      // An affixed form of an indexed word ("diverifikasi" holds "verifikasi") is not a typo.
      else if (word.indexOf(candidate) !== -1) return null;
    }
    var base = own !== null ? own : results <= FEW_RESULTS ? 0 : results;
    for (k = 0; k < list.length; k++) {  // most frequent first: the first close enough wins
      if (list[k][1] < base * RARER) return null;
      if (list[k][0] !== word && distance(word, list[k][0], limit) <= limit) return list[k][0];
    }
    return null;
  }

  function suggestion(term, results) {
    var parts = term.toLowerCase().split(/\s+/).filter(Boolean);
    return Promise.all(parts.map(function (part) {
      if (!vocabularyWord.test(part)) return null;
      return words(part[0]).then(function (list) { return closest(part, list, results); });
    })).then(function (found) {
      if (!found.some(Boolean)) return null;
      return parts.map(function (part, k) { return found[k] || part; }).join(" ");
    });
  }

  function showSuggestion(instance, term, count) {
    var slot = document.querySelector("[data-kat-saran]");
    if (!slot) return;
    slot.textContent = "";
    // The query the slot has been decided for, suggestion or not (tests wait for it).
    slot.removeAttribute("data-kat-saran-untuk");
    if (!term || !term.trim()) {
      slot.setAttribute("data-kat-saran-untuk", "");
      return;
    }
    suggestion(term.trim(), count).then(function (better) {
      if (instance.searchTerm !== term) return;
      slot.setAttribute("data-kat-saran-untuk", term);
      if (!better) return;
      var link = text("a", "kat-saran__tautan", better);
      link.href = allResultsUrl(better).href;
      link.addEventListener("click", function (ev) {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button) return;  // a new tab is the browser's
        ev.preventDefault();
        // Material's instant navigation would load /cari/?q=… again and search a second time.
        ev.stopPropagation();
        var input = document.querySelector('pagefind-input[instance="katalog-cari"] input');
        if (input) input.value = better;
        history.replaceState(history.state, "", link.href);
        instance.triggerSearch(better);
      });
      slot.appendChild(document.createTextNode("Maksud Anda: "));
      slot.appendChild(link);
      slot.appendChild(document.createTextNode("?"));
    });
  }

  // The /cari/ page shows the first `max-results` results (cari.html); the rest come a page at a time on
  // request, rendered here as Pagefind renders its own (renderResult), each item's text loaded as it comes.
  var number = new Intl.NumberFormat("id-ID");

  function resultsElement() {
    return document.querySelector('pagefind-results[instance="katalog-cari"]');
  }

  function perPage(el) {
    return parseInt(el.getAttribute("max-results"), 10) || 25;
  }

  function offerMore(instance) {
    var panel = document.querySelector("[data-kat-lagi]");
    var el = resultsElement();
    if (!panel || !el) return;
    var found = instance.katalogFound || [];
    var shown = Math.min(instance.katalogShown || 0, found.length);
    panel.hidden = shown >= found.length;
    if (panel.hidden) return;
    panel.querySelector("[data-kat-lagi-jumlah]").textContent =
      "Menampilkan " + number.format(shown) + " dari " + number.format(found.length) + " hasil.";
    panel.querySelector("[data-kat-lagi-tombol]").textContent =
      "Tampilkan " + number.format(Math.min(perPage(el), found.length - shown)) + " hasil berikutnya";
  }

  function showMore(instance) {
    var el = resultsElement();
    var list = el && el.querySelector("ul.pf-results");
    if (!list) return;
    var start = instance.katalogShown || 0;
    var next = (instance.katalogFound || []).slice(start, start + perPage(el));
    instance.katalogShown = start + next.length;
    next.forEach(function (result, i) {
      var slot = document.createElement("li");
      slot.className = "pf-result kat-hasil--memuat";
      slot.setAttribute("aria-busy", "true");
      list.appendChild(slot);
      result.data().then(function (data) {
        if (!slot.parentNode) return;  // a newer search replaced the list meanwhile
        var item = renderResult(data);
        slot.replaceWith(item);
        // Keyboard and screen-reader users go on from the first new result.
        var link = i === 0 && item.querySelector("a");
        if (link) link.focus();
      }, function () {
        slot.removeAttribute("aria-busy");
        slot.textContent = "Hasil ini tidak dapat dimuat; muat ulang halaman.";
      });
    });
    offerMore(instance);
  }

  function wirePage() {
    nameTriggers();
    var results = document.querySelectorAll('pagefind-results[instance="katalog-cari"]');
    results.forEach(function (el) {
      el.resultTemplate = renderResult;
    });
    if (!results.length) return;
    var instance = prepare("katalog-cari");
    if (!instance) return;
    if (!instance.katalogWired) {
      instance.on("filters", function (filters) {
        // Only once every filter's values are loaded: the default Status filter alone loads before that.
        if (instance.katalogFiltersLoaded && filters.total && Object.keys(filters.total).length) {
          offerFilters(filters.total);
        }
      });
      instance.on("results", function (found) {
        showSuggestion(instance, instance.searchTerm, found && found.results ? found.results.length : 0);
        var el = resultsElement();
        instance.katalogFound = found && found.results ? found.results : [];
        instance.katalogShown = el ? Math.min(perPage(el), instance.katalogFound.length) : 0;
        offerMore(instance);
      });
      instance.on("loading", function () {
        var panel = document.querySelector("[data-kat-lagi]");
        if (panel) panel.hidden = true;
      });
      instance.katalogWired = true;
    }
    var button = document.querySelector("[data-kat-lagi-tombol]");
    if (button) {
      button.addEventListener("click", function () {
        showMore(instance);
      });
    }
    if (instance.katalogFiltersLoaded && instance.totalFilters && Object.keys(instance.totalFilters).length) {
      offerFilters(instance.totalFilters);
    }
    var query = new URL(location.href).searchParams.get("q");
    if (query) instance.triggerSearch(query);
  }

  function onPage() {
    closeBox();
    customElements.whenDefined("pagefind-results").then(wirePage);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);  // first load and every instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
