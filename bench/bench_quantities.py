"""Benchmark: figures in "Key Performance" prose. kgqa's own patterns (kg/extract/metrics.py) against
quantulum3, on every figure the reports print in bold in those blocks (the report's own marking of
its key figures). Counts how many figures each reads with the right value, and with a unit.

    pip install quantulum3 pint       # only for this benchmark
    python bench/bench_quantities.py
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BOLD = re.compile(r"\*\*\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*\*\*")


def main() -> None:
    try:
        import quantulum3.classifier
        from quantulum3 import parser as qparser
        # its pickled disambiguation model does not load with current scikit-learn: use its rules only
        quantulum3.classifier.USE_CLF = False
    except ImportError:
        sys.exit("quantulum3 is not installed: pip install quantulum3")
    from rdflib import Graph

    from kg.extract.metrics import ObservationWriter, prose_observations
    from kg.namespace import ESG
    from kgqa.report import discover_reports, parse_report
    from kgqa.report.text import clean_inline

    files, _ = discover_reports([ROOT / "corpus"])
    totals = {"figures": 0, "ours value": 0, "ours unit": 0, "q3 value": 0, "q3 unit": 0}
    t_ours = t_q3 = 0.0
    for f in files:
        report = parse_report(f)
        for b in report.blocks:
            if b.kind != "key_performance":
                continue
            g = Graph()
            w = ObservationWriter(g, report)
            t = time.perf_counter()
            prose_observations(w, b, report.year)
            t_ours += time.perf_counter() - t
            ours = {}
            for obs in g.subjects(ESG.reportedValue, None):
                ours[str(g.value(obs, ESG.reportedValue))] = str(g.value(obs, ESG.reportedUnit) or "")
            for raw in b.text.splitlines():
                figures = BOLD.findall(raw)
                if not figures:
                    continue
                t = time.perf_counter()
                found = qparser.parse(clean_inline(raw))
                t_q3 += time.perf_counter() - t
                for fig in figures:
                    value = float(fig.replace(",", ""))
                    totals["figures"] += 1
                    if fig in ours:
                        totals["ours value"] += 1
                        totals["ours unit"] += bool(ours[fig].strip())
                    match = [q for q in found if abs(q.value - value) < 1e-9 or
                             (q.unit.name != "dimensionless" and abs(q.value / value - 1) < 1e-9 if value else False)]
                    if match:
                        totals["q3 value"] += 1
                        totals["q3 unit"] += match[0].unit.name != "dimensionless"
    n = totals["figures"]
    print(f"bold figures in Key Performance blocks: {n}")
    print(f"kgqa patterns: value {totals['ours value'] / n:.1%}, with a unit {totals['ours unit'] / n:.1%}, "
          f"{t_ours * 1000:.0f} ms")
    print(f"quantulum3:    value {totals['q3 value'] / n:.1%}, with a unit {totals['q3 unit'] / n:.1%}, "
          f"{t_q3 * 1000:.0f} ms")
    try:
        import pint
    except ImportError:
        return
    # units: how many of the units the reports print can pint read at all (kgqa normalises its own way)
    from kgqa import KnowledgeBase
    import tempfile
    kb = KnowledgeBase.build([ROOT / "corpus"], data_dir=Path(tempfile.mkdtemp()) / "kb")
    ureg = pint.UnitRegistry()
    units = sorted({f["reported_unit"] for f in kb.facts() if f["reported_unit"].strip()})
    parsed = []
    for u in units:
        try:
            ureg.parse_expression(u)
            parsed.append(u)
        except Exception:
            pass
    print(f"pint reads {len(parsed)} of {len(units)} distinct printed units: {', '.join(parsed)}")


if __name__ == "__main__":
    main()
