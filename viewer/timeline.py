"""The timeline: a custom-painted strip of the journey's stays, one row per place, with a playhead.

It reads and writes only :class:`~viewer.state.AppState`: dragging scrubs ``state.day`` (as
precisely as a pixel can tell), a click on a band or on a passage's tick jumps there and selects
its place, and the view follows ``day_changed``. Every row is tall enough to read its name; the
places that do not fit share one "other places" row. The rows, bands, passages and axis ticks
are painted once into a cached pixmap and repainted only when the view changes (zoom, pan,
resize, journey, palette, a place's name), so moving the playhead costs a pixmap copy, the axis
labels, a line and a line of text however many stays the journey has. The pure maths is in
:mod:`viewer.timeline_axis`.
"""
from __future__ import annotations

import math

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPalette,
                           QPen, QPixmap, QPolygonF)
from PySide6.QtWidgets import QToolTip, QWidget

from places import Passage
from places.dates import FuzzyDate, Precision

from .palette import place_color
from .passage_text import excerpt
from .state import AppState
from .timeline_axis import (RowIndex, TickLevel, Viewport, choose_level, context_label, minor_level,
                            scale_precision, ticks)

DETAIL_LIMIT = 1500   # above this many stays in view, rows are drawn as merged runs without effects
FADE_MIN_PX = 6.0     # the narrowest soft edge of a fuzzy date
MAX_ROW_PX = 22.0
DRAG_PX = 3.0
PASSAGE_SNAP_PX = 5.0  # a click or hover this close to a passage's tick means that passage


