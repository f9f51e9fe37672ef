/*
 * Litvinov Atlas page script: the trail: past chunks, the moving tail, arrows.
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C, U) {
  "use strict";

  var A = C.A, STYLE = C.STYLE;

  // ---- the trail ----------------------------------------------------------------------------
  //
  // Future legs are one static layer, drawn once. The past trail is cut into chunks of
  // CHUNK legs, each chunk one multi-polyline: a seek shows or hides whole chunks and
  // rewrites only the chunk it ends in, so a step costs O(CHUNK) whatever the journey's size.
  // Direction arrows follow the last ARROWS legs only. Very long journeys skip the faint
  // future route (every pan re-clips every path Leaflet holds) and draw legs as chords.

  var CHUNK = 200, ARROWS = 15, STRAIGHT_ABOVE = 5000, FUTURE_UP_TO = 2000;

  function legPath(k) {
    var flat = A.data.legs.path[k], out = [];
    if (A.legCount > STRAIGHT_ABOVE && flat.length > 4) {
      // Decimated: a very long journey draws its legs as chords, end to end.
      return [[flat[0], flat[1]], [flat[flat.length - 2], flat[flat.length - 1]]];
    }
    for (var i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
    return out;
  }

  function legLatLngs(ks) {
    return ks.map(function (k) { return legPath(k); });
  }

  function splitByInference(from, to) {
    var certain = [], inferred = [];
    for (var k = from; k < to; k++) (A.data.legs.inferred[k] ? inferred : certain).push(k);
    return [certain, inferred];
  }

  function trailPair(from, to, style, renderer) {
    var parts = splitByInference(from, to);
    return [
      L.polyline(legLatLngs(parts[0]), L.extend({ renderer: renderer, interactive: false }, style)),
      L.polyline(legLatLngs(parts[1]), L.extend({ renderer: renderer, interactive: false }, style, { dashArray: style === STYLE.legPast ? "6 5" : "3 5" }))
    ];
  }

  function setChunkShown(c, shown) {
    var pair = A.chunks[c];
    if (!pair) pair = A.chunks[c] = trailPair(c * CHUNK, Math.min((c + 1) * CHUNK, A.legCount), STYLE.legPast, A.chunkRenderer);
    pair.forEach(function (line) { if (shown) A.trail.addLayer(line); else A.trail.removeLayer(line); });
    A.trailOps++;
  }

  function updateTrail(arrived) {
    var oldFull = Math.floor(A.legsArrived / CHUNK), full = Math.floor(arrived / CHUNK);
    for (var c = Math.min(oldFull, full); c < Math.max(oldFull, full); c++) setChunkShown(c, c < full);
    var parts = splitByInference(full * CHUNK, arrived);
    A.pastTail[0].setLatLngs(legLatLngs(parts[0]));
    A.pastTail[1].setLatLngs(legLatLngs(parts[1]));
    A.trailOps++;
    updateArrows(arrived);
    A.legsArrived = arrived;
  }

  function updateArrows(arrived) {
    if (!L.polylineDecorator) return;
    var lo = Math.max(0, arrived - ARROWS);
    Object.keys(A.arrows).forEach(function (k) {
      if (k < lo || k >= arrived) { A.trail.removeLayer(A.arrows[k]); delete A.arrows[k]; A.trailOps++; }
    });
    for (var k = lo; k < arrived; k++) {
      if (A.arrows[k]) continue;
      A.arrows[k] = L.polylineDecorator(L.polyline(legPath(k)), {
        patterns: [{ offset: "55%", repeat: 0, symbol: L.Symbol.arrowHead({
          pixelSize: 9, polygon: true,
          pathOptions: { stroke: false, fill: true, fillColor: STYLE.legPast.color, fillOpacity: 0.9, interactive: false, pane: "atlasLegs" }
        }) }]
      });
      A.trail.addLayer(A.arrows[k]);
      A.trailOps++;
    }
  }

  function buildLegs(map) {
    A.legCount = A.data.legs.from.length;
    var futureRenderer = L.canvas({ pane: "atlasLegsFuture", padding: 0.3 });
    // Whole past chunks and the moving tail live on separate canvases: a step inside a chunk
    // repaints only the tail's canvas, never the whole trail.
    A.chunkRenderer = L.canvas({ pane: "atlasLegsPast", padding: 0.3 });
    A.pastRenderer = L.canvas({ pane: "atlasLegs", padding: 0.3 });
    A.future = L.layerGroup(A.legCount <= FUTURE_UP_TO ? trailPair(0, A.legCount, STYLE.legFuture, futureRenderer) : []).addTo(map);
    A.trail = L.layerGroup().addTo(map);
    A.chunks = []; A.arrows = {}; A.trailOps = 0;
    A.pastTail = trailPair(0, 0, STYLE.legPast, A.pastRenderer);
    A.pastTail.forEach(function (line) { A.trail.addLayer(line); });
    A.partial = L.polyline([], L.extend({ renderer: A.pastRenderer, interactive: false }, STYLE.partial));
    A.partial.addTo(A.trail);
  }

  function updatePartial(travelLeg, progress) {
    if (travelLeg < 0) {
      if (A.travelLeg >= 0) A.partial.setLatLngs([]);
      A.travelLeg = -1;
      return;
    }
    var path = legPath(travelLeg), n = path.length - 1, pos = progress * n, whole = Math.floor(pos);
    var pts = path.slice(0, whole + 1);
    if (whole < n) pts.push(interpolate(path[whole], path[whole + 1], pos - whole));
    A.partial.setLatLngs(pts);
    A.partial.setStyle({ dashArray: A.data.legs.inferred[travelLeg] ? "6 5" : null });
    A.travelLeg = travelLeg;
    A.travelPoint = pts[pts.length - 1];
  }

  function interpolate(a, b, t) { return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]; }


  C.buildLegs = buildLegs;
  C.updateTrail = updateTrail;
  C.updatePartial = updatePartial;
})(window.AtlasCore, window.AtlasUtil);
