"""Benchmark: screening photos (issue 16) — speed, memory, OCR-to-finding recall, false alarms.

    nice -n 10 .venv/bin/python benchmarks/bench_photos.py [--repeat 3] [--json]
        [--presidio-python /path/to/presidio-img-venv/bin/python]

Makes its own images with Pillow (nothing is read from disk or the network):

* **recall**: wristband labels, whiteboard bed lists and EHR-like screenshots with synthetic
  names, dates of birth and record numbers; a planted identifier counts as found when a text
  finding of the photo covers it (the OCR read it and the screen flagged it);
* **PHI-free photos**: landscapes, food, a conference slide naming a public hospital, a caption
  without PHI; the share with no finding at all;
* **speed and memory**: a 12-megapixel photo (4000x3000, a face and a label in it) and a phone
  screenshot (1170x2532), each screened in its own child process: images per CPU-second (user +
  system time of all threads, models loaded once before timing) and peak RSS of that process.

With ``--presidio-python`` (or ``PRESIDIO_IMAGE_PYTHON``), Presidio's image redactor
(``presidio-image-redactor`` with Debian's ``tesseract``; a separate venv, never a project
dependency) runs in the same run on the same files, written to a temporary folder, through
``presidio_photo_runner.py``: the same recall and PHI-free scoring on the text Tesseract read and
the analyzer's findings in it, and its images per CPU-second (its Python process and its
Tesseract children, with one OpenMP thread) and peak memory (its process and, measured in one
more untimed run, Tesseract's).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from PIL import Image, ImageDraw

from armslength.photos import Source, screen_photo
from armslength.screen import Screener
from photos._images import face, font, jpeg_bytes, landscape, png_bytes

RUNNER = Path(__file__).resolve().parent / "presidio_photo_runner.py"
PNG = b"\x89PNG"

PEOPLE = [
    ("Mia Hughes", "03/04/1957", "4482913"),
    ("Oliver Grant", "17/09/1962", "5520781"),
    ("Ruth Okafor", "28/02/1971", "6093142"),
    ("Thomas Whitfield", "12/08/1948", "7731046"),
    ("Grace Kowalski", "05/11/1983", "3318590"),
    ("Daniel Mensah", "21/06/1939", "8842017"),
]


def _canvas(
    size: tuple[int, int], colour: Any = "white"
) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", size, colour)
    return image, ImageDraw.Draw(image)


def wristband(name: str, dob: str, mrn: str) -> Image.Image:
    image, draw = _canvas((1150, 220), (120, 160, 200))
    draw.rounded_rectangle((20, 50, 1130, 170), radius=30, fill=(250, 250, 245))
    draw.text((50, 90), f"NAME: {name} DOB {dob} MRN {mrn}", font=font(32), fill="black")
    return image


def whiteboard(rows: list[tuple[str, str, str]]) -> Image.Image:
    image, draw = _canvas((900, 120 + 80 * len(rows)))
    draw.rectangle((5, 5, 894, image.height - 6), outline=(90, 90, 90), width=6)
    for i, (name, _, _) in enumerate(rows):
        draw.text((30, 40 + i * 80), f"Bed {i + 3} {name}", font=font(40), fill=(20, 40, 120))
    return image


def screenshot(name: str, dob: str, mrn: str, size: tuple[int, int] = (1080, 700)) -> Image.Image:
    image, draw = _canvas(size)
    draw.rectangle((0, 0, size[0], 90), fill=(30, 80, 140))
    draw.text((30, 25), "Clinical Record", font=font(36), fill="white")
    lines = [
        f"Patient: {name}",
        f"DOB: {dob}   MRN: {mrn}",
        "Ward 6B, bed 12 - admitted 02/11/2026",
    ]
    for i, line in enumerate(lines):
        draw.text((30, 150 + i * 80), line, font=font(36), fill=(20, 20, 20))
    return image


def phi_set() -> list[tuple[str, bytes, list[str]]]:
    items: list[tuple[str, bytes, list[str]]] = []
    for i, (name, dob, mrn) in enumerate(PEOPLE):
        items.append((f"wristband-{i}", png_bytes(wristband(name, dob, mrn)), [name, dob, mrn]))
        items.append((f"screenshot-{i}", jpeg_bytes(screenshot(name, dob, mrn)), [name, dob, mrn]))
    for i in range(0, len(PEOPLE), 3):
        rows = PEOPLE[i : i + 3]
        items.append((f"whiteboard-{i}", png_bytes(whiteboard(rows)), [r[0] for r in rows]))
    return items


def food() -> Image.Image:
    image, draw = _canvas((800, 600), (180, 140, 100))
    draw.ellipse((150, 100, 650, 550), fill=(245, 245, 240))
    draw.ellipse((250, 200, 420, 380), fill=(200, 60, 40))
    draw.ellipse((400, 300, 560, 450), fill=(90, 160, 70))
    return image


def slide(title: str, subtitle: str) -> Image.Image:
    image, draw = _canvas((1280, 720), (20, 50, 90))
    draw.text((80, 250), title, font=font(56), fill="white")
    draw.text((80, 360), subtitle, font=font(40), fill=(200, 220, 240))
    return image


def caption(text: str) -> Image.Image:
    image = landscape((1000, 600))
    ImageDraw.Draw(image).text((40, 500), text, font=font(40), fill="white")
    return image


def clean_set() -> list[tuple[str, bytes]]:
    return [
        ("landscape", jpeg_bytes(landscape((1600, 1000)))),
        ("landscape-small", jpeg_bytes(landscape((640, 480)))),
        ("food", jpeg_bytes(food())),
        (
            "slide-hospital",
            png_bytes(slide("Annual Cardiology Meeting", "St Thomas' Hospital, London")),
        ),
        ("slide-talk", png_bytes(slide("Sepsis: what changed in 2025", "Grand round, Thursday"))),
        ("caption-hike", jpeg_bytes(caption("Sunday hike with the family"))),
        ("caption-coffee", jpeg_bytes(caption("First coffee of the night shift"))),
        ("sign", png_bytes(slide("Please wash your hands", "Thank you for keeping us safe"))),
        ("sunset", jpeg_bytes(landscape((1200, 800)).rotate(180))),
        ("slide-team", png_bytes(slide("Team of the year", "Emergency Department awards"))),
    ]


@dataclass(frozen=True)
class Read:
    """What a system made of one photo: the text it read, and its findings' spans in it
    (``found`` is every finding, of any source; ``spans`` those in the text)."""

    text: str
    spans: list[tuple[int, int, str]]
    found: int


def _covered(planted: str, read: Read) -> bool:
    start = read.text.find(planted)
    if start < 0:  # OCR read it differently (spaces): fall back to the finding's own text
        squashed = planted.replace(" ", "")
        return any(squashed in text.replace(" ", "") for _, _, text in read.spans)
    end = start + len(planted)
    return any(s < end and start < e for s, e, _ in read.spans)


def recall(reads: dict[str, Read]) -> dict[str, Any]:
    planted = found = 0
    misses: list[str] = []
    for name, _, wanted in phi_set():
        for item in wanted:
            planted += 1
            if _covered(item, reads[name]):
                found += 1
            else:
                misses.append(f"{name}: {'name' if item[0].isalpha() else 'number'}")
    return {
        "planted": planted,
        "found": found,
        "recall": round(found / planted, 3),
        "misses": misses,
    }


def false_alarms(reads: dict[str, Read]) -> dict[str, Any]:
    items = clean_set()
    flagged = [name for name, _ in items if reads[name].found]
    clean = len(items) - len(flagged)
    return {
        "images": len(items),
        "clean": clean,
        "share_clean": round(clean / len(items), 3),
        "flagged": flagged,
    }


def armslength_reads(screener: Screener) -> dict[str, Read]:
    reads = {}
    for name, data in [(n, d) for n, d, _ in phi_set()] + clean_set():
        result = screen_photo(data, name, screener)
        spans = [(f.start, f.end, f.text) for f in result.findings if f.source is Source.TEXT]
        reads[name] = Read(result.text, spans, len(result.findings))
    return reads


def presidio_reads(python: str, folder: Path) -> tuple[dict[str, Read], dict[str, str]]:
    """Presidio's image redactor on the same images, written to *folder* as files."""
    manifest = []
    for name, data in [(n, d) for n, d, _ in phi_set()] + clean_set():
        path = folder / f"{name}.{'png' if data.startswith(PNG) else 'jpg'}"
        path.write_bytes(data)
        manifest.append({"name": name, "path": str(path)})
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    out = folder / "presidio-accuracy.json"
    runner = [python, str(RUNNER), "accuracy", str(folder / "manifest.json"), str(out)]
    subprocess.run(runner, check=True, capture_output=True, text=True, env=_presidio_env())
    payload = json.loads(out.read_text(encoding="utf-8"))
    reads = {
        row["name"]: Read(
            row["text"],
            [(f["start"], f["end"], f["text"]) for f in row["findings"]],
            len(row["findings"]),
        )
        for row in payload["images"]
    }
    versions = {k: v for k, v in payload.items() if k != "images"}
    return reads, versions


