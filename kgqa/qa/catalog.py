"""The metric catalog: every observation of the graph as a typed `Figure`, grouped by report,
metric and qualifier, and the matcher that finds the metric a text asks about.

Search uses it to boost the passages holding a named metric's figures; the metric answerer uses it
to pick the figures. Neither calls the other: both stand on this module.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.embed import embed_query
from index.tokenize import tokenize
from kg.units import LABEL_NOTES

from . import thresholds as T
from .analysis import GENERIC, VOCABULARY, Question, analyse, coverage, expand, reports_named, weight
from .answer_types import asked, wants_figure, wants_percent
from .base import Context, shared_context
from .label_index import LabelIndex
from .records import Figure

# words of a target, and of what is asked about it ("against which base year"), not of what it is a target for
TARGET_WORDS = frozenset(tokenize("target targets goal goals objective objectives aim aims achieve achieved "
                                  "achievement reach reached meet met against base baseline"))


@dataclass
class MetricMatch:
    report: str
    label: str
    qualifier: str | None
    score: float
    question_coverage: float = 1.0


def label_tokens(label: str) -> list[set[str]]:
    """The label's words, plus each "/"-separated alternative of several words on its own."""
    whole = set(tokenize(label)) - GENERIC
    parts = [p for p in re.split(r"\s*/\s*", label) if len(p.split()) >= 2]
    return [whole] + ([set(tokenize(p)) - GENERIC for p in parts] if len(parts) >= 2 else [])


CODE = re.compile(r"\b([A-Za-z]+)\s*(\d{1,2})\b(?!\s*%)")       # "Scope 3", "Category 6", "SDG 7"
# each group: qualifiers that exclude each other ("market-based" is not "location-based"); the
# first spelling of a pair of equal spellings is listed next to it
EXCLUSIVE = [[w.lower() for w in group] for group in VOCABULARY.get("_exclusive_qualifiers", [])]
# words that make a metric a part of a whole ("renewable energy", "core employee turnover"): not the
# total or overall figure a question asks for
SUBSET = frozenset(t for w in VOCABULARY.get("_subset_words", []) for t in tokenize(w))
WHOLE = re.compile(r"\b(total|overall|all|whole|entire|combined)\b", re.I)


PERIOD_HEADS = frozenset({"fy", "cy", "h", "q"})


