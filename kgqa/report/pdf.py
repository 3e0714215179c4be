"""PDF reports -> a `Source` (placeholder until the PDF reader lands)."""
from __future__ import annotations

from pathlib import Path

from kgqa.errors import ReportError


def read_pdf(path: Path):
    raise ReportError(path, "PDF reports are not supported yet")
