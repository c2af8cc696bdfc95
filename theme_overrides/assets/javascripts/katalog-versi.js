// A printed SOP page carries a QR code of its address with the version printed (?versi=…). Opened from it,
// the page says whether that printout is the current version: it compares the version in the address with
// its own (data-kat-versi, written by the build). Text only (textContent): nothing from the address becomes
// markup.
(function () {
  "use strict";

  function check() {
    var note = document.querySelector("[data-kat-versi]");
    if (!note) return;
    var printed = new URL(location.href).searchParams.get("versi");
    if (!printed) {
      note.hidden = true;
      return;
    }
    printed = printed.slice(0, 80);
    var current = note.getAttribute("data-kat-versi");
    var retired = document.querySelector(".kat-status-digantikan, .kat-status-dicabut");
    var text;
    if (printed === current) {
      note.className = "kat-versi-cek kat-versi-terbaru";
      text = "Cetakan yang Anda periksa (versi " + printed + ") adalah versi terbaru SOP ini.";
    } else {
      note.className = "kat-versi-cek kat-versi-lama";
      text = "Cetakan yang Anda periksa (versi " + printed + ") bukan versi terbaru. Versi terbaru: " +
        current + "; gunakan isi halaman ini.";
    }
    if (retired) text += " SOP ini sudah tidak berlaku: lihat keterangan di bawah.";
    note.textContent = text;
    note.hidden = false;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(check);  // first load and every instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", check);
  }
})();
