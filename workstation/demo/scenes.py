"""Synthetic pictures for the demo recordings: a simple scene per place, a body-camera overlay.

Everything is drawn with Pillow primitives, so frames are the same on every machine; a
slow sway of the picture stands in for a handheld camera and gives the encoder motion.
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 320, 180
_MARGIN = 12  # the background is larger than the frame so that it can sway


def _canvas(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical gradient as large as the frame plus the sway margin."""
    image = Image.new("RGB", (WIDTH + 2 * _MARGIN, HEIGHT + 2 * _MARGIN))
    draw = ImageDraw.Draw(image)
    for y in range(image.height):
        k = y / (image.height - 1)
        draw.line(
            [(0, y), (image.width, y)],
            fill=tuple(round(a + (b - a) * k) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def _supermarket() -> Image.Image:
    image = _canvas((214, 218, 222), (150, 146, 140))
    draw = ImageDraw.Draw(image)
    palette = [
        (200, 40, 40),
        (240, 240, 235),
        (40, 110, 190),
        (250, 200, 50),
        (60, 160, 90),
        (230, 130, 40),
    ]
    for shelf in range(4):
        top = 30 + shelf * 38
        draw.rectangle((10, top + 30, 330, top + 34), fill=(110, 110, 115))
        for slot in range(22):
            colour = palette[(slot * 5 + shelf * 3) % len(palette)]
            left = 14 + slot * 14
            height = 18 + (slot * 7 + shelf) % 9
            draw.rectangle((left, top + 30 - height, left + 10, top + 29), fill=colour)
        draw.rectangle((30, top + 31, 60, top + 33), fill=(250, 250, 120))  # price strip
    return image


def _construction() -> Image.Image:
    image = _canvas((150, 190, 230), (205, 220, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 130, image.width, image.height), fill=(150, 120, 90))
    for column in range(5):  # an unfinished steel frame
        x = 150 + column * 32
        draw.rectangle((x, 40, x + 5, 132), fill=(95, 100, 110))
    for beam in range(3):
        draw.rectangle((150, 40 + beam * 32, 283, 44 + beam * 32), fill=(95, 100, 110))
    draw.rectangle((30, 100, 110, 132), fill=(235, 180, 30))  # excavator body
    draw.rectangle((80, 80, 108, 102), fill=(60, 70, 80))  # cab
    draw.line([(40, 104), (20, 70), (5, 110)], fill=(220, 165, 25), width=6)  # arm
    draw.rectangle((25, 130, 115, 140), fill=(40, 40, 40))  # tracks
    return image


def _sealed_site() -> Image.Image:
    """The same site after seizure: paper seal strips (封条) across the excavator."""
    image = _construction()
    draw = ImageDraw.Draw(image)
    draw.line([(35, 96), (105, 126)], fill=(250, 250, 250), width=5)
    draw.line([(35, 126), (105, 96)], fill=(250, 250, 250), width=5)
    return image


def _factory() -> Image.Image:
    image = _canvas((170, 180, 190), (200, 205, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 140, image.width, image.height), fill=(90, 95, 90))
    draw.rectangle((40, 80, 230, 142), fill=(140, 150, 160))
    draw.polygon([(40, 80), (135, 55), (230, 80)], fill=(120, 60, 55))
    draw.rectangle((255, 20, 275, 142), fill=(180, 175, 170))  # chimney
    for band in (30, 44):
        draw.rectangle((255, band, 275, band + 5), fill=(200, 50, 50))
    for window in range(6):
        x = 55 + window * 28
        draw.rectangle((x, 100, x + 14, 118), fill=(70, 90, 110))
    return image


def _night_street() -> Image.Image:
    """A pavement at night: lit shop fronts, a street lamp, a barbecue stall under an umbrella."""
    image = _canvas((18, 22, 48), (40, 42, 56))
    draw = ImageDraw.Draw(image)
    for block, (left, top) in enumerate(((0, 40), (70, 25), (150, 50), (250, 30))):
        draw.rectangle((left, top, left + 72, 120), fill=(34, 36, 46))
        for row in range(4):
            for col in range(4):
                if (block + row * 3 + col) % 3:
                    x, y = left + 8 + col * 16, top + 10 + row * 18
                    draw.rectangle((x, y, x + 7, y + 9), fill=(235, 200, 110))
    draw.rectangle((0, 120, image.width, image.height), fill=(70, 70, 76))  # pavement
    draw.line([(0, 121), (image.width, 121)], fill=(150, 150, 150), width=2)  # kerb
    draw.rectangle((40, 30, 43, 122), fill=(90, 90, 95))  # street lamp
    draw.ellipse((32, 22, 52, 36), fill=(255, 240, 180))
    draw.polygon([(150, 58), (205, 40), (260, 58)], fill=(200, 40, 40))  # umbrella
    draw.rectangle((204, 58, 206, 124), fill=(120, 120, 120))
    draw.rectangle((160, 100, 250, 108), fill=(40, 40, 42))  # the grill's trough
    for leg in (165, 243):
        draw.rectangle((leg, 108, leg + 3, 140), fill=(40, 40, 42))
    for stool in range(3):  # folding stools and a low table
        x = 90 + stool * 24
        draw.rectangle((x, 128, x + 14, 132), fill=(40, 110, 190))
        draw.rectangle((x + 2, 132, x + 4, 142), fill=(40, 110, 190))
    draw.rectangle((270, 118, 320, 124), fill=(210, 210, 200))
    return image


def _warehouse() -> Image.Image:
    """A hardware wholesaler's back room: steel racks stacked with coils of wire."""
    image = _canvas((196, 198, 190), (128, 124, 116))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 150, image.width, image.height), fill=(105, 105, 100))  # concrete
    palette = [(200, 40, 40), (230, 200, 40), (40, 90, 190), (60, 150, 80)]
    for rack in range(3):
        left = 14 + rack * 108
        for post in (left, left + 96):
            draw.rectangle((post, 26, post + 4, 150), fill=(40, 90, 160))  # blue uprights
        for shelf in range(3):
            top = 58 + shelf * 44
            draw.rectangle((left, top, left + 100, top + 4), fill=(230, 120, 30))  # beams
            for coil in range(6):  # coils of wire seen from the side
                x = left + 8 + coil * 15
                colour = palette[(coil + shelf + rack) % len(palette)]
                draw.ellipse((x, top - 24, x + 13, top - 1), fill=colour)
                draw.ellipse((x + 4, top - 17, x + 9, top - 8), fill=(60, 55, 50))
    return image


