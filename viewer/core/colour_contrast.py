"""Colour contrast as WCAG 2 measures it: relative luminance, contrast ratio, blending (no Qt).

Colours are (red, green, blue) tuples of 0-255 integers, so that the reading pane, the list and
the tests measure with one ruler.
"""

from __future__ import annotations

from typing import Final

RGB = tuple[int, int, int]

AA_BODY: Final = 4.5  # WCAG AA for body-size text
BLACK: Final[RGB] = (0, 0, 0)
WHITE: Final[RGB] = (255, 255, 255)


def parse_hex(text: str) -> RGB:
    """``#rrggbb`` (or ``rrggbb``) as a tuple."""
    digits = text.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {text!r}")
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(colour: RGB) -> str:
    """A tuple as ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: RGB) -> float:
    """WCAG relative luminance, 0 for black to 1 for white."""
    red, green, blue = colour
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: RGB, second: RGB) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: RGB, alpha: float, bottom: RGB) -> RGB:
    """``top`` painted with opacity ``alpha`` (0 to 1) over an opaque ``bottom``."""
    alpha = max(0.0, min(1.0, alpha))
    red, green, blue = (
        round(t * alpha + b * (1 - alpha)) for t, b in zip(top, bottom, strict=True)
    )
    return (red, green, blue)


def with_contrast(colour: RGB, background: RGB, minimum: float = AA_BODY) -> RGB:
    """``colour``, or the nearest shade of it towards black or white that reaches ``minimum``
    against ``background``; the end (black or white) with more contrast is the one taken."""
    if contrast_ratio(colour, background) >= minimum:
        return colour
    end = BLACK if contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background) else WHITE
    for step in range(1, 21):
        shade = blend(end, step / 20, colour)
        if contrast_ratio(shade, background) >= minimum:
            return shade
    return end


def background_for(background: RGB, text: RGB, minimum: float = AA_BODY) -> RGB:
    """``background``, or the nearest shade of it away from ``text`` that lets ``text`` reach
    ``minimum`` on it."""
    if contrast_ratio(text, background) >= minimum:
        return background
    end = WHITE if relative_luminance(text) < 0.5 else BLACK
    for step in range(1, 21):
        shade = blend(end, step / 20, background)
        if contrast_ratio(text, shade) >= minimum:
            return shade
    return end
