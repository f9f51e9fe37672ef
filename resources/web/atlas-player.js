/*
 * Litvinov Atlas page script: the standalone page's own time slider.
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C, U) {
  "use strict";

  var A = C.A;
  var labelAt = U.labelAt, isoAt = U.isoAt, parseDay = U.parseDay, el = U.el;

  /** "in Kiev — Russian Empire", "travelling Stockholm → Copenhagen", "whereabouts unknown". */
  function statusText() {
    var polity = A.status === "stay" ? C.polityOf(A.currentPlace) : null;
    return C.describe() + (polity ? " \u2014 " + polity : "");
  }

  /** Keep the date in the address, so a copied link opens at it; follow a date typed there. */
  function linkDate() {
    var timer = null;
    A.onSeek.push(function () {
      if (timer !== null) return;
      timer = setTimeout(function () {
        timer = null;
        try { history.replaceState(null, "", "#" + isoAt(A.day, C.precisionShown())); } catch (e) { /* a sandboxed frame */ }
      }, 250);
    });
    window.addEventListener("hashchange", function () {
      try {
        var day = parseDay(decodeURIComponent(window.location.hash.slice(1)));
        if (day !== A.day) C.seek(Math.max(A.data.range[0], Math.min(A.data.range[1], day)));
      } catch (e) { /* not a date: ignore */ }
    });
  }

  // ---- standalone page: its own time slider -------------------------------------------------

  function initStandalone() {
    var D = A.data;
    var Control = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "atlas-player");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var play = el("button", "atlas-play", "\u25b6");
        play.type = "button";
        play.title = "Play / pause (space)";
        var slider = el("input", "atlas-slider");
        slider.type = "range"; slider.min = D.range[0]; slider.max = D.range[1]; slider.step = 1; slider.value = A.day;
        slider.setAttribute("aria-label", "Date");
        var speed = el("select", "atlas-speed");
        [["30", "1 month/s"], ["365", "1 year/s"], ["1826", "5 years/s"]].forEach(function (o, n) {
          var opt = el("option", null, o[1]); opt.value = o[0]; if (n === 1) opt.selected = true; speed.appendChild(opt);
        });
        var date = el("div", "atlas-date-label"), status = el("div", "atlas-status-label");
        var row = el("div", "atlas-row");
        row.appendChild(play); row.appendChild(slider); row.appendChild(speed);
        box.appendChild(row); box.appendChild(date); box.appendChild(status);
        var playing = false, last = null, carry = 0;
        function show() {
          var text = statusText();
          date.textContent = labelAt(A.day, C.precisionShown()); status.textContent = text; status.title = text;  // whole, if cut
          slider.value = A.day;
        }
        function frame(t) {
          if (!playing) return;
          if (last !== null) {
            carry += (t - last) / 1000 * (+speed.value);
            var step = Math.floor(carry);
            if (step > 0) { carry -= step; C.seek(Math.min(D.range[1], A.day + step)); }
            if (A.day >= D.range[1]) { toggle(); }
          }
          last = t;
          requestAnimationFrame(frame);
        }
        function toggle() {
          playing = !playing; last = null; carry = 0;
          play.textContent = playing ? "\u275a\u275a" : "\u25b6";
          if (playing) { if (A.day >= D.range[1]) C.seek(D.range[0]); requestAnimationFrame(frame); }
        }
        play.addEventListener("click", toggle);
        slider.addEventListener("input", function () { C.seek(+slider.value); });
        document.addEventListener("keydown", function (ev) {
          if (ev.code === "Space" && ev.target === document.body) { ev.preventDefault(); toggle(); }
        });
        A.onSeek.push(show);
        show();
        return box;
      }
    });
    new Control().addTo(A.map);
    linkDate();
  }


  C.initStandalone = initStandalone;
})(window.AtlasCore, window.AtlasUtil);
