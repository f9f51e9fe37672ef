/*
 * Litvinov Atlas page script: borders of the time.
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C, U) {
  "use strict";

  var A = C.A;
  var bisectRight = U.bisectRight, dateOfDay = U.dateOfDay, el = U.el;

  // ---- borders of the time -----------------------------------------------------------------

  /** The key of the border set in force on a day: the latest year at or before it. */
  function borderKeyFor(day) {
    var years = A.data.borders.years, year = dateOfDay(day).getUTCFullYear();
    var i = bisectRight(years, year) - 1;
    return String(years[Math.max(0, i)]);
  }

  /** The borders are the "borders" layer of the basemap canvas (A.basemapCanvas, built first). */
  function buildBorders(map, sets) {
    A.borderSets = sets || {};
    A.borderPolygons = {};  // set key -> prepared polygons
    A.bordersMode = Object.keys(A.borderSets).length ? "historical" : "modern";
    A.bordersKey = null;
    A.bordersToggle = L.layerGroup();
    var Label = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "atlas-borders-label");
        A.bordersLabel = el("span", null, "");
        A.polityLabel = el("span", "atlas-polity", "");
        box.appendChild(A.bordersLabel); box.appendChild(A.polityLabel);
        return box;
      }
    });
    new Label().addTo(map);
    watchPointer(map);
    A.onSeek.push(updateBorders);
    A.stateExtras.push(function (s) {
      s.borders = A.bordersMode === "historical" ? A.bordersKey : "modern";
      if (s.place) s.place.polity = polityOf(A.currentPlace);
    });
  }

  /** A set's polygons, prepared on first use (the neighbours of the set shown are prepared
   *  in idle time), so switching sets while scrubbing is a redraw, never a parse. */
  function borderPolygons(key) {
    if (!A.borderPolygons[key]) A.borderPolygons[key] = C.preparePolygons(setData(key));
    return A.borderPolygons[key];
  }

  /** A set's polygons; a set arrives as JSON text and is parsed on first use. */
  function setData(key) {
    var set = A.borderSets[key];
    if (typeof set === "string") set = A.borderSets[key] = JSON.parse(set);
    return set;
  }

  /** In idle time, make the layers of the sets just before and after the one shown, so a
   *  scrub never waits for its next set; sets further off are made when first reached. */
  function preloadBorders() {
    var keys = Object.keys(A.borderSets).sort(), at = keys.indexOf(A.bordersKey);
    var next = [keys[at + 1], keys[at - 1]].filter(function (k) { return k !== undefined && !A.borderPolygons[k]; });
    if (next.length) { borderPolygons(next[0]); setTimeout(preloadBorders, 30); }
  }

  // ---- the polity under the pointer ---------------------------------------------------------
  //
  // The basemap canvas lies under the places and the trail, so they never get the pointer;
  // the map's own mousemove asks which polygon of the set shown holds the point instead
  // (boxes first, then ray casting), at most once a frame.

  function ringHolds(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function polygonHolds(rings, x, y) {
    if (!ringHolds(rings[0], x, y)) return false;
    for (var h = 1; h < rings.length; h++) if (ringHolds(rings[h], x, y)) return false;
    return true;
  }

  function boxOf(geometry) {
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates, b = [Infinity, Infinity, -Infinity, -Infinity];
    polys.forEach(function (rings) {
      rings[0].forEach(function (pt) {
        b[0] = Math.min(b[0], pt[0]); b[1] = Math.min(b[1], pt[1]); b[2] = Math.max(b[2], pt[0]); b[3] = Math.max(b[3], pt[1]);
      });
    });
    return b;
  }

  /** The name of the polity at a point in a border set, or null. */
  function polityAt(key, lat, lon) {
    var set = A.borderSets[key] ? setData(key) : null;
    if (!set) return null;
    if (!set._boxes) set._boxes = set.features.map(function (f) { return f.geometry ? boxOf(f.geometry) : null; });
    for (var i = 0; i < set.features.length; i++) {
      var b = set._boxes[i], f = set.features[i];
      if (!b || lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3] || !f.properties.name) continue;
      var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (var k = 0; k < polys.length; k++) if (polygonHolds(polys[k], lon, lat)) return f.properties.name;
    }
    return null;
  }

  /** Name the polity under the pointer. The name follows the map as well as the pointer: a
   *  follow pan or a new border set under a still pointer names what is under it now (it
   *  kept the old name). Over a control or a popup, no polity is named. */
  function watchPointer(map) {
    var pending = null, last = null;
    function name(ll) {
      showPolity(A.bordersMode === "historical" && A.bordersKey !== null ? polityAt(A.bordersKey, ll.lat, C.wrapLon(ll.lng)) : null);
    }
    map.on("mousemove", function (ev) {
      var target = ev.originalEvent && ev.originalEvent.target;
      if (target && target.closest && target.closest(".leaflet-control, .leaflet-popup")) { pending = last = null; showPolity(null); return; }
      last = ev.containerPoint;
      if (pending === null) requestAnimationFrame(function () {
        var ll = pending; pending = null;
        if (ll) name(ll);
      });
      pending = ev.latlng;
    });
    function gone() { pending = last = null; showPolity(null); }
    map.on("mouseout", gone);
    // Leaflet's mouseout may not come when the pointer leaves the page for the app's panels
    // (a review saw the name stay): the container's own mouseleave, and the window's blur.
    map.getContainer().addEventListener("mouseleave", gone);
    window.addEventListener("blur", gone);
    A.renamePolity = function () { if (last) name(map.containerPointToLatLng(last)); else showPolity(null); };
    map.on("moveend", A.renamePolity);
  }

  /** The polity of place ``index`` on the day shown, saying how far the sets can tell: where
   *  the set in force and the next one name different states, the state of the day if the
   *  change is dated (A.data.borders.transitions), else both pictures ("Russian Empire on the
   *  1914 map, Ukrainian SSR on the 1920 map"); before the first set or after the last, the
   *  set standing in is named. The rule of places.borders.polity_on. */
  function polityOf(index) {
    if (index < 0) return null;
    var precision = C.precisionShown(), d = dateOfDay(A.day), last = A.day;
    if (precision === 2) last = dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;  // the next month's 1st (13 rolls over), less a day
    if (precision === 1) last = dayOf(d.getUTCFullYear(), 11, 31);
    return polityOver(index, A.day, last);
  }

  /** The polity over days first..last (a date known to the month or the year): the state of
   *  its first day, and each dated change within it ("Russian SFSR, then USSR from 30
   *  December 1922"). The rule of places.borders.polity_over. */
  function polityOver(index, first, last) {
    var said = polityOn(index, first);
    if (A.bordersMode !== "historical" || last <= first) return said;
    var days = changeDays(), setStarts = days.setStarts, setEnds = days.setEnds;
    var changes = days.all.filter(function (day) { return day > first && day <= last; });
    var parts = [said !== null ? said : "no state"], now = said;
    changes.forEach(function (day) {
      var then = polityOn(index, day);
      if (then === now || then === null) return;
      var year = setStarts[day];
      if (year !== undefined) {  // a new set: no date of its own; it may resolve the two maps' answer
        var onSet = then + " on the " + year + " map";
        if ((now || "").slice(-onSet.length) !== onSet) parts.push(onSet);
      } else if (setEnds[day] !== undefined) {  // after a set's own year, no dated change: the two maps
        parts.push("uncertain after " + setEnds[day] + " (" + then + ")");
      } else if (/ map$/.test(then)) {  // from this day no one state
        parts.push("uncertain from " + U.labelOfDay(day) + " (" + then + ")");
      } else {
        parts.push(then + " from " + U.labelOfDay(day));
      }
      now = then;
    });
    return parts.length > 1 ? parts.join(", then ") : said;
  }

  /** The days a polity can change on, worked out once (places.borders._change_days): each
   *  set's first day, the day after each set's own year, and every dated step. */
  function changeDays() {
    if (A.changeDays) return A.changeDays;
    var all = [], setStarts = {}, setEnds = {};
    function add(day) { if (all.indexOf(day) < 0) all.push(day); }
    (A.data.borders.transitions || []).forEach(function (t) { t[2].forEach(function (step) { add(step[0]); }); });
    A.data.borders.years.forEach(function (y) {
      var start = dayOf(y, 0, 1), end = dayOf(y + 1, 0, 1);  // a set's year over: its map no longer a fact
      setStarts[start] = y; setEnds[end] = y; add(start); add(end);
    });
    all.sort(function (a, b) { return a - b; });
    return (A.changeDays = { all: all, setStarts: setStarts, setEnds: setEnds });
  }

  function polityOn(index, day) {
    var tables = A.data.borders.polity;
    if (A.bordersMode !== "historical") return tables.modern && tables.modern[index] ? tables.modern[index] + " (today's borders)" : null;
    var key = borderKeyFor(day), table = tables[key];
    if (!table) return null;
    var here = table[index], year = dateOfDay(day).getUTCFullYear(), setYear = +key;
    if (year === setYear) return here;
    var later = A.data.borders.years.filter(function (y) { return y > year && tables[String(y)]; });
    if (year < setYear || !later.length) return onMap(here, setYear);
    var there = tables[String(later[0])][index];
    if (stateOf(here) === stateOf(there)) return here;
    var steps = transitionOf(stateOf(here), stateOf(there));
    if (steps && steps[0][0] > dayOf(setYear, 11, 31) && steps[steps.length - 1][0] < dayOf(later[0], 0, 1)) {
      var final = steps[steps.length - 1];
      if (day >= final[0] && final[1] !== null) return there;
      var name = here;
      for (var s = steps.length - 1; s >= 0; s--) if (day >= steps[s][0]) { name = steps[s][1]; break; }
      if (name !== null) return name;  // null: from that day, no one date: the two maps
    }
    return onMap(here, setYear) + ", " + onMap(there, later[0]);
  }

  /** The state a polity label names, whatever the set calls it (places.borders.state_of). */
  function stateOf(label) {
    if (label === null || label === undefined) return null;
    var name = label.replace(/\s*\([^()]*\)$/, "") || label;
    var same = A.data.borders.sameState || {};
    return Object.prototype.hasOwnProperty.call(same, name) ? same[name] : name;
  }

  /** The dated steps from one state to another, [[day, name], ...], or null. */
  function transitionOf(from, to) {
    var all = A.data.borders.transitions || [];
    for (var i = 0; i < all.length; i++) if (all[i][0] === from && all[i][1] === to) return all[i][2];
    return null;
  }

  function dayOf(year, month, date) { return U.parseDay(String(year) + "-" + pad2(month + 1) + "-" + pad2(date)); }

  function pad2(n) { return n < 10 ? "0" + n : String(n); }

  function onMap(label, year) { return (label || "no state") + " on the " + year + " map"; }

  function setPolities(table) { A.data.borders.polity = table || {}; return true; }

  function showPolity(name) { if (A.polityLabel) A.polityLabel.textContent = name ? " \u00b7 " + name : ""; }

  function updateBorders() {
    if (A.bordersMode !== "historical" || A.day === null) return;
    var key = borderKeyFor(A.day);
    // Before the first set there is no set "in force": say that the earliest one stands in.
    var label = "Borders of " + key + (dateOfDay(A.day).getUTCFullYear() < +key ? " (the earliest set)" : "");
    if (label !== A.bordersLabel.textContent) A.bordersLabel.textContent = label;
    if (key === A.bordersKey) return;
    A.basemapCanvas.show("borders", borderPolygons(key), C.STYLE.polities);
    A.bordersKey = key;
    A.renamePolity();
    if (A.ready) setTimeout(preloadBorders, 200);
  }

  function setBorders(mode) {
    var historical = mode !== "modern" && Object.keys(A.borderSets).length > 0;
    A.bordersKey = null;
    A.bordersMode = historical ? "historical" : "modern";
    if (historical) { updateBorders(); if (!A.map.hasLayer(A.bordersToggle)) A.bordersToggle.addTo(A.map); }
    else {
      if (!A.modernBorders && A.modernBordersData) A.modernBorders = C.preparePolygons(A.modernBordersData);
      A.basemapCanvas.show("borders", A.modernBorders || null, C.STYLE.borders);
      A.bordersLabel.textContent = "Modern borders (Natural Earth)";
      A.renamePolity();
      if (A.map.hasLayer(A.bordersToggle)) A.bordersToggle.remove();
    }
    return A.bordersMode;
  }


  C.buildBorders = buildBorders;
  C.setBorders = setBorders;
  C.polityOf = polityOf;
  C.setPolities = setPolities;
  C.preloadBorders = preloadBorders;
  C.polityAt = polityAt;
})(window.AtlasCore, window.AtlasUtil);
