/*
 * Litvinov Atlas page script: canvases of our own, drawn from typed arrays.
 * Part of window.atlas (see atlas.js); shares its state through window.AtlasCore.
 *
 * Leaflet's own canvas renderer keeps an object per path and a LatLng per point, projects
 * them all on every zoom and redraws them all on every change. The basemap (tens of
 * thousands of points) and the trail (up to hundreds of thousands of legs) instead keep their
 * points once, as zoom-0 Web Mercator pixels in typed arrays, and draw them straight onto
 * canvases: no object per point, nothing to project, culling by box.
 *
 * - CanvasStack: a Leaflet renderer holding a few canvases in one container, placed like
 *   Leaflet's (a margin of padding around the view, moved with the map, scaled during zoom
 *   animations). It draws anew only when the view leaves its canvases or the zoom changes.
 * - PanLag (also on LaggingCanvas, Leaflet's canvas renderer, for the places): after a pan
 *   the old drawing stays where it is (it still shows the right places, as Leaflet's own
 *   layers do while a map is dragged) and is placed and drawn anew ``lag`` frames later:
 *   the places one frame after the pan, the basemap two, the trail three. So the frame of a
 *   pan (a follow jump while scrubbing) pays for no canvas, and no later frame for them all;
 *   the part of the view the pan uncovered stays empty for those frames.
 * - PolygonCanvas: named collections of polygons or lines drawn in order on one canvas (the
 *   basemap: land, then the borders of the year), with fills grouped by colour. One canvas
 *   for both, not one each: every canvas costs its pixels again in the compositor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (C) {
  "use strict";

  var WORLD = 256, HALF = WORLD / 2, MAX_LAT = 85.0511287798;

  function wrapLon(lon) { return ((lon + 180) % 360 + 360) % 360 - 180; }

  /** Web Mercator x of a longitude at zoom 0 (0 ... 256), wrapped into [-180, 180): for the
   *  trail's points, whose arcs run past ±180 and are cut at the antimeridian when drawn. */
  function worldX(lon) { return (wrapLon(lon) + 180) / 360 * WORLD; }

  /** Web Mercator x of a polygon's longitude (data in [-180, 180]), not wrapped: a polygon cut
   *  at the antimeridian (Russia's Chukotka, Fiji) ends exactly on +180, which must stay the
   *  east edge of the world (256); wrapped, it became -180 (0) and the polygon a band across
   *  the whole map. */
  function polygonX(lon) { return (Math.max(-180, Math.min(180, lon)) + 180) / 360 * WORLD; }

  /** Web Mercator y of a latitude at zoom 0 (0 at the top ... 256). */
  function worldY(lat) {
    var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
    return WORLD * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
  }

  // ---- PanLag ------------------------------------------------------------------------------

  /** Waiting after a pan, for a renderer that records ``_pixelOrigin`` when it places itself. */
  var PanLag = {
    /** Whether a view change can wait: a ``lag`` is set and the renderer is placed at the zoom
     *  and pixel origin of the map (a pan: its drawing still shows the right places). */
    _canWait: function () {
      var map = this._map;
      return !!(this.options.lag && this._pixelOrigin && this._zoom === map.getZoom() && this._pixelOrigin.equals(map.getPixelOrigin()));
    },

    /** Call ``fn`` ``options.lag`` frames from now: once, however many pans come first; not
     *  during a zoom animation (its end places the renderer anyway). */
    _later: function (fn) {
      if (this._lagFrame) return;
      var self = this, frames = this.options.lag;
      this._lagFrame = L.Util.requestAnimFrame(function step() {
        if (--frames > 0) { self._lagFrame = L.Util.requestAnimFrame(step); return; }
        self._lagFrame = null;
        if (self._map && !self._map._animatingZoom) fn.call(self);
      });
    },

    _cancelLater: function () {
      if (this._lagFrame) { L.Util.cancelAnimFrame(this._lagFrame); this._lagFrame = null; }
    },

    /** Whether drawing is still to come: a wait after a pan, a frame asked for, or (Leaflet's
     *  own canvas) a redraw requested. */
    busy: function () { return !!(this._map && (this._lagFrame || this._frame || this._redrawRequest)); },

    /** Whether the renderer, as placed, holds the whole view at its zoom and size (Leaflet's
     *  zoom animation places a renderer assuming the view's size is the one it was placed at). */
    _covers: function () {
      var map = this._map;
      return !!(this._bounds && this._zoom === map.getZoom() && this._pixelOrigin && this._pixelOrigin.equals(map.getPixelOrigin()) &&
        this._placedSize && this._placedSize.equals(map.getSize()) &&
        this._bounds.contains(map.containerPointToLayerPoint([0, 0])) && this._bounds.contains(map.containerPointToLayerPoint(map.getSize())));
    }
  };

  /** Leaflet's canvas renderer (the places), waiting ``lag`` frames after a pan, and keeping
   *  its drawing while the view stays inside it (Leaflet's own redraws on every move end). */
  var LaggingCanvas = L.Canvas.extend({
    includes: PanLag,
    options: { lag: 0 },

    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      if (this._covers()) return;
      if (this._canWait()) { this._later(this._placeLater); return; }
      this._placeNow();
    },

    _placeLater: function () { if (!this._covers()) this._placeNow(); },

    _placeNow: function () {
      this._cancelLater();
      this._pixelOrigin = this._map.getPixelOrigin();
      this._placedSize = this._map.getSize();
      L.Canvas.prototype._update.call(this);
    },

    _destroyContainer: function () {
      this._cancelLater();
      L.Canvas.prototype._destroyContainer.call(this);
    }
  });

  // ---- CanvasStack ------------------------------------------------------------------------

  var CanvasStack = L.Renderer.extend({
    includes: PanLag,
    options: { padding: 0.3, roles: ["main"], className: "atlas-canvas", lag: 0 },

    _initContainer: function () {
      this._layers = {};
      this.drawn = false;
      var c = this._container = L.DomUtil.create("div", this.options.className);
      this._canvas = {};
      this._makeCanvases(c);
    },

    /** Create this._canvas[role] for each role inside the container (override to group). */
    _makeCanvases: function (container) {
      var self = this;
      this.options.roles.forEach(function (role) { self._canvas[role] = L.DomUtil.create("canvas", "atlas-canvas-" + role, container); });
    },

    _destroyContainer: function () {
      if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      this._cancelLater();
      L.DomUtil.remove(this._container); delete this._container; this.drawn = false;
    },

    /** Whether a canvas will hold anything (an unused one takes no pixels). */
    _uses: function () { return true; },

    /** On moveend/zoom: keep the drawing if the view is still inside it; after a pan, wait
     *  (see PanLag); else place and size the canvases now (as Leaflet's own renderer does) and
     *  draw them at the next frame, so several view changes in one task (as at start-up) draw
     *  once, and nothing shows blank. */
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      if (this._covers() && (this.drawn || this._frame)) return;
      if (this.drawn && this._canWait()) { this._later(this._placeAndDraw); return; }
      this._place();
    },

    /** After the wait: place and draw at once, unless the view came back inside. */
    _placeAndDraw: function () {
      if (this._covers()) return;
      this._place();
      this._drawFrame();
    },

    /** Place and size the canvases around the view and ask for a drawing at the next frame. */
    _place: function () {
      var map = this._map;
      this._cancelLater();
      L.Renderer.prototype._update.call(this);
      this._pixelOrigin = map.getPixelOrigin();
      this._placedSize = map.getSize();
      var b = this._bounds, bsize = b.getSize(), dpr = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(this._container, b.min);
      for (var role in this._canvas) {
        var canvas = this._canvas[role], used = this._uses(role), w = used ? bsize.x : 0, h = used ? bsize.y : 0;
        canvas.width = dpr * w; canvas.height = dpr * h;
        canvas.style.width = w + "px"; canvas.style.height = h + "px";
        canvas.getContext("2d").setTransform(dpr, 0, 0, dpr, 0, 0);
      }
      this._dpr = dpr;
      this._scale = map.options.crs.scale(this._zoom) / WORLD;
      this._ox = b.min.x + this._pixelOrigin.x; this._oy = b.min.y + this._pixelOrigin.y;
      this._view = [this._ox / this._scale, this._oy / this._scale, (this._ox + bsize.x) / this._scale, (this._oy + bsize.y) / this._scale];
      this.drawn = false;
      if (!this._frame) this._frame = L.Util.requestAnimFrame(this._drawFrame, this);
    },

    _drawFrame: function () {
      if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      if (!this._map || this.drawn) return;
      this.drawn = true;
      this._redraw();
    },

    /** Draw every canvas anew (override). */
    _redraw: function () {},

    _clearCanvas: function (role) {
      var canvas = this._canvas[role], ctx = canvas.getContext("2d");
      ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.clearRect(0, 0, canvas.width, canvas.height); ctx.restore();
    },

    /** Whether a box [x0, y0, x1, y1] (world pixels, in a flat array at q) meets the canvas. */
    _inView: function (box, q) {
      var v = this._view;
      return !(box[q] > v[2] || box[q + 2] < v[0] || box[q + 1] > v[3] || box[q + 3] < v[1]);
    }
  });

  // ---- polygons and lines -----------------------------------------------------------------

  /** Rings of a GeoJSON geometry: Polygon, MultiPolygon, LineString or MultiLineString. */
  function ringsOf(geometry) {
    if (!geometry) return [];
    switch (geometry.type) {
      case "Polygon": return geometry.coordinates;
      case "MultiPolygon": return [].concat.apply([], geometry.coordinates);
      case "LineString": return [geometry.coordinates];
      case "MultiLineString": return geometry.coordinates;
      default: return [];
    }
  }

  /** A feature collection as typed arrays: points in world pixels, rings, features with a box
   *  and a fill colour. Done once per collection; drawing needs nothing else. */
  function preparePolygons(collection) {
    var features = (collection && collection.features) || [], rings = [], featureRing = [0], colors = [], total = 0;
    features.forEach(function (f) {
      ringsOf(f.geometry).forEach(function (ring) { rings.push(ring); total += ring.length; });
      featureRing.push(rings.length);
      colors.push(f.properties && f.properties.color ? f.properties.color : null);
    });
    var X = new Float32Array(total), Y = new Float32Array(total), ringStart = new Int32Array(rings.length + 1);
    var box = new Float32Array(4 * features.length), j = 0;
    rings.forEach(function (ring, r) {
      ringStart[r] = j;
      for (var i = 0; i < ring.length; i++, j++) { X[j] = polygonX(ring[i][0]); Y[j] = worldY(ring[i][1]); }
    });
    ringStart[rings.length] = j;
    for (var f = 0; f < features.length; f++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var p = ringStart[featureRing[f]]; p < ringStart[featureRing[f + 1]]; p++) {
        if (X[p] < x0) x0 = X[p]; if (X[p] > x1) x1 = X[p]; if (Y[p] < y0) y0 = Y[p]; if (Y[p] > y1) y1 = Y[p];
      }
      box[4 * f] = x0; box[4 * f + 1] = y0; box[4 * f + 2] = x1; box[4 * f + 3] = y1;
    }
    var byColor = {};
    colors.forEach(function (c, f) { (byColor[c || ""] = byColor[c || ""] || []).push(f); });
    return { X: X, Y: Y, ringStart: ringStart, featureRing: featureRing, box: box, byColor: byColor, count: features.length };
  }

  /**
   * Trace a feature's rings in canvas pixels. Points closer than a pixel to the last one drawn
   * are skipped, and a run of points that all lie beyond one edge of the canvas is drawn as
   * its first and last point only: the shortcut stays beyond that edge too, so nothing on the
   * canvas changes (a fill or a stroke alike), but a continent seen close up costs the points
   * in view, not all of its coast.
   */
  function traceFeature(ctx, G, f, s, ox, oy, close, w, h) {
    var X = G.X, Y = G.Y, M = 8;
    for (var r = G.featureRing[f]; r < G.featureRing[f + 1]; r++) {
      var i0 = G.ringStart[r], i1 = G.ringStart[r + 1];
      if (i1 - i0 < 2) continue;
      var lx = X[i0] * s - ox, ly = Y[i0] * s - oy, px = 0, py = 0, pending = false;
      var mask = (lx < -M ? 1 : lx > w + M ? 2 : 0) | (ly < -M ? 4 : ly > h + M ? 8 : 0);
      ctx.moveTo(lx, ly);
      for (var i = i0 + 1; i < i1; i++) {
        var nx = X[i] * s - ox, ny = Y[i] * s - oy;
        var code = (nx < -M ? 1 : nx > w + M ? 2 : 0) | (ny < -M ? 4 : ny > h + M ? 8 : 0);
        if (mask & code) { mask &= code; px = nx; py = ny; pending = true; continue; }  // still beyond the same edge
        if (pending) { ctx.lineTo(px, py); lx = px; ly = py; pending = false; }
        if (i === i1 - 1 || (nx - lx) * (nx - lx) + (ny - ly) * (ny - ly) >= 1) { ctx.lineTo(nx, ny); lx = nx; ly = ny; mask = code; }
      }
      if (pending) ctx.lineTo(px, py);
      if (close) ctx.closePath();
    }
  }

  /**
   * Prepared collections drawn in order on one canvas, each as a named layer that can be
   * switched on and off (land goes when online tiles are shown; the borders stay). ``style``:
   * {fill, fillOpacity, fillNone, stroke, weight, strokeOpacity, lines}: features with a colour
   * of their own are filled with it at fillOpacity, the others with ``fill`` at ``fillNone``
   * (0: not at all).
   */
  var PolygonCanvas = CanvasStack.extend({
    options: { padding: 0.25, roles: ["main"], className: "atlas-polygons", order: ["main"], lag: 3 },

    initialize: function (options) {
      CanvasStack.prototype.initialize.call(this, options);
      this._sets = {};
    },

    /** Show ``prepared`` with ``style`` as layer ``name`` (redrawn at the next frame if it changed). */
    show: function (name, prepared, style) {
      var set = this._sets[name] || (this._sets[name] = { on: true });
      if (prepared === set.prepared && style === set.style) return;
      set.prepared = prepared; set.style = style;
      if (set.on) this._redrawAtFrame();
    },

    /** Switch layer ``name`` on or off. */
    toggle: function (name, on) {
      var set = this._sets[name] || (this._sets[name] = { on: true });
      if (set.on === !!on) return;
      set.on = !!on;
      if (set.prepared) this._redrawAtFrame();
    },

    /** Draw anew at the next frame, not now: a seek that changes the border set stays cheap, and
     *  a view change in the same task (a follow jump) draws the canvas once, not twice. Nothing
     *  to do before the first drawing (it comes at its own frame) or while one is awaited. */
    _redrawAtFrame: function () {
      if (!this.drawn) return;
      this.drawn = false;
      if (!this._frame) this._frame = L.Util.requestAnimFrame(this._drawFrame, this);
    },

    /** The collection layer ``name`` shows (whether or not it is switched on). */
    shown: function (name) { return this._sets[name] ? this._sets[name].prepared || null : null; },

    _redraw: function () {
      this._clearCanvas("main");
      var self = this;
      this.options.order.forEach(function (name) {
        var set = self._sets[name];
        if (set && set.on && set.prepared && set.style) self._drawSet(set.prepared, set.style);
      });
      C.A.basemapDraws = (C.A.basemapDraws || 0) + 1;
    },

    _drawSet: function (G, st) {
      var ctx = this._canvas.main.getContext("2d"), s = this._scale, ox = this._ox, oy = this._oy, self = this;
      var w = this._canvas.main.width / this._dpr, h = this._canvas.main.height / this._dpr;
      var visible = function (list) { return list.filter(function (f) { return self._inView(G.box, 4 * f); }); };
      ctx.lineJoin = "round"; ctx.lineCap = "round";
      if (!st.lines) {
        Object.keys(G.byColor).forEach(function (color) {
          var alpha = color ? st.fillOpacity : st.fillNone;
          if (!alpha) return;
          ctx.beginPath();
          visible(G.byColor[color]).forEach(function (f) { traceFeature(ctx, G, f, s, ox, oy, true, w, h); });
          ctx.globalAlpha = alpha; ctx.fillStyle = color || st.fill; ctx.fill("evenodd");
        });
      }
      if (st.stroke) {
        ctx.beginPath();
        for (var f = 0; f < G.count; f++) if (this._inView(G.box, 4 * f)) traceFeature(ctx, G, f, s, ox, oy, !st.lines, w, h);
        ctx.globalAlpha = st.strokeOpacity; ctx.strokeStyle = st.stroke; ctx.lineWidth = st.weight; ctx.stroke();
      }
      ctx.globalAlpha = 1;
    }
  });

  /** A layer of a PolygonCanvas as a Leaflet layer of its own (for the layer control): adding
   *  it switches the layer on, removing it switches it off. */
  var PolygonLayer = L.Layer.extend({
    initialize: function (canvas, name) { this._polygons = canvas; this._name = name; },
    onAdd: function () { this._polygons.toggle(this._name, true); },
    onRemove: function () { this._polygons.toggle(this._name, false); }
  });

  C.WORLD = WORLD; C.HALF = HALF;
  C.wrapLon = wrapLon; C.worldX = worldX; C.worldY = worldY;
  C.CanvasStack = CanvasStack;
  C.LaggingCanvas = LaggingCanvas;
  C.PolygonCanvas = PolygonCanvas;
  C.PolygonLayer = PolygonLayer;
  C.preparePolygons = preparePolygons;
})(window.AtlasCore);
