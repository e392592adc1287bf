"""Images the photo tests make for themselves: labels, whiteboards, screenshots, EXIF, faces."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from PIL.TiffImagePlugin import IFDRational

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

WRISTBAND = "NAME: Mia Hughes DOB 03/04/1957 MRN 4482913"
WHITEBOARD = ["Bed 4 Mia Hughes", "Bed 7 Oliver Grant", "Bed 9 Ruth Okafor"]
SCREENSHOT = [
    "Patient: Thomas Whitfield",
    "DOB: 12/08/1948   MRN: 7731046",
    "Ward 6B, bed 12 - admitted 02/11/2026",
]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans when Debian's fonts-dejavu-core is installed, else Pillow's scalable font."""
    if DEJAVU.exists():
        return ImageFont.truetype(str(DEJAVU), size)
    return ImageFont.load_default(size=size)


def text_image(
    lines: list[str], *, size: tuple[int, int] = (1000, 320), px: int = 34
) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 30 + i * int(px * 1.8)), line, font=font(px), fill="black")
    return image


def wristband() -> Image.Image:
    """A wristband-like label: a pale band with the patient's details in one line."""
    image = Image.new("RGB", (1100, 220), (120, 160, 200))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((20, 50, 1080, 170), radius=30, fill=(250, 250, 245))
    draw.text((50, 90), WRISTBAND, font=font(32), fill="black")
    return image


def whiteboard() -> Image.Image:
    image = text_image(WHITEBOARD, size=(900, 360), px=40)
    ImageDraw.Draw(image).rectangle((5, 5, 894, 354), outline=(90, 90, 90), width=6)
    return image


def screenshot() -> Image.Image:
    """An EHR-like phone screenshot: a title bar and the record's lines."""
    image = Image.new("RGB", (1080, 700), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1080, 90), fill=(30, 80, 140))
    draw.text((30, 25), "Clinical Record", font=font(36), fill="white")
    for i, line in enumerate(SCREENSHOT):
        draw.text((30, 150 + i * 80), line, font=font(36), fill=(20, 20, 20))
    return image


def landscape(size: tuple[int, int] = (800, 500)) -> Image.Image:
    """A PHI-free 'photo': sky, hills and a sun."""
    image = Image.new("RGB", size, (135, 190, 235))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.polygon(
        [(0, h), (0, h * 0.6), (w * 0.4, h * 0.45), (w, h * 0.7), (w, h)], fill=(70, 130, 60)
    )
    draw.ellipse((w * 0.75, h * 0.1, w * 0.85, h * 0.1 + w * 0.1), fill=(250, 220, 90))
    return image.filter(ImageFilter.GaussianBlur(2))


def face(size: int = 400) -> Image.Image:
    """A drawn frontal face that OpenCV's frontal-face cascade finds."""
    image = Image.new("RGB", (size, size), (200, 200, 200))
    draw = ImageDraw.Draw(image)
    s = size / 400

    def box(*v: float) -> list[float]:
        return [x * s for x in v]

    draw.ellipse(box(80, 40, 320, 360), fill=(225, 185, 160))
    draw.rectangle(box(120, 130, 180, 140), fill=(60, 40, 30))
    draw.rectangle(box(220, 130, 280, 140), fill=(60, 40, 30))
    draw.ellipse(box(130, 155, 170, 180), fill=(40, 30, 30))
    draw.ellipse(box(230, 155, 270, 180), fill=(40, 30, 30))
    draw.polygon([(200 * s, 180 * s), (185 * s, 250 * s), (215 * s, 250 * s)], fill=(195, 150, 130))
    draw.ellipse(box(150, 275, 250, 305), fill=(150, 60, 60))
    draw.chord(box(80, 20, 320, 200), 180, 360, fill=(50, 35, 25))
    return image.filter(ImageFilter.GaussianBlur(3 * s))


def gps_exif(*, seconds_denominator: int = 100) -> Image.Exif:
    """EXIF with a GPS position (51°30'12.34"N 0°7'40.2"W), capture time, owner and serial."""
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    r = IFDRational
    gps[1], gps[3] = "N", "W"
    gps[2] = (r(51), r(30), r(1234 * seconds_denominator // 100, seconds_denominator))
    gps[4] = (r(0), r(7), r(4020 * seconds_denominator // 100, seconds_denominator))
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2026:03:04 10:11:12"
    sub[0xA430] = "Dr Jane Example"
    sub[0xA431] = "SN123456789"
    exif[0x013B] = "Jane Example"
    return exif


XMP = b"""<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'
 xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'>
<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Ruth Okafor</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>Ruth on her last day on the ward</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"""


def jpeg_bytes(image: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, **params)
    return out.getvalue()


def png_bytes(image: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", **params)
    return out.getvalue()


def with_thumbnail(image: Image.Image) -> bytes:
    """A JPEG whose EXIF holds an embedded thumbnail of the picture, written by hand: IFD0
    (empty) links to IFD1, whose JPEGInterchangeFormat/Length point at the thumbnail."""
    thumb = jpeg_bytes(image.resize((160, 40)))
    ifd0 = struct.pack("<H", 0) + struct.pack("<I", 14)  # no entries; IFD1 at offset 14
    data_at = 14 + 2 + 2 * 12 + 4
    ifd1 = struct.pack("<H", 2)
    ifd1 += struct.pack("<HHII", 0x0201, 4, 1, data_at)
    ifd1 += struct.pack("<HHII", 0x0202, 4, 1, len(thumb))
    ifd1 += struct.pack("<I", 0)
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd0 + ifd1 + thumb
    return jpeg_bytes(image, exif=b"Exif\x00\x00" + tiff)


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims *width* x *height* pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