def _presidio_env() -> dict[str, str]:
    """Tesseract with one OpenMP thread (as ONNX Runtime has one here): its default of one
    per core spends more CPU time for the same work on a shared machine."""
    return {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}


def big_photo() -> bytes:
    image = landscape((4000, 3000))
    image.paste(face(900), (1500, 400))
    label, _ = _canvas((1400, 160))
    ImageDraw.Draw(label).text(
        (30, 50), "NAME: Mia Hughes DOB 03/04/1957", font=font(56), fill="black"
    )
    image.paste(label, (1300, 2300))
    return jpeg_bytes(image)


def phone_screenshot() -> bytes:
    return png_bytes(screenshot(*PEOPLE[3], size=(1170, 2532)))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from
    the parent across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def one(kind: str, path: Path, repeat: int) -> dict[str, Any]:
    """Run in a child process: screen the image at *path* *repeat* times after a warm-up (the
    image is made by the parent, so making it does not count in this process's peak)."""
    data = path.read_bytes()
    screener = Screener()
    screen_photo(png_bytes(landscape((200, 100))), "warm-up", screener)  # load the models
    cpu, wall = _cpu(), time.perf_counter()
    for _ in range(repeat):
        result = screen_photo(data, kind, screener)
    cpu, wall = _cpu() - cpu, time.perf_counter() - wall
    peak_kb = _peak_rss_kb()
    return {
        "image": kind,
        "size": f"{result.photo.width}x{result.photo.height}",
        "images_per_cpu_second": round(repeat / cpu, 2),
        "cpu_seconds_per_image": round(cpu / repeat, 2),
        "wall_seconds_per_image": round(wall / repeat, 2),
        "peak_rss_mb": round(peak_kb / 1024),
        "findings": len(result.findings),
        "faces": result.photo.faces,
    }


