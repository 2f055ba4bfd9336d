"""Widgets that know nothing of the window: the list, the reading pane, dialogs, themes."""
