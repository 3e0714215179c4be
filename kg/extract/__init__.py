"""Fact extraction from a parsed report into its graph."""
from __future__ import annotations

from rdflib import Graph

from kgqa.report.model import Report


def extract_all(g: Graph, report: Report) -> dict:
    """Run every extractor; returns counts of what was skipped and why (for `kgqa stats`)."""
    from . import metrics, orgs
    orgs.extract(g, report)
    skipped = metrics.extract(g, report)
    return dict(skipped)
