"""The main window: composes the map, the passage panel, the timeline and the menus.

It only composes and wires; each widget takes the shared :class:`AppState` and keeps itself
up to date from its signals.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QDir, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from places import Status, bundled_journey_path

from .about import SHORTCUTS_TEXT, about_text
from .cli import MINIMUM_SIZE
from .map_binding import MapBinding
from .map_view import MapView
from .passage_panel import PassagePanel
from .playback import DEFAULT_SPEED, SPEEDS, Playback
from .polity_worker import PolityWorker
from .state import AppState
from .status_line import StatusLine
from .timeline import TimelineWidget
from .unsaved import may_discard


# The file and draft actions (dialogs, exporters, the text extractor) are imported when first
# used, not at start-up: the window opens without them.
def _file_actions():  # type: ignore[no-untyped-def]
    from . import file_actions

    return file_actions


def _draft_actions():  # type: ignore[no-untyped-def]
    from . import draft_actions

    return draft_actions


MAP_SHARE = 65   # percent of the window's height for the map and passages; the timeline has the rest

SPLIT_HANDLE_PX = 7  # the splitters' handles: wide enough to find with the mouse (a review missed the default)


class MainWindow(QMainWindow):
    """Map on the left, passages on the right, the timeline along the bottom."""

    def __init__(self, state: AppState, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.settings = state, settings
        self.journey_path: str | None = None
        self.text_sources: set[str] = set()  # texts drafts came from: never saved over
        self.map_view = MapView()
        self.binding = MapBinding(state, self.map_view, self)
        self.polity_worker = PolityWorker(state, self)
        self.panel = PassagePanel(state)
        self.timeline = TimelineWidget(state)
        self.playback = Playback(state, self)
        self._build_layout()
        self._build_menus()
        self._build_status_bar()
        self.setMinimumSize(*MINIMUM_SIZE)
        state.day_changed.connect(self._update_status)
        state.precision_changed.connect(self._update_status)
        state.journey_changed.connect(self._update_title)
        state.place_selected.connect(self._update_status)
        state.borders_changed.connect(self._update_status)
        state.polities_changed.connect(self._update_status)
        self.playback.playing_changed.connect(self._update_play_button)
        self._update_title()
        self._update_status()

    # ---- layout ---------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.side_split = QSplitter(Qt.Orientation.Horizontal)
        self.side_split.addWidget(self.map_view)
        self.side_split.addWidget(self.panel)
        self.side_split.setStretchFactor(0, 3)
        self.side_split.setStretchFactor(1, 1)
        self.side_split.setSizes([900, 340])
        self.side_split.setHandleWidth(SPLIT_HANDLE_PX)
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(4, 0, 4, 4)
        column.addLayout(self._build_controls())
        column.addWidget(self.timeline, 1)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.addWidget(self.side_split)
        self.main_split.addWidget(bottom)
        self.main_split.setHandleWidth(SPLIT_HANDLE_PX)
        # about a third of the height for the timeline, so its rows are tall enough to read by
        # name; stretching in the same ratio keeps that share as the window is resized
        self.main_split.setStretchFactor(0, MAP_SHARE)
        self.main_split.setStretchFactor(1, 100 - MAP_SHARE)
        self.main_split.setSizes([MAP_SHARE * 10, (100 - MAP_SHARE) * 10])
        self.setCentralWidget(self.main_split)

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.play_button = QToolButton(text="❚❚ Pause")
        self.play_button.setMinimumWidth(self.play_button.sizeHint().width())  # the wider label: nothing shifts on play
        self.play_button.setText("▶ Play")
        self.play_button.setToolTip("Play or pause (Space)")
        self.play_button.clicked.connect(self.playback.toggle)
        self.speed = QComboBox()
        for label, days in SPEEDS:
            self.speed.addItem(label, days)
        self.speed.setCurrentIndex(DEFAULT_SPEED)
        self.speed.currentIndexChanged.connect(lambda i: self.playback.set_speed(self.speed.itemData(i)))
        self.follow_box = QCheckBox("Follow")
        self.follow_box.setToolTip("Pan the map to follow Litvinov")
        self.follow_box.setChecked(self.state.follow)
        self.follow_box.toggled.connect(self.state.set_follow)
        self.state.follow_changed.connect(self.follow_box.setChecked)
        for w in (self.play_button, QLabel("Speed:"), self.speed, self.follow_box):
            row.addWidget(w)
        row.addStretch(1)
        return row

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Open journey…", self._on_open_requested, QKeySequence.StandardKey.Open)
        self._action(file_menu, "&Import text…", self._on_import_requested, QKeySequence("Ctrl+I"))
        self._action(file_menu, "&Save journey", self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, "Save journey &as…", self.save_as, QKeySequence.StandardKey.SaveAs)
        export_menu = file_menu.addMenu("&Export")
        for fmt, label in (("html", "&HTML page…"), ("geojson", "&GeoJSON…"), ("kml", "&KML…"), ("csv", "&CSV…")):
            self._action(export_menu, label, lambda _=False, f=fmt: self._on_export_requested(f))
        self._action(file_menu, "Save &screenshot…", self._on_screenshot_requested)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self._action(edit, "&Correct passage…", self._on_correct_requested, QKeySequence("Ctrl+E"))
        view = bar.addMenu("&View")
        self.follow_action = self._action(view, "&Follow Litvinov", self.state.set_follow, checked=self.state.follow)
        self.state.follow_changed.connect(self.follow_action.setChecked)
        trail = self._action(view, "Show &trail", self.state.set_trail, checked=self.state.trail)
        self.state.trail_changed.connect(trail.setChecked)
        borders = self._action(view, "Borders of the &time", lambda on: self.state.set_borders("historical" if on else "modern"),
                               checked=self.state.borders == "historical")
        self.state.borders_changed.connect(lambda mode: borders.setChecked(mode == "historical"))
        basemaps = view.addMenu("&Basemap")
        group = QActionGroup(self)
        self.basemap_actions = {}
        for key, label in (("offline", "Natural Earth (offline)"), ("osm", "OpenStreetMap (online)")):
            action = self._action(basemaps, label, lambda on, k=key: on and self.binding.basemap != k and self.binding.set_basemap(k), checked=key == "offline")
            group.addAction(action)
            self.basemap_actions[key] = action
        self.binding.basemap_changed.connect(lambda key: self.basemap_actions[key].setChecked(True))
        self._action(view, "&Zoom to journey", lambda: self.map_view.call("fit"), QKeySequence("Ctrl+0"))
        self._action(view, "&Search passages", self.panel.open_search, QKeySequence.StandardKey.Find)
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", lambda: self._show_text("Keyboard shortcuts", SHORTCUTS_TEXT), QKeySequence("F1"))
        self._action(help_menu, "&About Litvinov Atlas", lambda: self._show_text("About Litvinov Atlas", about_text()))
        self._add_shortcuts()

    def _action(self, menu, text, slot, shortcut=None, checked=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _add_shortcuts(self) -> None:
        """Space, ←/→, Home/End act on time wherever the focus is, except in text fields."""
        for key, slot in ((Qt.Key.Key_Space, self.playback.toggle), (Qt.Key.Key_Left, lambda: self.state.step_event(-1)),
                          (Qt.Key.Key_Right, lambda: self.state.step_event(+1)), (Qt.Key.Key_Home, self.state.go_to_start),
                          (Qt.Key.Key_End, self.state.go_to_end)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _build_status_bar(self) -> None:
        self.status_label = StatusLine()
        self.statusBar().addPermanentWidget(self.status_label, 1)

    # ---- refreshers ------------------------------------------------------------------------

    def _update_status(self, *_args: object) -> None:
        where = self.state.where()
        place = (self.state.place_label(where.place, until=self.state.period_end())
                 if where.status is Status.STAY and where.place else where.describe())
        km = self.state.km_so_far()
        self.status_label.set_parts(place, f"{self.state.date_label()}  ·  {km:,.0f} km travelled so far")

    def _update_title(self, *_args: object) -> None:
        """The journey's title, and Qt's "[*]" where it marks unsaved changes (a "[*]" in the
        title itself is doubled, so Qt shows it as written)."""
        title = (self.state.journey.title or "journey").replace("[*]", "[*][*]")
        self.setWindowTitle(f"Litvinov Atlas — {title}[*]")

    def _update_play_button(self, playing: bool) -> None:
        self.play_button.setText("❚❚ Pause" if playing else "▶ Play")

    def _show_text(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, "", QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    # ---- the journey as a document: open, import, correct, save --------------------------

    def _on_open_requested(self) -> None:
        if not self.may_replace_journey():
            return
        path = _file_actions().open_journey(self, self.state, folder=self.dialog_folder())
        if path:
            self.journey_path = path
            self._remember_folder(path)
            self.setWindowModified(False)

    def _on_import_requested(self) -> None:
        """A draft from a text replaces the journey, unsaved: it is modified until saved."""
        if not self.may_replace_journey():
            return
        path = _draft_actions().import_text(self, self.state, folder=self.dialog_folder())
        if path:
            self.journey_path, self.text_sources = None, self.text_sources | {path}
            self._remember_folder(path)
            self.setWindowModified(True)

    def _on_correct_requested(self) -> None:
        if _draft_actions().correct_passage_dialog(self, self.state, self.panel.chosen_passage_id()):
            self.setWindowModified(True)

    def save(self) -> bool:
        """File → Save: write the journey over its own file; one without a file of its own (a
        draft, the bundled journey) is saved as a file the person chooses. True when saved."""
        own = self._own_file()
        if own is None:
            return self.save_as()
        if not _draft_actions().write_journey(self, self.state, own):
            return False
        self.setWindowModified(False)
        return True

    def save_as(self) -> bool:
        """File → Save journey as…: the journey goes on from the file chosen. True when saved."""
        path = _draft_actions().save_journey_as(self, self.state, self.text_sources, self.dialog_folder())
        if not path:
            return False
        self.journey_path = path
        self._remember_folder(path)
        self.setWindowModified(False)
        return True

    def _on_export_requested(self, fmt: str) -> None:
        self._remember_folder(_file_actions().export_journey(self, self.state, fmt, self.dialog_folder()))

    def _on_screenshot_requested(self) -> None:
        self._remember_folder(_file_actions().save_screenshot(self, self, self.dialog_folder()))

    def _own_file(self) -> str | None:
        """The journey's file, if saving may write over it: never the bundled journey."""
        if not self.journey_path or not Path(self.journey_path).is_file():
            return None
        return None if Path(self.journey_path).resolve() == bundled_journey_path().resolve() else self.journey_path

    def may_replace_journey(self) -> bool:
        """Before the journey is closed or replaced: unsaved changes are saved or dropped as
        the person says. False when it must stay."""
        return may_discard(self, self.isWindowModified(), self.document_name(), self.save)

    def document_name(self) -> str:
        """What the journey is called when asking about it: its file's name, else its title."""
        if self.journey_path:
            return Path(self.journey_path).name
        return self.state.journey.title or "this journey"

    def dialog_folder(self) -> str:
        """Where file dialogs open: next to the journey's file, else the last folder a file was
        opened or saved in, else the home folder (never the process's working folder)."""
        candidates = [Path(self.journey_path).resolve().parent if self._own_file() else None, self.settings.value("last_folder")]
        return next((str(c) for c in candidates if c and Path(c).is_dir()), QDir.homePath())

    def _remember_folder(self, path: object) -> None:
        """Keep the folder of a file just opened or saved (None: nothing was), for next time."""
        if path:
            self.settings.setValue("last_folder", str(Path(str(path)).resolve().parent))

    # ---- persistence -----------------------------------------------------------------------

    def restore_layout(self) -> None:
        """The window as it was left: its geometry and splits, the playback speed, and the map's
        trail, follow and borders (a value missing or not understood keeps the default)."""
        for key, target in (("geometry", self.restoreGeometry), ("main_split", self.main_split.restoreState), ("side_split", self.side_split.restoreState)):
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                target(value)
        speed = _setting_int(self.settings.value("speed"))
        if speed is not None and 0 <= speed < self.speed.count():
            self.speed.setCurrentIndex(speed)
        for key, apply in (("trail", self.state.set_trail), ("follow", self.state.set_follow)):
            on = _setting_bool(self.settings.value(key))
            if on is not None:
                apply(on)
        if self.settings.value("borders") in ("historical", "modern"):
            self.state.set_borders(str(self.settings.value("borders")))

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("main_split", self.main_split.saveState())
        self.settings.setValue("side_split", self.side_split.saveState())
        self.settings.setValue("last_day", self.state.day)
        self.settings.setValue("last_journey", self.journey_path or "")
        self.settings.setValue("speed", self.speed.currentIndex())
        self.settings.setValue("trail", self.state.trail)
        self.settings.setValue("follow", self.state.follow)
        self.settings.setValue("borders", self.state.borders)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Quit and the close button: unsaved changes first (Cancel keeps the window open)."""
        self.playback.pause()
        if not self.may_replace_journey():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)


def _setting_int(value: object) -> int | None:
    """An int from QSettings (an INI file gives text back), or None."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _setting_bool(value: object) -> bool | None:
    """A bool from QSettings (an INI file gives "true"/"false" back), or None."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).lower()) if value is not None else None
