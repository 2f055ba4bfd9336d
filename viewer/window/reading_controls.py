"""The reader's own choices: theme and type, line width, and when articles count as read."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication

from viewer.core import settings_keys as keys
from viewer.library.article_model import ArticleTableModel
from viewer.library.read_marks import MARK_POLICIES, ReadMarks
from viewer.library.settings import read_str
from viewer.library.shown_articles import ShownArticles
from viewer.ui.reading_pane import LINE_WIDTHS, ReadingPane
from viewer.ui.theme import THEMES, ThemeManager
from viewer.window.navigation import Navigation


class ReadingControls(QObject):
    """Everything about reading that is the reader's choice, for one window."""

    themeChanged = Signal(str)
    lineWidthChanged = Signal(str)
    markPolicyChanged = Signal(str)
    hideReadChanged = Signal(bool)
    refiltered = Signal()  # Hide Read changed the rows shown

    def __init__(
        self,
        pane: ReadingPane,
        model: ArticleTableModel,
        shown: ShownArticles,
        marks: ReadMarks,
        navigation: Navigation,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.themes = ThemeManager(app)
        self._system_later = False  # the desktop's theme is applied anew by finish()
        self._pane = pane
        self._shown = shown
        self._marks = marks
        self._navigation = navigation
        shown.set_read_keys(marks.read_keys)
        marks.readChanged.connect(shown.read_changed)
        model.contentKeyChanged.connect(marks.carry_over)

    # --- settings --------------------------------------------------------------------------

    def restore(self, settings: QSettings) -> None:
        """Bring back theme, type, line width, read-mark policy and hidden read articles."""
        theme = read_str(settings, keys.THEME) or "system"
        if theme in THEMES and theme != "system":
            self.set_theme(theme)
        elif self.themes.desktop_scheme() == Qt.ColorScheme.Dark:
            self.set_theme("system")  # a dark desktop may want the dark palette: at once
        else:
            # The application starts in the desktop's own look: applying it again (a new
            # style, every widget polished again, the article set again) waits for finish().
            self._system_later = True
            self.themeChanged.emit("system")
        family = read_str(settings, keys.READING_FONT_FAMILY) or None
        size = settings.value(keys.READING_FONT_SIZE)
        try:
            points = float(str(size)) if size not in (None, "") else None
        except (TypeError, ValueError):
            points = None
        self._pane.set_reading_font(family, points)
        self.set_line_width(read_str(settings, keys.LINE_WIDTH) or "medium")
        self.set_mark_policy(read_str(settings, keys.MARK_READ) or "shown")
        self.set_hide_read(read_str(settings, keys.HIDE_READ) == "true")

    def finish(self) -> None:
        """With the rest of the window: apply the desktop's theme if restore() left it, and
        say every choice as it stands (the menus made now tick them)."""
        if self._system_later and self.themes.theme == "system":
            self.themes.apply("system")
        self._system_later = False
        self.themeChanged.emit(self.themes.theme)
        self.lineWidthChanged.emit(self._pane.line_width())
        self.markPolicyChanged.emit(self._marks.policy)
        self.hideReadChanged.emit(self._shown.hide_read())

    def save(self, settings: QSettings) -> None:
        """Keep the reader's choices."""
        pane = self._pane
        settings.setValue(keys.THEME, self.themes.theme)
        font = pane.reading_font()
        families = font.families()
        settings.setValue(keys.READING_FONT_FAMILY, families[0] if families else "")
        settings.setValue(keys.READING_FONT_SIZE, font.pointSizeF())
        settings.setValue(keys.LINE_WIDTH, pane.line_width())
        settings.setValue(keys.MARK_READ, self._marks.policy)
        settings.setValue(keys.HIDE_READ, "true" if self._shown.hide_read() else "false")

    # --- theme and type --------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        """System, Light, Dark or Sepia."""
        self._system_later = False
        self.themes.apply(theme if theme in THEMES else "system")
        self.themeChanged.emit(self.themes.theme)

    def choose_font(self) -> None:
        """View ▸ Reading Font…: family and size of the body text."""
        from PySide6.QtWidgets import QFontDialog  # here: start-up need not set up dialogs

        pane = self._pane
        parent = pane.window()
        ok, font = QFontDialog.getFont(pane.reading_font(), parent, "Reading Font")
        if ok:
            families = font.families()
            pane.set_reading_font(families[0] if families else None, font.pointSizeF())

    def set_line_width(self, width: str) -> None:
        """Narrow, medium or wide lines."""
        width = width if width in LINE_WIDTHS else "medium"
        self._pane.set_line_width(width)
        self.lineWidthChanged.emit(width)

    # --- read marks ------------------------------------------------------------------------

    def set_mark_policy(self, policy: str) -> None:
        """When an article counts as read: when shown, after a few seconds, or by hand."""
        self._marks.set_policy(policy if policy in MARK_POLICIES else "shown")
        self.markPolicyChanged.emit(self._marks.policy)

    def set_hide_read(self, hide: bool) -> None:
        """View ▸ Hide Read Articles."""
        shown = self._pane.article()
        self._shown.set_pinned_path(shown.path if shown else None)
        self._shown.set_hide_read(hide)
        self.hideReadChanged.emit(hide)
        self.refiltered.emit()

    def toggle_read(self) -> None:
        """M: mark the selected articles read, or unread when all of them are read."""
        self._marks.toggle(self._navigation.selected_articles())
