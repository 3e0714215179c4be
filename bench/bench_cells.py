"""Audit: table cells with a figure that the graph does not hold. For every report, every cell of a
year column that holds a digit is compared with the observations built from its row and year; the
cells left without one are counted and, with --list, printed (page, row label, year, cell).

    python bench/bench_cells.py                        # corpus/ and the dev PDFs beside the project
    python bench/bench_cells.py --list report.pdf ...
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = [ROOT / "corpus", ROOT.parent / "shared" / "corpus" / "dev"]
OBSERVATION = re.compile(r"/obs/.+/(\d{4})/L(\d+)(?:-\d+)?$")


def lost_cells(report) -> tuple[int, list[tuple]]:
    """(cells with a figure in year columns, those of them without an observation)."""
    from kg import build_report_graph
    from kg.namespace import QB
    from rdflib import RDF

    g, _ = build_report_graph(report)
    held = {(int(m.group(1)), int(m.group(2)))
            for m in (OBSERVATION.search(str(o)) for o in g.subjects(RDF.type, QB.Observation)) if m}
    cells, lost = 0, []
    for b in report.blocks:
        t = b.table
        if b.kind != "table" or not t or not t.years:
            continue
        for row in t.rows:
            for i, year in t.years.items():
                cell = row.cells[i] if i < len(row.cells) else ""
                if not re.search(r"\d", cell) or cell.strip() == str(year):
                    continue
                cells += 1
                if (year, row.line) not in held:
                    lost.append((b.page, row.cells[0] if row.cells else "", year, cell))
    return cells, lost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--list", action="store_true", help="print every cell left without an observation")
    args = ap.parse_args()
    from kgqa.report import discover_reports, parse_report

    files, _ = discover_reports([p for p in (args.paths or DEFAULT) if p.exists()])
    total = 0
    for f in files:
        cells, lost = lost_cells(parse_report(f))
        total += len(lost)
        print(f"{f.name}: {cells} year-column cells with a figure, {len(lost)} without an observation")
        for page, label, year, cell in lost if args.list else ():
            print(f"    p. {page}  {label[:60]!r}  {year}: {cell!r}")
    print(f"total without an observation: {total}")


if __name__ == "__main__":
    main()
