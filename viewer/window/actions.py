"""The main window's menus and actions, with their standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from viewer.core.article_files import display_path
from viewer.ui.find_bar import FindBar
from viewer.ui.reading_pane import ReadingPane
from viewer.ui.theme import THEME_LABELS, THEMES
from viewer.window.annotations_dock import AnnotationsDock
from viewer.window.encoding_menu import EncodingMenu
from viewer.window.files import FileControls
from viewer.window.keyboard import KeyboardControls
from viewer.window.label_controls import LabelControls
from viewer.window.navigation import Navigation
from viewer.window.output_controls import OutputControls
from viewer.window.reading_controls import ReadingControls
from viewer.window.search_controls import SearchControls
from viewer.window.showing import ArticleShowing
from viewer.window.smart_folder_controls import SmartFolderControls

Key = QKeySequence.StandardKey


@dataclass
class Commands:
    """What the menus command: the window's panes and controllers."""

    pane: ReadingPane
    find_bar: FindBar
    files: FileControls
    navigation: Navigation
    showing: ArticleShowing
    search: SearchControls
    keyboard: KeyboardControls
    reading: ReadingControls
    output: OutputControls
    encoding_menu: Callable[[QMenu], EncodingMenu]  # makes the Text Encoding menu's contents
    show_concordance: Callable[[bool], object]  # shows the concordance (made on first use)
    show_timeline: Callable[[bool], object]  # shows the timeline (made on first use)
    folders: SmartFolderControls
    labels: LabelControls
    annotations: AnnotationsDock


