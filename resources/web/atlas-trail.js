/*
 * Litvinov Atlas page script: the trail (legs travelled so far, the faint route ahead, the
 * leg under way and its direction arrows).
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * The whole trail is one Leaflet renderer of our own (TrailRenderer) that draws every leg
 * from typed arrays of zoom-0 Web Mercator pixels, so no Leaflet path object exists per leg:
 *
 * - the route ahead is drawn once per view (pan beyond the padding, or zoom);
 * - the trail so far lives on two canvases: a *base* holding legs [0, B) and a *tail*
 *   holding legs [B, T). Moving forward appends the new legs to the tail (cost: the legs
 *   passed); moving back redraws only the tail; when the tail grows long it is stamped onto
 *   the base. Only moving back past B redraws the base, and it then keeps KEEP_BACK legs of
 *   room in the tail so that a backward drag pays that once per KEEP_BACK legs.
 * - no frame spends more than a few milliseconds drawing the trail: a big redraw (a jump
 *   back, a new view) draws the newest legs at once and the older ones over the next frames,
 *   newest first, so a scrub never waits for the whole trail to be painted. The budget is
 *   time, measured as the legs are drawn, not a count of legs: what a leg costs depends on
 *   its points, the zoom and the machine (a count tuned for one journey let a frame after a
 *   pan spend 15-35 ms on 100,000 legs).
 *
 * A leg that repeats an earlier one (same places, same style) is not drawn again. Points
 * closer than 2 px at the current zoom are skipped (decimation by zoom), legs whose
 * box lies outside the canvas are culled, and paths that cross the antimeridian are cut at
 * the edge of the world and continue on the other side, as the markers are drawn there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C, U) {
  "use strict";

  var A = C.A, STYLE = C.STYLE;

  var ARROWS = 15, FUTURE_UP_TO = 20000, MERGE_AFTER = 2000, KEEP_BACK = 2000, PADDING = 0.1;
  // Up to FINE_UP_TO legs the trail is drawn wide and round; beyond, as hairlines.
  var FINE_UP_TO = 2000;
  // Drawing per frame (ms of drawing calls), in pieces of CHUNK legs timed as they go (a
  // piece of 100 hairline legs takes about 1 ms at 100,000 stays); the rest waits for the
  // next frame. (Forcing each piece to be rasterised at once, to time that too, was measured
  // and made scrubbing slower: Chromium rasterises later in the frame more cheaply.)
  var FRAME_MS = 4, CHUNK = 100;
  var RANK = { tail: 0, base: 1, future: 2 };  // what is drawn first: the newest trail, then the older, then the route ahead
  var WORLD = C.WORLD, HALF = C.HALF, MIN_STEP2 = 4, wrapLon = C.wrapLon, worldX = C.worldX, worldY = C.worldY;

  /** Typed arrays of all path points in world pixels, offsets per path and a box per path,
   *  from the arcs' lat/lon (C.buildArcs). */
  function buildGeometry(arcs) {
    var offsets = arcs.offsets, n = offsets.length - 1, total = offsets[n];
    var G = { X: new Float32Array(total), Y: new Float32Array(total), offsets: offsets, box: new Float32Array(4 * n) };
    for (var p = 0; p < n; p++) projectPath(G, arcs, p);
    return G;
  }

  /** One path's points in world pixels, and its box (the whole width if it wraps). */
  function projectPath(G, arcs, p) {
    var X = G.X, Y = G.Y, j0 = G.offsets[p], j1 = G.offsets[p + 1], box = G.box;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, wraps = false;
    for (var j = j0; j < j1; j++) {
      X[j] = worldX(arcs.lon[j]); Y[j] = worldY(arcs.lat[j]);
      if (j > j0 && Math.abs(X[j] - X[j - 1]) > HALF) wraps = true;
      x0 = Math.min(x0, X[j]); x1 = Math.max(x1, X[j]); y0 = Math.min(y0, Y[j]); y1 = Math.max(y1, Y[j]);
    }
    if (wraps) { x0 = 0; x1 = WORLD; }
    box[4 * p] = x0; box[4 * p + 1] = y0; box[4 * p + 2] = x1; box[4 * p + 3] = y1;
  }

  /** Legs that repeat an earlier leg's line (the same two places, either way, same style):
   *  drawing them again would change no pixel, as the strokes are opaque. */
  function repeatedLegs(legs, placeCount) {
    var n = legs.from.length, repeated = new Uint8Array(n), seen = new Set();
    for (var k = 0; k < n; k++) {
      var a = legs.from[k], b = legs.to[k];
      var key = ((a < b ? a * placeCount + b : b * placeCount + a) * 2) + (legs.inferred[k] ? 1 : 0);
      if (seen.has(key)) repeated[k] = 1; else seen.add(key);
    }
    return repeated;
  }

  /** Trace one path into ctx: scale s, canvas origin (ox, oy) in absolute pixels. */
  function tracePath(ctx, G, p, s, ox, oy) {
    var X = G.X, Y = G.Y, i0 = G.offsets[p], i1 = G.offsets[p + 1];
    var lx = X[i0] * s - ox, ly = Y[i0] * s - oy;
    ctx.moveTo(lx, ly);
    for (var i = i0 + 1; i < i1; i++) {
      var nx = X[i] * s - ox, ny = Y[i] * s - oy, dxw = X[i] - X[i - 1];
      if (dxw > HALF || dxw < -HALF) {
        // Across the antimeridian: run to the edge of the world, continue from the other edge.
        var east = dxw < 0, edge = east ? WORLD : 0;
        var t = (edge - X[i - 1]) / (X[i] + (east ? WORLD : -WORLD) - X[i - 1]);
        var ey = (Y[i - 1] + t * (Y[i] - Y[i - 1])) * s - oy;
        ctx.lineTo(edge * s - ox, ey);
        lx = (east ? 0 : WORLD) * s - ox; ly = ey;
        ctx.moveTo(lx, ly);
      }
      if (i === i1 - 1 || (nx - lx) * (nx - lx) + (ny - ly) * (ny - ly) >= MIN_STEP2) {
        ctx.lineTo(nx, ny); lx = nx; ly = ny;
      }
    }
  }

  // ---- the renderer -----------------------------------------------------------------------

  var TrailRenderer = C.CanvasStack.extend({
    options: { padding: PADDING, className: "atlas-trail", lag: 4, frameMs: FRAME_MS },

    initialize: function (options) {
      L.Renderer.prototype.initialize.call(this, options);
      this.base = 0; this.tail = 0; this.want = 0; this.drawn = false;
      this.queue = []; this.spent = 0; this.ticking = false;
      // Software rasterisation of a wide, round-capped stroke costs about twenty times a
      // one-pixel hairline's, so a long journey draws its trail as hairlines.
      this.fine = A.legCount <= FINE_UP_TO;
    },

    _makeCanvases: function (container) {
      this._canvas.future = L.DomUtil.create("canvas", "atlas-trail-future", container);
      // Strokes are opaque and the opacity is the canvas's: base and tail share one group
      // opacity, so where they overlap they look like one layer, however strokes were batched.
      var past = L.DomUtil.create("div", "atlas-trail-past", container);
      this._canvas.future.style.opacity = STYLE.legFuture.opacity;
      past.style.opacity = STYLE.legPast.opacity;
      this._canvas.base = L.DomUtil.create("canvas", null, past);
      this._canvas.tail = L.DomUtil.create("canvas", null, past);
    },

    /** No pixels for a canvas that will hold nothing: the route ahead of a very long journey,
     *  the base of a short one (its whole trail fits in the tail). */
    _uses: function (role) {
      return role === "future" ? A.legCount <= FUTURE_UP_TO : role === "base" ? A.legCount > KEEP_BACK : true;
    },

    _destroyContainer: function () { C.CanvasStack.prototype._destroyContainer.call(this); this.queue = []; },

    /** Placing the canvases anew clears them: work queued for the old ones is void (_redraw
     *  queues what the new ones need), or legs no longer travelled could land on the base. */
    _place: function () { this.queue = []; C.CanvasStack.prototype._place.call(this); },

    /** A new view: the trail near the current position at once, the rest over the next frames. */
    _redraw: function () {
      this.queue = [];
      this.base = Math.max(0, this.want - KEEP_BACK);
      this.tail = this.base;
      this._advance(this.want);
      this._work("base", 0, this.base);
      if (A.legCount <= FUTURE_UP_TO) this._work("future", 0, A.legCount);
      this._drain();
    },

    /** Show the legs [0, arrived) as travelled. */
    setArrived: function (arrived) {
      this.want = arrived;
      if (!this.drawn) return;
      if (arrived < this.base) {
        // The base holds legs now ahead: draw it anew, keeping room to step back in the tail.
        this.base = Math.max(0, arrived - KEEP_BACK);
        this._clearRole("base");
        this._work("base", 0, this.base);
        this._clearRole("tail");
        this.tail = this.base;
      }
      this._advance(arrived);
      this._drain();
    },

    _advance: function (arrived) {
      if (arrived < this.tail) { this._clearRole("tail"); this.tail = this.base; }
      if (arrived > this.tail) { this._work("tail", this.tail, arrived); this.tail = arrived; }
      if (this.tail - this.base > MERGE_AFTER && !this._queued("tail")) {
        var ctx = this._canvas.base.getContext("2d");
        ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.drawImage(this._canvas.tail, 0, 0); ctx.restore();
        this._clearRole("tail");
        this.base = this.tail;
      }
    },

    _clearRole: function (role) {
      this._clearCanvas(role);
      this.queue = this.queue.filter(function (job) { return job.role !== role; });
    },

    /** Queue legs [from, to) for a canvas, in pieces, newest first: ahead of older work for
     *  the same canvas, behind work for canvases drawn first (see RANK). */
    _work: function (role, from, to) {
      var jobs = [];
      for (var hi = to; hi > from; hi -= CHUNK) jobs.push({ role: role, from: Math.max(from, hi - CHUNK), to: hi });
      var at = 0, rank = RANK[role];
      while (at < this.queue.length && RANK[this.queue[at].role] < rank) at++;
      Array.prototype.splice.apply(this.queue, [at, 0].concat(jobs));
    },

    /** Drawing still to come, legs queued for later frames included. */
    busy: function () { return C.CanvasStack.prototype.busy.call(this) || this.queue.length > 0; },

    _queued: function (role) { return this.queue.some(function (job) { return job.role === role; }); },

    /** Draw queued pieces while this frame's budget lasts (the first piece of the newest trail
     *  in any case: a step forward always shows the legs it passed), the rest later. */
    _drain: function () {
      var first = true;
      while (this.queue.length && (this.spent < this.options.frameMs || (first && this.queue[0].role === "tail"))) {
        var job = this.queue.shift(), t0 = performance.now();
        this._draw(job.role, job.from, job.to);
        this.spent += performance.now() - t0;
        first = false;
      }
      this._tick();
    },

    /** Once a frame: a fresh budget, spent on the queued work. */
    _tick: function () {
      if (this.ticking || (!this.spent && !this.queue.length)) return;
      this.ticking = true;
      var self = this;
      requestAnimationFrame(function () {
        self.ticking = false;
        self.spent = 0;
        if (!self.drawn) return;  // placed anew, not drawn yet: _redraw starts over
        self._drain();
        if (!self._queued("tail")) { self._advance(self.want); self._drain(); }  // a merge may have waited for the tail's work
      });
    },

    /** Draw legs [from, to): certain ones solid, inferred ones dashed, two strokes in all. */
    _draw: function (role, from, to) {
      if (to <= from) return;
      var ctx = this._canvas[role].getContext("2d"), G = A.geometry, L_ = A.data.legs, s = this._scale;
      var pathOf = L_.pathOf, inferred = L_.inferred, repeated = G.repeated, box = G.box;
      var style = role === "future" ? STYLE.legFuture : STYLE.legPast;
      var dash = role === "future" ? [3, 5] : [6, 5];
      ctx.strokeStyle = style.color;
      if (this.fine) { ctx.lineWidth = style.weight; ctx.lineCap = "round"; ctx.lineJoin = "round"; }
      else { ctx.lineWidth = 1 / this._dpr; ctx.lineCap = "butt"; ctx.lineJoin = "miter"; }
      for (var pass = 0; pass < 2; pass++) {
        ctx.beginPath();
        var any = false;
        for (var k = from; k < to; k++) {
          if (inferred[k] !== pass || repeated[k]) continue;
          var p = pathOf[k];
          if (!this._inView(box, 4 * p)) continue;
          tracePath(ctx, G, p, s, this._ox, this._oy);
          any = true;
        }
        if (any) { ctx.setLineDash(pass ? dash : []); ctx.stroke(); }
      }
      A.legsDrawn += to - from;
    }
  });

  // ---- the leg under way and the arrows (a few Leaflet paths on one SVG) ---------------------

  /** A path's points up to index ``upTo`` (fractional: part way along a segment; default:
   *  all) as Leaflet lat/lngs, wrapped to [-180, 180] and cut at the antimeridian. */
  function latLngParts(p, upTo) {
    var arcs = A.arcs, j0 = arcs.offsets[p], count = arcs.offsets[p + 1] - j0, pts = [], i;
    var end = upTo === undefined ? count - 1 : Math.max(0, Math.min(count - 1, upTo)), whole = Math.floor(end);
    for (i = 0; i <= whole; i++) pts.push([arcs.lat[j0 + i], arcs.lon[j0 + i]]);
    if (end > whole) pts.push(interpolate(pts[whole], [arcs.lat[j0 + whole + 1], arcs.lon[j0 + whole + 1]], end - whole));
    var parts = [[]], last = null;
    for (i = 0; i < pts.length; i++) {
      var w = [pts[i][0], wrapLon(pts[i][1])];
      if (last && Math.abs(w[1] - last[1]) > 180) {
        var east = w[1] < last[1], edge = east ? 180 : -180;
        var t = (edge - last[1]) / (w[1] + (east ? 360 : -360) - last[1]);
        var lat = last[0] + t * (w[0] - last[0]);
        parts[parts.length - 1].push([lat, edge]);
        parts.push([[lat, -edge]]);
      }
      parts[parts.length - 1].push(w);
      last = w;
    }
    return parts;
  }

  function interpolate(a, b, t) { return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]; }

  function updateArrows(arrived) {
    if (!L.polylineDecorator) return;
    var lo = Math.max(0, arrived - ARROWS);
    Object.keys(A.arrows).forEach(function (key) {
      var k = +key;
      if (k < lo || k >= arrived) { A.trail.removeLayer(A.arrows[k]); delete A.arrows[k]; A.trailOps++; }
    });
    for (var k = lo; k < arrived; k++) {
      if (A.arrows[k]) continue;
      A.arrows[k] = L.polylineDecorator(L.polyline(latLngParts(A.data.legs.pathOf[k])), {
        patterns: [{ offset: "55%", repeat: 0, symbol: L.Symbol.arrowHead({
          pixelSize: 9, polygon: true,
          pathOptions: { stroke: false, fill: true, fillColor: STYLE.legPast.color, fillOpacity: 0.9, interactive: false, renderer: A.legsSvg }
        }) }]
      });
      A.trail.addLayer(A.arrows[k]);
      A.trailOps++;
    }
  }

  function updateTrail(arrived) {
    A.trailRenderer.setArrived(arrived);
    updateArrows(arrived);
    A.legsArrived = arrived;
    A.trailOps++;
  }

  function updatePartial(travelLeg, progress) {
    if (travelLeg < 0) {
      if (A.travelLeg >= 0) A.partial.setLatLngs([]);
      A.travelLeg = -1;
      return;
    }
    var p = A.data.legs.pathOf[travelLeg], count = A.arcs.offsets[p + 1] - A.arcs.offsets[p];
    var parts = latLngParts(p, progress * (count - 1));
    A.partial.setLatLngs(parts);
    A.partial.setStyle({ dashArray: A.data.legs.inferred[travelLeg] ? "6 5" : null });
    A.travelLeg = travelLeg;
    var lastPart = parts[parts.length - 1];
    A.travelPoint = lastPart[lastPart.length - 1];
  }

  /** The legs' points and boxes (typed arrays), before any layer exists: see init in atlas.js. */
  function prepareLegs() {
    var legs = A.data.legs;
    A.legCount = legs.from.length;
    A.arcs = C.buildArcs(A.data.places, legs.arcs);
    A.geometry = buildGeometry(A.arcs);
    A.geometry.repeated = repeatedLegs(legs, A.data.places.length);
  }

  /** The trail's layers, from the prepared legs. */
  function buildLegs(map) {
    A.arrows = {}; A.trailOps = 0; A.legsDrawn = 0;
    A.legsSvg = L.svg({ pane: "atlasLegs", padding: 0.3 });
    A.trailRenderer = new TrailRenderer({ pane: "atlasLegsPast" });
    A.trail = L.layerGroup([A.trailRenderer]).addTo(map);
    A.partial = L.polyline([], L.extend({ renderer: A.legsSvg, interactive: false }, STYLE.partial));
    A.partial.addTo(A.trail);
  }

  C.prepareLegs = prepareLegs;
  C.buildLegs = buildLegs;
  C.updateTrail = updateTrail;
  C.updatePartial = updatePartial;
  C.latLngParts = latLngParts;
})(window.AtlasCore, window.AtlasUtil);
