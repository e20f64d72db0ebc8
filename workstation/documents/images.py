"""Images for the viewer: EXIF orientation applied, every page of a multi-page TIFF."""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from workstation.documents.problems import DAMAGED, UNSUPPORTED, DocumentError, brief
from workstation.progress import stop_if_cancelled

MAX_PIXELS = 120_000_000  # bigger images are refused rather than exhausting memory
MAX_TOTAL_PIXELS = 2 * MAX_PIXELS  # all frames of one file together (4 bytes each, shown)


@dataclass(frozen=True)
class ImageFrame:
    """One decoded page: packed RGBA rows (width × 4 bytes each), upright."""

    width: int
    height: int
    samples: bytes


def image_frames(
    path: Path, display_name: str | None = None, cancel: threading.Event | None = None
) -> list[ImageFrame]:
    """Every frame (page) of an image, turned upright by its EXIF orientation."""
    name = display_name or path.name
    frames: list[ImageFrame] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's notes on odd tags; damage raises
            with Image.open(path) as image:
                total = 0
                for index in range(getattr(image, "n_frames", 1)):
                    stop_if_cancelled(cancel, "已取消。")
                    image.seek(index)
                    # Every frame has its own size: a small first page says nothing of the
                    # next (a 735 KB TIFF held a page that needed gigabytes).
                    total += _within_limits(image, index, total, name, path)
                    upright = ImageOps.exif_transpose(image.copy()) or image.copy()
                    rgba = upright.convert("RGBA")
                    frames.append(ImageFrame(rgba.width, rgba.height, rgba.tobytes()))
    except UnidentifiedImageError as exc:
        raise DocumentError(
            f"不支持显示文件 {name} 的图片格式。", problem=UNSUPPORTED, path=path
        ) from exc
    except (OSError, ValueError, TypeError, SyntaxError, Image.DecompressionBombError) as exc:
        if not frames:
            raise DocumentError(
                f"图片 {name} 已损坏，无法显示：{brief(exc)}", problem=DAMAGED, path=path
            ) from exc
    return frames


def _within_limits(image: Image.Image, index: int, total: int, name: str, path: Path) -> int:
    """The pixels of the frame `image` is at; DocumentError when it, or the file's frames so
    far with it, are more than the viewer may hold."""
    pixels = image.width * image.height
    page = f"第 {index + 1} 页" if getattr(image, "n_frames", 1) > 1 else ""
    if pixels > MAX_PIXELS:
        raise DocumentError(
            f"图片 {name}{page}过大（{image.width}×{image.height}），无法显示。",
            problem=UNSUPPORTED,
            path=path,
        )
    if total + pixels > MAX_TOTAL_PIXELS:
        raise DocumentError(
            f"图片 {name} 的页面合计过大（到{page}已超过 {MAX_TOTAL_PIXELS // 1_000_000} "
            "百万像素），无法显示。",
            problem=UNSUPPORTED,
            path=path,
        )
    return pixels
