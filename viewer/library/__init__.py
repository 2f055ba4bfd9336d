"""The library: Qt models over the articles, and the threads that list, index and search.

QtCore and QtGui only: no widgets.
"""
