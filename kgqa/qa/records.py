"""Typed fact records: what an answer rests on, one dataclass per kind of fact.

Every record is JSON-safe (lists, never sets) and reads like a mapping (`f["year"]`, `f.get(...)`),
so `Answer.facts` serialises with `Answer.to_dict()` and the chat's chart reads it as before.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


class Record:
    """Mapping-style read access and one serialiser for every fact record."""

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def keys(self) -> list[str]:
        return [f.name for f in fields(self)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Figure(Record):
    """One reported figure of a metric: a table cell, highlight or key-performance sentence."""
    metric: str
    year: int
    reported: str           # as printed ("15,080")
    unit: str               # as printed ("Litre", "CNY 10,000")
    value: float            # normalised to `base`
    base: str               # the normalised unit ("L", "CNY", "percent")
    pid: str                # the passage it comes from
    report: str
    qualifier: str | None = None


@dataclass
class TargetProgress(Record):
    metric: str
    target: str
    year: int | None
    reported: str | None
    met: bool | None
    pid: str
    report: str


@dataclass
class Event(Record):
    label: str
    date: str               # ISO, "2024" or "2024-03"
    pid: str
    report: str


@dataclass
class Organisation(Record):
    short: str
    full: str
    report: str
    pid: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass
class Person(Record):
    name: str
    role: str
    gender: str | None
    independent: bool | None
    body: str
    pid: str
    report: str


@dataclass
class Committee(Record):
    name: str
    chair: str | None
    members: list[str]
    pid: str
    report: str
