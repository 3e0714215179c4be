"""Benchmark: kgqa at 10, 100, 1,000 reports, on the embedded Oxigraph store and on an `oxigraph serve` process.

    python bench/bench_scale.py --sizes 10,100,1000 --work /tmp/kgqa-scale [--remote-max 100] [--embed reuse|real]

The corpus of N reports is made of copies of the bundled reports: the JSG markdown as it is, and the
Shell PDF as the text kgqa reads from it, written as markdown (so a copy costs a markdown parse, not a
PDF read).  Each copy gets its own made-up company name (every word that names the company, in every
passage) and its figures changed (the last digit of every number that is not a year), so every file
hashes differently and each graph has its own observations.

Per N it prints one table row per store:
  - ingest: `KnowledgeBase.build` of the N files, in its own process; peak RSS of that process;
  - KB size on disk (the live generation); open time (`KnowledgeBase.open`) and warm-up (`kb.warm_up()`,
    as `kgqa serve` does before it listens: the model, IDF table, company words, metric catalog and its
    label vectors) in a fresh process, and that process's peak RSS after the questions;
  - ask p50/p95 over questions naming one company, and naming none (a metric in a year, or a topic);
  - a SPARQL aggregate over every observation (COUNT and AVG by metric).

`--embed reuse` (the default): a copy's passage differs from the passage it was copied from only in the
company name and figures, so the build is given the original passage's vector for it (the model is run
once on the 619 originals, and on every question as usual); the embedding time ingest would spend on
N x 310 passages is printed beside it from the measured rate.  `--embed real` embeds every passage.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "da", "fe", "gu", "ho", "ji", "pa", "qu",
             "ri", "so", "tu", "wa"]
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{3,})(?![\w])")
LEGAL = {"co", "ltd", "plc", "inc", "limited", "corporation", "corp", "ag", "se", "llc", "company", "group"}
YEARLIKE = re.compile(r"(?:19|20)\d\d")
AGGREGATE = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?metric (COUNT(?o) AS ?n) (AVG(?v) AS ?mean) WHERE { GRAPH ?report {
  ?o a qb:Observation ; esg:metric/skos:prefLabel ?metric ; esg:value ?v .
} } GROUP BY ?metric ORDER BY DESC(?n) LIMIT 20"""