@lru_cache(maxsize=65536)
def codes(text: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for head, num in CODE.findall(text):
        if not re.fullmatch(r"(?:19|20)\d{2}", num) and head.lower() not in PERIOD_HEADS:   # "FY22" is a year
            out[_singular(head)].add(num)
    for m in re.finditer(r"\b([A-Za-z]+)\s+(\d)\s*(?:\+|and|&|,)\s*(\d)\b", text):   # "Scope 1 and 2", "Scope 1+2"
        out[_singular(m.group(1))].update({m.group(2), m.group(3)})
    return {k: frozenset(v) for k, v in out.items()}


HOW_MUCH = re.compile(r"\bhow (?:much|many)\s+([\w&'-]+)", re.I)


def measured_concept(question: str, concepts) -> frozenset[str]:
    """What "how much X" / "how many X" measures: the concept of X, when X is one ("how much waste"),
    else nothing ("how much did ...")."""
    m = HOW_MUCH.search(question)
    words = set(tokenize(m.group(1))) if m else set()
    return next((c for c in concepts if c & words), frozenset())


def _singular(head: str) -> str:
    """"Scopes 1 and 3" names codes of the kind "scope"."""
    low = head.lower()
    return low[:-1] if low.endswith("s") and not low.endswith("ss") and len(low) > 3 else low


@lru_cache(maxsize=65536)
def qualifiers(text: str) -> frozenset[tuple[int, str]]:
    low = text.lower()
    found = set()
    for i, group in enumerate(EXCLUSIVE):
        for w in sorted(group, key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low):
                found.add((i, w.replace("-", " ").replace("ground water", "groundwater").replace("sea water", "seawater")))
                low = low.replace(w, " ")
    return frozenset(found)


def qualifiers_agree(question: str, text: str) -> bool:
    """No exclusive qualifier of the question ("women") is contradicted by the text ("% men")."""
    said = qualifiers(text)
    for group, word in qualifiers(asked(question)):
        others = {w for g, w in said if g == group}
        if others and word not in others:
            return False
    return True


def agree(question: str, label: str, context: str = "") -> bool:
    """Whether a metric label (with its qualifier) can be what the question asks about: numbered
    codes the question names ("Scope 3") must be in the label, or in its table's title when the
    label names no code of that kind ("Energy coal" under "Scope 3 emissions by category"),
    exclusive qualifiers ("market-based") must not be contradicted by it."""
    qc, lc = codes(asked(question)), {**codes(context), **codes(label)}
    if any(not (nums & lc.get(head, set())) for head, nums in qc.items()):
        return False            # "Scope 3" asked: a label without scope 3 (Scope 1, or no scope) is another figure
    return qualifiers_agree(question, label)


def content_words(ctx: Context, q: Question) -> tuple[list[set[str]], set[str]]:
    """The question's concepts without company and target words, and their union."""
    concepts = q.about(ctx.company_tokens | TARGET_WORDS)
    return concepts, (set().union(*concepts) if concepts else set())


def scored_matches(ctx: Context, q: Question, candidates: dict, reports=None, check_agreement: bool = True,
                   contexts: dict | None = None) -> tuple[MetricMatch | None, dict[str, MetricMatch]]:
    """The best candidate overall and the best of each report, among candidates (report, label,
    qualifier) -> (label alternatives, extra words, bonus), by IDF-weighted word coverage in both
    directions.  A label scored once is not scored again for another report (many reports print
    the same labels).  `contexts` gives a candidate's table title, where a code the question names
    may be written instead of in the label."""
    best, per_report = None, {}
    for (report, label, qualifier), score, q_cov in candidate_scores(ctx, q, candidates, reports, check_agreement,
                                                                     contexts):
        if best is None or score > best.score:
            best = MetricMatch(report, label, qualifier, score, q_cov)
        if report not in per_report or score > per_report[report].score:
            per_report[report] = MetricMatch(report, label, qualifier, score, q_cov)
    return best, per_report


def candidate_scores(ctx: Context, q: Question, candidates: dict, reports=None, check_agreement: bool = True,
                     contexts: dict | None = None):
    """(key, score, question coverage) of each candidate of `reports` that can be the question's, in
    order (see `scored_matches`)."""
    concepts, content = content_words(ctx, q)
    contexts = contexts or {}
    if not content:
        return
    reports = set(reports or reports_named(q.text, ctx.kb) or ctx.kb.reports)
    memo: dict[tuple, tuple[float, float] | None] = {}
    for key, (alternatives, extra, bonus) in candidates.items():
        report, label, qualifier = key
        if report not in reports:
            continue
        context = contexts.get(key, "")
        sig = (label, qualifier, extra if isinstance(extra, frozenset) else frozenset(extra), context)
        if sig not in memo:
            memo[sig] = _coverage(ctx, q, concepts, content, alternatives, extra, label, qualifier, context,
                                  check_agreement)
        got = memo[sig]
        if got is not None:
            yield key, got[0] + bonus, got[1]


def part_of_whole(q: Question, label: str) -> bool:
    """Whether the question asks for a total or overall figure and the label is a part of it
    ("Solar power output" for "total power output"; vocabulary `_subset_words`)."""
    return bool(WHOLE.search(q.text)) and bool((set(tokenize(label)) & SUBSET) - set(q.tokens))


# label words another word of the label implies (vocabulary `_implied_words`): "GHG" in "operational
# GHG emissions" need not be asked for ("operational emissions" asks for it)
IMPLIED = {t: frozenset(i for w in words for i in tokenize(w))
           for k, words in VOCABULARY.get("_implied_words", {}).items() for t in tokenize(k)}


def label_coverage(alternatives: list[set[str]], content: set[str], idf) -> float:
    """IDF-weighted share of a label's words the question says; a label may offer alternatives
    ("accidents/personal injury accidents"): the best one counts."""
    def asked_for(a: set[str]) -> set[str]:
        implied = set().union(*(IMPLIED[t] for t in a & IMPLIED.keys())) - content
        return a - implied or a

    return max((weight(a & content, idf) / weight(a, idf) for a in map(asked_for, alternatives) if a), default=0.0)


def _coverage(ctx, q, concepts, content, alternatives, extra, label, qualifier, context, check_agreement):
    """(score without bonus, question coverage) of one label, or None when it is not the question's."""
    if check_agreement and not agree(q.text, f"{label} {qualifier or ''}", context):
        return None
    if part_of_whole(q, label):
        return None
    label_cov = label_coverage(alternatives, content, ctx.idf)
    if label_cov < T.MIN_LABEL_COVERAGE - T.LABEL_SLACK:
        return None
    q_cov = coverage(concepts, set().union(*alternatives) | extra, ctx.idf)
    if label_cov < T.MIN_LABEL_COVERAGE and q_cov < T.FULL_QUESTION_COVERAGE:
        return None        # a label only partly asked about needs every word of the question in it
    unmentioned = set(tokenize(qualifier or "")) - content - GENERIC
    return label_cov + q_cov - T.UNMENTIONED_QUALIFIER_PENALTY * min(len(unmentioned), 3), q_cov


def best_match(ctx: Context, q: Question, candidates: dict, reports: list[str] | None = None,
               check_agreement: bool = True, contexts: dict | None = None) -> MetricMatch | None:
    """The candidate (report, label, qualifier) -> (label alternatives, extra words, bonus) that the
    question asks about (see `scored_matches`)."""
    best, _ = scored_matches(ctx, q, candidates, reports, check_agreement, contexts)
    if best is None or best.question_coverage < T.MIN_QUESTION_COVERAGE:
        return None
    return best


class MetricCatalog:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        kinds: dict[tuple, str | None] = {}
        units: dict[tuple, str] = {}
        from kg.facts import figure_rows
        for report, metric, qualifier, year, reported, reported_unit, value, unit, pid, kind in figure_rows(ctx.kb.graph):
            key = (report, metric, qualifier)
            groups[key].append(Figure(metric, year, reported, reported_unit, value, unit, pid, report, qualifier))
            kinds.setdefault(key, kind)
            units.setdefault(key, reported_unit)
        self.groups = dict(groups)
        self.kind_bonus = {k: T.KIND_BONUS.get(kinds[k], 0) for k in groups}
        self.prose = frozenset(k for k in groups if kinds[k] == "prose")
        self.by_value: dict[tuple, list[Figure]] = defaultdict(list)
        for figures in groups.values():
            for f in figures:
                self.by_value[(f.report, f.year, round(f.value, 6))].append(f)
        self.tokens = {k: label_tokens(k[1]) for k in groups}
        # a figure's context: the title of the table it was read from ("Scope 3 GHG emissions by category")
        self.context = {k: self._title(ctx.kb, figures[0].pid) for k, figures in groups.items()}
        self.extra = {k: frozenset(set(tokenize(f"{k[2] or ''} {units[k]} {self.context[k]}")) - GENERIC)
                      for k in groups}
        self.years = {k: frozenset(f.year for f in figures) for k, figures in groups.items()}
        self.contrasted = self._contrasted(groups)
        # reports print the same metrics: a question scores each distinct one once (label_index.py)
        self.labels = LabelIndex(list(groups), self._signature, self.words_of, ctx.kb.reports)
        self.position = self.labels.position
        self.by_word: dict[str, list[tuple]] = defaultdict(list)     # label word -> the metrics it names
        self.by_report: dict[str, list[tuple]] = defaultdict(list)
        self.words = {k: frozenset().union(*alternatives) for k, alternatives in self.tokens.items()}
        for k, words in self.words.items():
            for w in words:
                self.by_word[w].append(k)
            self.by_report[k[0]].append(k)

    def _signature(self, k: tuple) -> tuple:
        """All that decides how a question scores the metric k, but its report."""
        figures = self.groups[k]
        return (k[1], k[2], self.extra[k], self.kind_bonus[k], self.years[k], frozenset(self.contrasted.get(k, ())),
                frozenset(f.unit for f in figures), figures[0].unit, self.context[k])

    def words_of(self, k: tuple) -> frozenset[str]:
        return frozenset().union(*self.tokens[k])

    @staticmethod
    def _title(kb, pid: str) -> str:
        try:
            p = kb.passage(pid)
        except KeyError:
            return ""
        return LABEL_NOTES.sub("", p.title or "") if p.kind == "table" else ""

    @staticmethod
    def _contrasted(groups) -> dict[tuple, set[tuple[int, str]]]:
        """Per metric, the exclusive-qualifier groups its longer siblings name: "Scope 2 GHG emissions"
        beside "Scope 2 GHG emissions (location based)" is the other (market-based) figure."""
        by_report: dict[str, list[str]] = defaultdict(list)
        for report, label, _ in groups:
            by_report[report].append(label.lower())
        out: dict[tuple, set[int]] = {}
        for key in groups:
            labels = sorted(set(by_report[key[0]]))
            low = key[1].lower()
            i = bisect.bisect_right(labels, low)
            found = set()
            while i < len(labels) and labels[i].startswith(low):
                found |= qualifiers(labels[i][len(low):])
                i += 1
            if found and not {g for g, _ in qualifiers(low)} & {g for g, _ in found}:
                out[key] = found
        return out

    def _keys(self, q: Question, reports: list[str] | None) -> list[tuple]:
        """The metrics that can match: those with a label word among the question's content words
        (a label sharing none scores nothing), of the given reports, in catalog order."""
        _, content = content_words(self.ctx, q)
        if reports and sum(len(self.by_report.get(r, ())) for r in reports) < \
                sum(len(self.by_word.get(w, ())) for w in content):
            keys = {k for r in reports for k in self.by_report.get(r, ()) if self.words[k] & content}
        else:       # one metric per distinct label: its first in the reports (see `match_each`)
            return self.labels.representatives(content, reports)
        return sorted(keys, key=self.position.__getitem__)

    def nearest(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """The metric the question would match if its qualifiers ("Scope 3", "market-based") were
        ignored: the nearest figure to name when the asked one is not disclosed."""
        reports = reports or reports_named(q.text, self.ctx.kb) or None
        candidates = {k: (self.tokens[k], self.extra[k], self.kind_bonus[k]) for k in self._keys(q, reports)}
        return best_match(self.ctx, q, candidates, reports, check_agreement=False, contexts=self.context)

    def _candidates(self, q: Question, reports: list[str] | None) -> dict:
        named = qualifiers(asked(q.text))
        years = set(q.years)
        candidates = {}
        for key in self._keys(q, reports):
            if named and not self.figures(MetricMatch(*key, 0.0), q.text):
                continue        # the question's qualifier ("women") contradicts every figure's unit ("% men")
            if key in self.prose and years - self.years[key]:
                continue        # a figure stated in a sentence answers for its year, not a change or another year
            bonus = self.kind_bonus[key]
            if years & self.years[key]:
                bonus += T.YEAR_BONUS
            extra = self.extra[key]
            if key in self.contrasted:      # the unqualified sibling is the other member of the pair
                siblings = self.contrasted[key]
                extra = extra | {t for g, w in named if (g, w) not in siblings and any(g == sg for sg, _ in siblings)
                                 for t in tokenize(w)}
            candidates[key] = (self.tokens[key], extra, bonus)
        return candidates

    def match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """The metric the question asks about."""
        reports = reports or reports_named(q.text, self.ctx.kb) or None
        return best_match(self.ctx, q, self._candidates(q, reports), reports, contexts=self.context)

    def tied(self, m: MetricMatch, q: Question) -> list[MetricMatch]:
        """The same label of the same report under another qualifier the question does not choose
        between, scored as high ("Scope 1" asked: the equity boundary and operational control figures)."""
        keys = {k for k in self.by_report.get(m.report, ()) if k[1] == m.label and k[2] != m.qualifier}
        if not keys:
            return []
        candidates = {k: v for k, v in self._candidates(q, [m.report]).items() if k in keys}
        return [MetricMatch(*key, score, q_cov) for key, score, q_cov in
                candidate_scores(self.ctx, q, candidates, [m.report], contexts=self.context)
                if abs(score - m.score) < 1e-9]

    def match_each(self, q: Question, reports: list[str]) -> list[MetricMatch]:
        """The metric the question asks about in each of `reports` that has one (in their order):
        `match(q, [slug])` for each, in one pass over the catalog."""
        scores = {k: (s, c) for k, s, c in candidate_scores(self.ctx, q, self._candidates(q, reports), reports,
                                                             contexts=self.context)}
        best = self.labels.best_per_report({k: s for k, (s, _) in scores.items()}, reports)
        per = {r: MetricMatch(*key, *scores[scored]) for r, (key, scored) in best.items()}
        return [per[r] for r in reports if r in per and per[r].question_coverage >= T.MIN_QUESTION_COVERAGE]

    def has_code_label(self, named: tuple[str, list[str]], reports: list[str] | None = None) -> bool:
        """Whether a metric of these reports names all of several codes ("Scope 1 and 2 emissions")."""
        head, nums = _singular(named[0]), set(named[1])
        keys = self.labels.first_keys() if reports is None else (k for r in reports for k in self.by_report.get(r, ()))
        return any(nums <= codes(label).get(head, set()) for _, label, _ in keys)

    def figures(self, m: MetricMatch, question: str | None = None) -> list[Figure]:
        """The metric's figures; with a question, those whose unit does not contradict it
        (a table may print "% women" and "% men" under one label)."""
        figures = self.groups.get((m.report, m.label, m.qualifier), [])
        if question and qualifiers(asked(question)):
            figures = [f for f in figures if qualifiers_agree(question, f.unit)]
        return figures

    def agreeing(self, m: MetricMatch, f: Figure) -> list[Figure]:
        """Other observations of the same report and year with the same value whose metric label
        shares a word with the matched one: the same figure printed in another place."""
        words = set(tokenize(m.label)) - GENERIC
        return [g for g in self.by_value.get((m.report, f.year, round(f.value, 6)), [])
                if g.pid != f.pid and (set(tokenize(g.metric)) - GENERIC) & words]

    def semantic_match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """The metric a question names in other words ("direct greenhouse gas" for "Scope 1 GHG
        emissions"): its label with qualifier and unit closest to the question under the embedding
        model the index already uses, when close enough and its qualifiers agree with the question."""
        return next(iter(self.semantic_candidates(q, reports)), None)

    def semantic_candidates(self, q: Question, reports: list[str] | None = None,
                            limit: int = 1) -> list[MetricMatch]:
        """The `limit` labels closest to the question (see `semantic_match`), closest first."""
        reports = reports or reports_named(q.text, self.ctx.kb)
        keys, rows, vectors, owner = self.label_vectors()
        if not keys:
            return []
        # the company's name says nothing about the metric, and would pull labels that name it
        words = [w for w in q.text.split() if not set(tokenize(w)) & self.ctx.company_tokens]
        sims = (vectors @ embed_query(self.ctx.kb.index.model_name, " ".join(words)))[rows[self.labels.first]]
        pool = self.labels.classes(k for r in reports for k in self.by_report.get(r, ())) if reports \
            else np.arange(len(self.labels))       # the distinct labels (label_index.py), not every report's
        # a penalty only lowers a similarity: labels under the bar before it are out (a vector test, so
        # the per-label checks below see the few close labels, not every label of every report)
        pool = pool[sims[pool] >= T.MIN_LABEL_SIMILARITY]
        # as for words: a breakdown ("– CH4 emissions") the question does not mention is not what it asks
        content = set().union(*q.concepts) if q.concepts else set()
        scored = []
        for i in pool:
            k = keys[self.labels.first[i]]
            if not agree(q.text, f"{k[1]} {k[2] or ''}", self.context[k]) or part_of_whole(q, k[1]):
                continue
            s = float(sims[i]) - T.UNMENTIONED_QUALIFIER_PENALTY * min(len(set(tokenize(k[2] or "")) - content
                                                                           - GENERIC), 3)
            if s >= T.MIN_LABEL_SIMILARITY:
                scored.append((int(i), s))
        return [MetricMatch(*k, s, s) for k, s in self.labels.top(dict(scored), reports, limit)]

    def corroborated_match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """A metric named in other words, for answering: of the labels the embedding model finds
        close, the closest whose figures' passage the passage search finds for the question on its
        own (without the graph's help): two independent readings of the question agree."""
        named = reports_named(q.text, self.ctx.kb) or list(self.ctx.kb.reports)
        if len(named) != 1 or not wants_figure(q.text, q.operation, q.years):
            return None     # one company named (or loaded), and a figure asked for: else the passages answer
        reports = reports or named
        percent = wants_percent(q.text)
        concepts = q.about(self.ctx.company_tokens)
        content = set().union(*concepts) if concepts else set()

        def plausible(m: MetricMatch) -> bool:
            key = (m.report, m.label, m.qualifier)
            # the label's own words are mostly the question's (its synonyms count): the model alone
            # finds "patents" close to "invention patents", which is not what "valid patents" asks
            if label_coverage(self.tokens[key], content, self.ctx.idf) < T.MIN_SEMANTIC_LABEL_COVERAGE:
                return False
            # ... and most of the question is in the label, its qualifier, unit or table title
            # ("employees in Germany" is not the total headcount)
            if coverage(concepts, set().union(*self.tokens[key]) | self.extra[key],
                        self.ctx.idf) < T.MIN_SEMANTIC_QUESTION_COVERAGE:
                return False
            # "what share" wants a percentage, "how many cubic metres" a quantity
            return percent is None or any((f.base == "percent") == percent for f in self.figures(m))

        candidates = [m for m in self.semantic_candidates(q, reports, T.SEMANTIC_CANDIDATES) if plausible(m)]
        if not candidates:
            return None
        found: dict[str, set[str]] = {}
        for m in candidates:
            if m.report not in found:
                hits = self.ctx.kb.index.search(q.text, T.CORROBORATING_PASSAGES, lexical_query=expand(q.text),
                                                report=m.report)
                found[m.report] = {h.passage_id for h in hits}
            if found[m.report] & {f.pid for f in self.figures(m, q.text)}:
                return m
        return None

    def sole_match(self, q: Question, reports: list[str] | None = None) -> MetricMatch | None:
        """The one metric of the named company's reports whose label (with its qualifier, unit and
        table title) says every word of the question, however much more the label says ("recruitment"
        -> "No. of permanent contract and fixed-term hires"): a general question about the only figure
        there is for it.  None when several metrics say the question's words: the question does not
        say which."""
        named = reports_named(q.text, self.ctx.kb) or list(self.ctx.kb.reports)
        if len(named) != 1 or not wants_figure(q.text, q.operation, q.years):
            return None
        concepts, content = content_words(self.ctx, q)
        if not content:
            return None
        percent = wants_percent(q.text)
        measured = measured_concept(q.text, concepts)
        found = {}
        for key, (alternatives, extra, _) in self._candidates(q, reports or named).items():
            if not agree(q.text, f"{key[1]} {key[2] or ''}", self.context[key]):
                continue
            if part_of_whole(q, key[1]):
                continue
            if measured and not any(measured & a for a in alternatives):
                continue        # "how much waste": the table's title says waste, the label "Heat recovered"
            q_cov = coverage(concepts, set().union(*alternatives) | extra, self.ctx.idf)
            if q_cov >= T.FULL_QUESTION_COVERAGE and (percent is None or any(
                    (f.base == "percent") == percent for f in self.groups[key])):
                found[key] = q_cov
        if len({(label.lower(), qualifier) for _, label, qualifier in found}) > 1:
            # several say it through synonyms: the one that says the question's own words
            said = set(tokenize(q.text))
            found = {k: v for k, v in found.items() if content & said <= self.words[k] | self.extra[k]}
        if len({(label.lower(), qualifier) for _, label, qualifier in found}) != 1:
            return None
        (report, label, qualifier), q_cov = max(found.items(), key=lambda kv: kv[1])
        return MetricMatch(report, label, qualifier, q_cov, q_cov)

    def label_vectors(self):
        """Every metric (keys) with its label, qualifier, unit and table title embedded once per knowledge
        base: the keys, each key's row in the vectors of the distinct texts, those vectors, each key's
        report number."""
        if getattr(self, "_vectors", None) is None:
            from index.embed import embed
            keys = list(self.groups)
            texts = [k[1] + (f" ({k[2]})" if k[2] else "") + (f", {self.groups[k][0].unit}" if self.groups[k][0].unit
                                                               else "") + (f"; {self.context[k]}" if self.context[k]
                                                                           else "") for k in keys]
            distinct = list(dict.fromkeys(texts))          # reports print the same labels: one vector each
            row = {t: i for i, t in enumerate(distinct)}
            number = {slug: i for i, slug in enumerate(self.ctx.kb.reports)}
            vectors = embed(self.ctx.kb.index.model_name, distinct) if distinct else np.zeros((0, 1), np.float32)
            self._vectors = (keys, np.array([row[t] for t in texts], dtype=np.int64), vectors,
                             np.array([number.get(k[0], -1) for k in keys], dtype=np.int64))
        return self._vectors

    def source_passages(self, text: str, limit: int = T.MAX_SOURCE_PASSAGES) -> list[str]:
        """The passages holding the figures of the metric a query names (latest year first), for
        retrieval to rank alongside BM25 and the embeddings; empty when no metric matches.  A metric
        named in other words than its label is found by the embedding model."""
        q = analyse(text, None)
        m = self.match(q) or self.semantic_match(q)
        if m is None:
            return []
        figures = sorted(self.figures(m), key=lambda f: -f.year)
        return list(dict.fromkeys(f.pid for f in figures))[:limit]


def metric_catalog(kb) -> MetricCatalog:
    """The knowledge base's one catalog (built on first use, shared by search and the answerer)."""
    cat = getattr(kb, "_metric_catalog", None)
    if cat is None:
        cat = MetricCatalog(shared_context(kb))
        kb._metric_catalog = cat
    return cat


def source_passages(kb, text: str) -> list[str]:
    return metric_catalog(kb).source_passages(text)