class TimelineWidget(QWidget):
    """Zoomable timeline of stays and passages that scrubs and follows ``state.day``."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._vp = Viewport()
        self._cache: QPixmap | None = None
        self._fold_key: tuple[object, int] | None = None   # (journey, rows) the fold was made for
        self._labels: list[str] = []
        self._names_epoch = -1
        self._axis_labels: list[tuple[QRectF, str]] = []
        self._drag: str | None = None    # "press", "scrub" or "pan"
        self._press = self._last = QPointF()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumHeight(100)
        state.journey_changed.connect(self._on_journey)
        state.day_changed.connect(self._on_day)
        state.precision_changed.connect(self._on_state_precision_changed)
        state.place_selected.connect(self._invalidate)
        self._on_journey(state.journey)

    # ---- public API -----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 220)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 140)

    def day_at(self, x: float) -> int:
        """The day under an x coordinate (kept inside the journey)."""
        return self._vp.day_at(x)

    def x_of(self, day: int) -> float:
        """The x coordinate of the middle of a day."""
        return self._vp.x_of(day)

    def stay_at(self, pos: QPointF) -> int | None:
        """Index into ``journey.stays`` of the band under a point (3 px of slack), or None."""
        r = self._row_at(pos.y())
        if r is None or not self._vp.left <= pos.x() <= self._vp.left + self._vp.width:
            return None
        return self._rows.stay_in_row(r, self._vp.day_at(pos.x()), 3.0 / self._vp.px_per_day)

    def passages_at(self, pos: QPointF) -> list[Passage]:
        """The passages of the tick under a point on the passage strip (a few px of slack), or []."""
        if not self._pass_top - 2 <= pos.y() <= self._rows_top or pos.x() < self._vp.left:
            return []
        return self._rows.passages_near(self._vp.time_at(pos.x()), PASSAGE_SNAP_PX / self._vp.px_per_day)

    def passage_tooltip_text(self, passages: list[Passage]) -> str:
        """Plain text for a tick: each passage's date and the start of its text (three at most)."""
        parts = [f"{p.label}\n{excerpt(p.text)}" for p in passages[:3]]
        if len(passages) > 3:
            parts.append(f"and {len(passages) - 3} more passages")
        return "\n\n".join(parts)

    def zoom_by(self, factor: float, anchor_x: float) -> None:
        """Zoom in (factor > 1) or out, keeping the day under ``anchor_x`` in place."""
        self._vp.zoom_by(factor, anchor_x)
        self._invalidate()

    def pan_by(self, pixels: float) -> None:
        """Slide the content right by ``pixels`` (earlier days come into view)."""
        self._vp.pan_by(pixels)
        self._invalidate()

    def pointer_precision(self) -> Precision:
        """How precisely a day picked with the pointer is known at this zoom (a pixel's worth)."""
        return scale_precision(self._vp.px_per_day)

    def visible_range(self) -> tuple[int, int]:
        """First and last day (inclusive) in view."""
        return self._vp.visible_range()

    def tick_level(self) -> TickLevel:
        """The labelled axis level at the current zoom ("decades", "months", ...)."""
        fm = QFontMetricsF(self.font())
        return choose_level(self._vp.px_per_day, fm.horizontalAdvance)

    def row_names(self) -> list[str]:
        """The names in the gutter, top to bottom, as they were on the current day."""
        return list(self._labels)

    def tooltip_text(self, index: int) -> str:
        """Plain text for a stay: "London — 1909 – August 1918 (residence, certain)"."""
        stay = self.state.journey.stays[index]
        who = (self.state.journey.place(stay.place_id).name_on(stay.first_day)
               if stay.place_id is not None else "Whereabouts unknown")
        text = f"{who} — {stay.label} ({stay.kind}, {stay.certainty})"
        return f"{text}\n{stay.note}" if stay.note else text

    # ---- state and geometry -----------------------------------------------------------------

    def _on_journey(self, journey) -> None:
        self._colors = {p.id: QColor(place_color(p.id)) for p in journey.places}
        self._rows_wanted = RowIndex.rows_wanted(journey)
        self._vp.set_bounds(journey.first_day, journey.last_day)
        self._relayout()

    def _on_day(self, day: int) -> None:
        if self._vp.ensure_visible(day):
            self._cache = None
        self._update_names()
        self.update()

    def _on_state_precision_changed(self, _precision: Precision) -> None:
        self.update()  # the header and the playhead's tag say the date at its precision

    def _invalidate(self, *_) -> None:
        self._cache = None
        self.update()

    def _relayout(self) -> None:
        """Place the header, axis, passage strip, gutter and rows for the current size and font.

        Every row is at least a line of the small font tall, so every name can be read; the
        places that do not fit fold into one "other places" row. Only a resize, a font or a
        journey gets here, so the rows never re-fold while the playhead moves.
        """
        fm, small = QFontMetricsF(self.font()), QFontMetricsF(self._small_font())
        self._header_h = fm.height() + 6
        self._axis_top, self._axis_h = self._header_h, fm.height() + 8
        self._pass_top, self._pass_h = self._axis_top + self._axis_h, max(9.0, small.height() - 2)
        self._rows_top = self._pass_top + self._pass_h + 2
        line_h = math.ceil(small.height())
        free = self.height() - self._rows_top - 2
        fold_key = (self.state.journey, min(self._rows_wanted, max(2, int(free // line_h))))
        if fold_key != self._fold_key:
            self._fold_key = fold_key
            self._rows = RowIndex(self.state.journey, fold_key[1])
        self._gutter = min(self._widest_name(small) + 18, self.width() * 0.22, 170.0)
        self._vp.set_geometry(self._gutter, max(1.0, self.width() - self._gutter - 10))
        self._row_h = min(MAX_ROW_PX, max(line_h, free / max(1, len(self._rows.rows))))
        self._update_names(force=True)
        self._invalidate()

    def _widest_name(self, fm: QFontMetricsF) -> float:
        """The widest name any row can show, under any of its names, so the gutter holds still."""
        journey, widest = self.state.journey, 0.0
        for row in self._rows.rows:
            names = [row.label]
            if row.color_id is not None:  # the names name_on() can give: the main one and the dated ones
                names += [alt.name for alt in journey.place(row.key).names if alt.start or alt.end]
            widest = max(widest, *(fm.horizontalAdvance(n) for n in names))
        return widest

    def _update_names(self, force: bool = False) -> None:
        """Rows are named as on the current day; the gutter is repainted only when a name changed."""
        epoch = self._rows.names_epoch(self.state.day)
        if not force and epoch == self._names_epoch:
            return
        self._names_epoch = epoch
        labels = self._rows.labels_on(self.state.day)
        if labels != self._labels:
            self._labels = labels
            self._cache = None

    def _row_at(self, y: float) -> int | None:
        r = int((y - self._rows_top) // self._row_h) if y >= self._rows_top else -1
        return r if 0 <= r < len(self._rows.rows) else None

    def _row_rect(self, r: int) -> QRectF:
        pad = min(1.5, self._row_h * 0.15)
        return QRectF(self._vp.left, self._rows_top + r * self._row_h + pad, self._vp.width, self._row_h - 2 * pad)

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return font

    def resizeEvent(self, event) -> None:
        self._relayout()

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._relayout()
        super().changeEvent(event)

    # ---- painting ---------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        dpr = self.devicePixelRatioF()
        if self._cache is None or self._cache.devicePixelRatio() != dpr or self._cache.size() != self.size() * dpr:
            self._cache = self._render_static(dpr)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._cache)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_header(p)
        tag = self._playhead_tag()
        self._paint_axis_labels(p, tag[0] if tag else None)
        self._paint_current_name(p)
        self._paint_playhead(p, tag)
        p.end()

    def _render_static(self, dpr: float) -> QPixmap:
        """Everything that does not move with the playhead, for the current view."""
        pix = QPixmap(self.size() * dpr)
        pix.setDevicePixelRatio(dpr)
        pix.fill(self.palette().color(QPalette.ColorRole.Base))
        p = QPainter(pix)
        self._paint_gutter(p)
        plot = QRectF(self._vp.left, 0, self._vp.width, self.height())
        p.setClipRect(plot.adjusted(0, 0, 10, 0))
        self._paint_axis(p)
        p.setClipRect(plot)
        self._paint_bands(p)
        self._paint_passages(p)
        p.end()
        return pix

    def _ink(self, alpha: float = 1.0) -> QColor:
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(alpha)
        return color

    def _paint_gutter(self, p: QPainter) -> None:
        """Row shading, the selected place's highlight, and the names in the left gutter."""
        p.setFont(self._small_font())
        for r, row in enumerate(self._rows.rows):
            self._paint_row_back(p, r, self.width())
            p.setPen(self._ink(0.6 if row.color_id is None else 0.9))
            self._draw_name(p, r, self._labels[r])
        p.setPen(self._ink(0.5))
        p.drawText(QRectF(8, self._pass_top - 2, self._gutter - 10, self._pass_h + 4), Qt.AlignmentFlag.AlignVCenter, "passages")

    def _row_box(self, r: int, right: float) -> QRectF:
        """Row ``r``'s own strip, from the left edge to ``right``."""
        return QRectF(0, self._rows_top + r * self._row_h, right, self._row_h)

    def _paint_row_back(self, p: QPainter, r: int, right: float) -> None:
        """A row's background up to ``right``: shading or the selected place's highlight, and its swatch.

        The "other places" row is highlighted when the selected place is folded into it, and
        its swatch shows the colours of (up to four of) the places it holds.
        """
        box, row = self._row_box(r, right), self._rows.rows[r]
        p.fillRect(box, self.palette().color(QPalette.ColorRole.Base))
        selected = self.state.selected_place
        if selected is not None and self._rows.place_row.get(selected) == r:
            highlight = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            highlight.setAlphaF(0.18)
            p.fillRect(box, highlight)
        elif r % 2:
            p.fillRect(box, self._ink(0.035))
        colors = [self._colors[row.color_id]] if row.color_id is not None else (
            [self._colors[k] for k in self._rows.folded[:4]] if row.key == RowIndex.OTHER else [])
        slice_h = (box.height() - 2) / max(1, len(colors))
        for i, color in enumerate(colors):
            p.fillRect(QRectF(2, box.top() + 1 + i * slice_h, 4, slice_h), color)

    def _draw_name(self, p: QPainter, r: int, text: str) -> None:
        """A name in row ``r``'s part of the gutter, elided to fit it; rows are a line tall."""
        fm, box = QFontMetricsF(p.font()), self._row_box(r, self._gutter - 4).adjusted(10, 0, 0, 0)
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_axis(self, p: QPainter) -> None:
        """Minor and major ticks and faint grid lines through the rows; the labels are only placed
        here (see :meth:`_paint_axis_labels`), because the playhead's tag decides which show."""
        vp, (first, last) = self._vp, self._vp.visible_range()
        level, bottom = self.tick_level(), self._axis_top + self._axis_h
        minor = minor_level(level, vp.px_per_day)
        p.setPen(QPen(self._ink(0.35), 0))
        if minor is not None:
            p.drawLines([QLineF(vp.edge_x(d), bottom - 3, vp.edge_x(d), bottom) for d, _ in ticks(minor, first, last)])
        major = ticks(level, first, last)
        p.drawLines([QLineF(vp.edge_x(d), self._axis_top + 4, vp.edge_x(d), bottom) for d, _ in major])
        p.setPen(QPen(self._ink(0.08), 0))
        p.drawLines([QLineF(vp.edge_x(d), bottom, vp.edge_x(d), self.height()) for d, _ in major])
        self._axis_labels = self._place_axis_labels(level, major, first)

    def _place_axis_labels(self, level: TickLevel, major: list[tuple[int, str]], first: int) -> list[tuple[QRectF, str]]:
        """Where each axis label goes: a pinned year at the left, then the ticks' labels that fit."""
        vp, fm = self._vp, QFontMetricsF(self.font())
        top, out = self._axis_top + 4, []
        pinned = context_label(level, first)
        right = -1e9
        if pinned:
            out.append((QRectF(vp.left + 3, top, fm.horizontalAdvance(pinned), fm.height()), pinned))
            right = vp.left + 3 + fm.horizontalAdvance(pinned) + 8
        for day, text in major:
            x, w = vp.edge_x(day) + 3, fm.horizontalAdvance(text)
            if x >= right and x + w <= self.width():
                out.append((QRectF(x, top, w, fm.height()), text))
                right = x + w + 6
        return out

    def _uncovered_labels(self, tag: QRectF | None) -> list[tuple[QRectF, str]]:
        """The axis labels that the playhead's date tag (with a little air) leaves uncovered."""
        if tag is None:
            return self._axis_labels
        keep_clear = tag.adjusted(-4, 0, 4, 0)
        return [(box, text) for box, text in self._axis_labels if not box.intersects(keep_clear)]

    def _paint_axis_labels(self, p: QPainter, tag: QRectF | None) -> None:
        """The axis labels, except any the playhead's date tag would cover (no stray digits)."""
        p.save()
        p.setClipRect(QRectF(self._vp.left, self._axis_top, self._vp.width + 10, self._axis_h))
        p.setFont(self.font())
        p.setPen(self._ink(0.85))
        base = QFontMetricsF(self.font()).ascent()
        for box, text in self._uncovered_labels(tag):
            p.drawText(QPointF(box.left(), box.top() + base), text)
        p.restore()

    def axis_labels_shown(self) -> list[str]:
        """The axis labels a person sees now, left to right (those under the date tag are left out)."""
        tag = self._playhead_tag()
        return [text for _, text in self._uncovered_labels(tag[0] if tag else None)]

    def _paint_bands(self, p: QPainter) -> None:
        """Each stay in view with its effects, or per-row merged runs when too many are in view."""
        first, last = self._vp.visible_range()
        visible = self._rows.visible_stays(first, last)
        if len(visible) > DETAIL_LIMIT:
            self._paint_runs(p, first, last)
            return
        stays, row_of = self.state.journey.stays, self._rows.row_of
        for i in visible:
            self._paint_stay(p, stays[i], self._band_rect(row_of[i], stays[i].first_day, stays[i].last_day, False))

    def _band_rect(self, r: int, first_day: int, last_day: int, clip: bool = True) -> QRectF:
        """A band from the start of ``first_day`` to the end of ``last_day``, at least 1 px wide."""
        row, vp = self._row_rect(r), self._vp
        x0, x1 = vp.edge_x(first_day), vp.edge_x(last_day + 1)
        if clip:
            x0, x1 = max(vp.left - 50, x0), min(vp.left + vp.width + 50, x1)
        return QRectF(x0, row.top(), max(1.0, x1 - x0), row.height())

    def _paint_runs(self, p: QPainter, first: int, last: int) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        for r, row in enumerate(self._rows.rows):
            runs = self._rows.runs(r, first, last, 1.0 / self._vp.px_per_day)
            color = self._colors[row.color_id] if row.color_id else self._ink(0.4)
            p.setBrush(color if row.key is not None else QBrush(self._ink(0.5), Qt.BrushStyle.BDiagPattern))
            p.drawRects([self._band_rect(r, a, b) for a, b in runs])

    def _paint_stay(self, p: QPainter, stay, rect: QRectF) -> None:
        """One band: grey hatching when unknown, soft edges when fuzzy, lighter/hatched when unsure.

        ``rect`` is the whole stay, so the soft edges stay put however far it reaches off screen;
        only the part in view (plus a margin) is filled.
        """
        vp = self._vp
        shown = rect.intersected(QRectF(vp.left - 50, rect.top(), vp.width + 100, rect.height()))
        if stay.place_id is None:
            rect = shown
            p.fillRect(rect, self._ink(0.12))
            p.fillRect(rect, QBrush(self._ink(0.45), Qt.BrushStyle.BDiagPattern))
            return
        color = QColor(self._colors[stay.place_id])
        color.setAlphaF({"certain": 1.0, "less-certain": 0.62}.get(stay.certainty, 0.45))
        w = rect.width()
        fl = self._fade(stay.start, w) if stay.start.is_fuzzy and w > 4 else 0.0
        fr = self._fade(stay.end, w) if stay.end.is_fuzzy and w > 4 else 0.0
        brush = QBrush(color)
        if fl or fr:
            clear = QColor(color)
            clear.setAlpha(0)
            grad = QLinearGradient(rect.left(), 0, rect.right(), 0)
            grad.setColorAt(0, clear if fl else color)
            grad.setColorAt(fl / w, color)
            grad.setColorAt(1 - fr / w, color)
            grad.setColorAt(1, clear if fr else color)
            brush = QBrush(grad)
        p.fillRect(shown, brush)
        if stay.certainty == "uncertain" and w - fl - fr > 3:
            core = rect.adjusted(fl, 0, -fr, 0).intersected(shown)
            p.fillRect(core, QBrush(color.darker(170), Qt.BrushStyle.BDiagPattern))

    def _fade(self, when: FuzzyDate, width: float) -> float:
        """How wide a fuzzy date's soft edge is: its own interval, at least a few pixels."""
        days = when.last_day - when.first_day + 1
        return min(width * 0.45, max(FADE_MIN_PX, days * self._vp.px_per_day))

    def _paint_passages(self, p: QPainter) -> None:
        """A small diamond per passage date, at most one per three pixels."""
        first, last = self._vp.visible_range()
        y, r = self._pass_top + self._pass_h / 2, min(3.5, self._pass_h / 2 - 0.5)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._ink(0.65))
        for d in self._rows.passages_in(first, last, 3.0 / self._vp.px_per_day):
            x = self._vp.x_of(d)
            p.drawPolygon(QPolygonF([QPointF(x - r, y), QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r)]))

    def header_text(self) -> tuple[str, str]:
        """("1 June 1915", " — in London"): the date in words at its precision, and where he was."""
        return self.state.date_label(), f" — {self.state.itinerary.where(self.state.day).describe()}"

    def _paint_header(self, p: QPainter) -> None:
        """The header: the current date in bold, then where the person was."""
        rect = QRectF(8, 0, self.width() - 16, self._header_h)
        p.fillRect(QRectF(0, 0, self.width(), self._header_h), self.palette().color(QPalette.ColorRole.Window))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(self._ink())
        date_text, where = self.header_text()
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, date_text)
        p.setFont(self.font())
        rest = rect.adjusted(QFontMetricsF(bold).horizontalAdvance(date_text), 0, 0, 0)
        status = QFontMetricsF(self.font()).elidedText(where, Qt.TextElideMode.ElideRight, rest.width())
        p.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, status)

    def current_name(self) -> tuple[int, str] | None:
        """The row of the playhead's stay and the name shown bold in it, or None.

        A place folded into "other places" is named there with the others it shares the row
        with ("Stockholm +14", short enough for the gutter): the row's other bands are not its stays.
        """
        where = self.state.itinerary.where(self.state.day)
        if where.stay is None or where.stay_index is None:
            return None
        r = self._rows.row_of[where.stay_index]
        if where.place is None:
            return r, self._labels[r]
        name = where.place.name_on(self.state.day)
        others = len(self._rows.folded) - 1 if self._rows.rows[r].key == RowIndex.OTHER else 0
        return r, f"{name} +{others}" if others else name

    def _paint_current_name(self, p: QPainter) -> None:
        """The place of the playhead's stay, bold in its row (see :meth:`current_name`).

        Only that row's own part of the gutter is repainted, so no neighbour's name is touched.
        """
        current = self.current_name()
        if current is None:
            return
        r, name = current
        p.save()
        p.setClipRect(self._row_box(r, self._gutter))
        self._paint_row_back(p, r, self._gutter)
        font = self._small_font()
        font.setBold(True)
        p.setFont(font)
        p.setPen(self._ink())
        self._draw_name(p, r, name)
        p.restore()

    def _playhead_in_view(self) -> bool:
        x, vp = self._vp.x_of(self.state.day), self._vp
        return vp.left - 1 <= x <= vp.left + vp.width + 1

    def _playhead_tag(self) -> tuple[QRectF, str] | None:
        """Where the playhead's date tag goes on the axis, and its text. When the view is panned
        away from the playhead, the tag waits at that edge with an arrow ("◀ 30 December 1918"),
        so the current date is never lost from sight; a click on it brings the playhead back."""
        x, vp = self._vp.x_of(self.state.day), self._vp
        fm, text = QFontMetricsF(self._small_font()), self.state.date_label()
        if not self._playhead_in_view():
            text = f"◀ {text}" if x < vp.left else f"{text} ▶"
        w, h = fm.horizontalAdvance(text) + 8, fm.height() + 2
        if x < vp.left - 1:
            left = vp.left + 2
        elif x > vp.left + vp.width + 1:
            left = vp.left + vp.width - 2 - w
        else:
            left = x + 4 if x + 4 + w <= self.width() else x - 4 - w
        return QRectF(left, self._axis_top + (self._axis_h - h) / 2, w, h), text

    def _paint_playhead(self, p: QPainter, tag_and_text: tuple[QRectF, str] | None) -> None:
        """A vertical line at ``state.day`` with the date in a tag on the axis."""
        if tag_and_text is None:
            return
        tag, text = tag_and_text
        x = self._vp.x_of(self.state.day)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        in_view = self._playhead_in_view()
        if in_view:
            p.setPen(QPen(accent, 2))
            p.drawLine(QLineF(x, self._axis_top, x, self.height()))
        p.setFont(self._small_font())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        p.drawRoundedRect(tag, 3, 3)
        if in_view:
            p.drawPolygon(QPolygonF([QPointF(x - 5, self._axis_top), QPointF(x + 5, self._axis_top), QPointF(x, self._axis_top + 6)]))
        p.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        p.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)

    # ---- pointer ----------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        pos, button = event.position(), event.button()
        on_ruler = pos.y() < self._pass_top
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and on_ruler):
            self._drag = "pan"
        elif button == Qt.MouseButton.LeftButton:
            self._drag = "press"
        self._press = self._last = pos

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        moved = (pos - self._press).manhattanLength() >= DRAG_PX
        if self._drag == "press" and moved and pos.x() >= self._vp.left:
            self._drag = "scrub"
        elif self._drag == "pan" and moved:
            self.pan_by(pos.x() - self._last.x())
        if self._drag == "scrub":
            x = min(max(pos.x(), self._vp.left), self._vp.left + self._vp.width - 1e-6)
            self.state.set_day(self.day_at(x), self.pointer_precision())
        self._last = pos

    def mouseReleaseEvent(self, event) -> None:
        pos, clicked = event.position(), (event.position() - self._press).manhattanLength() < DRAG_PX
        if clicked and event.button() == Qt.MouseButton.LeftButton:
            self._click(pos)
        self._drag = None

    def _click(self, pos: QPointF) -> None:
        """A passage's tick or a band jumps there and selects its place; a name selects; elsewhere sets the day.
        The date tag waiting at an edge (the playhead panned out of view) brings the playhead back."""
        tag = self._playhead_tag()
        if tag is not None and not self._playhead_in_view() and tag[0].contains(pos):
            self._vp.ensure_visible(self.state.day)
            self._invalidate()
            return
        if passages := self.passages_at(pos):
            self.state.go_to_passage(passages[0])  # as clicking it in the passage panel does
            return
        r = self._row_at(pos.y())
        if pos.x() < self._vp.left:
            if r is not None and self._rows.rows[r].color_id is not None:
                self.state.select_place(self._rows.rows[r].key)
            return
        index = self.stay_at(pos)
        if index is None:
            self.state.set_day(self.day_at(pos.x()), self.pointer_precision())
            return
        stay = self.state.journey.stays[index]
        self.state.set_day(stay.first_day, stay.start.precision)
        self.state.select_place(stay.place_id)

    def _row_tooltip(self, r: int) -> str:
        """A row's name; for "other places", the names of the places it holds (at most 20)."""
        if self._rows.rows[r].key != RowIndex.OTHER:
            return self._labels[r]
        folded = self._rows.folded
        names = [self.state.journey.place(p).name_on(self.state.day) for p in folded[:20]]
        more = f", and {len(folded) - 20} more" if len(folded) > 20 else ""
        return f"Other places: {', '.join(names)}{more}"

    def wheelEvent(self, event) -> None:
        """Wheel zooms around the pointer; shift+wheel or a sideways wheel pans."""
        dx, dy = event.angleDelta().x(), event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or abs(dx) > abs(dy):
            self.pan_by((dy or dx) / 120 * self._vp.width / 8)
        elif dy:
            self.zoom_by(1.25 ** (dy / 120), event.position().x())
        event.accept()

    def event(self, event) -> bool:
        """Tooltips: a band's place and dates, a passage tick's dates and text, or a row's name
        in the gutter (always plain text, so no journey string is read as markup)."""
        if event.type() != QEvent.Type.ToolTip:
            return super().event(event)
        pos, text = QPointF(event.pos()), None
        if (index := self.stay_at(pos)) is not None:
            text = self.tooltip_text(index)
        elif passages := self.passages_at(pos):
            text = self.passage_tooltip_text(passages)
        elif pos.x() < self._vp.left and (r := self._row_at(pos.y())) is not None:
            text = self._row_tooltip(r)
        if text:
            QToolTip.showText(event.globalPos(), QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal), self)
        else:
            QToolTip.hideText()
            event.ignore()
        return True
