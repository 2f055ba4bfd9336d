"""Publication dates that a file's name or folders give, for articles that state none (no Qt).

Jekyll names posts ``2024-05-03-harbour-barrier.md``; archives file stories under
``2024/05/03/`` or a folder per day such as ``20240503``; Gatsby and Hugo keep a ``path`` or
``permalink`` like ``/2024/05/03/harbour``. A date found there is marked as derived.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import datetime

_NAME = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?=$|[-_. ])")  # at the start of a file name
_FOLDERS = re.compile(r"(?:^|/)((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=/|$|[-_.])")
_DAY_FOLDER = re.compile(r"(?:^|/)((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?=/)")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")  # most paths hold none: they are passed over at once


def date_from_path(path: str, hints: Iterable[str] = ()) -> tuple[datetime, str] | None:
    """The date and the text it was read from, from ``hints`` (front matter paths) first,
    then the file's name, then its folders; None when none holds a real date."""
    for hint in hints:
        found = _first(_FOLDERS, hint.replace("\\", "/")) or _first(_DAY_FOLDER, hint + "/")
        if found is not None:
            return found
    if _ANY_YEAR.search(path) is None:
        return None
    name = os.path.basename(path)
    found = _first(_NAME, name, anchored=True)
    if found is not None:
        return found
    folders = os.path.dirname(path).replace(os.sep, "/")
    return _first(_FOLDERS, folders) or _first(_DAY_FOLDER, folders + "/")


def _first(
    pattern: re.Pattern[str], text: str, *, anchored: bool = False
) -> tuple[datetime, str] | None:
    matches = [pattern.match(text)] if anchored else list(pattern.finditer(text))
    for match in reversed(matches):  # the folder nearest the file says most about it
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups())
        try:
            return datetime(year, month, day), match.group(0).strip("/")
        except ValueError:
            continue
    return None
