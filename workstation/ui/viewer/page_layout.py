"""Where each page sits in the continuous strip of pages (plain arithmetic, no widgets).

Pages are stacked top to bottom with a gap, centred horizontally. Sizes are logical pixels:
the page's unrotated points, turned by its own /Rotate plus the view's rotation, times zoom.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from workstation.documents.geometry import rotated_size
from workstation.documents.pages import PageInfo

GAP = 8  # pixels between pages and around the strip


@dataclass(frozen=True)
class PageBox:
    """One page's place in the strip: left, top, width, height (logical pixels)."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        """True if the strip point (x, y) is on this page."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


class PageLayout:
    """Boxes of all pages for one zoom and rotation, and look-ups by position."""

    def __init__(
        self, pages: list[PageInfo], zoom: float, rotation: int, viewport_width: float
    ) -> None:
        self.pages = pages
        self.zoom = zoom
        self.rotation = rotation % 360
        sizes = [self.page_size(index) for index in range(len(pages))]
        widest = max((w for w, _ in sizes), default=0.0)
        self.width = max(widest + 2 * GAP, viewport_width)
        self.boxes: list[PageBox] = []
        self._tops: list[float] = []
        y = float(GAP)
        for width, height in sizes:
            box = PageBox((self.width - width) / 2, y, width, height)
            self.boxes.append(box)
            self._tops.append(y)
            y += height + GAP
        self.height = y

    def turn(self, index: int) -> int:
        """Total clockwise rotation of page `index` as drawn (its own plus the view's)."""
        return (self.pages[index].rotation + self.rotation) % 360

    def page_size(self, index: int) -> tuple[float, float]:
        """Drawn size of page `index` in logical pixels."""
        page = self.pages[index]
        width, height = rotated_size(page.width, page.height, self.turn(index))
        return (width * self.zoom, height * self.zoom)

    def page_at_y(self, y: float) -> int:
        """The page whose box (or the gap above it) holds strip height `y`."""
        if not self.boxes:
            return 0
        return max(0, min(len(self.boxes) - 1, bisect.bisect_right(self._tops, y) - 1))

    def page_at(self, x: float, y: float) -> int | None:
        """The page under the strip point (x, y), or None in a gap."""
        if not self.boxes:
            return None
        index = self.page_at_y(y)
        return index if self.boxes[index].contains(x, y) else None

    def visible(self, top: float, bottom: float) -> range:
        """Pages that intersect the strip band [top, bottom]."""
        if not self.boxes:
            return range(0)
        first = self.page_at_y(top)
        if self.boxes[first].y + self.boxes[first].height < top:
            first = min(first + 1, len(self.boxes) - 1)
        last = self.page_at_y(bottom)
        return range(first, last + 1)
