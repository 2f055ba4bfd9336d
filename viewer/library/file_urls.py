"""Local file URLs from paths and back, whatever the bytes of the names."""

from __future__ import annotations

import os
from urllib.parse import quote, unquote_to_bytes

from PySide6.QtCore import QUrl

from viewer.core.article_files import file_system_text, path_bytes

# What a URL's path may hold as it is (RFC 3986 sub-delims, ":" and "@"): left so, as Qt
# leaves them, the URL is the one QUrl.fromLocalFile makes of a valid name.
_PATH_SAFE = "/!$&'()*+,;=:@"


def path_of_url(url: QUrl) -> str:
    """The path a local-file URL names, from its percent-encoded bytes.

    ``QUrl.toLocalFile`` decodes them as UTF-8, turning the bytes of a name that is not valid
    UTF-8 into U+FFFD: the file is lost.
    """
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    return file_system_text(os.fsdecode(unquote_to_bytes(encoded)))  # a %00 names no file


def url_of_path(path: str) -> QUrl:
    """The local-file URL of a path, its bytes percent-encoded (``QUrl.fromLocalFile`` would
    drop the surrogate escapes of a name that is not valid UTF-8)."""
    encoded = quote(path_bytes(os.path.abspath(path)), safe=_PATH_SAFE)
    return QUrl.fromEncoded(("file://" + encoded).encode("ascii"))
