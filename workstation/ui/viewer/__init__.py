"""The document viewer: PDF (PyMuPDF), DOCX (LibreOffice or python-docx), images."""

from workstation.ui.viewer.document_viewer import DocumentViewer

__all__ = ["DocumentViewer"]
