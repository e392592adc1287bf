"""One exception tree, one reader of user files, and type checks at the public boundary."""

from __future__ import annotations

import errno
import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import armslength
from armslength import errors
from armslength._io import decode_text, input_error, open_input, read_bytes, read_text
from armslength.errors import (
    ArmslengthError,
    ConfigError,
    ExportError,
    InputError,
    PolicyError,
    RosterError,
)

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Modules that run a program when imported: entry points (``__main__``) and Alembic's env.
NOT_IMPORTABLE = {"armslength.store.migrations.env"}
SECRET = st.text(alphabet="QXZJKVW", min_size=6, max_size=20)


# -- the exception tree -------------------------------------------------------------------


def _modules() -> Iterator[types.ModuleType]:
    yield armslength
    for info in pkgutil.walk_packages(armslength.__path__, "armslength."):
        if info.name not in NOT_IMPORTABLE and not info.name.endswith(".__main__"):
            yield importlib.import_module(info.name)


def _classes(namespace: object, module: str) -> Iterator[type]:
    for value in vars(namespace).values():
        if inspect.isclass(value) and value.__module__ == module:
            yield value
            yield from (c for c in _classes(value, module) if c is not value)


def strays(module: types.ModuleType) -> list[str]:
    """Exception classes *module* defines outside the ArmslengthError tree."""
    return [
        f"{module.__name__}.{cls.__qualname__}"
        for cls in _classes(module, module.__name__)
        if issubclass(cls, BaseException) and not issubclass(cls, ArmslengthError)
    ]


def test_every_exception_class_of_the_package_is_an_armslength_error() -> None:
    modules = list(_modules())
    found = [name for module in modules for name in strays(module)]
    assert found == []
    defined = {
        f"{m.__name__}.{c.__qualname__}"
        for m in modules
        for c in _classes(m, m.__name__)
        if issubclass(c, BaseException)
    }
    # the walk reaches private modules and the classes that used to stray
    assert {
        "armslength.exports._archive.TooLargeError",
        "armslength.exports._text.MalformedError",
        "armslength.roster._store.BadRowError",
        "armslength.screen.batch.LineError",
        "armslength.errors.LoginRequiredError",
    } <= defined


def test_the_walk_reports_a_stray_class() -> None:
    module = types.ModuleType("armslength_fake")
    source = "class Stray(ValueError): pass\nclass Fine(ArmslengthError): pass\n"
    exec(source, {**module.__dict__, "ArmslengthError": ArmslengthError}, module.__dict__)
    assert strays(module) == ["armslength_fake.Stray"]


def test_former_strays_keep_their_meaning() -> None:
    from armslength.exports._archive import BudgetExceededError, TooLargeError
    from armslength.exports._text import MalformedError
    from armslength.roster._store import BadRowError
    from armslength.screen.batch import LineError
    from armslength.web import _routes

    assert issubclass(BudgetExceededError, TooLargeError)
    assert issubclass(TooLargeError, errors.ArchiveSafetyError)
    assert issubclass(MalformedError, ExportError)
    assert issubclass(BadRowError, RosterError)
    assert issubclass(LineError, InputError)
    assert _routes.LoginRequiredError is errors.LoginRequiredError
    assert issubclass(errors.LoginRequiredError, errors.AuthError)
    assert str(errors.LoginRequiredError())  # raised without arguments, still a message


def test_a_malformed_entry_is_counted_not_fatal() -> None:
    from armslength.exports._base import BadEntries, each
    from armslength.exports._text import MalformedError

    def convert(entry: Any) -> list[Any]:
        if entry == "bad":
            raise MalformedError("entry without fields")
        return [entry]

    assert list(each(["a", "bad", "b"], convert)) == ["a", "b", BadEntries(1)]


# -- reading user files ---------------------------------------------------------------------


def _error(call: Callable[[], object], kind: type[ArmslengthError] = InputError) -> Any:
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    error = _error(lambda: read_bytes(path, what="text file"))
    assert error.path == str(path)
    assert str(error) == f"{path}: text file not found"


