"""Readable in every theme: WCAG AA (4.5:1) for the colours the widgets really use."""

import pytest

from viewer.colour_contrast import (
    AA_BODY,
    background_for,
    blend,
    contrast_ratio,
    parse_hex,
    relative_luminance,
    to_hex,
    with_contrast,
)


def test_wcag_figures():
    assert relative_luminance((0, 0, 0)) == 0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1)
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio(parse_hex("#777777"), parse_hex("#ffffff")) == pytest.approx(
        4.48, abs=0.01
    )
    assert contrast_ratio(parse_hex("#8b0000"), parse_hex("#2b2d30")) < 2  # the old error red
    assert to_hex(parse_hex("#1A5FB4")) == "#1a5fb4"
    with pytest.raises(ValueError):
        parse_hex("#fff")


def test_blending():
    assert blend((255, 255, 255), 0.5, (0, 0, 0)) == (128, 128, 128)
    assert blend((10, 20, 30), 1, (0, 0, 0)) == (10, 20, 30)
    assert blend((10, 20, 30), 0, (1, 2, 3)) == (1, 2, 3)


@pytest.mark.parametrize("ground", ["#ffffff", "#1e1f22", "#f6efdc", "#808080", "#2f7fc1"])
def test_nudged_colours_reach_the_minimum(ground):
    background = parse_hex(ground)
    for colour in ("#777777", "#8b0000", "#ffff00", "#3d6ea8", "#808080"):
        assert contrast_ratio(with_contrast(parse_hex(colour), background), background) >= AA_BODY
    for text in ("#1d1d1f", "#e3e3e3"):
        ground_for_text = background_for(background, parse_hex(text))
        assert contrast_ratio(parse_hex(text), ground_for_text) >= AA_BODY
