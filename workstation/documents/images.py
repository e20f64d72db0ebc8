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
                if image.width * image.height > MAX_PIXELS:
                    raise DocumentError(
                        f"图片 {name} 过大（{image.width}×{image.height}），无法显示。",
                        problem=UNSUPPORTED,
                        path=path,
                    )
                for index in range(getattr(image, "n_frames", 1)):
                    stop_if_cancelled(cancel, "已取消。")
                    image.seek(index)
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