SPEED_IMAGES = (("12mp", "photo.jpg"), ("screenshot", "shot.png"))


def speed_files(folder: Path) -> list[tuple[str, Path]]:
    makers = {"12mp": big_photo, "screenshot": phone_screenshot}
    files = []
    for kind, name in SPEED_IMAGES:
        path = folder / name
        path.write_bytes(makers[kind]())
        files.append((kind, path))
    return files


def speed(files: list[tuple[str, Path]], repeat: int) -> list[dict[str, Any]]:
    rows = []
    for kind, path in files:
        out = subprocess.run(
            [sys.executable, __file__, "--one", kind, "--path", str(path), "--repeat", str(repeat)],
            check=True, capture_output=True, text=True, env=os.environ,
        )  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


def presidio_speed(python: str, files: list[tuple[str, Path]], repeat: int) -> list[dict[str, Any]]:
    """Presidio's image redactor on the same files, each in its own child process."""
    rows = []
    for kind, path in files:
        out = path.with_suffix(".presidio.json")
        runner = [python, str(RUNNER), "speed", str(path), str(repeat), str(out)]
        subprocess.run(runner, check=True, capture_output=True, text=True, env=_presidio_env())
        p = json.loads(out.read_text(encoding="utf-8"))
        cpu = p["cpu_python"] + p["cpu_tesseract"]
        rows.append({
            "image": kind,
            "images_per_cpu_second": round(repeat / cpu, 2),
            "cpu_seconds_per_image": round(cpu / repeat, 2),
            "tesseract_cpu_share": round(p["cpu_tesseract"] / cpu, 2),
            "wall_seconds_per_image": round(p["wall"] / repeat, 2),
            "peak_rss_mb": round(p["peak_rss_mb"]),
            "tesseract_peak_rss_mb": round(p["tesseract_peak_rss_mb"]),
        })  # fmt: skip
    return rows


