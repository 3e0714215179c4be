"""Metric questions answered from the graph: a value, a change, a trend, an extreme, a ratio of
two metrics, and the same metric for several companies side by side with the comparison computed."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from kgqa.answer import Answer

from . import thresholds as T
from .analysis import COUNT_UNITS, Question, analyse, reports_named
from .base import OutOfRange, Topic, cite, marks
from .catalog import MetricMatch, metric_catalog
from .parts import Parts
from .records import Figure
from .templates import OBSERVATIONS

AIM = re.compile(r"\b(?:reach|achieve|meet|hit)\w*\b.*?\b(?:aim|target|goal|ambition)\w*\s+of\s+(\d+(?:\.\d+)?)\s*%", re.I)
YES_NO = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|will|can)\b", re.I)
WHICH_COMPANY = re.compile(r"\b(which|what) (company|companies|firm|group|of (the|these|them|the two))\b|\bcompare\b", re.I)
LOWER = re.compile(r"\b(lowest|smallest|least|minimum|lower|less|fewer)\b", re.I)
RATIO_PATTERNS = [
    re.compile(r"^(?:what (?:is|was|were)\s+)?(?P<num>.+?)\s+as an? (?:share|percentage|proportion|fraction|percent) of\s+"
               r"(?P<den>.+?)\??$", re.I),
    re.compile(r"\b(?:share|percentage|proportion|fraction) of (?P<den>.+?) (?:that (?:is|are|was|were)|made up by|"
               r"accounted for by) (?P<num>.+?)\??$", re.I),
    re.compile(r"\bratio of (?P<num>.+?) to (?P<den>.+?)\??$", re.I),
]


def readable(value: float, unit: str) -> str:
    unit = "" if unit.lower() in COUNT_UNITS else unit
    a = abs(value)
    for scale, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if a >= scale * 10 if word == "thousand" else a >= scale:
            return f"{unit} {value / scale:,.2f} {word}" if unit in ("CNY", "USD", "$") else f"{value / scale:,.2f} {word} {unit}".strip()
    return f"{value:,.10g} {unit}".strip()


def printed_number(reported: str) -> float | None:
    s = reported.replace(",", "")
    return float(s) if re.fullmatch(r"-?\d+(?:\.\d+)?", s) else None


def comparable(a: str, b: str) -> bool:
    return (a == b and bool(a)) or (a.lower() in COUNT_UNITS and b.lower() in COUNT_UNITS)


class MetricAnswerer(Topic):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.catalog = metric_catalog(self.kb)

    def match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        return self.catalog.match(q, reports) or self.catalog.corroborated_match(q, reports) or \
            self.catalog.sole_match(q, reports)

    def answer(self, q: Question) -> Answer | OutOfRange | None:
        """A metric question. Naming several companies ("JSG or Shell", "which company"), or none
        while several reports are loaded, it is answered for each company with the metric, each
        answer labelled; a company named without the metric is said to lack it."""
        named = reports_named(q.text, self.kb)
        if len(named) > 1 or (not named and len(self.kb.reports) > 1):
            across = len(named) > 1 or bool(WHICH_COMPANY.search(q.text))
            if across and q.operation == "extreme" and not q.years:
                q = replace(q, operation="value")      # companies compared, each at its latest year
            per = self.catalog.match_each(q, named or list(self.kb.reports))
            top = max((m.score for m in per), default=0)
            more = 0
            if not named:
                per = [m for m in per if m.score >= top - T.MULTI_COMPANY_MARGIN]
                if len(per) > T.MAX_UNNAMED_COMPANIES:      # the best-matching companies, in report order
                    kept = {id(m) for m in sorted(per, key=lambda m: -m.score)[:T.MAX_UNNAMED_COMPANIES]}
                    more, per = len(per) - len(kept), [m for m in per if id(m) in kept]
            if len(per) > 1 or (per and len(named) > 1):
                missing = [slug for slug in named if slug not in {m.report for m in per}]
                ans = self.labelled(q, [(m, self.answer_metric(q, m)) for m in per], missing, compare=across)
                if ans is not None and more:
                    ans.text += f"\n{more:,} more companies report it: name one to see its figures."
                return ans
        m = self.match(q, named or None)
        return self.answer_metric(q, m) if m else None

    def side_by_side(self, q: Question, parts: Parts, answers: list[Answer]) -> Answer:
        """The answers to a question's parts ("Scope 1, 2 and 3", "more gas or more electricity"),
        each on its own line under its label, with which is larger or their sum computed when every
        part is one figure from the graph for the same year in comparable units."""
        lines, citations = self.merged(answers, parts.labels)
        figures = [a.facts[0] for a in answers if a.route == "graph" and len(a.facts) == 1]
        same = len(figures) == len(answers) and all(comparable(f.base, figures[0].base) for f in figures) \
            and len({f.year for f in figures}) == 1
        if parts.compare and same:
            hi = max(figures, key=lambda f: f.value)
            lo = min(figures, key=lambda f: f.value)
            if hi.value != lo.value:
                times = f", {hi.value / lo.value:,.1f} times as much" if lo.value > 0 else ""
                lines.append(f"Larger in {hi.year}: {hi.metric}, {readable(hi.value, hi.base)} vs "
                             f"{readable(lo.value, lo.base)}{times}.")
        if parts.combine and same:
            total = sum(f.value for f in figures)
            lines.append(f"Sum ({figures[0].year}): " + " + ".join(readable(f.value, f.base) for f in figures)
                         + f" = {readable(total, figures[0].base)}.")
        graph = [a for a in answers if a.route == "graph"]
        return Answer(q.text, "\n".join(lines), citations, facts=[f for a in answers for f in a.facts],
                      sparql=graph[0].sparql if graph else None, route="graph" if graph else "passage",
                      answerable=True)

    @staticmethod
    def merged(answers: list[Answer], names: list[str] | None = None) -> tuple[list[str], list]:
        """Several answers' lines (each prefixed with its name, if given) with one run of citation numbers."""
        lines, citations, offset = [], [], 0
        for i, a in enumerate(answers):
            prefix = f"{names[i]}: " if names else ""
            lines.append(prefix + re.sub(r"\[(\d+)\]", lambda mm: f"[{int(mm.group(1)) + offset}]", a.text))
            for c in a.citations:
                c.number += offset
                citations.append(c)
            offset += len(a.citations)
        return lines, citations

    def answer_ratio(self, q: Question) -> Answer | None:
        """"X as a share of Y", "ratio of X to Y": both figures from the graph, the ratio computed."""
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
        num, den = (self.match(part, reports_named(q.text, self.kb) or None) for part in parts)
        if not num or not den or (num.label, num.qualifier) == (den.label, den.qualifier) or num.report != den.report:
            return None
        a, b = self.answer_metric(parts[0], num), self.answer_metric(parts[1], den)
        if not isinstance(a, Answer) or not isinstance(b, Answer) or len(a.facts) != 1 or len(b.facts) != 1:
            return None
        fa, fb = a.facts[0], b.facts[0]
        if not fb.value or fa.year != fb.year:
            return None
        ratio = fa.value / fb.value
        cites = a.citations + [c for c in b.citations if c.passage_id not in {x.passage_id for x in a.citations}]
        for i, c in enumerate(cites, 1):
            c.number = i
        mark = {c.passage_id: c.number for c in cites}
        text = (f"{num.label} / {den.label} in {fa.year}: {fa.reported} / {fb.reported} = {ratio:.1%} "
                f"[{mark[fa.pid]}]" + (f" [{mark[fb.pid]}]" if mark[fb.pid] != mark[fa.pid] else ""))
        return self.graph_answer(q, text, cites, [fa, fb], a.sparql)

    def labelled(self, q: Question, answers: list[tuple[MetricMatch, object]], missing: list[str] = (),
                 compare: bool = False) -> Answer | None:
        """Each company's answer on its own line, labelled; when each gives one figure in the same
        unit, the comparison computed on a last line; a named company without the metric says so."""
        answers = [(m, a) for m, a in answers if isinstance(a, Answer)]
        if not answers:
            return None
        if len(answers) == 1 and not missing:
            return answers[0][1]
        texts, citations = self.merged([a for _, a in answers], [self.ctx.company_name(m.report) for m, _ in answers])
        facts = [f for _, a in answers for f in a.facts]
        last = [(self.ctx.company_name(m.report), a.facts[-1]) for m, a in answers if a.facts]
        if compare and len(last) == len(answers) == 2 and comparable(last[0][1].base, last[1][1].base):
            (na, fa), (nb, fb) = last
            if fa.value != fb.value:
                (hi, fh), (lo, fl) = ((na, fa), (nb, fb)) if fa.value > fb.value else ((nb, fb), (na, fa))
                times = f", {fh.value / fl.value:,.1f} times as much" if fl.value > 0 else ""
                texts.append(f"{hi} is higher: {readable(fh.value, fh.base)} ({fh.year}) vs {lo}: "
                             f"{readable(fl.value, fl.base)} ({fl.year}){times}.")
        for slug in missing:
            texts.append(f"{self.ctx.company_name(slug)}: its report gives no figure for this metric in the graph.")
        return self.graph_answer(q, "\n".join(texts), citations, facts, answers[0][1].sparql)

    def answer_metric(self, q: Question, m: MetricMatch) -> Answer | OutOfRange | None:
        by_year: dict[int, Figure] = {}
        disagreeing: dict[int, list[Figure]] = defaultdict(list)
        for f in self.catalog.figures(m, q.text):
            first = by_year.setdefault(f.year, f)
            if f.value != first.value and f.base == first.base and all(f.value != d.value for d in disagreeing[f.year]):
                disagreeing[f.year].append(f)       # the report prints two different figures for one year
        if not by_year:
            return None
        years = [y for y in q.years if y in by_year]
        if q.years and not years:
            return OutOfRange(m.label, list(q.years), sorted(by_year), m.report)
        if not years:
            years = sorted(by_year) if q.operation in ("trend", "extreme") else [max(by_year)]
        if q.operation in ("trend", "extreme") and len(years) < 2:
            years = sorted(by_year)
        used = [by_year[y] for y in sorted(years)]
        label = m.label + (f" ({m.qualifier})" if m.qualifier else "")
        citations = []
        for f in used:
            cite(self.kb, citations, f.pid, f.reported)
        # the same figure printed elsewhere in the report (a chapter table and the performance table,
        # or a Key Performance sentence) agrees: cite those passages too, after the first
        for f in used:
            for other in self.catalog.agreeing(m, f)[:T.MAX_AGREEING]:
                cite(self.kb, citations, other.pid, other.reported)
        unit = used[-1].unit
        same_unit = all(f.unit == unit for f in used)
        unit_note = f" ({unit})" if same_unit and unit else ""
        mk = marks(citations)      # the figures' passages and those agreeing

        def fmt(f: Figure, with_readable: bool = False) -> str:
            s = f.reported if same_unit else f"{f.reported} {f.unit}".strip()
            printed = printed_number(f.reported)
            if with_readable and f.base not in (f.unit, "percent", "number") and f.base and \
                    f.value >= 1000 and printed is not None and printed != f.value:
                shown = readable(f.value, f.base)
                if not shown.startswith(f"{f.reported} ") and f"{printed:,.2f}" not in shown:
                    s += f" (= {shown})"          # only when it says something the printed figure does not
            return s

        if q.operation == "change" and len(used) >= 2:
            a, b = used[0], used[-1]
            raw_a, raw_b = printed_number(a.reported), printed_number(b.reported)
            if raw_a is None or raw_b is None:
                raw_a, raw_b = a.value, b.value
            pct = (raw_b - raw_a) / raw_a * 100 if raw_a else float("nan")
            verdict = ""
            if YES_NO.match(q.text):
                falls = re.search(r"\b(fall|fell|drop|decrease|decline|reduce|lower|down)\w*", q.text, re.I)
                went_down = raw_b < raw_a
                verdict = "Yes. " if bool(falls) == went_down else "No. "
            text = (f"{verdict}{label}{unit_note}: {fmt(a)} in {a.year} vs {fmt(b)} in {b.year}: "
                    f"{raw_b - raw_a:+,.10g} ({pct:+.1f}%) {mk}")
        elif q.operation == "extreme" and len(used) >= 2:
            lowest = LOWER.search(q.text)
            pick = (min if lowest else max)(used, key=lambda f: f.value)
            others = ", ".join(f"{fmt(f)} in {f.year}" for f in used if f is not pick)
            text = (f"{label}{unit_note} was {'lowest' if lowest else 'highest'} in {pick.year}: "
                    f"{fmt(pick, True)} (vs {others}) {mk}")
        elif len(used) > 1:
            values = [f.value for f in used]
            direction = ("rising" if all(x < y for x, y in zip(values, values[1:])) else
                         "falling" if all(x > y for x, y in zip(values, values[1:])) else
                         "up overall" if values[-1] > values[0] else "down overall" if values[-1] < values[0]
                         else "unchanged overall")
            text = f"{label}{unit_note}: " + "; ".join(f"{f.year}: {fmt(f)}" for f in used) + f" ({direction}) {mk}"
        else:
            f = used[0]
            conversion = fmt(f, True)[len(fmt(f)):]
            text = f"{label} in {f.year}: {f.reported} {f.unit}".rstrip() + f"{conversion} {mk}"
        for f in used:
            for other in disagreeing.get(f.year, []):
                c = cite(self.kb, citations, other.pid, other.reported)
                text += (f" Note: the report also gives {other.reported} {other.unit} for {f.year} "
                         f"(p. {c.page}) [{c.number}]; the two figures disagree.")
        aim = AIM.search(q.text)
        if aim and YES_NO.match(q.text) and len(used) == 1 and (used[0].base == "percent" or "%" in label):
            # "Did X reach its aim of 30%?" against a reported 29.5%: the verdict is arithmetic
            reached = used[0].value >= float(aim.group(1))
            text = f"{'Yes' if reached else 'No'} ({used[0].reported}% against {aim.group(1)}%). {text}"
        return self.graph_answer(q, text, citations, used,
                                 OBSERVATIONS + f"\n# bound: ?label = {m.label!r}, ?slug = {m.report!r}")
