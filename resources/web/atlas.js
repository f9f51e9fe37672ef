/*
 * Litvinov Atlas page script: defines window.atlas (the core; the trail, borders and
 * standalone player are in atlas-trail.js, atlas-borders.js and atlas-player.js).
 *
 * The page is built once (by folium); this script creates the journey's layers from one JSON
 * blob and then only updates them. A seek finds the stay and the leg by binary search and
 * restyles only what changed since the previous seek, so its cost does not grow with the
 * length of the journey. Journey text reaches the DOM only as text (textContent), never as
 * HTML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function (U) {
  "use strict";

  var bisectRight = U.bisectRight, dateOfDay = U.dateOfDay, isoOfDay = U.isoOfDay, labelOfDay = U.labelOfDay,
    parseDay = U.parseDay, el = U.el, appendPassageText = U.appendPassageText;
  var C = window.AtlasCore = {};  // shared with the trail, borders and player parts

  var OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

  var STYLE = {
    placeFuture: { color: "#6f6656", weight: 1, opacity: 0.35, fillOpacity: 0.12 },
    placeVisited: { weight: 1.5, opacity: 0.95, fillOpacity: 0.8 },
    placeCurrent: { color: "#1d1d1d", weight: 3, opacity: 1, fillOpacity: 1 },
    legFuture: { color: "#6f6656", weight: 1.2, opacity: 0.22 },
    legPast: { color: "#9b2226", weight: 2.4, opacity: 0.85 },
    partial: { color: "#9b2226", weight: 3, opacity: 1 },
    land: { fill: "#efe4cc", fillNone: 1 },
    borders: { lines: true, stroke: "#a89676", weight: 0.7, strokeOpacity: 0.9 },
    polities: { fill: "#e8dcc0", fillOpacity: 0.42, fillNone: 0.12, stroke: "#8a7a5c", weight: 0.7, strokeOpacity: 0.8 }
  };

  // ---- the atlas ----------------------------------------------------------------------------

  var A = {
    map: null, data: null, host: null, pendingHost: [],
    day: null, stayIndex: -1, legsArrived: 0, visitedCount: 0, currentPlace: -1,
    travelLeg: -1, status: "unknown", follow: false, selected: -1,
    placeLayers: [], labelLayers: [], labelNames: [], datedNames: [], lastSeekAt: 0, pulsedAt: -1, pulseTwin: false,
    partial: null, currentMarker: null, selectRing: null, trail: null, onSeek: []
  };

  /** The name in use on a day; on the day of a renaming, the new one (the latest begun), as
   *  places.model.Place.name_on. */
  function placeName(index, day) {
    var p = A.data.places[index], best = null;
    for (var i = 0; i < p.names.length; i++) {
      var n = p.names[i];
      if ((n[1] === null || day >= n[1]) && (n[2] === null || day <= n[2]) &&
          (best === null || (n[1] || 0) > (best[1] || 0))) best = n;
    }
    return best ? best[0] : p.name;
  }

  function latLngOf(index) { var p = A.data.places[index]; return [p.lat, p.lon]; }


  function styleForPlace(index) {
    var p = A.data.places[index];
    if (index === A.currentPlace) return L.extend({}, STYLE.placeCurrent, { fillColor: p.color });
    var visited = A.firstVisitOf[index] <= A.day;
    return visited ? L.extend({}, STYLE.placeVisited, { color: p.color, fillColor: p.color })
      : L.extend({}, STYLE.placeFuture, { fillColor: p.color });
  }

  function restylePlace(index) {
    if (index < 0) return;
    A.placeLayers[index].setStyle(styleForPlace(index));
    var label = A.labelLayers[index];
    if (label) {
      var node = label.getElement ? label.getElement() : null;
      if (node) {
        node.classList.toggle("atlas-label-future", !(A.firstVisitOf[index] <= A.day));
        node.classList.toggle("atlas-label-current", index === A.currentPlace);
      }
    }
  }

  /** The basemap canvas: land, then the borders (of the time, or modern: see
   *  atlas-borders.js), drawn once per view from typed arrays. Returns the land as a layer
   *  of its own, for the layer control (online tiles replace the land, not the borders). */
  function buildBasemap(map, basemap) {
    A.basemapCanvas = new C.PolygonCanvas({ pane: "atlasBase", order: ["land", "borders"] });
    A.basemapCanvas.show("land", C.preparePolygons(basemap && basemap.land), STYLE.land);
    A.basemapCanvas.addTo(map);
    A.modernBordersData = basemap && basemap.borders ? basemap.borders : null;
    return new C.PolygonLayer(A.basemapCanvas, "land").addTo(map);
  }

  function buildPlaces(map) {
    var renderer = A.placesRenderer = new C.LaggingCanvas({ pane: "atlasPlaces", padding: 0.1, tolerance: 4, lag: 2 });
    var D = A.data;
    A.firstVisitOf = D.places.map(function () { return Infinity; });
    D.firstVisit.forEach(function (fv) { A.firstVisitOf[fv[1]] = fv[0]; });
    A.firstVisitDays = D.firstVisit.map(function (fv) { return fv[0]; });
    var labelled = D.places.length <= 400;
    D.places.forEach(function (p, i) {
      var marker = L.circleMarker([p.lat, p.lon], L.extend({ renderer: renderer, radius: p.r, bubblingMouseEvents: false }, STYLE.placeFuture, { fillColor: p.color }));
      marker.on("click", function () { onPlaceClicked(i); });
      marker.on("mouseover", function () { showHover(i); });
      marker.on("mouseout", hideHover);
      marker.addTo(map);
      A.placeLayers.push(marker);
      if (p.names.length) A.datedNames.push(i);
      if (labelled) {
        var tip = L.tooltip({ permanent: true, direction: "right", offset: [p.r + 2, 0], className: "atlas-label atlas-label-future", interactive: false, pane: "atlasLabels" })
          .setLatLng([p.lat, p.lon]).setContent(el("span", null, p.name));
        tip.addTo(map);
        A.labelLayers.push(tip);
      } else {
        A.labelLayers.push(null);
      }
      A.labelNames.push(p.name);  // what the label shows; dated names follow at each seek
    });
  }

  // ---- labels that do not overlap -----------------------------------------------------------
  //
  // Labels are placed greedily in order of importance (the current place, the selected one,
  // places visited so far, then the rest; longer stays first); a label that would overlap one
  // already placed is hidden until zooming makes room. Runs on zoom, on resize and when the
  // current place changes, never on an ordinary seek step.

  function labelRank(i) {
    var p = A.data.places[i];
    var tier = i === A.currentPlace ? 0 : i === A.selected ? 1 : A.firstVisitOf[i] <= A.day ? 2 : 3;
    return tier * 1e9 - p.days;
  }

  function declutterLabels() {
    var map = A.map, placed = [], order = [], nodes = [], sizes = [];
    for (var i = 0; i < A.labelLayers.length; i++) if (A.labelLayers[i]) order.push(i);
    order.sort(function (a, b) { return labelRank(a) - labelRank(b); });
    // Read every size first, then write: one layout, however many labels.
    order.forEach(function (i, n) {
      nodes[n] = A.labelLayers[i].getElement ? A.labelLayers[i].getElement() : null;
      sizes[n] = nodes[n] ? [nodes[n].offsetWidth, nodes[n].offsetHeight] : null;
    });
    order.forEach(function (i, n) {
      if (!nodes[n]) return;
      var p = A.data.places[i], pt = map.latLngToContainerPoint([p.lat, p.lon]), w = sizes[n][0], h = sizes[n][1];
      var box = [pt.x + p.r + 2, pt.y - h / 2, pt.x + p.r + 2 + w, pt.y + h / 2];
      var free = placed.every(function (b) { return box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3]; });
      nodes[n].classList.toggle("atlas-label-hidden", !free);
      if (free) { placed.push(box); placed.push([pt.x - p.r, pt.y - p.r, pt.x + p.r, pt.y + p.r]); }
    });
  }

  function buildCurrent(map) {
    A.currentMarker = L.marker([0, 0], {
      icon: L.divIcon({ className: "atlas-current", iconSize: [22, 22] }),
      interactive: false, keyboard: false, pane: "atlasCurrent", opacity: 0
    }).addTo(map);
    A.selectRing = L.circleMarker([0, 0], { radius: 14, color: "#0b5394", weight: 2.5, dashArray: "4 3", fill: false, interactive: false,
      pane: "atlasCurrent", renderer: L.svg({ pane: "atlasCurrent" }), opacity: 0 }).addTo(map);
  }

  function makePane(map, name, z) { map.createPane(name).style.zIndex = z; }

  // ---- hover and popups --------------------------------------------------------------------

  var hoverTip = null;

  function showHover(i) {
    var p = A.data.places[i];
    var box = el("div", "atlas-hover");
    box.appendChild(el("strong", null, placeName(i, A.day)));
    var days = p.days ? (p.days >= 730 ? Math.round(p.days / 365) + " years" : p.days + " days") : "no stay";
    box.appendChild(el("div", "atlas-muted", days + " · " + passagesOf(i).length + " passages"));
    hoverTip = L.tooltip({ direction: "top", offset: [0, -p.r], className: "atlas-hover-tip" }).setLatLng([p.lat, p.lon]).setContent(box);
    hoverTip.addTo(A.map);
  }

  function hideHover() { if (hoverTip) { hoverTip.remove(); hoverTip = null; } }

  function passagesOf(i) {
    if (!A.passagesByPlace) {
      A.passagesByPlace = {};
      A.data.passages.forEach(function (p) { (A.passagesByPlace[p.place] = A.passagesByPlace[p.place] || []).push(p); });
    }
    return A.passagesByPlace[i] || [];
  }

  function passagePopup(i) {
    var box = el("div", "atlas-popup");
    A.popupHeading = box.appendChild(el("h3", null, placeHeading(i)));
    A.popupPlace = i;
    var list = passagesOf(i);
    if (!list.length) box.appendChild(el("p", "atlas-muted", "No passages are tied to this place."));
    list.forEach(function (p) {
      var item = el("div", "atlas-passage");
      var date = item.appendChild(el("button", p.inferred ? "atlas-date atlas-inferred" : "atlas-date", p.label + (p.inferred ? " (inferred)" : "")));
      date.type = "button";
      date.title = "Go to this date";
      date.addEventListener("click", function (ev) { ev.preventDefault(); onPassageClicked(p); });
      var text = el("p", "atlas-text");
      appendPassageText(text, p.text);
      item.appendChild(text);
      if (p.source) item.appendChild(el("div", "atlas-muted", "Source: " + p.source));
      box.appendChild(item);
    });
    return box;
  }

  /** A place's heading as of the current day: "Kiev — Russian Empire". */
  function placeHeading(i) {
    var polity = C.polityOf(i);
    return placeName(i, A.day) + (polity ? " \u2014 " + polity : "");
  }

  /** The open popup keeps its place's name and polity in step with the date. */
  function refreshPopup() {
    if (!A.popup || !A.popup.isOpen()) return;
    var heading = placeHeading(A.popupPlace);
    if (heading !== A.popupHeading.textContent) A.popupHeading.textContent = heading;
  }

  function onPlaceClicked(i) {
    select(A.data.places[i].id);
    if (A.host) A.host.place_clicked(A.data.places[i].id);
  }

  /** A passage's date clicked in a place's popup (the page alone: in the app, the passages
   *  are in the app's panel): go to it, as a click on a passage does in the app. */
  /** The day he is at its place within its dates, shown as precisely as the passage is dated
   *  (as AppState.go_to_passage does in the app). */
  function onPassageClicked(p) { A.asked = { day: p.at, precision: p.precision || 3 }; seek(p.at); }

  // ---- the public API -----------------------------------------------------------------------

  function seek(x, seq) {
    var D = A.data, S = D.stays, day = parseDay(x);
    A.day = day;
    var i = bisectRight(S.start, day) - 1;
    var status = "unknown", place = -1, travelLeg = -1, progress = 0;
    var legsArrived = bisectRight(D.legs.arrive, day);
    if (i >= 0 && day <= S.end[i]) {
      if (S.place[i] >= 0) { status = "stay"; place = S.place[i]; }
    } else if (i >= 0 && i + 1 < S.start.length && S.place[i] >= 0 && S.place[i + 1] >= 0) {
      status = "travel";
      progress = (day - S.end[i]) / (S.start[i + 1] - S.end[i]);
      if (legsArrived < D.legs.depart.length && D.legs.depart[legsArrived] < day) travelLeg = legsArrived;
    }
    A.stayIndex = i; A.status = status; A.progress = progress;
    A.travelFrom = status === "travel" ? S.place[i] : -1;
    A.travelTo = status === "travel" ? S.place[i + 1] : -1;

    // Only the trail between the old and the new day changes; nothing else is touched.
    if (legsArrived !== A.legsArrived) C.updateTrail(legsArrived);
    C.updatePartial(travelLeg, progress);

    // Places first visited between the old and the new day change state.
    var visitedCount = bisectRight(A.firstVisitDays, day);
    var vlo = Math.min(A.visitedCount, visitedCount), vhi = Math.max(A.visitedCount, visitedCount);
    A.visitedCount = visitedCount;
    var oldPlace = A.currentPlace;
    A.currentPlace = place;
    for (var v = vlo; v < vhi; v++) restylePlace(D.firstVisit[v][1]);
    if (oldPlace !== place) { restylePlace(oldPlace); restylePlace(place); declutterLabels(); }

    updateDatedNames();
    updateCurrentMarker(status, place, travelLeg, progress);
    for (var h = 0; h < A.onSeek.length; h++) A.onSeek[h](day);
    refreshPopup();
    if (A.follow && (oldPlace !== place || status === "travel")) followCurrent();
    if (seq !== undefined && seq !== null) {
      // From the host: report when applied and when painted; skip building a state to return.
      if (A.host && A.host.applied) A.host.applied(seq);
      if (A.host && A.host.painted) requestAnimationFrame(function () { A.host.painted(seq); });
      return null;
    }
    return state();
  }

  /** Each label with dated names shows the name of the day: compared with what the label
   *  shows (not with the name of the day before, which at the first seek is not what the
   *  label was made with), and set only when it differs. */
  function updateDatedNames() {
    for (var j = 0; j < A.datedNames.length; j++) {
      var i = A.datedNames[j], label = A.labelLayers[i];
      var name = placeName(i, A.day);
      if (label && name !== A.labelNames[i]) { label.setContent(el("span", null, name)); A.labelNames[i] = name; }
    }
  }

  function updateCurrentMarker(status, place, travelLeg, progress) {
    var ll = null;
    if (status === "stay") ll = latLngOf(place);
    else if (status === "travel") ll = travelLeg >= 0 ? A.travelPoint : latLngOf(A.travelTo);
    if (ll) { A.currentMarker.setLatLng(ll); A.currentMarker.setOpacity(1); }
    else A.currentMarker.setOpacity(0);
    A.currentLatLng = ll;
    var arrived = status === "stay" ? place : -1;
    if (arrived >= 0 && arrived !== A.pulsedAt) pulse();
    A.pulsedAt = arrived;
  }

  /** Pulse the current position (three times, see atlas.css) on arriving at a place: the
   *  class switches between two twin animations, which restarts it without a layout. */
  function pulse() {
    var icon = A.currentMarker.getElement();
    if (!icon) return;
    A.pulseTwin = !A.pulseTwin;
    icon.classList.remove(A.pulseTwin ? "atlas-pulse-a" : "atlas-pulse-b");
    icon.classList.add(A.pulseTwin ? "atlas-pulse-b" : "atlas-pulse-a");
  }

  /**
   * Keep the current position in view without ever holding up a scrub. Every pan makes
   * Leaflet re-clip and redraw all its paths, so while seeks come fast (a drag, playback)
   * the map jumps only when the marker has left the view, at most twice a second; once the
   * seeks rest, it glides to the marker.
   */
  function followCurrent() {
    if (!A.currentLatLng) return;
    var now = Date.now(), scrubbing = now - A.lastSeekAt < 300;
    A.lastSeekAt = now;
    clearTimeout(A.followTimer);
    if (!scrubbing) { glide(); return; }
    if (now - (A.lastJumpAt || 0) > 500 && !A.map.getBounds().contains(A.currentLatLng)) {
      A.lastJumpAt = now;
      A.map.panTo(A.currentLatLng, { animate: false });
    }
    A.followTimer = setTimeout(glide, 320);
  }

  function glide() {
    if (A.currentLatLng && !A.map.getBounds().pad(-0.1).contains(A.currentLatLng)) {
      A.map.panTo(A.currentLatLng, { animate: true, duration: 0.45, easeLinearity: 0.4 });
    }
  }

  function placeState(index) {
    if (index < 0) return null;
    var p = A.data.places[index];
    return { id: p.id, name: placeName(index, A.day), lat: p.lat, lon: p.lon };
  }

  function describe() {
    if (A.status === "stay") return "in " + placeName(A.currentPlace, A.day);
    if (A.status === "travel") return "travelling " + placeName(A.travelFrom, A.day) + " \u2192 " + placeName(A.travelTo, A.day);
    return "whereabouts unknown";
  }

  function state() {
    var s = {
      day: A.day, date: isoOfDay(A.day), label: labelOfDay(A.day), status: A.status,
      description: describe(), place: placeState(A.currentPlace),
      visited: A.data.firstVisit.slice(0, A.visitedCount).map(function (fv) { return A.data.places[fv[1]].id; }),
      selected: A.selected >= 0 ? A.data.places[A.selected].id : null
    };
    if (A.status === "travel") {
      s.from = placeState(A.travelFrom); s.to = placeState(A.travelTo); s.progress = A.progress;
    }
    for (var h = 0; h < A.stateExtras.length; h++) A.stateExtras[h](s);
    return s;
  }

  function places() {
    return A.data.places.map(function (p, i) { return { id: p.id, name: placeName(i, A.day) }; });
  }

  function indexOfPlace(id) {
    if (!A.placeIndex) {
      A.placeIndex = {};
      A.data.places.forEach(function (p, i) { A.placeIndex[p.id] = i; });
    }
    return Object.prototype.hasOwnProperty.call(A.placeIndex, id) ? A.placeIndex[id] : -1;
  }

  function select(id) {
    var i = id === null || id === undefined ? -1 : indexOfPlace(String(id));
    A.selected = i;
    if (i < 0) { A.selectRing.setStyle({ opacity: 0 }); A.map.closePopup(); declutterLabels(); return false; }
    A.selectRing.setLatLng(latLngOf(i));
    A.selectRing.setRadius(A.data.places[i].r + 7);
    A.selectRing.setStyle({ opacity: 1 });
    declutterLabels();
    if (!A.host) {
      // no wider than the map less its margins, so a phone shows the whole popup and its close button
      var room = Math.max(160, A.map.getSize().x - 100);  // the content: less the frame (about 50 px) and the pan padding
      A.popup = L.popup({ maxWidth: Math.min(380, room), minWidth: Math.min(50, room), maxHeight: 320,
                          className: "atlas-popup-wrap", autoPanPadding: [20, 20] })
        .setLatLng(latLngOf(i)).setContent(passagePopup(i)).openOn(A.map);
    }
    return true;
  }

  function fit() {
    var pts = A.data.places.map(function (p) { return [p.lat, p.lon]; });
    if (pts.length) A.map.fitBounds(L.latLngBounds(pts), { padding: [30, 30], maxZoom: 6, animate: false });
    return true;
  }

  /** Whether the map is fully drawn and still: no zoom or pan under way, no canvas waiting to
   *  be placed or drawn, no trail legs queued for later frames (a screenshot waits for this). */
  function settled() {
    var map = A.map, moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
    return !moving && ![A.basemapCanvas, A.trailRenderer, A.placesRenderer].some(function (r) { return r.busy(); });
  }

  function setFollow(on) { A.follow = !!on; if (A.follow) followCurrent(); return A.follow; }

  function setTrail(on) {
    A.showTrail = !!on;
    if (A.showTrail) A.trail.addTo(A.map); else A.trail.remove();
    return A.showTrail;
  }

  /**
   * Online tiles that do not come (no network, or the host's gate closed) must not leave a
   * blank map without a word: until a tile has loaded, a failed one brings the offline land
   * back under them and says why; the first tile that loads takes the land away again.
   */
  function watchOnlineTiles(map, tiles) {
    var Notice = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () { return el("div", "atlas-notice", "OpenStreetMap's tiles could not be loaded (is this computer offline?). The offline basemap is shown instead."); }
    });
    var notice = new Notice(), loaded = false;
    tiles.on("add", function () { loaded = false; });
    tiles.on("tileerror", function () {
      if (loaded || !map.hasLayer(tiles) || notice._map) return;
      A.basemapCanvas.toggle("land", true);
      notice.addTo(map);
    });
    tiles.on("tileload", function () {
      if (loaded) return;
      loaded = true;
      if (notice._map) { notice.remove(); A.basemapCanvas.toggle("land", false); }
    });
    tiles.on("remove", function () { if (notice._map) notice.remove(); });
  }

  function setBasemap(name) {
    var wantOsm = name === "osm";
    if (wantOsm) { A.osm.addTo(A.map); A.baseLayer.remove(); }
    else { if (A.osm) A.osm.remove(); A.baseLayer.addTo(A.map); }
    return wantOsm ? "osm" : "offline";
  }

  /** The day to open at and how precisely it was asked for (1 year, 2 month, 3 day): a date
   *  in the address (#1918-12-30, #1918-12, #1918) when the page stands alone and one is
   *  given, else the one it was made with. The standalone page shows that day at that
   *  precision ("June 1919", not "1 June 1919") until the date moves. */
  function openedAt(data) {
    var made = { day: data.initialDay, precision: data.initialPrecision || 3 };
    if (window.qt || !window.location.hash) return made;
    try {
      var text = decodeURIComponent(window.location.hash.slice(1)).trim(), day = parseDay(text);
      return { day: Math.max(data.range[0], Math.min(data.range[1], day)),
               precision: /^\d{4}$/.test(text) ? 1 : /^\d{4}-\d{2}$/.test(text) ? 2 : 3 };
    } catch (e) { return made; }
  }

  /** How precisely to show the day shown: as asked on the day the page opened at, else exact. */
  C.precisionShown = function () { return A.asked && A.day === A.asked.day ? A.asked.precision : 3; };

  // ---- bridge to the desktop app -----------------------------------------------------------

  /** Open the channel as soon as this script runs: its handshake with the host goes on while
   *  the page builds its layers, and the host hears ``ready`` once both are done. */
  function connectHost() {
    if (!(window.qt && window.qt.webChannelTransport && window.QWebChannel)) return;
    new window.QWebChannel(window.qt.webChannelTransport, function (channel) {
      A.host = channel.objects.atlasHost || null;
      announceReady();
    });
  }

  function announceReady() {
    if (!(A.host && A.ready) || A.announced) return;
    A.announced = true;
    A.host.ready();
    // the page's own first frame: the initial day and view, with the bridge up (seq 0)
    if (A.host.painted) requestAnimationFrame(function () { A.host.painted(0); });
  }

  // ---- what the other parts share ---------------------------------------------------------

  C.A = A; C.STYLE = STYLE; C.placeName = placeName; C.latLngOf = latLngOf;
  C.seek = seek; C.state = state; C.describe = describe;

  // ---- init ---------------------------------------------------------------------------------

  function init(map, data, basemap) {
    if (window.performance && performance.mark) performance.mark("atlas-init-start");
    if (data.title) document.title = data.title;  // a property, not markup: text stays text
    A.map = map; A.data = data; A.changeDays = null; A.showTrail = true; A.stateExtras = [];
    makePane(map, "atlasBase", 250);
    makePane(map, "atlasLegsPast", 408);
    makePane(map, "atlasLegs", 410);
    makePane(map, "atlasPlaces", 420);
    makePane(map, "atlasLabels", 430);
    makePane(map, "atlasCurrent", 640);
    map.getContainer().classList.add("atlas-map");
    // The heavy arithmetic first, before any canvas is on the map. Measured here (2 cores, no
    // GPU): the same computation of the arcs took 1.0 s inside init once the basemap's canvas
    // was placed, 0.14 s before it, and 0.13 s in a later task, as if its loops ran
    // unoptimised; probably V8's optimising compiler, on a background thread, waiting for a
    // core while Chromium starts rasterising (not confirmed). At 100,000 stays init took
    // 1.5 s, now 0.3 s.
    C.prepareLegs();
    A.baseLayer = buildBasemap(map, basemap);
    C.buildBorders(map, basemap && basemap.historical);
    C.buildLegs(map);
    buildPlaces(map);
    buildCurrent(map);
    A.osm = L.tileLayer(OSM_URL, { maxZoom: 18, attribution: "\u00a9 OpenStreetMap contributors" });  // fetches only when switched on
    watchOnlineTiles(map, A.osm);
    A.layerControl = L.control.layers(
      { "Natural Earth (offline)": A.baseLayer, "OpenStreetMap (online)": A.osm },
      { "Borders of the time": A.bordersToggle, "Trail": A.trail }, { position: "topright" }).addTo(map);
    map.on("baselayerchange", function (ev) {
      // Choosing online tiles in the page is the person asking for the network: tell the host.
      var name = ev.layer === A.osm ? "osm" : "offline";
      if (A.host && A.host.basemap_chosen) A.host.basemap_chosen(name);
    });
    map.on("overlayadd overlayremove", function (ev) {
      if (ev.layer === A.bordersToggle) C.setBorders(ev.type === "overlayadd" ? "historical" : "modern");
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    if (basemap && basemap.historical) map.attributionControl.addAttribution("historical borders: aourednik/historical-basemaps (GPL-3.0)");
    var view = data.view || {};
    C.setBorders(view.borders || A.bordersMode);
    if (view.trail === false) setTrail(false);
    A.asked = openedAt(data);  // the day asked for and its precision: opened at, or a passage's
    seek(A.asked.day);
    if (A.currentLatLng) map.setView(A.currentLatLng, 5, { animate: false }); else fit();
    A.follow = !!view.follow;
    map.on("zoomend resize", declutterLabels);
    declutterLabels();
    document.addEventListener("click", function (ev) {
      var a = ev.target && ev.target.closest ? ev.target.closest("a") : null;
      if (a && !a.target) { ev.preventDefault(); }
    }, true);
    if (!window.qt) C.initStandalone();
    requestAnimationFrame(function () { setTimeout(C.preloadBorders, 200); });
    A.ready = true;
    announceReady();
    if (window.performance && performance.mark) performance.mark("atlas-init-end");
    return state();
  }

  connectHost();

  window.atlas = {
    init: init, seek: seek, state: state, places: places, select: select, fit: fit,
    follow: setFollow, trail: setTrail, basemap: setBasemap, borders: function (mode) { return C.setBorders(mode); },
    setPolities: function (table) { return C.setPolities(table); },
    isReady: function () { return !!A.ready; }, settled: settled,
    _internal: A, _util: { parseDay: parseDay, isoOfDay: isoOfDay, bisectRight: bisectRight, el: el }
  };
})(window.AtlasUtil);
