"""Guards against a Qt binding release that would crash a long reading session."""

import sys

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument


def test_void_calls_keep_none_alive(qapp):
    # PySide6 6.12.0 drops a reference to None on every call returning nothing; on Python 3.11,
    # where None is not immortal, the app then dies after some thousands of such calls.
    document = QTextDocument()
    cursor = QTextCursor(document)
    block, chars = QTextBlockFormat(), QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(500):
        block.setBottomMargin(3)
        cursor.insertText("x", chars)
    assert sys.getrefcount(None) >= before - 50
