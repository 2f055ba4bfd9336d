"""Names of the values kept in ``QSettings``, in one place (no Qt)."""

from typing import Final

GEOMETRY: Final = "window/geometry"
WINDOW_STATE: Final = "window/state"
SPLITTER: Final = "window/splitter"
LIST_HEADER: Final = "list/header"
ZOOM: Final = "reading/zoom"
RECENT: Final = "recent/paths"
SESSION_PATHS: Final = "session/paths"
SESSION_CURRENT: Final = "session/current"
RECENT_LIMIT: Final = 10
THEME: Final = "view/theme"
READING_FONT_FAMILY: Final = "reading/font_family"
READING_FONT_SIZE: Final = "reading/font_size"
LINE_WIDTH: Final = "reading/line_width"
MARK_READ: Final = "reading/mark_read"  # "shown", "delay" or "manual"
HIDE_READ: Final = "list/hide_read"
