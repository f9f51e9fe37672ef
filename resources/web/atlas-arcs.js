/*
 * Litvinov Atlas page script: the great-circle arc of every distinct move, computed here
 * from the two places' coordinates (C.buildArcs).
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * The rule is the one of places.legs.arc_points, which the exports (GeoJSON) use, step for
 * step so that both give the same points (see its docstring): spherical interpolation of
 * unit vectors, a point every ``stepKm`` up to ``maxPoints``,
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

  /** Whole turns to add to a longitude ``delta`` degrees behind the one before (snapped to
   *  1e-9 degree first: over a pole it is 180 give or take the last bit). As places.legs._turns. */
  function turns(delta) { return roundHalfEven(Math.round(delta * 1e9) / 1e9 / 360); }

  function unit(lat, lon) {
    var phi = lat * RAD, lam = lon * RAD;
    return [Math.cos(phi) * Math.cos(lam), Math.cos(phi) * Math.sin(lam), Math.sin(phi)];
  }

  /** The arc from u to v: its angle (by atan2: acos is ill-conditioned near 0 and 180
   *  degrees) and the unit direction of travel at u; due north (east at a pole) where that
   *  is undefined (v beside u or its antipode). As places.legs.arc_points and _tangent. */
  function arcFrom(u, v) {
    var dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    var cx = u[1] * v[2] - u[2] * v[1], cy = u[2] * v[0] - u[0] * v[2], cz = u[0] * v[1] - u[1] * v[0];
    var sinAngle = Math.hypot(cx, cy, cz), w;
    if (sinAngle > 1e-6) {
      w = [(v[0] - dot * u[0]) / sinAngle, (v[1] - dot * u[1]) / sinAngle, (v[2] - dot * u[2]) / sinAngle];
    } else {
      var nx = -u[2] * u[0], ny = -u[2] * u[1], nz = 1 - u[2] * u[2], norm = Math.hypot(nx, ny, nz);
      w = norm > 1e-6 ? [nx / norm, ny / norm, nz / norm] : [0, 1, 0];
    }
    return { angle: Math.atan2(sinAngle, dot), w: w };
  }

  /** Points [j0, j0 + count) of the arc from place a (unit vector u) along arc {angle, w}. */
  function fillArc(lat, lon, j0, count, a, b, u, arc) {
    var theta = arc.angle, w = arc.w;
    for (var i = 0, j = j0; i < count; i++, j++) {
      var f = theta * i / (count - 1), c = Math.cos(f), s = Math.sin(f);
      var x = c * u[0] + s * w[0], y = c * u[1] + s * w[1], z = c * u[2] + s * w[2];
      var reference = i ? lon[j - 1] : a.lon, horizontal = Math.hypot(x, y);
      var lo = horizontal > 1e-12 ? Math.atan2(y, x) * DEG : reference;
      lat[j] = Math.atan2(z, horizontal) * DEG;
      lon[j] = lo + 360 * turns(reference - lo);
    }
    var last = j0 + count - 1;
    lat[j0] = a.lat; lon[j0] = a.lon; lat[last] = b.lat;
    lon[last] = b.lon + 360 * turns(lon[last - 1] - b.lon);
  }

  /**
   * All arcs as flat typed arrays: the points of arc p are lat/lon[offsets[p] ... offsets[p+1]).
   * ``arcs``: {from, to} place indices, stepKm, maxPoints (from the page data).
   */
  function buildArcs(places, arcs) {
    var n = arcs.from.length, offsets = new Int32Array(n + 1), shapes = new Array(n);
    var units = places.map(function (pl) { return unit(pl.lat, pl.lon); }), total = 0, p;
    for (p = 0; p < n; p++) {
      var arc = shapes[p] = arcFrom(units[arcs.from[p]], units[arcs.to[p]]);
      offsets[p] = total;
      total += Math.max(2, Math.min(arcs.maxPoints, Math.ceil(arc.angle * EARTH_RADIUS_KM / arcs.stepKm) + 1));
    }
    offsets[n] = total;
    var lat = new Float64Array(total), lon = new Float64Array(total);
    for (p = 0; p < n; p++) {
      fillArc(lat, lon, offsets[p], offsets[p + 1] - offsets[p], places[arcs.from[p]], places[arcs.to[p]],
              units[arcs.from[p]], shapes[p]);
    }
    return { lat: lat, lon: lon, offsets: offsets };
  }

  C.buildArcs = buildArcs;
})(window.AtlasCore);
