"""Media fixtures: small barcode clips generated once per run (2 cores: keep them tiny)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.demo.barcode_clip import write_clip


@pytest.fixture(scope="session")
def clip_20s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 s at 25 fps, 160×96, a keyframe every 2 s, with a tone."""
    path = tmp_path_factory.mktemp("media") / "barcode-20s.mp4"
    write_clip(path, seconds=20)
    return path


@pytest.fixture(scope="session")
def clip_65s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """65 s of barcode, for 60 s of two players side by side."""
    path = tmp_path_factory.mktemp("media") / "barcode-65s.mp4"
    write_clip(path, seconds=65, audio=False)
    return path


@pytest.fixture(scope="session")
def clip_2s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 s of barcode with a tone: a recording that ends before the others."""
    path = tmp_path_factory.mktemp("media") / "barcode-2s.mp4"
    write_clip(path, seconds=2)
    return path


@pytest.fixture(scope="session")
def clip_4s(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 s of barcode with a tone: runs 2 s past `clip_2s` when both start together."""
    path = tmp_path_factory.mktemp("media") / "barcode-4s.mp4"
    write_clip(path, seconds=4)
    return path
