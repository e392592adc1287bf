"""What kind of image a file holds, decided from its first bytes (never from its name)."""

from __future__ import annotations

from enum import StrEnum


class ImageType(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    WEBP = "webp"
    HEIF = "heif"


_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
_EXTENSION = {
    ImageType.JPEG: "jpg",
    ImageType.PNG: "png",
    ImageType.GIF: "gif",
    ImageType.WEBP: "webp",
    ImageType.HEIF: "heic",
}


def sniff(data: bytes) -> ImageType | None:
    """The image type of *data*, or None when its first bytes are not an image we know."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return ImageType.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageType.PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ImageType.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageType.WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return ImageType.HEIF
    return None


def extension(kind: ImageType) -> str:
    """The usual file extension (no dot) of *kind*."""
    return _EXTENSION[kind]
