"""A PDF's pages as the viewer knows them: sizes and rendered pixels (no PyMuPDF here)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    """One page: its unrotated size in points and its own /Rotate (0, 90, 180, 270)."""

    width: float
    height: float
    rotation: int


@dataclass(frozen=True)
class RenderedPage:
    """A page's pixels: packed RGB rows of `stride` bytes."""

    width: int
    height: int
    stride: int
    samples: bytes