# ---- the synthetic corpus ---------------------------------------------------------------------
def made_up_name(i: int, j: int) -> str:
    """The j-th name word of copy i: three syllables from i, a different ending per word."""
    word = "".join(SYLLABLES[(i // 20 ** k + 7 * k) % 20] for k in range(3))
    return (word + ["", "ra", "ton", "vel", "dor"][j % 5]).capitalize()


def base_reports() -> list[dict]:
    """The bundled reports as markdown text, with the words that name their company."""
    from kgqa.report import load_source, parse_source

    out = []
    for path in sorted((ROOT / "corpus").iterdir()):
        if path.suffix not in (".md", ".pdf") or path.stem.isupper():     # not SOURCES.md
            continue
        src = load_source(path)
        rep = parse_source(src, slug=path.stem)
        names = []
        for w in re.findall(r"[A-Za-z]+", f"{rep.company or ''} {rep.short_name or ''}"):
            lower = len(re.findall(rf"(?<![A-Za-z]){w.lower()}(?![A-Za-z])", src.text))
            proper = len(re.findall(rf"\b{w}\b", src.text)) + len(re.findall(rf"\b{w.upper()}\b", src.text))
            if len(w) > 1 and proper > 3 * lower and w not in names and w.lower() not in LEGAL:     # a proper noun, not "Electrical"
                names.append(w)
        out.append({"stem": path.stem, "text": src.text, "year": rep.year, "names": names})
    return out


def vary(base: dict, i: int) -> tuple[str, list[str]]:
    """Copy i of a base report: its company words replaced by made-up ones, its figures changed."""
    text = base["text"]
    new = []
    for j, w in enumerate(base["names"]):
        repl = made_up_name(i, j)
        repl = repl.upper() if w.isupper() and len(w) > 1 else repl
        new.append(repl)
        text = re.sub(rf"\b{re.escape(w)}\b", repl, text)
        text = re.sub(rf"\b{re.escape(w.upper())}\b", repl.upper(), text)
    bump = 1 + i % 9

    def figure(m: re.Match) -> str:
        s = m.group(1)
        if YEARLIKE.fullmatch(s):
            return s
        return s[:-1] + str((int(s[-1]) + bump) % 10)
    return NUMBER.sub(figure, text), new


def write_corpus(bases: list[dict], n: int, folder: Path) -> list[dict]:
    """N markdown files (copies of the bases in turn); returns each copy's file, base and names."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for i in range(n):
        base = bases[i % len(bases)]
        text, names = vary(base, i)
        path = folder / f"{names[0].lower()}-{base['year']}-report-{i:04d}.md"
        path.write_text(text, encoding="utf-8")
        copies.append({"path": str(path), "base": base["stem"], "names": names})
    return copies


# ---- the embedding reuse (--embed reuse) ------------------------------------------------------
def canonical(text: str, names: set[str]) -> str:
    """A passage's text with its company words and digits blanked: a copy maps to its original."""
    return re.sub(r"\d", "0", re.sub(r"[A-Za-z]+", lambda m: "@" if m.group(0) in names else m.group(0), text))


def original_vectors(bases: list[dict], out: Path) -> float:
    """Embed the base reports' passages once; saves canonical text -> vector; returns passages/s."""
    import numpy as np

    from index.embed import embed
    from kgqa.report import parse_text
    from kgqa.settings import setting

    names = {v for b in bases for w in b["names"] for v in (w, w.upper())}
    texts = []
    for b in bases:
        texts += [p.index_text() for p in parse_text(b["text"], b["stem"] + ".md", "x", slug=b["stem"]).passages]
    embed(setting("model"), ["warm up"])
    t = time.perf_counter()
    vectors = embed(setting("model"), texts)
    rate = len(texts) / (time.perf_counter() - t)
    np.savez(out, keys=np.array([canonical(t, names) for t in texts]), vectors=vectors)
    return rate


def reuse_original_vectors(vectors_file: Path, copies: list[dict]) -> None:
    """Make the index build take a copy's passage vector from its original (the rest embedded as usual)."""
    import numpy as np

    import index.hybrid as hybrid
    data = np.load(vectors_file)
    known = dict(zip(data["keys"].tolist(), data["vectors"]))
    names = {v for c in copies for w in c["names"] for v in (w, w.upper())}
    real = hybrid.embed
    stats = {"reused": 0, "embedded": 0}

    def embed(model_name, texts, **kw):
        keys = [canonical(t, names) for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in known]
        dim = next(iter(known.values())).shape[0]
        out = np.zeros((len(texts), dim), dtype=np.float32)
        if todo:
            out[todo] = real(model_name, [texts[i] for i in todo], **kw)
        for i, k in enumerate(keys):
            if k in known:
                out[i] = known[k]
        stats["reused"] += len(texts) - len(todo)
        stats["embedded"] += len(todo)
        return out
    hybrid.embed = embed
    reuse_original_vectors.stats = stats


# ---- measuring ----------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file()) / 1e6


def child_build(args) -> dict:
    from kgqa import KnowledgeBase
    copies = json.loads(Path(args.copies).read_text())
    if args.embed == "reuse":
        reuse_original_vectors(Path(args.vectors), copies)
    t = time.perf_counter()
    kb = KnowledgeBase.build([c["path"] for c in copies], data_dir=args.data_dir)
    took = time.perf_counter() - t
    out = {"ingest_s": took, "build_rss_mb": peak_rss_mb(), "passages": len(kb.passages), "triples": len(kb.graph),
           "disk_mb": disk_mb(kb.folder)}
    out.update(getattr(reuse_original_vectors, "stats", {}))
    return out


def questions(kb, rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    """`count` questions naming one company and `count` naming none, from the knowledge base's own
    metrics, years and section titles (reports picked at random)."""
    from kgqa.qa import templates
    slugs = list(kb.reports)
    named, unnamed = [], []
    picks = 0
    while len(named) < count and picks < 10 * count:
        picks += 1
        slug = rng.choice(slugs)
        who = kb.reports[slug].get("short_name") or kb.reports[slug].get("company")
        if rng.random() < 0.6:
            rows = list(kb.sparql(templates.PREFIXES + """SELECT DISTINCT ?label ?period WHERE { GRAPH ?g {
                ?o esg:metric/skos:prefLabel ?label ; esg:period ?period ; prov:wasDerivedFrom/esg:report ?r .
                ?r esg:slug ?slug } } LIMIT 200""", bindings={"slug": slug}))
            if not rows:
                continue
            label, period = rng.choice(rows)
            year = str(period)[:4]
            if rng.random() < 0.5:
                named.append(f"What was {who}'s {label} in {year}?")
                unnamed.append(f"What was the {label} in {year}?")
            else:
                named.append(f"How did {who}'s {label} change from {int(year) - 1} to {year}?")
                unnamed.append(f"How did {label} change from {int(year) - 1} to {year}?")
        else:
            sections = [p.section_path[-1] for p in kb.passages if p.report == slug and p.section_path]
            if not sections:
                continue
            topic = rng.choice(sections)
            named.append(f"What does {who} say about {topic.lower()}?")
            unnamed.append(f"What do the reports say about {topic.lower()}?")
    return named, unnamed


def timed_asks(kb, qs: list[str], profile: bool) -> list[float]:
    times = []
    prof = None
    if profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    for q in qs:
        t = time.perf_counter()
        kb.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    if prof:
        import io
        import pstats
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
        print(buf.getvalue(), file=sys.stderr)
    return times


def child_serve(args) -> dict:
    from kgqa import KnowledgeBase
    out: dict = {}
    if args.remote:
        from kg import GraphStore
        from kgqa.store import generation_dir, generation_name
        gen = generation_dir(Path(args.data_dir), generation_name(Path(args.data_dir)))
        slugs = list(json.loads((gen / "manifest.json").read_text())["reports"])
        t = time.perf_counter()
        GraphStore.publish(gen / "graph", slugs)           # what ingest does with KGQA_SPARQL_STORE set
        out["remote_load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    kb = KnowledgeBase.open(args.data_dir)
    out["open_s"] = time.perf_counter() - t
    t = time.perf_counter()
    kb.warm_up()                    # what `kgqa serve` does before it listens
    out["warm_s"] = time.perf_counter() - t
    out["warm_rss_mb"] = peak_rss_mb()
    rng = random.Random(12)
    named, unnamed = questions(kb, rng, args.questions)
    t = time.perf_counter()
    kb.ask(named[0])
    out["first_ask_s"] = time.perf_counter() - t
    out["ask_named"] = timed_asks(kb, named, args.profile)
    out["ask_none"] = timed_asks(kb, unnamed, args.profile)
    search = []
    for q in unnamed:
        t = time.perf_counter()
        kb.search(q, k=5)
        search.append((time.perf_counter() - t) * 1000)
    out["search"] = search
    agg = []
    for _ in range(3):
        t = time.perf_counter()
        rows = list(kb.sparql(AGGREGATE))
        agg.append((time.perf_counter() - t) * 1000)
    out["aggregate_ms"] = statistics.median(agg)
    out["aggregate_rows"] = len(rows)
    out["observations"] = int(next(iter(kb.sparql(
        "SELECT (COUNT(*) AS ?n) WHERE { ?o a <http://purl.org/linked-data/cube#Observation> }")))[0])
    out["serve_rss_mb"] = peak_rss_mb()
    out["examples"] = [named[0], unnamed[0]]
    return out


def run_child(kind: str, args, extra: list[str], env: dict | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--data-dir", str(args.data_dir), "--copies", str(args.copies),
           "--vectors", str(args.vectors), "--embed", args.embed, "--questions", str(args.questions)] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env or os.environ.copy())
    if proc.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{proc.stderr[-3000:]}")
    if proc.stderr.strip() and args.profile:
        print(proc.stderr, file=sys.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def oxigraph_server(location: Path):
    import httpx

    from tests.conftest import _free_port
    binary = Path(sys.executable).with_name("oxigraph")
    port = _free_port()
    proc = subprocess.Popen([str(binary if binary.exists() else "oxigraph"), "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(150):
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def server_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def row(n: int, store: str, b: dict, s: dict, rate: float, extra: str = "") -> str:
    named, none = s["ask_named"], s["ask_none"]
    embed_note = ""
    if b.get("reused"):
        embed_note = f" (+{b['passages'] / rate / 60:,.0f} min to embed all {b['passages']:,})"
    ingest = f"{b['ingest_s']:,.0f} s{embed_note}" if store == "embedded" else f"load {s['remote_load_s']:,.1f} s"
    return (f"| {n:,} | {store} | {b['passages']:,} / {b['triples'] / 1e6:,.2f}M / {s['observations']:,} | {ingest} | "
            f"{b['build_rss_mb']:,.0f} MB | {b['disk_mb']:,.0f} MB | {s['open_s']:,.1f} s + {s['warm_s']:,.1f} s | "
            f"{statistics.median(named):,.0f} / {pct(named, 95):,.0f} ms | {statistics.median(none):,.0f} / "
            f"{pct(none, 95):,.0f} ms | {statistics.median(s['search']):,.0f} / {pct(s['search'], 95):,.0f} ms | "
            f"{s['aggregate_ms']:,.0f} ms | {s['serve_rss_mb']:,.0f} MB{extra} |")


HEADER = ("| reports | store | passages / triples / observations | ingest | build peak RSS | KB on disk | "
          "open + warm-up | ask naming one company p50 / p95 | ask naming none p50 / p95 | search p50 / p95 | "
          "SPARQL aggregate | serving RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kgqa-scale"))
    ap.add_argument("--remote-max", type=int, default=100, help="largest N also run on `oxigraph serve`")
    ap.add_argument("--embed", choices=("reuse", "real"), default="reuse")
    ap.add_argument("--questions", type=int, default=30, help="questions per kind")
    ap.add_argument("--profile", action="store_true", help="print the asks' top functions (cProfile)")
    ap.add_argument("--reuse-builds", action="store_true", help="keep a knowledge base an earlier run built")
    ap.add_argument("--remote-only", action="store_true", help="only the `oxigraph serve` rows")
    ap.add_argument("--child", choices=("build", "serve"), help=argparse.SUPPRESS)
    ap.add_argument("--remote", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", help=argparse.SUPPRESS)
    ap.add_argument("--copies", help=argparse.SUPPRESS)
    ap.add_argument("--vectors", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        result = child_build(args) if args.child == "build" else child_serve(args)
        print(json.dumps(result))
        return

    args.work.mkdir(parents=True, exist_ok=True)
    bases = base_reports()
    args.vectors = args.work / "original-vectors.npz"
    rate_file = args.work / "embed-rate.json"
    if not args.vectors.exists() or not rate_file.exists():
        rate_file.write_text(json.dumps({"passages_per_s": original_vectors(bases, args.vectors)}))
    rate = json.loads(rate_file.read_text())["passages_per_s"]
    print(f"embedding rate on this machine: {rate:,.1f} passages/s", flush=True)
    print(HEADER, flush=True)
    for n in [int(x) for x in args.sizes.split(",")]:
        copies = write_corpus(bases, n, args.work / f"corpus-{n}")
        args.copies = args.work / f"copies-{n}.json"
        args.copies.write_text(json.dumps(copies))
        args.data_dir = args.work / f"kb-{n}"
        built = args.work / f"build-{n}.json"
        if args.reuse_builds and built.exists() and args.data_dir.exists():
            b = json.loads(built.read_text())
        else:
            shutil.rmtree(args.data_dir, ignore_errors=True)
            b = run_child("build", args, [])
            built.write_text(json.dumps(b))
        if not args.remote_only:
            s = run_child("serve", args, ["--profile"] if args.profile else [])
            print(row(n, "embedded", b, s, rate), flush=True)
        if n <= args.remote_max:
            location = args.work / f"oxigraph-{n}"
            shutil.rmtree(location, ignore_errors=True)
            proc, url = oxigraph_server(location)
            try:
                r = run_child("serve", args, ["--remote"] + (["--profile"] if args.profile else []),
                              env={**os.environ, "KGQA_SPARQL_STORE": url})
                peak = server_peak_mb(proc.pid)
            finally:
                proc.terminate()
                proc.wait(30)
            print(row(n, "oxigraph serve", b, r, rate, f" (+ server {peak:,.0f} MB)"), flush=True)
        print(f"<!-- N={n}: build {json.dumps(b)} -->", flush=True)


if __name__ == "__main__":
    main()
