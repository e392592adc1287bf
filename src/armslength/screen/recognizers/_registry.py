"""The recognizer registry: which recognizers run, listed, extended and disabled by rule id."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from armslength.errors import InputError
from armslength.screen.recognizers._base import Recognizer


@dataclass(frozen=True)
class RuleInfo:
    """One rule id the screen can report: what it finds and which recognizer finds it."""

    rule: str
    category: str
    label: str | None
    description: str
    recognizer: str


class Registry:
    """Recognizer classes in the order they run; each has a rule id (``Recognizer.rule``)."""

    def __init__(self) -> None:
        self._classes: list[type[Recognizer]] = []
        self._built: set[type[Recognizer]] = set()

    def add(self, cls: type[Recognizer], *, default: bool = True) -> type[Recognizer]:
        """Register *cls* (usable as a class decorator); its ``rule`` must be new.
        ``default=False``: listed and disable-able, but built by its user (it needs data,
        as the roster's known-patient recognizer does)."""
        if not cls.rule or any(cls.rule == known.rule for known in self._classes):
            raise InputError(f"recognizer needs a new rule id, got '{cls.rule}'", field="rule")
        self._classes.append(cls)
        if default:
            self._built.add(cls)
        return cls

    def __len__(self) -> int:
        return len(self._classes)

    def ids(self) -> set[str]:
        return {rule.rule for rule in self.rules()}

    def rules(self) -> list[RuleInfo]:
        """Every rule id, recognizers' own and the sub-rules of rule files, in order."""
        return [info for cls in self._classes for info in _infos(cls)]

    def check(self, disable: Iterable[str]) -> frozenset[str]:
        """*disable* as a set, or an :class:`InputError` naming an id no recognizer has."""
        wanted = frozenset(disable)
        if not wanted:
            return wanted
        unknown = sorted(wanted - self.ids())
        if unknown:
            raise InputError(
                f"unknown screen rule id(s): {', '.join(unknown)} "
                "(armslength screen --list-rules lists them)",
                field="disable",
            )
        return wanted

    def build(self, disable: Iterable[str] = ()) -> list[Recognizer]:
        """One instance of every registered recognizer whose own rule is not disabled."""
        off = self.check(disable)
        return [cls() for cls in self._classes if cls in self._built and cls.rule not in off]


def _infos(cls: type[Recognizer]) -> Iterator[RuleInfo]:
    describe: Callable[[], Iterable[tuple[str, str]]] | None = getattr(cls, "sub_rules", None)
    category = str(getattr(cls, "category", "phi"))
    label = getattr(cls, "label", None) or None
    doc = (cls.__doc__ or sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
    yield RuleInfo(cls.rule, category, label, doc[0] if doc else "", cls.__name__)
    for rule, why in describe() if describe is not None else ():
        yield RuleInfo(rule, category, None, why, cls.__name__)
