"""The application's identity, set once here and read everywhere else (no Qt)."""

from typing import Final

APP_NAME: Final = "Article Viewer"
APP_ID: Final = "article-viewer"  # QCoreApplication.applicationName and the command's name
ORGANIZATION: Final = "Article Viewer"
ORGANIZATION_DOMAIN: Final = "articleviewer.github.io"
DESKTOP_FILE_NAME: Final = "io.github.articleviewer.ArticleViewer"
VERSION: Final = "0.1.0"
