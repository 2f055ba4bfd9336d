"""Work that must be done before a window takes its first key: the parts of it that only keys
reach (shortcuts, the keys each pane handles), built after its first paint unless a key comes
sooner."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

# A key comes first as a ShortcutOverride to the focus widget (and up its parents), before Qt
# looks for a shortcut that takes it; a key sent straight to a widget comes as a KeyPress.
_KEYS: Final = frozenset({QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress})


class BeforeInput(QObject):
    """Calls ``then`` as the first key reaches any of ``widgets``, before the key is handled
    anywhere, so that what ``then`` builds (a shortcut, an event filter) takes that key.
    ``then`` is to call ``stop`` (it is called again for each key until then)."""

    def __init__(
        self, widgets: Iterable[QWidget], then: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._widgets = list(widgets)
        self._then = then
        for widget in self._widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a key: do the work now, then let the key go on."""
        if event.type() in _KEYS:
            self._then()
        return False

    def stop(self) -> None:
        """Watch no more: the work is done."""
        for widget in self._widgets:
            widget.removeEventFilter(self)
        self._widgets = []
