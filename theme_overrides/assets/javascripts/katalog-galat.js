/* Live preview only (`mkdocs serve`): when a source has errors, the site keeps showing the last good
   catalogue and this box lists the errors, file:line, over every page. Fixing the file rebuilds the site,
   the browser reloads, and the list comes back empty. Text is set with textContent: never parsed as HTML. */
(function () {
  "use strict";
  var base = document.querySelector("script[src$='katalog-galat.js']");
  var url = base ? new URL("../../_katalog/galat.json", base.src) : null;
  if (!url) return;
  function show(errors) {
    var old = document.getElementById("katalog-galat");
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("section");
    box.id = "katalog-galat";
    box.setAttribute("role", "alert");
    box.className = "katalog-galat";
    var title = document.createElement("h2");
    title.textContent = errors.length + " kesalahan pada sumber: pratinjau menampilkan versi terakhir yang benar";
    box.appendChild(title);
    var list = document.createElement("ol");
    errors.forEach(function (line) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
    box.appendChild(list);
    var hint = document.createElement("p");
    hint.textContent = "Perbaiki berkas itu dan simpan; halaman ini dimuat ulang sendiri.";
    box.appendChild(hint);
    document.body.insertBefore(box, document.body.firstChild);
  }
  fetch(url, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { kesalahan: [] }; })
    .then(function (data) { show(Array.isArray(data.kesalahan) ? data.kesalahan : []); })
    .catch(function () { /* no list: nothing to show */ });
})();
