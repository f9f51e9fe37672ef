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

  function buildBorders(map, sets) {
    A.borderRenderer = L.canvas({ pane: "atlasBorders", padding: 0.5 });
    A.borderSets = sets || {};
    A.borderLayers = {};
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
    A.onSeek.push(updateBorders);
    A.stateExtras.push(function (s) {
      s.borders = A.bordersMode === "historical" ? A.bordersKey : "modern";
      if (s.place) s.place.polity = polityOf(A.currentPlace);
    });
  }

  /** A set's layer, made on first use; after the first paint the rest are made in idle time,
   *  so switching sets while scrubbing is a layer swap, never a parse or a reload. */
  function borderLayer(key) {
    if (!A.borderLayers[key]) A.borderLayers[key] = makeBorderLayer(A.borderSets[key]);
    return A.borderLayers[key];
  }

  function preloadBorders() {
    var keys = Object.keys(A.borderSets).filter(function (k) { return !A.borderLayers[k]; });
    if (!keys.length) return;
    borderLayer(keys[0]);
    setTimeout(preloadBorders, 30);
  }

  function makeBorderLayer(set) {
    return L.geoJSON(set, {
        renderer: A.borderRenderer, bubblingMouseEvents: false,
        style: function (f) {
          var c = f.properties.color;
          return { color: "#8a7a5c", weight: 0.7, opacity: 0.8, fillColor: c || "#e8dcc0", fillOpacity: c ? 0.42 : 0.12 };
        },
        onEachFeature: function (f, layer) {
          layer.on("mouseover", function () { showPolity(f.properties.name); });
          layer.on("mouseout", function () { showPolity(null); });
        }
      });
  }

  function polityOf(index) {
    if (index < 0) return null;
    var key = A.bordersMode === "historical" ? (A.bordersKey || borderKeyFor(A.day)) : "modern";
    var table = A.data.borders.polity[key];
    return table ? table[index] : null;
  }

  function setPolities(table) { A.data.borders.polity = table || {}; return true; }

  function showPolity(name) { if (A.polityLabel) A.polityLabel.textContent = name ? " \u00b7 " + name : ""; }

  function updateBorders() {
    if (A.bordersMode !== "historical" || A.day === null) return;
    var key = borderKeyFor(A.day);
    if (key === A.bordersKey) return;
    if (A.bordersKey !== null) A.borderLayers[A.bordersKey].remove();
    borderLayer(key).addTo(A.map);
    A.bordersKey = key;
    A.bordersLabel.textContent = "Borders of " + key;
  }

  function setBorders(mode) {
    var historical = mode !== "modern" && Object.keys(A.borderSets).length > 0;
    if (A.bordersKey !== null) A.borderLayers[A.bordersKey].remove();
    A.bordersKey = null;
    A.bordersMode = historical ? "historical" : "modern";
    if (A.baseBorders) { if (historical) A.baseBorders.remove(); else A.baseBorders.addTo(A.map); }
    if (historical) { updateBorders(); if (!A.map.hasLayer(A.bordersToggle)) A.bordersToggle.addTo(A.map); }
    else { A.bordersLabel.textContent = "Modern borders (Natural Earth)"; if (A.map.hasLayer(A.bordersToggle)) A.bordersToggle.remove(); }
    return A.bordersMode;
  }


  C.buildBorders = buildBorders;
  C.setBorders = setBorders;
  C.polityOf = polityOf;
  C.setPolities = setPolities;
  C.preloadBorders = preloadBorders;
})(window.AtlasCore, window.AtlasUtil);
