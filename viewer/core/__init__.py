"""The core: reading articles, the library index and the reading state, without Qt."""
