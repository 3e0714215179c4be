"""The graph route: match what a question asks about (a metric, target, event, subsidiary, person
or committee) in the graph, fetch it with a bound template from `templates.py`, and compute
changes, trends, extremes and ratios in code."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal

from index.tokenize import tokenize
from kg.extract.events import MONTHS
from kgqa.answer import Answer, Citation

from .analysis import GENERIC, Question, company_words, coverage, reports_named, weight
from .templates import COMMITTEES, EVENTS, OBSERVATIONS, PEOPLE, SUBSIDIARIES, TARGET_LABELS, TARGETS

ORG_NAME_Q = re.compile(r"\b(full|legal|registered|complete) name\b|\blegal entity\b|\bstands? for\b|\brefers? to\b|"
                        r"\bshort for\b|\bwhich company is\b|\bwhat company is\b", re.I)
LIST_SUBSIDIARIES = re.compile(r"^\s*(which|what|list|name)\b.*\bsubsidiar(y|ies)\b", re.I)
WHO_Q = re.compile(r"^\s*(who|whom)\b|^\s*(which|what)\s+(people|persons|directors|members|women|men)\b", re.I)
GENDER_WORDS = {"female": {"women", "woman", "female", "females"}, "male": {"men", "man", "male", "males"}}
MONTH_NAMES = [m.capitalize() for m in MONTHS]
TARGET_WORDS = frozenset(tokenize("target targets goal goals objective objectives aim aims achieve achieved "
                                  "achievement reach reached meet met"))
AIM = re.compile(r"\b(?:reach|achieve|meet|hit)\w*\b.*?\b(?:aim|target|goal|ambition)\w*\s+of\s+(\d+(?:\.\d+)?)\s*%", re.I)
YES_NO = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|will|can)\b", re.I)
RATIO_PATTERNS = [
    re.compile(r"^(?:what (?:is|was|were)\s+)?(?P<num>.+?)\s+as an? (?:share|percentage|proportion|fraction|percent) of\s+"
               r"(?P<den>.+?)\??$", re.I),
    re.compile(r"\b(?:share|percentage|proportion|fraction) of (?P<den>.+?) (?:that (?:is|are|was|were)|made up by|"
               r"accounted for by) (?P<num>.+?)\??$", re.I),
    re.compile(r"\bratio of (?P<num>.+?) to (?P<den>.+?)\??$", re.I),
]
MAX_AGREEING = 2      # extra citations for the same figure printed elsewhere
MULTI_COMPANY_MARGIN = 0.15   # companies whose best metric scores this close to the best are all answered
MIN_LABEL_COVERAGE = 0.7     # share (IDF-weighted) of the metric label's words found in the question
LABEL_SLACK = 0.1            # ... or 0.1 less when every word of the question is in the label
MIN_QUESTION_COVERAGE = 0.6  # share (IDF-weighted) of the question's content words found in label/qualifier/unit
KIND_BONUS = {"table": 0.1, "highlight": 0.05, "prose": -0.1}


@dataclass
class MetricMatch:
    report: str
    label: str
    qualifier: str | None
    score: float
    question_coverage: float = 1.0


def readable(value: float, unit: str) -> str:
    a = abs(value)
    for scale, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if a >= scale * 10 if word == "thousand" else a >= scale:
            return f"{unit} {value / scale:,.2f} {word}" if unit in ("CNY", "USD", "$") else f"{value / scale:,.2f} {word} {unit}"
    return f"{value:,.10g} {unit}".strip()


def cite(kb, citations: list, passage_id: str, highlight: str | None = None):
    """The citation of a passage in `citations`, added with the next number if it is new; the
    highlighted figure or phrase is recorded on it."""
    c = next((c for c in citations if c.passage_id == passage_id), None)
    if c is None:
        p = kb.passage(passage_id)
        c = Citation(len(citations) + 1, p.passage_id, p.report, p.section, p.page, p.text, 1.0)
        citations.append(c)
    if highlight:
        c.highlights.append(highlight)
    return c


def label_tokens(label: str) -> list[set[str]]:
    """The label's words, plus each "/"-separated alternative of several words on its own."""
    whole = set(tokenize(label)) - GENERIC
    parts = [p for p in re.split(r"\s*/\s*", label) if len(p.split()) >= 2]
    return [whole] + ([set(tokenize(p)) - GENERIC for p in parts] if len(parts) >= 2 else [])


