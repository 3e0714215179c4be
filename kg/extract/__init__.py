"""Fact extraction from a parsed report into its graph."""
from __future__ import annotations

from rdflib import Graph

from kgqa.report.model import Report


def extract_all(g: Graph, report: Report) -> dict:
    """Run every extractor; returns counts of what was skipped and why (for `kgqa stats`)."""
    from . import (commitments, events, governance, initiatives, metrics, orgs, people, prose_figures, recognitions,
                   targets)
    orgs.extract(g, report)
    writer = metrics.ObservationWriter(g, report)
    skipped = metrics.extract(g, report, writer)
    prose_figures.extract(g, report, writer)
    targets.extract(g, report, writer)
    commitments.extract(g, report)
    events.extract(g, report)
    initiatives.extract(g, report)
    recognitions.extract(g, report)
    people.extract(g, report)
    governance.extract(g, report)
    metrics.flag_conflicts(g, report)
    return dict(skipped)
