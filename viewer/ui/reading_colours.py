"""The colours the reading pane and the list's notes draw with, worked out from a palette.

Every text colour is checked against what it is drawn on and nudged until it reaches WCAG AA
(4.5:1), so the Light, Dark and Sepia themes, paper, and a desktop's own palette all read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtGui import QColor, QPalette

from viewer.core.colour_contrast import (
    RGB,
    background_for,
    blend,
    parse_hex,
    relative_luminance,
    with_contrast,
)

_Role = QPalette.ColorRole
_ERROR_ON_LIGHT: Final = parse_hex("#b3261e")
_ERROR_ON_DARK: Final = parse_hex("#ffb4ab")
_ERROR_ON_SEPIA: Final = parse_hex("#8c1d18")
_WARNING_TINT: Final = parse_hex("#b7791f")
_WARNING_ON_LIGHT: Final = parse_hex("#7a4100")  # amber ink, for a warning's words
_WARNING_ON_DARK: Final = parse_hex("#ffd27a")
_WARNING_ON_SEPIA: Final = parse_hex("#6b3300")
_ERROR_TINT: Final = parse_hex("#c62828")
_FIND_MATCH: Final = parse_hex("#f6d365")  # marker yellow, as on paper, in every theme
_FIND_CURRENT: Final = parse_hex("#f2994a")
_INK: Final = parse_hex("#1d1d1f")  # dark text for the bright find marks


def rgb(colour: QColor) -> RGB:
    """A ``QColor`` as an opaque (red, green, blue) tuple."""
    return (colour.red(), colour.green(), colour.blue())


def qcolor(colour: RGB) -> QColor:
    """A tuple as a ``QColor``."""
    return QColor(*colour)


@dataclass(frozen=True)
class ReadingColours:
    """Text and background colours for one palette; each text colour reads on its ground."""

    text: QColor
    base: QColor
    muted: QColor  # metadata, notes, the derived-title note
    link: QColor
    rule: QColor  # hairlines: not text
    code_background: QColor
    quote_text: QColor
    quote_marker: QColor  # the bar before quoted text; not text, so it may be quiet
    warning_background: QColor
    error_background: QColor
    error_text: QColor
    search_hit: QColor  # backgrounds of the marks, with the text colour drawn on each
    search_hit_text: QColor
    find_match: QColor
    find_match_text: QColor
    find_current: QColor
    find_current_text: QColor


def is_dark(colour: RGB) -> bool:
    """True for a colour that light text reads on."""
    return relative_luminance(colour) < 0.18


def error_colour(background: RGB) -> RGB:
    """An error red that reads on ``background``: pale on dark, deep on light, brown on sepia."""
    if is_dark(background):
        red = _ERROR_ON_DARK
    elif background[0] > background[2] + 16:  # a warm paper: sepia
        red = _ERROR_ON_SEPIA
    else:
        red = _ERROR_ON_LIGHT
    return with_contrast(red, background)


@dataclass(frozen=True)
class WarningColours:
    """A warning's look on a window: an amber ground, an amber ink that reads on it (4.5:1),
    and a stronger amber edge round it."""

    ground: RGB
    text: RGB
    edge: RGB  # not text


def warning_colours(window: RGB) -> WarningColours:
    """How a warning stands out on ``window`` (a status bar, say) in any theme."""
    dark = is_dark(window)
    ground = blend(_WARNING_TINT, 0.3 if dark else 0.2, window)
    if dark:
        ink = _WARNING_ON_DARK
    elif window[0] > window[2] + 16:  # a warm paper: sepia
        ink = _WARNING_ON_SEPIA
    else:
        ink = _WARNING_ON_LIGHT
    return WarningColours(ground, with_contrast(ink, ground), blend(_WARNING_TINT, 0.75, window))


def reading_colours(palette: QPalette) -> ReadingColours:
    """The reading pane's colours for ``palette`` (its Base and Text)."""
    base = rgb(palette.color(_Role.Base))
    text = with_contrast(rgb(palette.color(_Role.Text)), base, 7)
    code_background = blend(text, 0.07, base)
    warning = background_for(blend(_WARNING_TINT, 0.16, base), text)
    error_ground = background_for(blend(_ERROR_TINT, 0.16, base), text)
    hit = background_for(blend(rgb(palette.color(_Role.Highlight)), 0.35, base), text)
    find_text = with_contrast(_INK, _FIND_MATCH)
    return ReadingColours(
        text=qcolor(text),
        base=qcolor(base),
        muted=qcolor(with_contrast(blend(text, 0.62, base), base)),
        link=qcolor(with_contrast(rgb(palette.color(_Role.Link)), base)),
        rule=qcolor(blend(text, 0.2, base)),
        code_background=qcolor(background_for(code_background, text)),
        quote_text=qcolor(with_contrast(blend(text, 0.78, base), base)),
        quote_marker=qcolor(blend(text, 0.3, base)),
        warning_background=qcolor(warning),
        error_background=qcolor(error_ground),
        error_text=qcolor(error_colour(error_ground)),
        search_hit=qcolor(hit),
        search_hit_text=qcolor(text),
        find_match=qcolor(_FIND_MATCH),
        find_match_text=qcolor(find_text),
        find_current=qcolor(_FIND_CURRENT),
        find_current_text=qcolor(with_contrast(_INK, _FIND_CURRENT)),
    )
