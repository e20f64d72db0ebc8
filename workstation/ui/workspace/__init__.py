"""One open case: navigator, checklist, findings, workflow actions, docks and shortcuts."""
