"""View ▸ Text Encoding: reading the article on show in an encoding the reader chooses.

The choice is kept in the reading state for the article's content key, so it follows the
article through renames and holds for its copies, the list, search and ``--dump``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from viewer.core.article import Article
from viewer.core.encodings import (
    ENCODING_GROUPS,
    EncodingChoice,
    choice_of,
    codec_name,
    encoding_label,
)
from viewer.library.article_model import ArticleTableModel
from viewer.library.read_marks import ReadMarks
from viewer.library.session import LibrarySession
from viewer.ui.reading_pane import ReadingPane
from viewer.window.showing import ArticleShowing

AUTOMATIC = "Automatic"


class EncodingMenu(QObject):
    """The Text Encoding submenu, and what choosing in it does."""

    message = Signal(str, int)  # text, milliseconds

    def __init__(
        self,
        menu: QMenu,
        pane: ReadingPane,
        model: ArticleTableModel,
        marks: ReadMarks,
        showing: ArticleShowing,
        session: LibrarySession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._model = model
        self._marks = marks
        self._showing = showing
        self._session = session
        self.menu = menu
        # Not one of the group below: with no choice made, it is ticked beside the encoding
        # detection found, as browsers show it.
        self.automatic = menu.addAction(f"&{AUTOMATIC}")
        self.automatic.setCheckable(True)
        self.automatic.triggered.connect(lambda _checked=False: self.choose(None))
        menu.addSeparator()
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._actions: list[tuple[str, QAction]] = []  # (codec, its action), in menu order
        self._named: dict[str, QAction] = {}  # normal codec name → its action, as far as named
        self._unnamed = 0  # the first of _actions not named yet
        self._submenus: dict[str, QMenu] = {}  # group → its submenu
        # A group of one is an entry of its own; the others are submenus, so the menu stays
        # short enough to read, and every entry has a key of its own in its menu.
        labels = [
            group[0].label if len(group) == 1 else group[0].group for group in ENCODING_GROUPS
        ]
        for group, label in zip(ENCODING_GROUPS, with_mnemonics(labels, taken="a"), strict=True):
            if len(group) == 1:
                self._add(menu, label, group[0])
                continue
            submenu = menu.addMenu(label)
            self._submenus[group[0].group] = submenu
            names = with_mnemonics([choice.name for choice in group])
            for choice, name in zip(group, names, strict=True):
                self._add(submenu, name, choice)
        menu.aboutToShow.connect(self._about_to_show)
        self.refresh()

    def _add(self, menu: QMenu, text: str, choice: EncodingChoice) -> None:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setData(choice.codec)
        action.setStatusTip(f"Read the article as {choice.label}")
        self._group.addAction(action)
        action.triggered.connect(lambda _checked=False, codec=choice.codec: self.choose(codec))
        self._actions.append((choice.codec, action))

    @property
    def choices(self) -> dict[str, QAction]:
        """Normal codec name → its action."""
        self._name_until(None)
        return self._named

    def _action_for(self, encoding: str) -> QAction | None:
        """The action of the codec with this normal name, if the menu offers it."""
        found = self._named.get(encoding)
        return found if found is not None else self._name_until(encoding)

    def _name_until(self, encoding: str | None) -> QAction | None:
        """Name the menu's codecs in menu order until one is ``encoding`` (None: all of them).
        Naming a codec loads its module: the commonest come first, and a start showing a UTF-8
        or Windows-1252 article need not load the thirty others."""
        while self._unnamed < len(self._actions):
            codec, action = self._actions[self._unnamed]
            self._unnamed += 1
            normal = codec_name(codec)
            assert normal is not None  # every codec of the menu is Python's
            self._named[normal] = action
            if normal == encoding:
                return action
        return None

    # --- the state shown ---------------------------------------------------------------------

    def article(self) -> Article | None:
        """The article the menu is for: the one on show, when it could be read."""
        article = self._pane.article()
        if article is None or not article.ok or article.content_key is None:
            return None
        row = self._model.row_of(article.path)
        if row is not None and not self._model.article(row).ok:
            return None  # its file was deleted, or cannot be read any more
        return article

    def refresh(self) -> None:
        """Enable the menu for the article on show and tick its encoding."""
        article = self.article()
        self.menu.menuAction().setEnabled(article is not None)
        if article is None:
            return
        chosen = self._marks.encoding(article)
        self.automatic.setChecked(chosen is None)
        encoding = codec_name(chosen) if chosen is not None else article.encoding
        action = self._action_for(encoding) if encoding else None
        if action is not None:
            action.setChecked(True)
        elif (ticked := self._group.checkedAction()) is not None:
            ticked.setChecked(False)  # read in an encoding the menu does not offer (UTF-32)
        for submenu in self._submenus.values():
            # The group holding the tick says so, as the tick itself is out of sight.
            holds = action is not None and action in submenu.actions()
            submenu.menuAction().setCheckable(holds)
            submenu.menuAction().setChecked(holds)

    def _about_to_show(self) -> None:
        self.refresh()
        article = self.article()
        if article is None:
            return
        if self._marks.encoding(article) is None:
            detected = article.encoding
        else:
            from viewer.core.parser import parse_file  # here: start-up reads no file

            # What detection makes of the file: a look at its start, as a listing takes.
            detected = parse_file(article.path, header_only=True).encoding
        self.automatic.setText(
            f"&{AUTOMATIC} (detected: {encoding_label(detected)})" if detected else f"&{AUTOMATIC}"
        )

    # --- choosing ----------------------------------------------------------------------------

    def choose(self, codec: str | None) -> None:
        """Read the article on show in ``codec`` from now on (None: detect it), in place."""
        article = self.article()
        if article is None:
            self.refresh()
            return
        self._marks.set_encoding(article, codec)
        # Copies of the article share its content key, and so the choice.
        key = article.content_key
        copies = [a.path for a in self._model.articles() if a.content_key == key]
        self._showing.show_again(article.path)
        self._session.reread(copies or [article.path])
        self.refresh()
        self.message.emit(self._said(self._pane.article(), codec), 8000)

    def _said(self, shown: Article | None, codec: str | None) -> str:
        """What the status bar says after a choice."""
        if shown is None or not shown.ok:
            return "The article cannot be read in that encoding"
        choice = choice_of(shown.encoding)
        name = choice.label if choice is not None else encoding_label(shown.encoding or "")
        said = f"Shown in {name}, " + ("as detected" if codec is None else "as chosen")
        warning = self._marks.state.warning
        return f"{said}. {warning}" if warning else said


def with_mnemonics(labels: list[str], taken: str = "") -> list[str]:
    """The labels, each with a key of its own (``&``) where one is left: a word's first letter
    first, then any letter or digit. ``taken`` holds keys used already."""
    used = set(taken.casefold())
    marked = []
    for label in labels:
        starts = [i for i, c in enumerate(label) if c.isalpha() and not label[i - 1 : i].isalnum()]
        others = [i for i, c in enumerate(label) if c.isalnum() and i not in starts]
        free = next((i for i in starts + others if label[i].casefold() not in used), None)
        if free is None:
            marked.append(label)
        else:
            used.add(label[free].casefold())
            marked.append(f"{label[:free]}&{label[free:]}")
    return marked
