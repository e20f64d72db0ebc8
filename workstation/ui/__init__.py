"""The PySide6 desktop front end; no business rule lives here."""