def _sealed_warehouse() -> Image.Image:
    """The same racks after seizure: paper seal strips (封条) across them."""
    image = _warehouse()
    draw = ImageDraw.Draw(image)
    for rack in range(3):
        left = 14 + rack * 108
        draw.line([(left, 40), (left + 100, 140)], fill=(250, 250, 250), width=5)
        draw.line([(left, 140), (left + 100, 40)], fill=(250, 250, 250), width=5)
    return image


def _posted_notice() -> Image.Image:
    """A shop front with its roller shutter down and a notice (公告) pasted beside the door."""
    image = _canvas((160, 195, 225), (210, 215, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 146, image.width, image.height), fill=(120, 118, 112))  # pavement
    draw.rectangle((20, 20, 324, 146), fill=(185, 175, 160))  # wall
    draw.rectangle((40, 24, 304, 42), fill=(170, 30, 30))  # signboard
    for letter in range(8):
        x = 62 + letter * 28
        draw.rectangle((x, 28, x + 16, 38), fill=(250, 220, 120))
    draw.rectangle((60, 52, 220, 146), fill=(150, 155, 160))  # the shutter
    for slat in range(60, 146, 6):
        draw.line([(60, slat), (220, slat)], fill=(120, 125, 130), width=1)
    draw.rectangle((240, 64, 290, 130), fill=(248, 248, 244))  # the notice
    draw.rectangle((252, 70, 278, 74), fill=(60, 60, 60))
    for line in range(9):
        y = 80 + line * 5
        draw.line([(246, y), (284, y)], fill=(130, 130, 130), width=1)
    draw.ellipse((268, 112, 286, 128), outline=(210, 30, 30), width=2)  # its seal
    return image


