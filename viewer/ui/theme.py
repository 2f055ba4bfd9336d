"""Themes: System, Light, Dark and Sepia palettes for the whole window and the reading pane."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES: Final = ("system", "light", "dark", "sepia")
THEME_LABELS: Final = {"system": "&System", "light": "&Light", "dark": "&Dark", "sepia": "S&epia"}

_Role = QPalette.ColorRole
# Colours per role; the reading pane draws with Base and Text, the list with the rest.
_COLOURS: Final[dict[str, dict[QPalette.ColorRole, str]]] = {
    "light": {
        _Role.Window: "#efefef", _Role.WindowText: "#1d1d1f", _Role.Base: "#ffffff",
        _Role.AlternateBase: "#f5f6f7", _Role.Text: "#1d1d1f", _Role.Button: "#efefef",
        _Role.ButtonText: "#1d1d1f", _Role.Highlight: "#2f7fc1", _Role.HighlightedText: "#ffffff",
        _Role.PlaceholderText: "#80868b", _Role.ToolTipBase: "#ffffdc",
        _Role.ToolTipText: "#1d1d1f", _Role.Mid: "#c4c4c4", _Role.Dark: "#a0a0a0",
        _Role.Light: "#ffffff", _Role.Link: "#1a5fb4",
    },
    "dark": {
        _Role.Window: "#2b2d30", _Role.WindowText: "#e6e6e6", _Role.Base: "#1e1f22",
        _Role.AlternateBase: "#26282b", _Role.Text: "#e3e3e3", _Role.Button: "#2f3134",
        _Role.ButtonText: "#e6e6e6", _Role.Highlight: "#3d6ea8", _Role.HighlightedText: "#ffffff",
        _Role.PlaceholderText: "#8c8f94", _Role.ToolTipBase: "#2b2d30",
        _Role.ToolTipText: "#e6e6e6", _Role.Mid: "#3c3f44", _Role.Dark: "#18191b",
        _Role.Light: "#45484d", _Role.Link: "#8ab4f8",
    },
    "sepia": {
        _Role.Window: "#e9dfc7", _Role.WindowText: "#433422", _Role.Base: "#f6efdc",
        _Role.AlternateBase: "#f0e6cf", _Role.Text: "#433422", _Role.Button: "#e6dbc0",
        _Role.ButtonText: "#433422", _Role.Highlight: "#a0703c", _Role.HighlightedText: "#fffaf0",
        _Role.PlaceholderText: "#8a7a62", _Role.ToolTipBase: "#f6efdc",
        _Role.ToolTipText: "#433422", _Role.Mid: "#cbbd9c", _Role.Dark: "#a89878",
        _Role.Light: "#fffaf0", _Role.Link: "#7a4a12",
    },
}  # fmt: skip


def palette_for(theme: str) -> QPalette:
    """The palette of a named theme (Light, Dark or Sepia)."""
    palette = QPalette()
    for role, colour in _COLOURS[theme].items():
        palette.setColor(role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour).darker(110))
    disabled_text = QColor(_COLOURS[theme][_Role.PlaceholderText])
    for role in (_Role.Text, _Role.WindowText, _Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled_text)
    return palette


class ThemeManager(QObject):
    """Applies a theme to the application, and follows the desktop while the theme is System."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._system_style = app.style().name()
        self.theme = "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def apply(self, theme: str) -> None:
        """Switch to ``theme`` (one of ``THEMES``; anything else means System)."""
        self.theme = theme if theme in THEMES else "system"
        if self.theme == "system":
            self._apply_system()
            return
        style = QStyleFactory.create("Fusion")  # draws the palette faithfully on every desktop
        if style is not None:
            self._app.setStyle(style)
        self._app.setPalette(palette_for(self.theme))

    def _apply_system(self) -> None:
        style = QStyleFactory.create(self._system_style)
        if style is not None:
            self._app.setStyle(style)
        self._app.setPalette(QPalette())  # an empty palette: the platform's own
        dark = self.desktop_scheme() == Qt.ColorScheme.Dark
        palette_is_dark = self._app.palette().color(_Role.Window).lightness() < 128
        if dark and not palette_is_dark:
            # The desktop asks for dark but gave Qt a light palette (no platform theme).
            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                self._app.setStyle(fusion)
            self._app.setPalette(palette_for("dark"))

    def desktop_scheme(self) -> Qt.ColorScheme:
        """Light, dark or unknown, as the desktop says."""
        return QGuiApplication.styleHints().colorScheme()

    def _scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme == "system":
            self._apply_system()
