"""Article Viewer: a desktop reader for folders of article text files."""

from viewer.core.appinfo import VERSION as __version__

__all__ = ["__version__"]
