"""The written opinion: its editor, preview, export and the head's sign dialog."""
