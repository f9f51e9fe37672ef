/*
 * Litvinov Atlas page script: the great-circle arc of every distinct move, computed here
 * from the two places' coordinates (C.buildArcs).
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * The rule is the one of places.legs.arc_points, which the exports (GeoJSON, KML) use:
 * spherical interpolation of unit vectors, a point every ``stepKm`` up to ``maxPoints``,
 * longitudes unwrapped so that an arc runs the short way round (it may pass 180; the trail
 * cuts it at the antimeridian). The page data sends only which two places each arc joins:
 * sending the points made the data of a 100,000-stay journey 30 MB (1.4 million points),
 * which cost seconds to write, load and parse; computing them here takes tens of ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C) {
  "use strict";

  var EARTH_RADIUS_KM = 6371.0088, RAD = Math.PI / 180, DEG = 180 / Math.PI;

  /** Python's round(): halves go to the even neighbour (Math.round sends them up). */
  function roundHalfEven(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  function unit(lat, lon) {
    var phi = lat * RAD, lam = lon * RAD;
    return [Math.cos(phi) * Math.cos(lam), Math.cos(phi) * Math.sin(lam), Math.sin(phi)];
  }

  function angleBetween(u, v) {
    return Math.acos(Math.max(-1, Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2])));
  }

  /** Points [j0, j0 + count) of the arc from place a to place b (unit vectors u, v, angle theta). */
  function fillArc(lat, lon, j0, count, a, b, u, v, theta) {
    var sinTheta = Math.sin(theta);
    for (var i = 0, j = j0; i < count; i++, j++) {
      var x = u[0], y = u[1], z = u[2];
      if (theta >= 1e-9) {
        var t = i / (count - 1), f1 = Math.sin((1 - t) * theta) / sinTheta, f2 = Math.sin(t * theta) / sinTheta;
        x = f1 * u[0] + f2 * v[0]; y = f1 * u[1] + f2 * v[1]; z = f1 * u[2] + f2 * v[2];
      }
      var lo = Math.atan2(y, x) * DEG, reference = i ? lon[j - 1] : a.lon;
      lat[j] = Math.atan2(z, Math.hypot(x, y)) * DEG;
      lon[j] = lo + 360 * roundHalfEven((reference - lo) / 360);
    }
    var last = j0 + count - 1;
    lat[j0] = a.lat; lon[j0] = a.lon; lat[last] = b.lat;
    lon[last] = b.lon + 360 * roundHalfEven((lon[last - 1] - b.lon) / 360);
  }

  /**
   * All arcs as flat typed arrays: the points of arc p are lat/lon[offsets[p] ... offsets[p+1]).
   * ``arcs``: {from, to} place indices, stepKm, maxPoints (from the page data).
   */
  function buildArcs(places, arcs) {
    var n = arcs.from.length, offsets = new Int32Array(n + 1), angles = new Float64Array(n);
    var units = places.map(function (pl) { return unit(pl.lat, pl.lon); }), total = 0, p;
    for (p = 0; p < n; p++) {
      var angle = angleBetween(units[arcs.from[p]], units[arcs.to[p]]);
      angles[p] = angle;
      offsets[p] = total;
      total += Math.max(2, Math.min(arcs.maxPoints, Math.ceil(angle * EARTH_RADIUS_KM / arcs.stepKm) + 1));
    }
    offsets[n] = total;
    var lat = new Float64Array(total), lon = new Float64Array(total);
    for (p = 0; p < n; p++) {
      fillArc(lat, lon, offsets[p], offsets[p + 1] - offsets[p], places[arcs.from[p]], places[arcs.to[p]],
              units[arcs.from[p]], units[arcs.to[p]], angles[p]);
    }
    return { lat: lat, lon: lon, offsets: offsets };
  }

  C.buildArcs = buildArcs;
})(window.AtlasCore);
