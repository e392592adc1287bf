"""What a photo's metadata gives away: GPS, capture time, owner/serial, thumbnail, people,
captions. Each field that is present becomes a finding with a why."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from armslength.model import Category, Severity
from armslength.photos._model import PhotoFinding, Source

if TYPE_CHECKING:
    from PIL import Image

METRES_PER_DEGREE = 111_320.0
GPS_IFD, EXIF_IFD, IFD1 = 0x8825, 0x8769, -1  # PIL.ExifTags.IFD


@dataclass(frozen=True)
class Field:
    """One metadata field that can identify someone: where to find it and why it matters."""

    tag: int
    name: str
    label: str
    severity: Severity
    why: str
    exif_ifd: bool = False


IDENTITY_FIELDS = (
    Field(0x013B, "Artist", "NAME", Severity.MEDIUM, "names who took the photo"),
    Field(0x8298, "Copyright", "NAME", Severity.LOW, "names the photo's owner"),
    Field(0xA430, "CameraOwnerName", "NAME", Severity.MEDIUM, "names the camera's owner", True),
    Field(
        0xA431,
        "BodySerialNumber",
        "ID",
        Severity.MEDIUM,
        "a camera serial links photos to one device",
        True,
    ),
    Field(
        0xA435,
        "LensSerialNumber",
        "ID",
        Severity.LOW,
        "a lens serial links photos to one device",
        True,
    ),
    Field(
        0xA420, "ImageUniqueID", "ID", Severity.LOW, "a unique id links copies of the photo", True
    ),
    Field(
        0x010E,
        "ImageDescription",
        "OTHER",
        Severity.MEDIUM,
        "a caption can name or describe a patient",
    ),
    Field(
        0x9286,
        "UserComment",
        "OTHER",
        Severity.MEDIUM,
        "a comment can name or describe a patient",
        True,
    ),
)
TIME_FIELDS = (
    Field(
        0x9003,
        "DateTimeOriginal",
        "DATE",
        Severity.MEDIUM,
        "the capture time dates the visit or care",
        True,
    ),
    Field(0x0132, "DateTime", "DATE", Severity.LOW, "the time the file was last changed"),
)

_XMP_PEOPLE = re.compile(
    rb"<(Iptc4xmpExt:PersonInImage|MP:RegionPersonDisplayName|mwg-rs:Name)[^>]*>(.*?)</\1>",
    re.S,
)
_XMP_CAPTION = re.compile(rb"<(dc:description|photoshop:Headline|dc:title)[^>]*>(.*?)</\1>", re.S)
_XMP_LI = re.compile(rb"<rdf:li[^>]*>([^<]*)</rdf:li>")
_XMP_ATTR_PEOPLE = re.compile(rb'(?:mwg-rs:Name|Iptc4xmpExt:PersonInImage)="([^"]+)"')
_IPTC = {
    (2, 80): ("By-line", "NAME"),
    (2, 120): ("Caption", "OTHER"),
    (2, 25): ("Keywords", "OTHER"),
}


def _finding(label: str, severity: Severity, field: str, text: str, why: str) -> PhotoFinding:
    return PhotoFinding(
        start=0,
        end=0,
        text=text,
        label=label,
        category=Category.PHI,
        severity=severity,
        score=1.0,
        rule=f"photo-metadata-{field.lower()}",
        why=f"{why}; --strip-metadata removes it",
        source=Source.METADATA,
        field=field,
    )


def _clean(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).replace("\x00", "").strip()


def _dms(value: Any) -> tuple[float, float]:
    """Decimal degrees and the resolution (degrees) of an EXIF deg/min/sec triple."""
    parts = [float(v) for v in value]
    degrees = parts[0] + parts[1] / 60 + parts[2] / 3600
    units = (1.0, 1 / 60, 1 / 3600)
    resolution = 1.0
    for unit, part in zip(units, value, strict=False):
        denominator = getattr(part, "denominator", 1) or 1
        if float(part) or unit == 1.0 or denominator > 1:
            resolution = unit / denominator
    return degrees, resolution


def gps_findings(gps: dict[int, Any]) -> Iterator[PhotoFinding]:
    if 2 not in gps or 4 not in gps:
        return
    lat, lat_res = _dms(gps[2])
    lon, lon_res = _dms(gps[4])
    lat = -lat if _clean(gps.get(1, "N")).upper() == "S" else lat
    lon = -lon if _clean(gps.get(3, "E")).upper() == "W" else lon
    metres = max(lat_res, lon_res) * METRES_PER_DEGREE
    if 31 in gps:  # GPSHPositioningError, in metres
        metres = max(metres, float(gps[31]))
    severity = Severity.HIGH if metres <= 1000 else Severity.MEDIUM
    why = (
        f"the GPS position (precise to about {_distance(metres)}) can locate a patient's home "
        "or the ward"
    )
    yield _finding("LOCATION", severity, "GPS", f"{lat:.6f}, {lon:.6f} (±{_distance(metres)})", why)


def _distance(metres: float) -> str:
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.0f} km"


def exif_findings(image: Image.Image) -> Iterator[PhotoFinding]:
    exif = image.getexif()
    if not exif and not image.info.get("exif"):
        return
    sub = exif.get_ifd(EXIF_IFD)
    yield from gps_findings(dict(exif.get_ifd(GPS_IFD)))
    for field in (*TIME_FIELDS, *IDENTITY_FIELDS):
        value = _clean((sub if field.exif_ifd else exif).get(field.tag, ""))
        if value:
            yield _finding(field.label, field.severity, field.name, value, field.why)


def thumbnail_findings(image: Image.Image) -> Iterator[PhotoFinding]:
    """An EXIF thumbnail (IFD1, or a JPEG inside the EXIF block) or a HEIC thumbnail."""
    ifd1 = image.getexif().get_ifd(IFD1)
    exif = image.info.get("exif", b"")
    in_exif = isinstance(exif, bytes) and b"\xff\xd8\xff" in exif
    if ifd1.get(0x0201) or ifd1.get(0x0111) or in_exif or image.info.get("thumbnails"):
        why = "an embedded thumbnail keeps the original picture even after the photo is edited"
        yield _finding("OTHER", Severity.MEDIUM, "Thumbnail", "embedded thumbnail", why)


def xmp_findings(image: Image.Image) -> Iterator[PhotoFinding]:
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8")
    if not xmp:
        return
    people = {_clean(m) for m in _XMP_ATTR_PEOPLE.findall(xmp)}
    for _, block in _XMP_PEOPLE.findall(xmp):
        people.update(_clean(li) for li in _XMP_LI.findall(block) or [block])
    for person in sorted(p for p in people if p):
        why = "a people tag names someone in the photo"
        yield _finding("NAME", Severity.HIGH, "XMP:PersonInImage", person, why)
    for _, block in _XMP_CAPTION.findall(xmp):
        for caption in _XMP_LI.findall(block) or [block]:
            if _clean(caption):
                why = "an embedded caption can name or describe a patient"
                yield _finding("OTHER", Severity.MEDIUM, "XMP:description", _clean(caption), why)


def iptc_findings(image: Image.Image) -> Iterator[PhotoFinding]:
    from PIL import IptcImagePlugin

    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}  # type: ignore[arg-type]
    except (SyntaxError, ValueError, OSError):
        return
    for key, (name, label) in _IPTC.items():
        values = iptc.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            why = f"the IPTC {name} can name or describe someone"
            yield _finding(label, Severity.MEDIUM, f"IPTC:{name}", _clean(value), why)


def text_chunk_findings(image: Image.Image) -> Iterator[PhotoFinding]:
    """PNG text chunks and GIF/JPEG comments."""
    for key in ("Description", "Comment", "comment", "Title", "Author"):
        value = image.info.get(key)
        if value and _clean(value):
            why = f"the embedded {key.lower()} can name or describe a patient"
            yield _finding("OTHER", Severity.MEDIUM, key, _clean(value), why)


def metadata_findings(image: Image.Image) -> list[PhotoFinding]:
    """Every identifying metadata field of *image*, one finding each."""
    found: list[PhotoFinding] = []
    readers = (exif_findings, thumbnail_findings, xmp_findings, iptc_findings, text_chunk_findings)
    for reader in readers:
        found.extend(reader(image))
    return found