def test_folder_instead_of_a_file(tmp_path: Path) -> None:
    error = _error(lambda: read_text(tmp_path, what="roster file"))
    assert str(error) == f"{tmp_path}: is a folder, expected a roster file"
    error = _error(lambda: read_text(tmp_path, what="export"))
    assert error.detail == "is a folder, expected an export"


def test_a_file_in_the_middle_of_the_path(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    path = tmp_path / "notes.txt" / "inner.txt"
    error = _error(lambda: open_input(path, what="text file"))
    assert error.detail == "text file not found (a part of the path is a file, not a folder)"


def _as_nobody(call: Callable[[], str]) -> str:
    """*call*'s answer from a forked child that dropped root to uid/gid 65534 (nobody)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            answer = call()
        except BaseException as exc:  # the parent reports it
            answer = f"child failed: {type(exc).__name__}: {exc}"
        os.write(write_end, answer.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        answer = stream.read().decode()
    os.waitpid(pid, 0)
    return answer


def _denied(path: Path) -> str:
    try:
        read_bytes(path, what="text file")
    except InputError as exc:
        return str(exc)
    return "read"


def test_permission_denied() -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o755)  # nobody may enter the folder: only the file's mode refuses
        locked, open_ = Path(folder) / "locked.txt", Path(folder) / "open.txt"
        locked.write_text("Jane Doe, DOB 1980-01-01", encoding="utf-8")
        open_.write_text("fine", encoding="utf-8")
        locked.chmod(0)
        open_.chmod(0o644)
        if os.geteuid() == 0:
            if not hasattr(os, "fork"):
                pytest.skip("running as root without fork: root reads any file")
            control, answer = (
                _as_nobody(lambda: _denied(open_)),
                _as_nobody(lambda: _denied(locked)),
            )
            if control.startswith("child failed"):
                pytest.skip(f"cannot drop root privileges here ({control})")
        else:
            control, answer = _denied(open_), _denied(locked)
    assert control == "read"
    assert answer == f"{locked}: cannot read the text file: permission denied"


def test_permission_error_mapping_names_what_and_path() -> None:
    exc = PermissionError(errno.EACCES, "Permission denied")
    error = input_error(exc, "/srv/roster.csv", what="roster file", error=RosterError)
    assert isinstance(error, RosterError)
    assert str(error) == "/srv/roster.csv: cannot read the roster file: permission denied"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_other_os_error_gives_the_system_reason() -> None:
    # /proc/self/mem opens, and reading its first page fails with EIO (unmapped address)
    error = _error(lambda: read_bytes("/proc/self/mem", what="text file"))
    assert error.detail == "cannot read the text file (Input/output error)"


def test_bad_utf8_names_line_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(b"Saw Jane Doe\nat the clinic \xff today\n")
    error = _error(lambda: read_text(path, what="text file"))
    assert error.line == 2
    assert str(error) == (
        f"{path}:2: text file is not UTF-8 text (invalid start byte at byte offset 27)"
    )
    assert "Jane" not in str(error) and "clinic" not in str(error)


def test_offsets_count_the_byte_order_mark(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfab\xff"
    error = _error(lambda: decode_text(data, "x.csv", what="roster file", encoding="utf-8-sig"))
    assert "byte offset 5" in error.detail
    assert data[5:6] == b"\xff"


@FAST
@given(SECRET, SECRET, st.binary(max_size=40))
def test_decoding_errors_point_at_the_bad_byte_and_never_quote(
    before: str, after: str, tail: bytes
) -> None:
    data = before.encode() + b"\n" + b"\x80" + after.encode() + tail
    with pytest.raises(InputError) as caught:
        decode_text(data, "in.txt", what="text file")
    assert caught.value.detail.endswith(f"at byte offset {len(before) + 1})")
    assert caught.value.line == 2
    assert before not in str(caught.value) and after not in str(caught.value)


@FAST
@given(st.text(max_size=200))
def test_valid_utf8_round_trips(text: str) -> None:
    assert decode_text(text.encode(), "in.txt", what="text file") == text


def test_the_caller_chooses_the_error_class(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    error = _error(lambda: read_text(path, what="config file", error=ConfigError), ConfigError)
    assert type(error) is ConfigError
    assert error.detail == "config file not found"


def test_dash_is_standard_input_unless_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = "import sys; from armslength._io import read_bytes; sys.stdout.write(repr(read_bytes('-', what='x')))"
    out = subprocess.run(
        [sys.executable, "-c", code], input=b"from stdin\xff", capture_output=True, check=True
    )
    assert out.stdout == repr(b"from stdin\xff").encode()
    monkeypatch.chdir(tmp_path)
    error = _error(lambda: read_bytes("-", what="config file", stdin=False))
    assert str(error) == "-: config file not found"


def test_stdin_decoding_errors_name_stdin() -> None:
    code = (
        "from armslength._io import read_text\n"
        "from armslength.errors import InputError\n"
        "try:\n    read_text('-', what='text or JSONL file')\n"
        "except InputError as exc:\n    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=b"ok\n\xff", capture_output=True, check=True
    )
    assert out.stdout.decode().strip() == (
        "<stdin>:2: text or JSONL file is not UTF-8 text (invalid start byte at byte offset 3)"
    )


# -- every reading site uses it -----------------------------------------------------------------


def test_settings_errors_stay_config_errors(tmp_path: Path) -> None:
    error = _error(lambda: armslength.load_settings(tmp_path), ConfigError)
    assert error.detail == "is a folder, expected a config file"
    bad = tmp_path / "config.toml"
    bad.write_bytes(b'[profile]\nname = "Dr \xe9"\n')
    error = _error(lambda: armslength.load_settings(bad), ConfigError)
    assert (error.path, error.line) == (str(bad), 2)
    assert "byte offset" in error.detail


def test_policy_override_errors_stay_policy_errors(tmp_path: Path) -> None:
    error = _error(lambda: armslength.load_policy(tmp_path), PolicyError)
    assert error.detail == "is a folder, expected a policy file"
    bad = tmp_path / "org.yaml"
    bad.write_bytes(b"version: 1\nrules:\n  - id: caf\xe9\n")
    error = _error(lambda: armslength.load_policy(bad), PolicyError)
    assert error.line == 3 and "not UTF-8" in error.detail


def test_roster_errors_stay_roster_errors(tmp_path: Path) -> None:
    error = _error(lambda: armslength.load_roster(tmp_path / "r.csv"), RosterError)
    assert error.detail == "roster file not found"
    fhir = tmp_path / "r.json"
    fhir.write_bytes(b'{"resourceType": "Bundle",\n "entry": [\n "Jane \xff Doe"]}')
    error = _error(lambda: armslength.load_roster(fhir), RosterError)
    assert error.line == 3 and "byte offset" in error.detail and "Jane" not in str(error)


def test_export_inputs_are_checked_before_the_walk(tmp_path: Path) -> None:
    error = _error(lambda: armslength.read_exports(tmp_path / "x.zip"), ExportError)
    assert str(error) == f"{tmp_path / 'x.zip'}: export not found"
    inner = tmp_path / "file.zip" / "inner.json"
    (tmp_path / "file.zip").write_bytes(b"")
    error = _error(lambda: armslength.read_exports(inner), ExportError)
    assert "a part of the path is a file" in error.detail


# -- the public boundary ------------------------------------------------------------------------

PATIENT = armslength.Patient(patient_id="p1", given="Zebediah", family="Quortlebury")
INTERACTION = armslength.Interaction(relationship="current-patient", kind="friend")

WRONG_TYPES: list[tuple[str, Callable[[], object], str]] = [
    ("screen(roster=42)", lambda: armslength.screen("hi", roster=42), "roster"),
    ("screen(roster='Jane')", lambda: armslength.screen("hi", roster="Jane"), "roster"),
    ("screen(roster=[str])", lambda: armslength.screen("hi", roster=["Jane"]), "roster[0]"),
    ("Screener(roster=42)", lambda: armslength.Screener(roster=42), "roster"),
    ("screen(allow_terms=str)", lambda: armslength.screen("hi", allow_terms="ab"), "allow_terms"),
    ("screen(allow_terms=[1])", lambda: armslength.screen("hi", allow_terms=[1]), "allow_terms[0]"),
    ("screen(redact=42)", lambda: armslength.screen("hi", redact=42), "redact"),
    ("screen(redact='x')", lambda: armslength.screen("hi", redact="x"), "redact"),
    ("screen(id=42)", lambda: armslength.screen("hi", id=42), "id"),
    ("screen(text=42)", lambda: armslength.screen(42), "text"),
    ("advise(42)", lambda: armslength.advise(42), "interaction"),
    (
        "advise(policy=42)",
        lambda: armslength.advise(INTERACTION, policy=42),
        "policy",
    ),
    (
        "advise(profile={})",
        lambda: armslength.advise(INTERACTION, profile={}),
        "profile",
    ),
    ("match('Jane', r)", lambda: armslength.match("Jane", None), "names_or_accounts"),
    ("match([..], 42)", lambda: armslength.match(["Jane"], 42), "roster"),
    ("load_roster(42)", lambda: armslength.load_roster(42), "path"),
    ("read_export(42)", lambda: armslength.read_export(42), "paths[0]"),
    ("read_exports(p, 42)", lambda: armslength.read_exports(".", 42), "paths[1]"),
    (
        "read_exports(limits=42)",
        lambda: armslength.read_exports(".", limits=42),
        "limits",
    ),
    ("load_policy(42)", lambda: armslength.load_policy(42), "override"),
    ("load_settings(42)", lambda: armslength.load_settings(42), "path"),
    ("load_settings(bytes)", lambda: armslength.load_settings(b"c.toml"), "path"),
]


@pytest.mark.parametrize(("label", "call", "field"), WRONG_TYPES, ids=[w[0] for w in WRONG_TYPES])
def test_wrong_argument_types_are_input_errors(
    label: str, call: Callable[[], object], field: str
) -> None:
    error = _error(call)
    assert error.field == field, label


def test_match_refuses_a_wrong_item_and_a_non_roster(tmp_path: Path) -> None:
    roster_file = tmp_path / "r.csv"
    roster_file.write_text("patient_id,given,family\np1,Jane,Doe\n", encoding="utf-8")
    roster = armslength.load_roster(roster_file)
    assert armslength.match(["Jane Doe"], roster)[0].candidates
    error = _error(lambda: armslength.match([42], roster))
    assert error.field == "names_or_accounts"


def test_screen_still_takes_a_list_of_patients() -> None:
    result = armslength.screen("Saw Zebediah Quortlebury today", roster=[PATIENT])
    rules = [f.rule for f in result.findings]
    assert rules == ["phi-known-patient", "phi-patient-detail"]  # the name, and "today"


@FAST
@given(
    st.one_of(
        st.integers(),
        st.floats(allow_nan=False),
        st.binary(max_size=8),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )
)
def test_any_non_path_is_refused_naming_the_parameter(value: object) -> None:
    for call, field in (
        (armslength.load_roster, "path"),
        (armslength.load_policy, "override"),
        (armslength.load_settings, "path"),
    ):
        with pytest.raises(InputError) as caught:
            call(value)
        assert caught.value.field == field


@FAST
@given(SECRET)
def test_boundary_messages_never_quote_the_value(secret: str) -> None:
    for call in (
        lambda: armslength.screen("hi", roster=secret),
        lambda: armslength.screen("hi", roster=[secret]),
        lambda: armslength.screen("hi", allow_terms=secret),
        lambda: armslength.advise(secret),
        lambda: armslength.match(secret, None),
    ):
        with pytest.raises(InputError) as caught:
            call()
        assert secret not in str(caught.value)
