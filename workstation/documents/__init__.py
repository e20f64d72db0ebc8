"""Showing case documents without Qt: PDF pages, text, search, DOCX conversion, images.

The desktop viewer (`workstation/ui/viewer/`) drives these from worker threads; nothing
here imports PySide6, so each part is tested without a display.
"""
