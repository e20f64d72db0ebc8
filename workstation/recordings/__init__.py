"""Synchronised review of a case's recordings, without Qt: the case timeline, the reviewer's
clock corrections, transcripts, bookmarks, frame snapshots for the opinion and the hash
check before playback. `RecordingService` (service.py) is what front ends call, as
`Workstation.recordings`; the players and widgets live in workstation/media and workstation/ui.
"""
