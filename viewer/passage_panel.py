"""The passage panel: passages of the current date, or of the selected place, with search.

The document is built with QTextCursor and plain text runs (never HTML), so passage text
cannot be taken for markup; citation markers become small superscripts. Clicking a passage
seeks the timeline to it and selects its place. The current passage is tinted and the tint
follows the day, also while searching (then without rebuilding the list, so the matches stay).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (QColor, QFont, QKeySequence, QShortcut, QTextBlockFormat, QTextCharFormat, QTextCursor,
                           QTextDocument, QTextFormat)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QTextEdit,
                               QToolButton, QVBoxLayout, QWidget)

from places import Passage

from .passage_text import PassageIndex, split_citations
from .state import AppState


# Marks a passage's header block (date · place · source): the app's words, which a search of
# the passages does not look in (they change with the date and the borders shown).
HEADER = QTextFormat.Property.UserProperty


def _source_label(journey, source_id: str | None) -> str:  # type: ignore[no-untyped-def]
    """"Source: Wikipedia contributors, Maxim Litvinov", or say that there is none."""
    cited = journey.cite(source_id)
    return f"Source: {cited}" if cited else "no source given"


class PassageView(QTextBrowser):
    """A read-only document of passages; remembers which blocks belong to which passage."""

    passage_clicked = Signal(str)

    def __init__(self, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.ids: list[str] = []

    def mouseReleaseEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            state = self.cursorForPosition(event.position().toPoint()).block().userState()
            if 0 <= state < len(self.ids):
                self.passage_clicked.emit(self.ids[state])


class PassagePanel(QWidget):
    """Shows passages for the state's day or selected place; Ctrl+F searches them all."""

    def __init__(self, state: AppState, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.state = state
        self.index = PassageIndex(state.journey)
        self.shown: list[Passage] = []
        self.matches: list[QTextCursor] = []
        self.match_index = -1
        self.clicked_id: str | None = None
        self._went_to_match = False                     # Enter has gone to the marked match
        self._blocks: dict[str, tuple[int, int]] = {}   # passage id -> its block numbers [first, end)
        self._tinted: str | None = None                 # the passage whose blocks carry the tint
        self._build()
        state.day_changed.connect(self._on_state_day_changed)
        state.place_selected.connect(self._on_state_place_selected)
        state.journey_changed.connect(self._on_state_journey_changed)
        state.borders_changed.connect(lambda _mode: self._update_list(force=True))
        state.polities_changed.connect(lambda: self._update_list(force=True))
        self._update_list()

    # ---- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.back = QToolButton(text="Passages of this date")
        self.back.setToolTip("Leave the place and show the passages of the date on the timeline again")
        self.back.clicked.connect(lambda: self.state.select_place(None))
        head = QVBoxLayout()  # the title has the panel's whole width: beside the button it wrapped word by word
        head.setSpacing(4)
        head.addWidget(self.title)
        head.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.view = PassageView(self)
        self.view.passage_clicked.connect(self._go_to_passage)
        self.search = QLineEdit(placeholderText="Search passages (Enter: go there, then next; Shift+Enter: previous)")
        self.search.setToolTip("Typing finds and marks every match. Enter goes to the marked match's passage on the "
                               "map and timeline, and each further Enter to the next one; Shift+Enter to the one before.")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(lambda: self.go_to_match(+1))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        close = QPushButton("Done")
        close.clicked.connect(self.close_search)
        self.search_bar = QWidget()
        bar = QHBoxLayout(self.search_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.search, self.count, close):
            bar.addWidget(w)
        self.search_bar.hide()
        # scoped to the search bar: Esc with the focus elsewhere (the timeline) is not for the search
        for keys, slot in ((Qt.Modifier.SHIFT | Qt.Key.Key_Return, lambda: self.go_to_match(-1)),
                           (Qt.Modifier.SHIFT | Qt.Key.Key_Enter, lambda: self.go_to_match(-1)),
                           (Qt.Key.Key_Escape, self.close_search)):
            shortcut = QShortcut(QKeySequence(keys), self.search_bar)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # (PySide ignores context=)
            shortcut.activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.view, 1)

    # ---- state -> view ---------------------------------------------------------------------

    def _on_state_day_changed(self, _day: int) -> None:
        if self.searching:
            self._update_tint()  # the list is all passages: only the current one changes
        else:
            self._update_list()

    def _on_state_place_selected(self, _place: object) -> None:
        if not self.searching:
            self._update_list(force=True)

    def _on_state_journey_changed(self, journey) -> None:  # type: ignore[no-untyped-def]
        self.index = PassageIndex(journey)
        self._update_list(force=True)

    def chosen_passage_id(self) -> str | None:
        """The passage last clicked, else the current one: what Edit → Correct acts on."""
        if self.index.get(self.clicked_id) is not None:
            return self.clicked_id
        current = self.index.current(self.state.day)
        return current.id if current else (self.shown[0].id if self.shown else None)

    def _go_to_passage(self, passage_id: str) -> None:
        self.clicked_id = passage_id
        passage = self.index.get(passage_id)
        if passage is not None:
            self.state.go_to_passage(passage)
            self._on_state_day_changed(self.state.day)  # the same day, another passage: the tint moves

    def _current(self) -> Passage | None:
        """The passage to tint: the one last gone to (clicked, or a search match) while the day
        is within its dates (two passages can share a day, as on 8 December 1941, and the reader
        chose this one), else the day's own (``PassageIndex.current``)."""
        went, day = self.index.get(self.clicked_id), self.state.day
        if went is not None and went.first_day <= day <= went.last_day:
            return went
        return self.index.current(day)

    @property
    def searching(self) -> bool:
        return not self.search_bar.isHidden() and bool(self.search.text())

    def _update_list(self, force: bool = False) -> None:
        """Choose the passages to show; rebuild the document only when the choice changed."""
        day, place_id = self.state.day, self.state.selected_place
        if place_id is not None:
            place = self.state.journey.place(place_id)
            shown = self.state.journey.passages_at(place_id)
            title = f"{len(shown)} passage{'s' if len(shown) != 1 else ''} at {self.state.place_label(place)}"
        else:
            shown, exact = self.index.around(day)
            title = "Passages of this date" if exact else "No passage on this date: the nearest"
        current = self._current()
        self.back.setVisible(place_id is not None)
        self.title.setText(title)
        key = ([p.id for p in shown], current.id if current else None)
        if force or key != getattr(self, "_shown_key", None):
            self._shown_key = key
            self.shown = shown
            self._render(shown, current)

    def _render(self, passages: list[Passage], current: Passage | None, scroll: bool = True) -> None:
        """Build the document; with ``scroll``, bring the current passage into view."""
        doc = QTextDocument(self.view)
        doc.setDefaultFont(self.view.font())
        cursor = QTextCursor(doc)
        self.view.ids = [p.id for p in passages]
        self._blocks = {}
        self._tinted = current.id if current is not None and any(p.id == current.id for p in passages) else None
        if not passages:
            cursor.insertText("No passages are tied to this place." if self.state.selected_place else "This journey has no passages.")
        current_pos = None
        for n, passage in enumerate(passages):
            if n:
                cursor.insertBlock()
            if passage.id == self._tinted:
                current_pos = cursor.position()
            first = cursor.blockNumber()
            self._insert_passage(cursor, passage, n, highlighted=passage.id == self._tinted)
            self._blocks[passage.id] = (first, cursor.blockNumber() + 1)
        self.view.setDocument(doc)
        if current_pos is not None and scroll:
            c = QTextCursor(doc)
            c.setPosition(current_pos)
            self.view.setTextCursor(c)
            self._bring_into_view(c)

    def _bring_into_view(self, cursor: QTextCursor) -> None:
        """Scroll so that ``cursor`` sits a third of the way down, with the text after it in
        view (``ensureCursorVisible`` left a passage's header alone at the bottom edge)."""
        self.view.ensureCursorVisible()
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + self.view.cursorRect(cursor).top() - self.view.viewport().height() // 3)

    def _insert_passage(self, cursor: QTextCursor, passage: Passage, n: int, highlighted: bool) -> None:
        """A header line (date · place · source) and the text, both as plain runs."""
        journey = self.state.journey
        block = cursor.blockFormat()
        block.setTopMargin(8 if n else 0)
        block.setBackground(self._tint(highlighted))
        block.setProperty(HEADER, True)
        cursor.setBlockFormat(block)
        cursor.block().setUserState(n)
        head = QTextCharFormat()
        head.setFontWeight(QFont.Weight.Bold)
        date_inferred = any(k in passage.guessed for k in ("date", "start", "end"))
        head.setFontItalic(date_inferred)  # inferred dates are shown in italics
        # the state over the passage's dates ("Moscow — Russian SFSR, then USSR from 30 December 1922")
        place = (self.state.place_label(journey.place(passage.place_id), passage.first_day, passage.last_day)
                 if passage.place_id else "place unknown")
        source = _source_label(journey, passage.source)
        cursor.insertText(f"{passage.label} · {place}", head)
        muted = QTextCharFormat()
        muted.setForeground(self.palette().placeholderText())
        cursor.insertText(f"   {source}", muted)
        if passage.guessed:
            muted_italic = QTextCharFormat(muted)
            muted_italic.setFontItalic(True)
            cursor.insertText("   inferred: " + "; ".join(f"{k} {v}" for k, v in passage.guessed.items()), muted_italic)
        if passage.corrected:  # "date corrected by hand (was 1917-11-08)": the person's, not the text's
            cursor.insertText("   " + "; ".join(f"{k} {v}" for k, v in passage.corrected.items()), muted)
        text_block = QTextBlockFormat(block)
        text_block.clearProperty(HEADER)
        text_block.setTopMargin(0)  # the text sits under its own header; passages are spaced apart
        cursor.insertBlock(text_block)
        cursor.block().setUserState(n)
        plain, sup = QTextCharFormat(), QTextCharFormat()
        sup.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        sup.setForeground(self.palette().placeholderText())
        for run, is_citation in split_citations(passage.text):
            cursor.insertText(run, sup if is_citation else plain)

    def _tint(self, highlighted: bool) -> QColor:
        """The current passage's background: a tint, not a fill, readable on light and dark palettes."""
        if not highlighted:
            return QColor(Qt.GlobalColor.transparent)
        tint = QColor(self.palette().highlight().color())
        tint.setAlpha(70)
        return tint

    def _update_tint(self) -> None:
        """Move the tint to the day's current passage in place, keeping the document (and matches)."""
        current = self._current()
        wanted = current.id if current is not None and current.id in self._blocks else None
        if wanted == self._tinted:
            return
        doc = self.view.document()
        for passage_id, on in ((self._tinted, False), (wanted, True)):
            if passage_id is None:
                continue
            first, end = self._blocks[passage_id]
            for number in range(first, end):
                fmt = doc.findBlockByNumber(number).blockFormat()
                fmt.setBackground(self._tint(on))
                QTextCursor(doc.findBlockByNumber(number)).setBlockFormat(fmt)
        self._tinted = wanted

    # ---- search ----------------------------------------------------------------------------

    def open_search(self) -> None:
        self.search_bar.show()
        self.search.setFocus()
        self.search.selectAll()

    def close_search(self) -> None:
        self.search.clear()
        self.search_bar.hide()
        self.view.setExtraSelections([])
        self._update_list(force=True)

    def _on_search_text_changed(self, text: str) -> None:
        if not text:
            self.matches, self.match_index = [], -1
            self.count.setText("")
            self._update_list(force=True)
            return
        self.title.setText("All passages")
        self.shown = list(self.index.passages)
        self._render(self.shown, self._current(), scroll=False)
        self._shown_key = None
        self.matches = self._find_all(text)
        self.match_index = -1
        self.step_match(+1)
        self._went_to_match = False

    def _find_all(self, text: str) -> list[QTextCursor]:
        doc, found = self.view.document(), []
        cursor = doc.find(text, 0)
        while not cursor.isNull():
            if not cursor.block().blockFormat().boolProperty(HEADER):  # the passage's words only
                found.append(cursor)
            cursor = doc.find(text, cursor)
        return found

    def go_to_match(self, direction: int) -> None:
        """Enter in the search: go in time to the passage of the marked match; once there, step
        to the next match (``direction`` +1) or the one before (-1) and go to it.

        Typing only marks the matches (the map does not jump at every keystroke); the first
        Enter goes to the first match rather than past it."""
        if not self.matches:
            return
        if self._went_to_match or direction < 0:
            self.step_match(direction)
        self._went_to_match = True
        state = self.matches[self.match_index].block().userState()
        if 0 <= state < len(self.view.ids):
            self._go_to_passage(self.view.ids[state])

    def step_match(self, direction: int) -> None:
        """Move to the next or previous match, highlighting all and the current one strongly."""
        if not self.matches:
            self.count.setText("no matches" if self.search.text() else "")
            self.view.setExtraSelections([])
            return
        self.match_index = (self.match_index + direction) % len(self.matches)
        selections = []
        for i, match in enumerate(self.matches):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = match
            sel.format.setBackground(QColor("#f4b400") if i == self.match_index else QColor("#fff1a8"))
            sel.format.setForeground(QColor("#000000"))
            selections.append(sel)
        self.view.setExtraSelections(selections)
        self.view.setTextCursor(self.matches[self.match_index])
        self._bring_into_view(self.matches[self.match_index])
        self.count.setText(f"{self.match_index + 1} of {len(self.matches)}")