def _ratios(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Armslength over Presidio: speed (higher is better for Armslength) and memory (Presidio's
    Python process plus its Tesseract child over Armslength's one process)."""
    speeds = {
        mine["image"]: round(mine["images_per_cpu_second"] / other["images_per_cpu_second"], 1)
        for mine, other in zip(ours["speed"], theirs["speed"], strict=True)
    }
    memory = {
        mine["image"]: round(
            (other["peak_rss_mb"] + other["tesseract_peak_rss_mb"]) / mine["peak_rss_mb"], 2
        )
        for mine, other in zip(ours["speed"], theirs["speed"], strict=True)
    }
    return {
        "speed_armslength_over_presidio": speeds,
        "memory_presidio_over_armslength": memory,
        "recall": (ours["recall"]["recall"], theirs["recall"]["recall"]),
        "phi_free_clean": (ours["phi_free"]["share_clean"], theirs["phi_free"]["share_clean"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--presidio-python",
        default=os.environ.get("PRESIDIO_IMAGE_PYTHON"),
        help="a Python with presidio-image-redactor (and Debian's tesseract on the PATH): "
        "runs Presidio's image redactor on the same files as the anchor",
    )
    parser.add_argument("--one", choices=["12mp", "screenshot"], help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.path, args.repeat)))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-photos-"))
    files = speed_files(folder)
    reads = armslength_reads(Screener())
    ours = {
        "recall": recall(reads),
        "phi_free": false_alarms(reads),
        "speed": speed(files, args.repeat),
    }
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "armslength": ours,
    }
    if args.presidio_python:
        p_reads, versions = presidio_reads(args.presidio_python, folder)
        theirs = {
            "versions": versions,
            "recall": recall(p_reads),
            "phi_free": false_alarms(p_reads),
            "speed": presidio_speed(args.presidio_python, files, args.repeat),
        }
        report["presidio"] = theirs
        report["ratios"] = _ratios(ours, theirs)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"machine: {report['machine']}")
    for system in ("armslength", "presidio"):
        if system in report:
            _print(system, report[system])
    if "ratios" in report:
        print(f"ratios: {json.dumps(report['ratios'])}")


def _print(system: str, part: dict[str, Any]) -> None:
    r, c = part["recall"], part["phi_free"]
    print(f"== {system} {json.dumps(part.get('versions', {}))}")
    print(
        f"OCR-to-finding recall: {r['found']}/{r['planted']} = {r['recall']}  misses: {r['misses']}"
    )
    print(
        f"PHI-free photos with no finding: {c['clean']}/{c['images']} = {c['share_clean']}  flagged: {c['flagged']}"
    )
    for row in part["speed"]:
        extra = ", ".join(
            f"{k} {v}"
            for k, v in row.items()
            if k not in {"image", "images_per_cpu_second", "cpu_seconds_per_image"}
        )
        print(
            f"{row['image']:>10}: {row['images_per_cpu_second']} images/CPU-s "
            f"({row['cpu_seconds_per_image']} CPU-s/image; {extra})"
        )


if __name__ == "__main__":
    main()
