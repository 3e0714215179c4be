"""The reports of a knowledge base as a collection: one record per report, and what a change did.

`plan_add` and `plan_exact` decide, from the live manifest and the files given, which reports are
kept as they are, which are (re)built from a file, and what that changes; they never touch disk.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from .report import Source
from .report.text import slugify


@dataclass(frozen=True)
class ReportInfo:
    """One report of the knowledge base, as `kb.reports()` and `kgqa reports` list it."""
    slug: str
    company: str | None
    title: str | None
    year: int | None
    pages: int | None
    passages: int
    figures: int | None
    source: str
    sha256: str
    kind: str = "text"
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_meta(cls, slug: str, meta: dict) -> "ReportInfo":
        warnings = list(meta.get("warnings") or [])
        if meta.get("figures") == 0:
            warnings.append("0 figures extracted")
        if not meta.get("pages"):
            warnings.append("pages unknown")
        return cls(slug=slug, company=meta.get("company"), title=meta.get("title"), year=meta.get("year"),
                   pages=meta.get("pages"), passages=int(meta.get("passages") or 0), figures=meta.get("figures"),
                   source=str(meta.get("source", "")), sha256=str(meta.get("sha256", "")),
                   kind=meta.get("kind", "text"), warnings=tuple(warnings))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["warnings"] = list(self.warnings)
        return d


class ReportsView(dict):
    """slug -> the manifest's metadata of that report (what the answerer reads); calling it,
    `kb.reports()`, lists the reports as typed `ReportInfo` records."""

    def __call__(self) -> list[ReportInfo]:
        return [ReportInfo.from_meta(slug, meta) for slug, meta in self.items()]


@dataclass
class Changes:
    """What one build, add or remove did to the collection (slugs)."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)        # e.g. "x.md is already in the knowledge base as x"

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def __str__(self) -> str:
        parts = [f"{verb} {', '.join(slugs)}" for verb, slugs in (("added", self.added), ("updated", self.updated),
                                                                  ("removed", self.removed)) if slugs]
        return "; ".join(parts + self.notes) or "nothing changed"


@dataclass
class Plan:
    """The reports of the next generation: kept slugs (from the live one) and new sources by slug."""
    keep: list[str]
    build: dict[str, Source]
    changes: Changes
    order: list[str]                  # the slugs of the next generation, in manifest order


def _free_slug(stem: str, taken: set[str]) -> str:
    base = slugify(stem) or "report"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def plan_add(old: dict[str, dict], sources: list[Source], names: list[str] | None = None) -> Plan:
    """Add or update: a file with content already held is a no-op that says so; a file whose name
    gives the slug of a held report replaces it; any other file is a new report with a free slug."""
    names = names or [s.path.name for s in sources]
    by_sha = {meta["sha256"]: slug for slug, meta in old.items()}
    changes = Changes()
    build: dict[str, Source] = {}
    taken = set(old)
    for src, name in zip(sources, names):
        if src.sha256 in by_sha:
            changes.notes.append(f"{name} is already in the knowledge base as {by_sha[src.sha256]} (identical content)")
            continue
        slug = slugify(Path(name).stem) or "report"
        if slug in old and slug not in build:
            changes.updated.append(slug)
        else:
            slug = _free_slug(slug, taken | set(build))
            changes.added.append(slug)
        build[slug] = src
        by_sha[src.sha256] = slug
    keep = [s for s in old if s not in build]
    changes.unchanged = keep[:]
    return Plan(keep, build, changes, list(old) + [s for s in build if s not in old])


def plan_exact(old: dict[str, dict], sources: list[Source]) -> Plan:
    """The knowledge base becomes exactly these files: held reports with the same slug and content are
    kept as they are, the rest built; every other held report is removed."""
    changes = Changes()
    build: dict[str, Source] = {}
    keep: list[str] = []
    seen_sha: set[str] = set()
    order: list[str] = []
    for src in sources:
        if src.sha256 in seen_sha:
            changes.notes.append(f"{src.path} skipped: same content as another file given")
            continue
        seen_sha.add(src.sha256)
        slug = _free_slug(src.path.stem, set(keep) | set(build))
        order.append(slug)
        if slug in old and old[slug]["sha256"] == src.sha256:
            keep.append(slug)
            changes.unchanged.append(slug)
            continue
        (changes.updated if slug in old else changes.added).append(slug)
        build[slug] = src
    changes.removed = [s for s in old if s not in keep and s not in build]
    return Plan(keep, build, changes, order)
