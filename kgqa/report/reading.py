"""Read a report file safely: every way a file can be unusable gets a named reason."""
from __future__ import annotations

import hashlib
from pathlib import Path

from kgqa.errors import ReportError

REPORT_SUFFIXES = (".md", ".markdown", ".txt", ".pdf")
MAX_BYTES = 20 * 1024 * 1024  # a 90-page report converted to text is ~0.5 MB


def read_report_text(path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Return (text, sha256) or raise ReportError saying what is wrong with the file."""
    p = Path(path)
    if not p.exists():
        raise ReportError(p, "no such file")
    if not p.is_file():
        raise ReportError(p, "not a regular file")
    size = p.stat().st_size
    if size == 0:
        raise ReportError(p, "the file is empty")
    if size > max_bytes:
        raise ReportError(p, f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one report")
    data = p.read_bytes()
    if b"\x00" in data:
        raise ReportError(p, "binary file (contains NUL bytes); expected a text or markdown report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(p, f"not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8") from None
    if not text.strip():
        raise ReportError(p, "the file holds only whitespace")
    if sum(ch.isalpha() for ch in text[:200000]) < 200:
        raise ReportError(p, "too little text to be a report (under 200 letters)")
    return text, hashlib.sha256(data).hexdigest()


def discover_reports(paths) -> tuple[list[Path], list[str]]:
    """Expand files and folders into report files; returns (files, warnings)."""
    files: list[Path] = []
    warnings: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
                           and f.name.upper() not in ("SOURCES.MD", "README.MD"))
            if not found:
                warnings.append(f"{p}: folder holds no report files ({', '.join(REPORT_SUFFIXES)})")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise ReportError(p, "no such file or folder")
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, warnings
