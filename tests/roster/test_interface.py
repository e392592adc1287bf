"""The interface other parts of Armslength rely on: load_roster, name_variants, normalize_name."""

from __future__ import annotations

from pathlib import Path

from armslength.roster import load_roster
from armslength.roster.names import name_variants, normalize_name


def test_load_roster_gives_patients_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,given,family\np1,Robert,Quill\np2,,\n", encoding="utf-8")
    roster = load_roster(path)
    assert [p.patient_id for p in roster.patients] == ["p1"]
    assert [(s.line, s.reason) for s in roster.skipped] == [(3, "no name")]


def test_name_variants_include_nicknames(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,given,family\np1,Róbert,Quíll\n", encoding="utf-8")
    variants = name_variants(load_roster(path).patients[0])
    assert {"robert quill", "bob quill", "rob quill"} <= variants
    assert normalize_name("Dr. RÓBERT  Quill, MD") == "robert quill"