class WindowActions:
    """Fills the menus of a window's menu bar and keeps their actions by name."""

    def __init__(self, window: QMainWindow, menus: Sequence[QMenu], commands: Commands) -> None:
        """``menus``: File, Edit, View, Go and Help, empty (their titles in the bar)."""
        self._window = window
        c = commands
        files, nav, keys, reading, output = c.files, c.navigation, c.keyboard, c.reading, c.output
        self._files = files
        pane = c.pane
        file_menu, edit_menu, view_menu, go_menu, help_menu = menus

        self.open = self._add(file_menu, "&Open…", files.open_files_dialog, Key.Open)
        self.open_folder = self._add(
            file_menu, "Open &Folder…", files.open_folder_dialog, "Ctrl+Shift+O"
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.reload = self._add(file_menu, "Re&load", files.reload, Key.Refresh)
        file_menu.addSeparator()
        self.print = self._add(file_menu, "&Print…", output.print_article, Key.Print)
        self.export_pdf = self._add(file_menu, "Export as P&DF…", output.export_pdf)
        self.export_csv = self._add(file_menu, "Export List as &CSV…", output.export_csv)
        self.export_labels = c.labels.export
        file_menu.addAction(c.labels.export)
        file_menu.addSeparator()
        self.open_default = self._add(
            file_menu, "Open in Default &Application", output.open_default
        )
        self.show_folder = self._add(file_menu, "Show in F&older", output.show_in_folder)
        file_menu.addSeparator()
        self.quit = self._add(file_menu, "&Quit", window.close, "Ctrl+Q", Key.Quit)

        self.copy = self._add(edit_menu, "&Copy", pane.copy, Key.Copy)
        self.select_all = self._add(edit_menu, "Select &All", pane.selectAll, Key.SelectAll)
        self.copy_article = self._add(
            edit_menu, "Copy &Article", output.copy_article, "Ctrl+Shift+C"
        )
        self.copy_markdown = self._add(
            edit_menu, "Copy Article as &Markdown", lambda: output.copy_article(markdown=True)
        )
        edit_menu.addSeparator()
        self.find = self._add(edit_menu, "F&ind in Article…", c.find_bar.open, Key.Find)
        self.toggle_read = self._add(edit_menu, "Mark as Read or &Unread", reading.toggle_read, "M")
        self.filter = self._add(edit_menu, "&Filter List", keys.focus_filter, "Ctrl+L", "/")
        self.search = self._add(edit_menu, "&Search Text", keys.focus_search, "Ctrl+K")
        self.choose_section = self._add(
            edit_menu, "Show &One Section…", keys.focus_sections, "Ctrl+Shift+S"
        )
        self.save_folder = self._add(
            edit_menu, "Save Search as Smart Fol&der…", c.folders.save_search, "Ctrl+D"
        )
        self.remove = self._add(edit_menu, "&Remove from List", files.remove_selected, Key.Delete)
        edit_menu.addSeparator()
        c.labels.fill_menu(edit_menu.addMenu("La&bels"))
        self.undo_label = c.labels.undo
        self.edit_labels = c.labels.edit
        self.advance_after_label = c.labels.advance

        self.zoom_in = self._add(view_menu, "Zoom &In", pane.zoom_in, "Ctrl+=", Key.ZoomIn)
        self.zoom_out = self._add(view_menu, "Zoom &Out", pane.zoom_out, Key.ZoomOut)
        self.zoom_reset = self._add(view_menu, "&Actual Size", pane.reset_zoom, "Ctrl+0")
        view_menu.addSeparator()
        self.themes = self._choices(
            view_menu.addMenu("&Theme"),
            [(t, THEME_LABELS[t]) for t in THEMES],
            reading.set_theme,
        )
        self.reading_font = self._add(view_menu, "Reading &Font…", reading.choose_font)
        self.line_widths = self._choices(
            view_menu.addMenu("&Line Width"),
            [("narrow", "&Narrow"), ("medium", "&Medium"), ("wide", "&Wide")],
            reading.set_line_width,
        )
        self.show_source = self._add(view_menu, "Show &Source", lambda: None, "Ctrl+U")
        self.show_source.setCheckable(True)
        self.show_source.triggered.connect(lambda checked: pane.set_show_source(checked))
        self.concordance = self._add(view_menu, "&Concordance", lambda: None, "Ctrl+Shift+K")
        self.concordance.setCheckable(True)
        self.concordance.setToolTip("Every place the search's words occur, in context")
        self.concordance.triggered.connect(c.show_concordance)
        self.timeline = self._add(view_menu, "Timeli&ne", lambda: None, "Ctrl+T")
        self.timeline.setCheckable(True)
        self.timeline.setToolTip("Articles per period; drag across it to narrow the list")
        self.timeline.triggered.connect(c.show_timeline)
        self.annotations = self._add(view_menu, "Annota&tions", lambda: None, "Ctrl+Shift+N")
        self.annotations.setCheckable(True)
        self.annotations.setToolTip("Every highlight and note, across the library")
        self.annotations.triggered.connect(c.annotations.set_shown)
        notes = c.annotations.controls
        self.highlight = self._add(edit_menu, "&Highlight Selection\tH", notes.highlight)
        self.add_note = self._add(edit_menu, "Add &Note to Selection…\tN", notes.note)
        self.highlight_colours = self._choices(
            edit_menu.addMenu("Hi&ghlight Colour"),
            [("yellow", "&Yellow"), ("green", "&Green"), ("blue", "&Blue"), ("pink", "&Pink")],
            notes.set_colour,
        )
        self.highlight_colours[notes.colour].setChecked(True)
        self.smart_folders = self._add(view_menu, "Smart F&olders", lambda: None, "Ctrl+Shift+F")
        self.smart_folders.setCheckable(True)
        self.smart_folders.setToolTip("The saved searches, with their counts")
        self.smart_folders.triggered.connect(c.folders.set_shown)
        self.encoding = c.encoding_menu(view_menu.addMenu("Text &Encoding"))
        view_menu.aboutToShow.connect(self.encoding.refresh)  # greyed out when nothing is shown
        view_menu.addSeparator()
        self.hide_read = self._add(view_menu, "&Hide Read Articles", lambda: None, "Ctrl+Shift+H")
        self.hide_read.setCheckable(True)
        self.hide_read.triggered.connect(reading.set_hide_read)
        self.mark_policies = self._choices(
            view_menu.addMenu("&Mark Articles Read"),
            [("shown", "When &Shown"), ("delay", "After a &Few Seconds"), ("manual", "&Manually")],
            reading.set_mark_policy,
        )
        reading.themeChanged.connect(lambda theme: self.themes[theme].setChecked(True))
        reading.lineWidthChanged.connect(lambda width: self.line_widths[width].setChecked(True))
        reading.markPolicyChanged.connect(
            lambda policy: self.mark_policies[policy].setChecked(True)
        )
        reading.hideReadChanged.connect(self.hide_read.setChecked)

        self.next = self._add(go_menu, "&Next Article", nav.next_article, "J", "N")
        self.previous = self._add(go_menu, "&Previous Article", nav.previous_article, "K", "P")
        go_menu.addSeparator()
        # Space is handled where it is pressed (list or reading pane), so a text field keeps
        # it; the menu entries show the binding and work from the menu.
        self.next_unread = self._add(go_menu, "Next &Unread Article", nav.next_unread, "+")
        showing = c.showing
        self.page_forward = self._add(
            go_menu, "Page &Down, Then Next Unread\tSpace", showing.page_forward
        )
        self.page_back = self._add(go_menu, "Page &Up\tShift+Space", showing.page_back)
        self.next_hit = self._add(go_menu, "Next &Match or Search Hit", showing.next_hit, "F3")
        self.previous_hit = self._add(
            go_menu, "Previous Match or Search &Hit", showing.previous_hit, "Shift+F3"
        )
        go_menu.addSeparator()
        self.cycle_focus = self._add(go_menu, "Switch &Pane", keys.cycle_focus, "F6")
        self.cycle_back = self._add(
            go_menu, "Switch Pane &Backwards", lambda: keys.cycle_focus(-1), "Shift+F6"
        )
        self.focus_list = self._add(go_menu, "&Article List", keys.focus_list, "Ctrl+1")
        self.focus_pane = self._add(go_menu, "&Reading Pane", keys.focus_reading_pane, "Ctrl+2")

        self.shortcuts = self._add(
            help_menu, "&Keyboard Shortcuts", self._show_shortcuts, Key.HelpContents
        )
        self.about = self._add(help_menu, "&About", self._show_about)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        *shortcuts: QKeySequence.StandardKey | str,
    ) -> QAction:
        action = QAction(text, self._window)
        sequences: list[QKeySequence] = []
        for shortcut in shortcuts:
            if isinstance(shortcut, str):
                sequences.append(QKeySequence(shortcut))
            else:
                sequences.extend(QKeySequence.keyBindings(shortcut))
        unique = list({seq.toString(): seq for seq in sequences if not seq.isEmpty()}.values())
        action.setShortcuts(unique)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self._window.addAction(action)  # shortcuts work while the menu bar is hidden too
        return action

    def _choices(
        self, menu: QMenu, choices: list[tuple[str, str]], choose: Callable[[str], object]
    ) -> dict[str, QAction]:
        """A menu of exclusive, checkable choices."""
        group = QActionGroup(self._window)
        group.setExclusive(True)
        actions: dict[str, QAction] = {}
        for value, label in choices:
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(value)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, v=value: choose(v))
            actions[value] = action
        return actions

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self._files.recent_paths()
        for number, path in enumerate(recent, start=1):
            shown = display_path(path).replace("&", "&&")  # a lone & would make a shortcut
            label = f"&{number % 10} {shown}" if number <= 10 else shown
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, p=path: self._files.open_paths([p]))
        if not recent:
            empty = menu.addAction("No Recent Files")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._files.clear_recent)

    def all_actions(self) -> list[QAction]:
        """Every action, in menu order."""
        return [a for a in vars(self).values() if isinstance(a, QAction)]

    def _show_shortcuts(self) -> None:
        from viewer.ui.shortcuts_dialog import ShortcutsDialog  # loaded on first use, not at start

        ShortcutsDialog(self.all_actions(), self._window).exec()

    def _show_about(self) -> None:
        from viewer.ui.about_dialog import show_about

        show_about(self._window)
