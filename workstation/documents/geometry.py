"""Page geometry: unrotated PDF points ↔ the pixels of a page drawn zoomed and rotated.

PyMuPDF gives and takes every coordinate on the *unrotated* page (origin top-left, y down,
in points); only `Page.rect` reflects the page's /Rotate. Citations are stored in those
coordinates, so they stay right whatever rotation the file or the viewer applies. A page is
drawn rotated clockwise by `rotation` degrees (its /Rotate plus the viewer's own) and scaled
by `zoom` pixels per point, with its top-left corner at (0, 0).
"""

from __future__ import annotations

Rect = tuple[float, float, float, float]
Point = tuple[float, float]


def normalized(rect: Rect) -> Rect:
    """The same rectangle with x0 ≤ x1 and y0 ≤ y1."""
    x0, y0, x1, y1 = rect
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def rotated_size(width: float, height: float, rotation: int) -> tuple[float, float]:
    """The size of a width × height page once rotated by a multiple of 90 degrees."""
    return (height, width) if rotation % 180 else (width, height)


def point_to_view(point: Point, size: tuple[float, float], rotation: int, zoom: float) -> Point:
    """Where an unrotated page point lands in the drawn page, in pixels."""
    x, y = point
    width, height = size
    turn = rotation % 360
    if turn == 90:
        x, y = height - y, x
    elif turn == 180:
        x, y = width - x, height - y
    elif turn == 270:
        x, y = y, width - x
    return (x * zoom, y * zoom)


def point_from_view(point: Point, size: tuple[float, float], rotation: int, zoom: float) -> Point:
    """The unrotated page point drawn at a pixel of the page (inverse of point_to_view)."""
    width, height = size
    u, v = point[0] / zoom, point[1] / zoom
    turn = rotation % 360
    if turn == 90:
        return (v, height - u)
    if turn == 180:
        return (width - u, height - v)
    if turn == 270:
        return (width - v, u)
    return (u, v)


def rect_to_view(rect: Rect, size: tuple[float, float], rotation: int, zoom: float) -> Rect:
    """An unrotated page rectangle as the pixel rectangle it covers on the drawn page."""
    a = point_to_view((rect[0], rect[1]), size, rotation, zoom)
    b = point_to_view((rect[2], rect[3]), size, rotation, zoom)
    return normalized((a[0], a[1], b[0], b[1]))


def rect_from_view(rect: Rect, size: tuple[float, float], rotation: int, zoom: float) -> Rect:
    """A pixel rectangle on the drawn page as unrotated page points, clipped to the page."""
    a = point_from_view((rect[0], rect[1]), size, rotation, zoom)
    b = point_from_view((rect[2], rect[3]), size, rotation, zoom)
    x0, y0, x1, y1 = normalized((a[0], a[1], b[0], b[1]))
    width, height = size
    return (
        max(0.0, min(x0, width)),
        max(0.0, min(y0, height)),
        max(0.0, min(x1, width)),
        max(0.0, min(y1, height)),
    )


def union(rects: list[Rect]) -> Rect | None:
    """The smallest rectangle holding all of them, or None for none."""
    if not rects:
        return None
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
