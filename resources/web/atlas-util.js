/*
 * Litvinov Atlas page script: days and text-is-text helpers (window.AtlasUtil).
 * Journey text reaches the DOM only through el() and appendPassageText(), as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
(function () {
  "use strict";

  var EPOCH_ORDINAL = 719163; // date(1970, 1, 1).toordinal() in Python
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  // ---- time -------------------------------------------------------------------------------

  function bisectRight(array, x) {
    var lo = 0, hi = array.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (x < array[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  function dateOfDay(day) { return new Date((day - EPOCH_ORDINAL) * DAY_MS); }

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  function isoOfDay(day) {
    var d = dateOfDay(day);
    return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2);
  }

  function labelOfDay(day) {
    var d = dateOfDay(day);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  /** A day as precisely as it is known: 1 the year ("1919"), 2 the month ("June 1919"), 3 the day. */
  function labelAt(day, precision) {
    var d = dateOfDay(day);
    if (precision === 1) return String(d.getUTCFullYear());
    if (precision === 2) return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    return labelOfDay(day);
  }

  /** The ISO form of a day at a precision: "1919", "1919-06", "1919-06-01". */
  function isoAt(day, precision) {
    var iso = isoOfDay(day);
    return precision === 1 ? iso.slice(0, 4) : precision === 2 ? iso.slice(0, 7) : iso;
  }

  /** A day ordinal from a number or an ISO date string "YYYY-MM-DD" (or "YYYY-MM", "YYYY"). */
  function parseDay(x) {
    if (typeof x === "number" && isFinite(x)) return Math.round(x);
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(x).trim());
    if (!m) throw new Error("not a day number or ISO date: " + String(x));
    var d = new Date(0);
    d.setUTCFullYear(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
    return Math.round(d.getTime() / DAY_MS) + EPOCH_ORDINAL;
  }

  // ---- text-is-text helpers -----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Append a passage's text to a node, as text: http(s) URLs become safe links that open
   *  elsewhere, and citation markers ("[17]", "[citation needed]") small raised text, as the
   *  app's panel shows them (viewer/passage_text.py, whose rule this is). */
  function appendPassageText(node, text) {
    var re = /https?:\/\/[^\s<>"']+/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      appendCited(node, text.slice(last, m.index));
      var a = el("a", "atlas-link", m[0]);
      a.href = m[0];
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      node.appendChild(a);
      last = m.index + m[0].length;
    }
    appendCited(node, text.slice(last));
  }

  var CITATION = /\[(?:\d{1,3}|citation needed|[a-z]|note \d+)\]/g;

  function appendCited(node, text) {
    var last = 0, m;
    CITATION.lastIndex = 0;
    while ((m = CITATION.exec(text)) !== null) {
      node.appendChild(document.createTextNode(text.slice(last, m.index)));
      node.appendChild(el("sup", "atlas-cite", m[0]));
      last = m.index + m[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  window.AtlasUtil = {
    bisectRight: bisectRight, dateOfDay: dateOfDay, isoOfDay: isoOfDay, labelOfDay: labelOfDay,
    labelAt: labelAt, isoAt: isoAt,
    parseDay: parseDay, el: el, appendPassageText: appendPassageText
  };
})();
