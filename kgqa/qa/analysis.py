"""Question analysis: years, company, metric (with a confidence score) and the operation asked for."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from index.tokenize import FISCAL, tokenize

VOCABULARY = json.loads((files("kg") / "synonyms.json").read_text(encoding="utf-8"))
SYNONYMS = {k: v for k, v in VOCABULARY.items() if not k.startswith("_")}
COUNT_UNITS = frozenset(VOCABULARY.get("_count_units", []))     # units that all count things: comparable
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
GENERIC = frozenset(tokenize("total overall number amount rate company much many report reporting period year annual value give show "
                             "how has have did does end whole percent level volume quantity"))
CHANGE = re.compile(r"\b(change|changed|increase|increased|decrease|decreased|grow|grew|growth|fall|fell|drop|rise|rose|"
                    r"cut|cuts|reduce|reduced|decline|declined|shrink|shrank|"
                    r"differ|difference|->|compared)\b", re.I)
TREND = re.compile(r"\b(trend|evolve|evolved|over \d{4}|over the|through|each year|annual .* for|for \d{4}, \d{4})\b", re.I)
WHEN = re.compile(r"^\s*(when|in (which|what) (year|month)|which (year|month)|what (year|month|date))\b", re.I)
EVENTS_IN = re.compile(r"\b(happened|events?|took place|milestones?)\b.*\b(january|february|march|april|may|june|"
                       r"july|august|september|october|november|december)\b", re.I)
TARGET = re.compile(r"\b(target|targets|goal|goals|objective|objectives|aim|aimed)\b", re.I)
EXTREME = re.compile(r"\b(highest|lowest|largest|smallest|most|least|peak|higher|lower|maximum|minimum|more|less|"
                     r"fewer|greater|bigger|larger|smaller)\b", re.I)


@dataclass
class Question:
    text: str
    years: list[int] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    operation: str = "value"
    content: set[str] = field(default_factory=set)   # the words that name what is asked about
    concepts: list[frozenset[str]] = field(default_factory=list)   # the same, grouped: any word of a group counts

    def about(self, drop) -> list[frozenset[str]]:
        """The concepts without some words (a company's name says nothing of what is asked)."""
        return [c for c in (c - drop for c in self.concepts) if c]


QUESTION_WORDS = frozenset(tokenize(
    "what which who whom when where why how much many tell me about give show list name did does do was were is "
    "are any the in of can someone happened take part its it their there been being get got make made "
    "under above below among within across via into onto upon went go goes gone come came record recorded manage "
    "managed put take took see saw drove drive driven cause caused reason reasons why so far yet roughly "
    "approximately around about terms term same they them involve involved involves tie tied currently "
    "if rather than figure figures instead whether think thinks believe believes may might could would should "
    "need needs identify identified identifies"))


# words that say what to do with a figure, not which figure
OPERATION_WORDS = frozenset(tokenize(
    "change changed increase increased decrease decreased grow grew growth fall fell drop dropped rise rose differ cut cuts "
    "difference compared compare comparison trend evolve evolved evolution highest lowest largest smallest most least "
    "peak higher lower maximum minimum more less fewer greater bigger larger smaller up down last past previous three two four five each every over through between since "
    "from to versus vs combined together sum total"))


def expand(text: str, replace: bool = False) -> str:
    """Add the report vocabulary for words users say ("headcount" -> "total employees").

    With replace=True the user's word is swapped out instead, so it does not count as a
    term the report must contain.
    """
    low = text.lower()
    extra = []
    for k, v in SYNONYMS.items():
        pattern = rf"\b{re.escape(k)}\b"
        if re.search(pattern, low):
            extra.append(v)
            if replace:
                low = re.sub(pattern, " ", low)
    base = low if replace else text
    return base + (" " + " ".join(extra) if extra else "")


def analyse(text: str, report_year: int | None) -> Question:
    from .answer_types import asked, instruction_free
    from .periods import parse_periods

    periods = parse_periods(text, report_year)
    years = periods.years
    low = text.lower()
    op = "value"
    if WHEN.search(text) and not EXTREME.search(text):
        op = "when"
    elif EVENTS_IN.search(text):
        op = "events"
    elif TARGET.search(text):
        op = "target"
    elif (CHANGE.search(text) or periods.compare) and (len(years) >= 2 or "from" in low):
        op = "change"
    elif EXTREME.search(text):
        op = "extreme"
    elif len(years) >= 3 or TREND.search(text) or (len(years) == 2 and periods.span):
        op = "trend"
    # figures in a question ("its aim of 30%") are values to compare, not words naming the metric
    concepts = [c for c in (frozenset(t for t in group if not re.search(r"(19|20)\d{2}", t)
                                      and not re.fullmatch(r"[\d.,%]+", t))
                            - GENERIC - QUESTION_WORDS - OPERATION_WORDS for group in concept_groups(instruction_free(asked(periods.text)))) if c]
    content = set().union(*concepts) if concepts else set()
    # "FY22" is its year (2022, which tokenize adds), not a word a metric's label must say
    tokens = [t for t in tokenize(expand(text)) if not FISCAL.fullmatch(t)]
    return Question(text, years, tokens, op, content, concepts)


# a word glossed by a short parenthesis: "grid-average (location-based)", "offsets (carbon credits)"
GLOSS = re.compile(r"\b([a-z][a-z-]+)\s+\(([a-z][a-z -]{1,30})\)")
NOT_A_GLOSS = re.compile(r"(?:in|per|for|of|from|at|by|excluding|including|e\.g|i\.e|incl|excl)\b")
PART_WORDS = frozenset(t for w in VOCABULARY.get("_subset_words", []) for t in tokenize(w))


def concept_groups(text: str) -> list[set[str]]:
    """The question's words, each user word grouped with the report words it stands for:
    "share of revenue" -> [{share, proport, percentag, account}, {revenu, oper, incom}]."""
    low = text.lower()
    groups = []
    for word, gloss in GLOSS.findall(low):     # "grid-average (location-based)": one thing, two names
        if NOT_A_GLOSS.match(gloss) or set(tokenize(gloss)) & PART_WORDS:
            continue        # "(in tonnes)", "(full-time)": a unit or a part, which the question keeps asking
        groups.append(set(tokenize(word)) | set(tokenize(gloss)))
        low = low.replace(f"({gloss})", " ")
    for k, v in SYNONYMS.items():
        pattern = rf"\b{re.escape(k)}\b"
        if re.search(pattern, low):
            groups.append(set(tokenize(k)) | set(tokenize(v)))
            low = re.sub(pattern, " ", low)
    merged: list[set[str]] = []
    for g in groups:            # "tax" and "paid" both expand to "tax paid": one group each word
        for m in merged:
            if m & g:
                m |= g
                break
        else:
            merged.append(g)
    return merged + [{t} for t in tokenize(low) if not any(t in g for g in merged)]


def weight(tokens, idf) -> float:
    """The IDF weight of some words (each at least 0.1, so a very common word still counts a little)."""
    return sum(max(idf(t), 0.1) for t in tokens)


def coverage(concepts: list[frozenset[str]], tokens: set[str], idf) -> float:
    """IDF-weighted share of the question's concepts that `tokens` contains (any word of a concept)."""
    weights = [max(min(idf(t) for t in c), 0.1) for c in concepts]
    total = sum(weights)
    return sum(w for c, w in zip(concepts, weights) if holds(tokens, c)) / total if total else 0.0


def holds(tokens: set[str], concept: frozenset[str]) -> bool:
    """Whether a text's tokens say a concept: any of its words, or a hyphenated word's parts
    ("high criticality" says "high-criticality")."""
    return bool(concept & tokens) or any("-" in t and _parts(t) <= tokens for t in concept)


@lru_cache(maxsize=16384)
def _parts(token: str) -> frozenset[str]:
    parts = [tokenize(p) for p in token.split("-")]
    return frozenset(t for p in parts for t in p) if all(parts) else frozenset({token})


FOLLOW_UP = re.compile(r"^\s*(and|also|what about|how about|same for|then)\b[\s,]*", re.I)


def merge_follow_up(question: str, previous: str | None, names: set[str] = frozenset()) -> str:
    """Read a short follow-up ("and in 2022?", "what about water?", "and Shell?") in the light of
    the previous question: what the follow-up says replaces the matching part (years, company,
    metric) of the previous question; what it leaves out is kept.
    """
    if not previous or not FOLLOW_UP.match(question) or len(tokenize(question)) > 8:
        return question
    rest = FOLLOW_UP.sub("", question).strip(" ?.!")
    rest_tokens = set(tokenize(rest)) - GENERIC
    new_years = YEAR.findall(rest)
    new_names = rest_tokens & names
    content = {t for t in rest_tokens - names if not YEAR.fullmatch(t)} - {"in", "for", "the", "of"}
    if content:     # a new metric: keep the previous question's years and company
        years = "" if new_years else " ".join(YEAR.findall(previous))
        company = "" if new_names else " ".join(sorted(set(tokenize(previous)) & names))
        return f"{rest} {company} {years}".strip() + "?"
    base = previous.rstrip(" ?.!")
    if new_years:
        base = YEAR.sub("", base)
    if new_names:
        base = " ".join(w for w in base.split() if not set(tokenize(w)) & names)
    base = re.sub(r"\b(in|for|during)\s*$", "", re.sub(r"\s+", " ", base)).strip()
    return f"{base} {rest}?"


COMPANY_STOP = frozenset(tokenize("co ltd plc inc group company limited corporation holdings"))


def company_tokens(meta: dict, common_words: frozenset[str] = frozenset()) -> set[str]:
    """The words that name a report's company: its short name, and the words of its full name
    whose stem the reports never use in an ordinary lower-case word ("Jingsheng", not
    "Electrical", which a question about electricity must keep); legal suffixes left out."""
    short = set(tokenize(meta.get("short_name") or ""))
    full = set(tokenize(meta.get("company") or "")) - common_words
    return (short | full) - COMPANY_STOP


def slug_names(slug: str, kb, lower: Counter) -> set[str]:
    """The words of a report's file name that its text writes as a proper noun ("costco-2023-
    climate-action-plan" -> {"costco"}: "Costco" is capitalised, "climate" is an ordinary word)."""
    text = " ".join(p.text for p in kb.passages if p.report == slug)
    out = set()
    for w in set(re.findall(r"[a-z]{3,}", slug)):
        proper = len(re.findall(rf"\b{w}\b", text, re.I)) - lower.get(w, 0)
        if proper >= 3 and proper > 3 * lower.get(w, 0):
            out.update(tokenize(w))
    return out - COMPANY_STOP


def company_words(kb) -> dict[str, set[str]]:
    """Per report slug, the words that name its company (computed once per knowledge base)."""
    cached = getattr(kb, "_company_words", None)
    if cached is None:
        lower = Counter(w for p in kb.passages for w in re.findall(r"(?<![A-Za-z./@])[a-z][a-z'-]+\b", p.text))
        common = frozenset(tokenize(" ".join(lower)))      # stems: "electricity" makes "Electrical" common
        cached = {slug: company_tokens(meta, common) for slug, meta in kb.reports.items()}
        for slug, names in cached.items():
            if not names:          # the report did not say its company: a proper noun of its file name
                names.update(slug_names(slug, kb, lower))
        kb._company_words = cached
    return cached


def reports_named(text: str, kb) -> list[str]:
    """Slugs of the reports whose company the text names."""
    words = set(tokenize(text))
    return [slug for slug, names in company_words(kb).items() if names & words]