class GraphRoute:
    def __init__(self, kb, idf):
        self.kb = kb
        self.idf = idf
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for f in kb.facts():
            groups[(f["report"], f["metric"], f["qualifier"])].append(f)
        self.groups = groups
        self.by_value: dict[tuple, list[dict]] = defaultdict(list)
        for facts in groups.values():
            for f in facts:
                self.by_value[(f["report"], f["year"], round(f["value"], 6))].append(f)
        self.tokens = {k: label_tokens(k[1]) for k in groups}
        self.extra = {k: set(tokenize(f"{k[2] or ''} {v[0]['reported_unit']}")) - GENERIC for k, v in groups.items()}
        self.companies = company_words(kb)
        self.company_tokens = set().union(*self.companies.values()) if self.companies else set()
        self.subsidiaries = [{"short": str(r.short), "full": str(r.full), "slug": str(r.slug),
                              "pid": str(r.pid) if r.pid else None,
                              "aliases": sorted({str(r.short), *str(r.aliases).split("|")} - {""}, key=len,
                                                reverse=True)}
                             for r in kb.sparql(SUBSIDIARIES)]
        self.people = [{"name": str(r.name), "role": str(r.role or ""), "gender": str(r.gender or "") or None,
                        "independent": None if r.independent is None else r.independent.toPython(),
                        "body": str(r.body or ""), "pid": str(r.pid), "slug": str(r.slug)}
                       for r in kb.sparql(PEOPLE)]
        self.committees: dict[tuple, dict] = {}
        for r in kb.sparql(COMMITTEES):
            c = self.committees.setdefault((str(r.slug), str(r.committee)), {
                "name": str(r.committee), "chair": str(r.chair) if r.chair else None, "members": [],
                "pid": str(r.pid), "slug": str(r.slug), "words": set(tokenize(str(r.committee))) - {"committe"}})
            c["members"].append(str(r.member))
        self.events = [{"label": str(r.label), "date": str(r.date), "pid": str(r.pid), "slug": str(r.slug),
                        "tokens": set(tokenize(str(r.label))) - GENERIC} for r in kb.sparql(EVENTS)]
        self.target_tokens = {(str(r.slug), str(r.label), None): label_tokens(str(r.label))
                              for r in kb.sparql(TARGET_LABELS)}

    def agreeing(self, m: MetricMatch, f: dict) -> list[dict]:
        """Other observations of the same report and year with the same value whose metric label
        shares a word with the matched one: the same figure printed in another place."""
        words = set(tokenize(m.label)) - GENERIC
        out = []
        for g in self.by_value.get((m.report, f["year"], round(f["value"], 6)), []):
            if g["passage_id"] != f["pid"] and (set(tokenize(g["metric"])) - GENERIC) & words:
                out.append(g)
        return out

    def source_passages(self, text: str, limit: int = 3) -> list[str]:
        """The passages holding the figures of the metric a query names (latest year first), for
        retrieval to rank alongside BM25 and the embeddings; empty when no metric matches."""
        from .analysis import analyse
        m = self.match(analyse(text, None))
        if m is None:
            return []
        facts = sorted(self.groups[(m.report, m.label, m.qualifier)], key=lambda f: -f["year"])
        return list(dict.fromkeys(f["passage_id"] for f in facts))[:limit]

    def reports_named(self, q: Question) -> list[str]:
        return reports_named(q.text, self.kb)

    def _weight(self, tokens) -> float:
        return weight(tokens, self.idf)

    def match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """The metric the question asks about, by IDF-weighted word coverage in both directions."""
        candidates = {}
        for key, mt in self.tokens.items():
            facts = self.groups[key]
            bonus = KIND_BONUS.get(facts[0]["extracted_from"], 0)
            if q.years and any(f["year"] in q.years for f in facts):
                bonus += 0.1
            candidates[key] = (mt, self.extra[key], bonus)
        return self._best(q, candidates, reports)

    def match_target(self, q: Question) -> MetricMatch | None:
        return self._best(q, {k: (toks, set(), 0.0) for k, toks in self.target_tokens.items()})

    def _best(self, q: Question, candidates: dict, reports: list[str] | None = None) -> MetricMatch | None:
        concepts = [c for c in (c - self.company_tokens - TARGET_WORDS for c in q.concepts) if c]
        content = set().union(*concepts) if concepts else set()
        if not content:
            return None
        reports = reports or self.reports_named(q) or list(self.kb.reports)
        best = None
        for key, (alternatives, extra, bonus) in candidates.items():
            report, label, qualifier = key
            if report not in reports:
                continue
            # a label may offer alternatives ("accidents/personal injury accidents"): the best one counts
            label_cov, mt = max(((self._weight(a & content) / self._weight(a), a) for a in alternatives if a),
                                key=lambda x: x[0], default=(0.0, set()))
            if label_cov < MIN_LABEL_COVERAGE - LABEL_SLACK:
                continue
            q_cov = coverage(concepts, set().union(*alternatives) | extra, self.idf)
            if label_cov < MIN_LABEL_COVERAGE and q_cov < 0.95:
                continue        # a label only partly asked about needs every word of the question in it
            unmentioned = set(tokenize(qualifier or "")) - content - GENERIC
            score = label_cov + q_cov + bonus - 0.1 * min(len(unmentioned), 3)
            if best is None or score > best.score:
                best = MetricMatch(report, label, qualifier, score, q_cov)
        if best is None or best.question_coverage < MIN_QUESTION_COVERAGE:
            return None
        return best

    def _event_date(self, date: str) -> str:
        return f"{MONTH_NAMES[int(date[5:7]) - 1]} {date[:4]}" if len(date) >= 7 else date

    def answer_event(self, q: Question):
        """When something happened, from the dated events of the reports' timelines."""

        concepts = [c for c in (c - self.company_tokens for c in q.concepts) if c]
        content = set().union(*concepts) if concepts else set()
        if not content or not self.events:
            return None
        reports = self.reports_named(q) or list(self.kb.reports)
        scored = []
        for ev in self.events:
            if ev["slug"] not in reports:
                continue
            common = ev["tokens"] & content
            if not common:
                continue
            q_cov = coverage(concepts, ev["tokens"], self.idf)
            l_cov = self._weight(common) / self._weight(ev["tokens"])
            scored.append((q_cov + 0.3 * l_cov, q_cov, ev))
        if not scored:
            return None
        score, q_cov, ev = max(scored, key=lambda x: x[0])
        if q_cov < MIN_QUESTION_COVERAGE:
            return None
        when = self._event_date(ev["date"])
        citations = []
        cite(self.kb, citations, ev["pid"], ev["label"])
        return Answer(q.text, f"{when}: {ev['label']} [1]", citations,
                      facts=[{"event": ev["label"], "date": ev["date"], "pid": ev["pid"], "report": ev["slug"]}],
                      sparql=EVENTS, route="graph", answerable=True)

    def answer_month(self, q: Question):
        """Every event dated in a month the question names ("What happened in March 2024?")."""

        m = re.search(rf"\b({'|'.join(MONTH_NAMES)})\b", q.text, re.I)
        if not m:
            return None
        month = MONTH_NAMES.index(m.group(1).capitalize()) + 1
        reports = self.reports_named(q) or list(self.kb.reports)
        hits = [ev for ev in self.events if ev["slug"] in reports and len(ev["date"]) >= 7
                and int(ev["date"][5:7]) == month and (not q.years or int(ev["date"][:4]) in q.years)]
        if not hits:
            return None
        citations, lines = [], []
        for ev in hits:
            lines.append(f"- {ev['label']} [{cite(self.kb, citations, ev['pid'], ev['label']).number}]")
        head = self._event_date(hits[0]["date"])
        return Answer(q.text, f"{head}:\n" + "\n".join(lines), citations, facts=hits, sparql=EVENTS,
                      route="graph", answerable=True)

    def subsidiary_named(self, text: str) -> dict | None:
        """The subsidiary a text names by any of its spellings (case and spacing ignored, small typos allowed)."""
        from rapidfuzz import fuzz

        low = re.sub(r"\s+", " ", text.lower())
        best, best_score = None, 0.0
        for sub in self.subsidiaries:
            for alias in sub["aliases"]:
                a = alias.lower()
                score = 100.0 if re.search(rf"\b{re.escape(a)}\b", low) else fuzz.partial_ratio(a, low)
                score += len(a) / 100          # the longest spelling wins a tie
                if score > best_score:
                    best, best_score = sub, score
        return best if best_score >= 92 else None

    def answer_org(self, q: Question):
        """Organisations: a subsidiary's legal name from any spelling; the list of subsidiaries."""

        if ORG_NAME_Q.search(q.text):
            sub = self.subsidiary_named(q.text)
            if sub is None:
                return None
            citations = []
            if sub["pid"]:
                cite(self.kb, citations, sub["pid"], sub["full"])
            others = [a for a in sub["aliases"] if a != sub["short"]]
            also = f" (also written {', '.join(others)})" if others else ""
            return Answer(q.text, f"{sub['short']}{also} is {sub['full']}" + (" [1]" if citations else ""),
                          citations, facts=[sub], sparql=SUBSIDIARIES, route="graph", answerable=True)
        rest = q.content - self.company_tokens - set(tokenize("subsidiary subsidiaries company companies have own"))
        if LIST_SUBSIDIARIES.search(q.text) and not rest:
            reports = self.reports_named(q) or list(self.kb.reports)
            subs = [s for s in self.subsidiaries if s["slug"] in reports]
            if not subs:
                return None
            citations, lines = [], []
            for sub in subs:
                mark = f" [{cite(self.kb, citations, sub['pid'], sub['full']).number}]" if sub["pid"] else ""
                lines.append(f"- {sub['short']}: {sub['full']}{mark}")
            return Answer(q.text, f"{len(subs)} subsidiaries:\n" + "\n".join(lines), citations, facts=subs,
                          sparql=SUBSIDIARIES, route="graph", answerable=True)
        return None

    def answer_person(self, q: Question):
        """Who holds a role ("Who is the chairman?"), or who of a body fits ("the women on the board")."""

        if not WHO_Q.search(q.text) and not re.search(r"\bmembers?\b|\bchair", q.text, re.I):
            return None
        committee = self.answer_committee(q)
        if committee or not self.people or not WHO_Q.search(q.text):
            return committee
        words = set(re.findall(r"[a-z]+", q.text.lower()))
        gender = next((g for g, ws in GENDER_WORDS.items() if ws & words), None)
        reports = self.reports_named(q) or list(self.kb.reports)
        concepts = [c for c in (c - self.company_tokens for c in q.concepts) if c]
        independent = (False if re.search(r"\bnon-?\s*independent", q.text, re.I) else
                       True if re.search(r"\bindependent\b", q.text, re.I) else None)
        pool = [p for p in self.people if p["slug"] in reports and (not gender or p["gender"] == gender)
                and (independent is None or p["independent"] is independent)]
        scored = []
        for p in pool:
            role_words = set(tokenize(p["role"])) - {"non", "independ"}
            about = set(tokenize(f"{p['role']} {p['body']}"))
            role_hit = bool(role_words & set().union(*concepts)) if concepts else False
            scored.append((coverage(concepts, about, self.idf) if concepts else 0.0, role_hit, p))
        if not scored:
            return None
        best = max(s for s, _, _ in scored)
        if best < MIN_QUESTION_COVERAGE and not gender:
            return None
        chosen = [p for s, hit, p in scored if s >= best - 1e-9 and (hit or gender or independent is not None)]
        if not chosen:
            return None
        citations, parts = [], []
        for p in chosen:
            cite(self.kb, citations, p["pid"], p["name"])
            if len(chosen) <= 2:      # where else the report names them in that role (events, news)
                for ev in self.events:
                    if p["name"] in ev["label"] and p["role"] and p["role"].split()[0].lower() in ev["label"].lower():
                        cite(self.kb, citations, ev["pid"], ev["label"])
            parts.append(f"{p['name']} ({p['role']})" if p["role"] else p["name"])
        marks = " ".join(f"[{c.number}]" for c in citations)
        return Answer(q.text, "; ".join(parts) + f" {marks}", citations, facts=chosen, sparql=PEOPLE,
                      route="graph", answerable=True)

    def answer_committee(self, q: Question):
        """"Who chairs the Audit Committee?", "Who are the members of the Nominating Committee?"."""
        words = set(tokenize(q.text))
        reports = self.reports_named(q) or list(self.kb.reports)
        named = [c for c in self.committees.values() if c["slug"] in reports and c["words"] <= words]
        if not named:
            return None
        c = max(named, key=lambda c: len(c["words"]))
        citations = []
        mark = cite(self.kb, citations, c["pid"], c["chair"] or c["members"][0]).number
        if re.search(r"\bchair", q.text, re.I) and c["chair"]:
            text = f"{c['chair']} chairs the {c['name']} [{mark}]"
        else:
            text = (f"{c['name']}: " + ", ".join(m + (" (chair)" if m == c["chair"] else "") for m in c["members"])
                    + f" [{mark}]")
        return Answer(q.text, text, citations, facts=[c], sparql=COMMITTEES, route="graph", answerable=True)

    def answer_target(self, q: Question):
        """Target vs achievement: "Target ≥ 80%; achieved 85% in 2024 (met)"."""

        m = self.match_target(q)
        if m is None:
            return None
        rows = list(self.kb.sparql(TARGETS, bindings={"label": Literal(m.label), "slug": Literal(m.report)}))
        if not rows:
            return None
        target, pid = str(rows[0].target), str(rows[0].pid)
        ach = {int(str(r.year)[:4]): (str(r.achieved), None if r.met is None else r.met.toPython())
               for r in rows if r.year is not None}
        citations = []
        citation = cite(self.kb, citations, pid, target)
        text = f"{m.label}: target {target} [1]"
        if ach:
            years = [y for y in q.years if y in ach] or [max(ach)]
            y = years[-1]
            value, ok = ach[y]
            citation.highlights.append(value)
            verdict = {True: "met", False: "not met", None: "met or not is not stated"}[ok]
            text += f"; achieved {value} in {y} ({verdict})"
            others = [f"{v} in {yy}" for yy, (v, _) in sorted(ach.items()) if yy != y]
            if others:
                text += f"; earlier: {', '.join(others)}"
            if YES_NO.match(q.text) and ok is not None:
                text = ("Yes. " if ok else "No. ") + text
        facts = [{"metric": m.label, "target": target, "year": y, "reported": v, "met": ok, "pid": pid,
                  "report": m.report} for y, (v, ok) in sorted(ach.items())]
        return Answer(q.text, text + ".", citations, facts=facts,
                      sparql=TARGETS + f"\n# bound: ?label = {m.label!r}, ?slug = {m.report!r}",
                      route="graph", answerable=True)

    def answer(self, q: Question):
        """A metric question. Naming no company while several reports are loaded, it is answered
        for each company whose report has the metric, each answer labelled."""
        if not self.reports_named(q) and len(self.kb.reports) > 1:
            per = [m for m in (self.match(q, [slug]) for slug in self.kb.reports) if m]
            top = max((m.score for m in per), default=0)
            per = [m for m in per if m.score >= top - MULTI_COMPANY_MARGIN]
            if len(per) > 1:
                return self._labelled([self._answer_metric(q, m) for m in per], [m.report for m in per], q)
        m = self.match(q)
        return self._answer_metric(q, m) if m else None

    def answer_ratio(self, q: Question):
        """"X as a share of Y", "ratio of X to Y": both figures from the graph, the ratio computed."""

        from .analysis import analyse

        for pattern in RATIO_PATTERNS:
            mm = pattern.search(q.text)
            if mm:
                break
        else:
            return None
        years = " ".join(map(str, q.years))
        parts = [analyse(f"{mm.group(g)} {years}", None) for g in ("num", "den")]
        for part in parts:
            part.years = q.years
        num, den = (self.match(part, self.reports_named(q) or None) for part in parts)
        if not num or not den or (num.label, num.qualifier) == (den.label, den.qualifier) or num.report != den.report:
            return None
        a, b = self._answer_metric(parts[0], num), self._answer_metric(parts[1], den)
        if not isinstance(a, Answer) or not isinstance(b, Answer) or len(a.facts) != 1 or len(b.facts) != 1:
            return None
        fa, fb = a.facts[0], b.facts[0]
        if not fb["value"] or fa["year"] != fb["year"]:
            return None
        ratio = fa["value"] / fb["value"]
        cites = a.citations + [c for c in b.citations if c.passage_id not in {x.passage_id for x in a.citations}]
        for i, c in enumerate(cites, 1):
            c.number = i
        mark = {c.passage_id: c.number for c in cites}
        text = (f"{num.label} / {den.label} in {fa['year']}: {fa['reported']} / {fb['reported']} = {ratio:.1%} "
                f"[{mark[fa['pid']]}]" + (f" [{mark[fb['pid']]}]" if mark[fb['pid']] != mark[fa['pid']] else ""))
        return Answer(q.text, text, cites, facts=[fa, fb], sparql=a.sparql, route="graph", answerable=True)

    def _labelled(self, answers, slugs, q: Question):

        answers = [(a, s) for a, s in zip(answers, slugs) if hasattr(a, "citations")]
        if not answers:
            return None
        if len(answers) == 1:
            return answers[0][0]
        texts, citations, facts, offset = [], [], [], 0
        for a, slug in answers:
            meta = self.kb.reports[slug]
            name = meta.get("short_name") or meta.get("company") or slug
            texts.append(f"{name}: " + re.sub(r"\[(\d+)\]", lambda mm: f"[{int(mm.group(1)) + offset}]", a.text))
            for c in a.citations:
                c.number += offset
                citations.append(c)
            facts.extend(a.facts)
            offset += len(a.citations)
        return Answer(q.text, "\n".join(texts), citations, facts=facts, sparql=answers[0][0].sparql,
                      route="graph", answerable=True)

    def _answer_metric(self, q: Question, m: MetricMatch):

        rows = self.kb.sparql(OBSERVATIONS, bindings={"label": Literal(m.label), "slug": Literal(m.report)})
        by_year: dict[int, dict] = {}
        disagreeing: dict[int, list[dict]] = defaultdict(list)
        for r in rows:
            if (str(r.qualifier) if r.qualifier else None) != m.qualifier:
                continue
            y = int(str(r.period)[:4])
            f = {"year": y, "reported": str(r.reported), "unit": str(r.unit), "value": float(r.value),
                 "base": str(r.baseUnit), "pid": str(r.pid)}
            first = by_year.setdefault(y, f)
            if f["value"] != first["value"] and f["base"] == first["base"] and \
                    all(f["value"] != d["value"] for d in disagreeing[y]):
                disagreeing[y].append(f)       # the report prints two different figures for one year
        if not by_year:
            return None
        years = [y for y in q.years if y in by_year]
        if q.years and not years:
            return "out_of_range", m, sorted(by_year)
        if not years:
            years = sorted(by_year) if q.operation in ("trend", "extreme") else [max(by_year)]
        if q.operation in ("trend", "extreme") and len(years) < 2:
            years = sorted(by_year)
        used = [by_year[y] for y in sorted(years)]
        label = m.label + (f" ({m.qualifier})" if m.qualifier else "")
        citations = []
        for f in used:
            cite(self.kb, citations, f["pid"], f["reported"])
        # the same figure printed elsewhere in the report (a chapter table and the performance table,
        # or a Key Performance sentence) agrees: cite those passages too, after the first
        for f in used:
            for other in self.agreeing(m, f)[:MAX_AGREEING]:
                cite(self.kb, citations, other["passage_id"], other["reported_value"])
        unit = used[-1]["unit"]
        same_unit = all(f["unit"] == unit for f in used)
        unit_note = f" ({unit})" if same_unit and unit else ""
        marks = " ".join(f"[{c.number}]" for c in citations)      # the figures' passages and those agreeing

        def fmt(f, with_readable: bool = False) -> str:
            s = f["reported"] if same_unit else f"{f['reported']} {f['unit']}".strip()
            printed = float(f["reported"].replace(",", "")) if re.fullmatch(r"[-\d,.]+", f["reported"]) else None
            if with_readable and f["base"] not in (f["unit"], "percent", "number") and f["base"] and \
                    f["value"] >= 1000 and printed != f["value"]:
                shown = readable(f["value"], f["base"])
                if not shown.startswith(f"{f['reported']} ") and f"{float(f['reported'].replace(',', '')):,.2f}" \
                        not in shown:
                    s += f" (= {shown})"          # only when it says something the printed figure does not
            return s

        if q.operation == "change" and len(used) >= 2:
            a, b = used[0], used[-1]
            raw_a = float(a["reported"].replace(",", ""))
            raw_b = float(b["reported"].replace(",", ""))
            pct = (raw_b - raw_a) / raw_a * 100 if raw_a else float("nan")
            text = (f"{label}{unit_note}: {fmt(a)} in {a['year']} vs {fmt(b)} in {b['year']}: "
                    f"{raw_b - raw_a:+,.10g} ({pct:+.1f}%) {marks}")
        elif q.operation == "extreme" and len(used) >= 2:
            lowest = re.search(r"\b(lowest|smallest|least|minimum|lower)\b", q.text, re.I)
            pick = (min if lowest else max)(used, key=lambda f: f["value"])
            others = ", ".join(f"{fmt(f)} in {f['year']}" for f in used if f is not pick)
            text = (f"{label}{unit_note} was {'lowest' if lowest else 'highest'} in {pick['year']}: "
                    f"{fmt(pick, True)} (vs {others}) {marks}")
        elif len(used) > 1:
            values = [f["value"] for f in used]
            direction = ("rising" if all(x < y for x, y in zip(values, values[1:])) else
                         "falling" if all(x > y for x, y in zip(values, values[1:])) else
                         "up overall" if values[-1] > values[0] else "down overall" if values[-1] < values[0]
                         else "unchanged overall")
            text = f"{label}{unit_note}: " + "; ".join(f"{f['year']}: {fmt(f)}" for f in used) + \
                f" ({direction}) {marks}"
        else:
            f = used[0]
            conversion = fmt(f, True)[len(fmt(f)):]
            text = f"{label} in {f['year']}: {f['reported']} {f['unit']}".rstrip() + f"{conversion} {marks}"
        for f in used:
            for other in disagreeing.get(f["year"], []):
                c = cite(self.kb, citations, other["pid"], other["reported"])
                text += (f" Note: the report also gives {other['reported']} {other['unit']} for {f['year']} "
                         f"(p. {c.page}) [{c.number}]; the two figures disagree.")
        aim = AIM.search(q.text)
        if aim and YES_NO.match(q.text) and len(used) == 1 and (used[0]["base"] == "percent" or "%" in label):
            # "Did X reach its aim of 30%?" against a reported 29.5%: the verdict is arithmetic
            reached = used[0]["value"] >= float(aim.group(1))
            text = f"{'Yes' if reached else 'No'} ({used[0]['reported']}% against {aim.group(1)}%). {text}"
        facts = [dict(f, metric=m.label, qualifier=m.qualifier, report=m.report) for f in used]
        return Answer(q.text, text, citations, facts=facts,
                      sparql=OBSERVATIONS + f"\n# bound: ?label = {m.label!r}, ?slug = {m.report!r}",
                      route="graph", answerable=True)
