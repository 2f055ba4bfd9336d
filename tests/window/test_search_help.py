"""The search field's "?": the syntax with examples, beside the field."""

from PySide6.QtCore import Qt


def test_the_search_fields_question_mark_shows_the_syntax(qtbot, library_window):
    from viewer.core.query_help import SYNTAX_HELP
    from viewer.ui.list_pane import FILTER_MODE, SEARCH_MODE

    pane = library_window.list_pane
    pane.set_mode(FILTER_MODE)
    assert pane.help_button.isHidden()  # filtering titles has no syntax
    pane.set_mode(SEARCH_MODE)
    assert not pane.help_button.isHidden()
    qtbot.mouseClick(pane.help_button, Qt.MouseButton.LeftButton)
    help_window = pane._help
    qtbot.waitUntil(help_window.isVisible)
    assert help_window.text.toPlainText() == SYNTAX_HELP
    assert "NEAR(tidal gates, 5)" in help_window.text.toPlainText()
