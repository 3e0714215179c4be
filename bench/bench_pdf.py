"""Which PDF library reads ESG reports best?  Per dev report and candidate: pages/s, peak memory,
table cells recovered, and (with --recall) the dev suite's retrieval recall@5 on the text it gives.

    python bench/bench_pdf.py                 # speed, memory, table cells (a few minutes)
    python bench/bench_pdf.py --recall        # also build one knowledge base per candidate and score recall@5

Candidates, all from PyPI and offline:
  kgqa          our reader (kgqa/report/pdf.py on PyMuPDF spans; tables from text positions; OCR of table
                images when Tesseract is installed)
  pymupdf4llm   PyMuPDF's markdown converter (the usual tool; the baseline)
  pdfplumber    pdfminer.six text + pdfplumber's table finder
  pypdfium2     PDFium's plain text (no tables)
Each candidate reads each report in a fresh process, so peak memory (ru_maxrss) is its own.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REPORTS = {
    "shell2021": SHARED / "corpus" / "shell-2021-sustainability-report.pdf",
    "bhp2020": SHARED / "corpus" / "dev" / "bhp-climate-change-report-2020.pdf",
    "costco2023": SHARED / "corpus" / "dev" / "costco-2023-climate-action-plan.pdf",
    "engie2021": SHARED / "corpus" / "dev" / "engie-2021-integrated-report.pdf",
}
CANDIDATES = ("kgqa", "pymupdf4llm", "pdfplumber", "pypdfium2")
FIGURE = re.compile(r"\d")


def read(candidate: str, path: Path) -> tuple[str, int, int]:
    """(text as markdown-like lines, pages, table cells holding a figure)."""
    if candidate == "kgqa":
        sys.path.insert(0, str(ROOT))
        from kgqa.report import load_source
        src = load_source(path)
        cells = sum(sum(1 for c in line.split("\t")[1:] if FIGURE.search(c))
                    for line in src.text.splitlines() if "\t" in line)
        return src.text, src.page_count or 0, cells
    if candidate == "pymupdf4llm":
        import pymupdf
        import pymupdf4llm
        pages = pymupdf.open(path).page_count
        md = pymupdf4llm.to_markdown(str(path), show_progress=False)
        cells = sum(sum(1 for c in line.strip().strip("|").split("|") if FIGURE.search(c) and "---" not in c)
                    for line in md.splitlines() if line.lstrip().startswith("|"))
        return md, pages, cells
    if candidate == "pdfplumber":
        import pdfplumber
        out, cells = [], 0
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                out.append(page.extract_text() or "")
                for table in page.extract_tables():
                    rows = [r for r in table if r]
                    cells += sum(1 for r in rows for c in r[1:] if c and FIGURE.search(c))
                    out.extend("\t".join(c or "" for c in r) for r in rows)
            return "\n".join(out), len(pdf.pages), cells
    if candidate == "pypdfium2":
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(str(path))
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        return text, len(pdf), 0
    raise SystemExit(f"unknown candidate {candidate}")


def child(candidate: str, path: str, out: str) -> None:
    t = time.perf_counter()
    text, pages, cells = read(candidate, Path(path))
    elapsed = time.perf_counter() - t
    Path(out).write_text(text, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "pages": pages, "cells": cells, "peak_mb": peak}))


def measure(candidate: str, name: str, path: Path, workdir: Path) -> dict:
    out = workdir / candidate / f"{path.stem}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    r = subprocess.run([sys.executable, __file__, "--child", candidate, str(path), str(out)],
                       capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        return {"candidate": candidate, "report": name, "error": (r.stderr.strip().splitlines() or ["?"])[-1]}
    m = json.loads(r.stdout.strip().splitlines()[-1])
    m.update(candidate=candidate, report=name, text=str(out))
    return m


def recall(candidate: str, texts: dict[str, str], workdir: Path) -> dict[str, float]:
    """recall@5 of the dev questions over a knowledge base built from one candidate's text.
    Our own reader is ingested as the PDF itself (with its printed pages); the others as markdown."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # noqa: E402
    from kgqa import KnowledgeBase
    paths = [REPORTS[n] for n in texts] if candidate == "kgqa" else [Path(t) for t in texts.values()]
    kb = KnowledgeBase.build(paths, data_dir=workdir / f"kb-{candidate}")
    out = {}
    for name in texts:
        items = [json.loads(l) for l in open(SHARED / "eval" / "dev" / f"{name}_qa.jsonl", encoding="utf-8")
                 if l.strip()]
        items = [it for it in items if it.get("quotes")]
        hits = 0
        for it in items:
            got = [p.text for p in kb.search(it["question"], k=5)]
            hits += any(score.quote_found_any(it["quotes"], t) for t in got)
        out[name] = hits / max(1, len(items))
    return out


