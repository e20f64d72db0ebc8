"""The application around the cases: start-up, login, main window, import, crash."""
