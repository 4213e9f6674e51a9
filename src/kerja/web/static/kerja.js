// kerja layan: the only script (no inline script anywhere; the CSP forbids it).
// 1. A check-in form marked data-lokasi asks the browser for its location once, fills the hidden
//    lat/lon/akurasi fields and then submits; without permission (or without HTTPS) it submits
//    without a location. The time is always the server's.
// 2. A checkbox with data-pilih-semua="NAME" ticks every checkbox named NAME in its form.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-lokasi]").forEach(function (form) {
      var pressed = null;
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.addEventListener("click", function () { pressed = b; });
      });
      form.addEventListener("submit", function (ev) {
        if (form.dataset.siap === "1" || !navigator.geolocation) { return; }
        ev.preventDefault();
        var sent = false;
        var go = function () {
          if (sent) { return; }
          sent = true;
          form.dataset.siap = "1";
          if (pressed && pressed.name) {
            var keep = document.createElement("input");
            keep.type = "hidden"; keep.name = pressed.name; keep.value = pressed.value;
            form.appendChild(keep);
          }
          form.submit();
        };
        var timer = setTimeout(go, 8000);
        navigator.geolocation.getCurrentPosition(function (pos) {
          clearTimeout(timer);
          form.elements.lat.value = pos.coords.latitude;
          form.elements.lon.value = pos.coords.longitude;
          form.elements.akurasi.value = Math.round(pos.coords.accuracy);
          go();
        }, function () { clearTimeout(timer); go(); }, { enableHighAccuracy: true, timeout: 7000, maximumAge: 60000 });
      });
    });
    document.querySelectorAll("input[data-pilih-semua]").forEach(function (all) {
      all.addEventListener("change", function () {
        var name = all.getAttribute("data-pilih-semua");
        all.form.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(function (c) {
          c.checked = all.checked;
        });
      });
    });
  });
})();
