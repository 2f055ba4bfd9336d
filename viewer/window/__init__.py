"""The main window and the controllers it composes."""

from viewer.window.main_window import MainWindow

__all__ = ["MainWindow"]
