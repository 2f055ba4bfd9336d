"""The reading state: read marks and places in a SQLite file that nothing can lose (no Qt)."""