def print_table(rows: list[dict], candidates: list[str], recalls: dict[str, dict[str, float]]) -> None:
    print(f"{'report':12s} {'candidate':12s} {'pages':>5s} {'seconds':>8s} {'pages/s':>8s} {'peak MB':>8s} "
          f"{'table cells':>11s}" + (f" {'recall@5':>9s}" if recalls else ""))
    for r in rows:
        if "error" in r:
            print(f"{r['report']:12s} {r['candidate']:12s} error: {r['error']}")
            continue
        rec = f" {recalls[r['candidate']].get(r['report'], 0):9.1%}" if recalls and r["report"] in REPORTS else ""
        print(f"{r['report']:12s} {r['candidate']:12s} {r['pages']:5d} {r['seconds']:8.2f} "
              f"{r['pages'] / max(r['seconds'], 1e-9):8.1f} {r['peak_mb']:8.0f} {r['cells']:11d}{rec}")
    print()
    print("all four reports, total seconds (ratio to pymupdf4llm):")
    totals = {c: sum(r["seconds"] for r in rows if r["candidate"] == c and "error" not in r and r["report"] in REPORTS)
              for c in candidates}
    base = totals.get("pymupdf4llm")
    for c, t in totals.items():
        ratio = f" ({t / base:.2f}x)" if base else ""
        print(f"  {c:12s} {t:7.1f} s{ratio}")
    sys.stdout.flush()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    p.add_argument("--candidates", default=",".join(CANDIDATES))
    p.add_argument("--recall", action="store_true", help="also score retrieval recall@5 per candidate (slow)")
    p.add_argument("--repeat", type=int, default=1, help="runs per candidate and report (median reported)")
    p.add_argument("--big", type=int, default=600,
                   help="also read one PDF of this many pages (the dev PDFs concatenated) with kgqa; 0: skip")
    args = p.parse_args()
    if args.child:
        child(*args.child)
        return 0
    candidates = args.candidates.split(",")
    workdir = Path(tempfile.mkdtemp(prefix="kgqa-bench-pdf-"))
    rows = []
    for name, path in REPORTS.items():
        for c in candidates:
            runs = [measure(c, name, path, workdir) for _ in range(args.repeat)]
            ok = [r for r in runs if "error" not in r]
            if not ok:
                rows.append(runs[0])
                continue
            best = dict(ok[0])
            best["seconds"] = statistics.median(r["seconds"] for r in ok)
            best["peak_mb"] = max(r["peak_mb"] for r in ok)
            rows.append(best)
    if args.big:
        import pymupdf
        big = pymupdf.open()
        while big.page_count < args.big:
            for path in REPORTS.values():
                if big.page_count < args.big:
                    with pymupdf.open(path) as src:
                        big.insert_pdf(src, to_page=min(src.page_count, args.big - big.page_count) - 1)
        big_path = workdir / f"big-{args.big}.pdf"
        big.save(big_path)
        r = measure("kgqa", f"{args.big} pages", big_path, workdir)
        rows.append(r)
    if args.recall:             # the reading figures first: scoring recall builds a knowledge base per candidate
        print_table(rows, candidates, {})
    recalls = {}
    if args.recall:
        for c in candidates:        # recall of the dev reports only (not of the big concatenated PDF)
            texts = {r["report"]: r["text"] for r in rows
                     if r["candidate"] == c and "text" in r and r["report"] in REPORTS}
            recalls[c] = recall(c, texts, workdir)
    print_table(rows, candidates, recalls)
    print(f"texts in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