_BACKGROUNDS = {
    "supermarket": _supermarket,
    "construction": _construction,
    "sealed_site": _sealed_site,
    "factory": _factory,
    "night_street": _night_street,
    "warehouse": _warehouse,
    "sealed_warehouse": _sealed_warehouse,
    "posted_notice": _posted_notice,
}


@cache
def _background(scene: str) -> Image.Image:
    return _BACKGROUNDS[scene]()


@cache
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def frame(scene: str, seconds: float, variant: int = 0) -> Image.Image:
    """The scene at `seconds` into the recording; `variant` moves the point of view."""
    # A slow sway, different per device, like a camera worn on the chest.
    dx = round(_MARGIN + 7 * math.sin(seconds * 0.9 + variant) - 4 * variant)
    dy = round(_MARGIN + 5 * math.sin(seconds * 1.7 + 2 * variant))
    dx = max(0, min(2 * _MARGIN, dx))
    dy = max(0, min(2 * _MARGIN, dy))
    image = _background(scene).crop((dx, dy, dx + WIDTH, dy + HEIGHT))
    if scene == "factory":  # smoke drifting from the chimney
        draw = ImageDraw.Draw(image)
        for puff in range(4):
            age = (seconds * 0.6 + puff / 4) % 1.0
            x = 265 - dx + _MARGIN + age * 40
            y = 14 - dy + _MARGIN - age * 30
            r = 4 + age * 12
            grey = round(120 + age * 90)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(grey, grey, grey))
    elif scene == "night_street":  # glowing charcoal and barbecue smoke
        draw = ImageDraw.Draw(image)
        ox, oy = -dx, -dy  # background to frame coordinates
        for ember in range(9):
            glow = 180 + round(60 * math.sin(seconds * 5 + ember * 1.3))
            x = 166 + ember * 9 + ox
            draw.rectangle((x, 97 + oy, x + 5, 100 + oy), fill=(255, glow // 2, 20))
        for puff in range(5):
            age = (seconds * 0.5 + puff / 5) % 1.0
            x = 180 + puff * 12 + ox + age * 25
            y = 92 + oy - age * 70
            r = 3 + age * 10
            grey = round(150 - age * 60)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(grey, grey, grey + 6))
    return image


@cache
def _bar(text: str, dot: bool) -> Image.Image:
    """The top bar: device and clock on the left, a blinking recording dot on the right."""
    bar = Image.new("RGB", (WIDTH, 16), (0, 0, 0))
    draw = ImageDraw.Draw(bar)
    draw.text((4, 1), text, fill=(255, 255, 255), font=_font(11))
    if dot:
        draw.ellipse((WIDTH - 44, 4, WIDTH - 36, 12), fill=(230, 30, 30))
    draw.text((WIDTH - 32, 1), "REC", fill=(255, 255, 255), font=_font(11))
    return bar


@cache
def _footer(operator: str | None) -> Image.Image:
    bar = Image.new("RGB", (WIDTH, 15), (0, 0, 0))
    if operator:
        ImageDraw.Draw(bar).text((4, 0), f"ID {operator}", fill=(255, 255, 255), font=_font(11))
    return bar


def overlay(
    image: Image.Image, label: str, clock: datetime, index: int, operator: str | None
) -> Image.Image:
    """Burn in what a body camera shows: device, its own clock, frame number, officer."""
    # The dot blinks once a second; bars are cached because only the clock changes.
    image.paste(_bar(f"{label}  {clock:%Y-%m-%d %H:%M:%S}", clock.microsecond < 500_000))
    image.paste(_footer(operator), (0, HEIGHT - 15))
    ImageDraw.Draw(image).text(
        (WIDTH - 58, HEIGHT - 14), f"F{index:05d}", fill=(255, 255, 255), font=_font(11)
    )
    return image
