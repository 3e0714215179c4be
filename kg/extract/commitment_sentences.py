"""One sentence -> the targets it states (`read_commitments`): what is targeted, the amount and its
direction, the target and base year, the scopes, net zero and the horizon.

A sentence states a target of the company's when it says who commits (we, our, the Group, the
company's name) and how (aim, target, goal, commit, ambition: a cue), and gives an amount (a
percentage, an amount with its unit, or net zero) for a year ("by 2030", "by the end of FY2030")
no earlier than the report's. What is targeted comes from the sentence's shape: "reduce X by 30%",
"a 20% reduction in X", "an X reduction target of 50%", "net-zero X", "4 GW of X". A sentence that
reports what was done ("we reduced", "we achieved our target"), describes a scenario or what
others aim for (governments, customers, "Amazon's objective") is not a target. The words are data
(`kg/commitments.json`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Iterable

from kgqa.report.text import clean_inline

VOCABULARY = json.loads((files("kg") / "commitments.json").read_text(encoding="utf-8"))
MAX_LABEL_WORDS = 12


def alternation(words: Iterable[str]) -> str:
    """The phrases as one regular-expression group, longest first (a space matches any spaces)."""
    return "(?:" + "|".join(sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)) + ")"


def phrases(words: Iterable[str]) -> str:
    """The phrases, each between word boundaries."""
    return rf"(?<![\w-]){alternation(words)}(?![\w-])"


def words_re(key: str) -> re.Pattern:
    return re.compile(phrases(VOCABULARY[key]), re.I)


CUE, OWNER, OTHERS = words_re("cue"), words_re("owner"), words_re("others")
ACHIEVED, HYPOTHETICAL, NET_ZERO = words_re("achieved"), words_re("hypothetical"), words_re("net_zero")
REDUCE, INCREASE, REACH = words_re("reduce"), words_re("increase"), words_re("reach")
DIRECTION_VERB = re.compile(phrases(VOCABULARY["reduce"] + VOCABULARY["increase"]), re.I)
HORIZON = re.compile(phrases(VOCABULARY["horizon"]), re.I)
SCOPE_WORD = re.compile(phrases(VOCABULARY["scope"]), re.I)
SCOPE_CODES = re.compile(r"\bscopes?\s*([123](?:\s*(?:,|and|&|\+|/)?\s*(?:scope\s*)?[123])*)", re.I)
QUALIFIER = r"(?:(?:at\s+least|more\s+than|over|around|approximately|about|up\s+to|nearly|almost|a\s+further|" \
            r"an\s+additional|an|a)\s+)*"
PERCENT = r"\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*(?:%|per\s?cent(?![\w-])|percent(?![\w-]))"
ABSOLUTE = rf"\d[\d,]*(?:\.\d+)?\s*{alternation(VOCABULARY['amount_unit'])}(?![\w-])"
AMOUNT = re.compile(rf"(?<![\w.,]){QUALIFIER}(?:(?P<pct>{PERCENT})|(?P<abs>{ABSOLUTE}))", re.I)
YEAR = r"(?P<fy>FY\s?|fiscal\s+(?:year\s+)?)?(?P<year>20\d{2})(?![\d%])"
TARGET_YEAR = re.compile(rf"\bby\s+(?:the\s+end\s+of\s+|end[- ]|(?:calendar\s+)?year[- ]end\s+)?{YEAR}", re.I)
BASE_WORDS = phrases(VOCABULARY["base"])
BASE_NOUN = phrases(VOCABULARY["base_noun"])
DETERMINER = r"(?:(?:a|an|the|our|its|their|adjusted)\s+)?"
BASE_YEAR = r"(?:FY\s?)?(?P<base>20\d{2}|19\d{2})"
BASE = [re.compile(p, re.I) for p in (
    rf"{BASE_WORDS}\s+{DETERMINER}{BASE_YEAR}\s*{BASE_NOUN}",                           # "from FY2020 levels"
    rf"(?:compared\s+(?:with|to)|against|relative\s+to|versus|vs\.?)\s+{DETERMINER}{BASE_YEAR}(?!\d)",
    rf"{BASE_YEAR}\s+(?:baseline|base\s+year|base-year|reference\s+year)",               # "a 2019 baseline"
    r"(?:baseline|base)\s+year\s+of\s+(?:FY\s?)?(?P<base>20\d{2}|19\d{2}|\d{2})(?!\d)",   # "baseline year of FY20"
    rf"{BASE_YEAR}\s+as\s+(?:the|a|our)\s+(?:baseline|base)(?:\s+year)?",                # "2022 as the baseline year"
    rf"between\s+{BASE_YEAR}\s+and\s+(?:FY\s?)?20\d{{2}}",
)]
# what a target's subject does not start or end with
LEADING = re.compile(r"^(?:(?:(?:a|per|each)\s+year|the|our|its|their|a|an|this|these|new|ambitious|own|first|"
                     r"overall|total|to|on|for|in|of)\s+)+", re.I)
A_YEAR = re.compile(r"\s+(?:a|per|each)\s+year\b", re.I)
HEADING_CAPS = re.compile(r"^(?:[A-Z][A-Z&’'-]+\s+){2,}(?=[A-Z][a-z])")     # a PDF heading run into the sentence
TRAILING = re.compile(r"\s+(?:(?:target|targets|goal|goals|commitment|ambition|objective|a\s+year|per\s+year|"
                      r"each\s+year|annually|or\s+sooner|or\s+earlier)\b\s*)+$", re.I)
STOP = re.compile(r"\s(?:from|against|compared|relative|versus|vs\.?|across|in\s+step|below|above|based\s+on)\s"
                  r"|[,;:–—]", re.I)
NOUN_FORM = re.compile(r"^\s*(?:(?:absolute|net|overall|total)\s+)?(?P<dir>reductions?|cuts?|decreases?|increases?|"
                       r"improvements?)\s+(?:in|of)\s+(?P<subj>[^,;:]{3,150}?)\s*$", re.I)
TARGET_OF = re.compile(r"(?P<subj>[^,;:]{3,120}?)\s+(?P<dir>reduction|cut|decrease|increase)\s+"
                       r"(?:target|goal|ambition|objective)s?\s*(?::|of|is|to)?\s*$", re.I)
POSSESSIVE = re.compile(r"\b([A-Z][\w&.-]*)['’]s\s+(?:[\w-]+\s+){0,3}$")
CONTINUES = re.compile(r"^\s*(?:,\s*)?(?:and|or)?\s*$", re.I)


@dataclass(frozen=True)
class Commitment:
    """One target a sentence states: what, how much, which way, by when, against which year."""
    label: str                    # what is targeted, as printed ("operational GHG emissions")
    amount: str                   # as printed: "at least 30 per cent", "net-zero", "50 GW"
    value: float | None           # the amount's figure (30.0), None for net zero
    unit: str | None              # "percent" or the printed unit ("GW")
    direction: str                # reduce | increase | reach
    year: int
    fiscal: bool                  # the year is printed as a fiscal year (FY2030)
    base_year: int | None
    scopes: tuple[str, ...]
    net_zero: bool
    horizon: str | None
    sentence: str

    def key(self) -> tuple:
        """Restatements of one target share this (a statement that names no scope is a restatement
        of one with the same label that does)."""
        return (self.direction, self.value, self.unit, self.year, self.base_year, self.net_zero, self.scopes)

    def fullness(self) -> float:
        """How much a statement says: base year, horizon and scopes, then the shorter label."""
        return sum(x is not None and x != () for x in (self.base_year, self.horizon, self.scopes or None)) \
            - len(self.label.split()) / 100


def _clean(sentence: str) -> str:
    s = clean_inline(sentence)
    s = re.sub(r"\((?:\d{1,2}|[a-z])\)", "", s)                 # footnote marks: "levels(6)"
    s = re.sub(r"(?<=[a-z%])\d{1,2}(?=[\s,.;:)])", "", s)       # "energy2 procurement", "19%3"
    s = re.sub(r"\s+([.,;:])", r"\1", re.sub(r"\s+", " ", s))    # "by 2030 ." as a PDF line ends
    return HEADING_CAPS.sub("", s.strip())


def _label(text: str, lead: bool = True) -> str | None:
    """The subject phrase: up to a base-year or scope clause, without articles, footnotes or "a year"."""
    text = STOP.split(text, maxsplit=1)[0]
    text = A_YEAR.sub("", text.strip(" ,.;:"))
    text = TRAILING.sub("", LEADING.sub("", text) if lead else text).strip(" ,.;:")
    if text.count("(") != text.count(")"):
        text = text.split("(")[0].strip()
    words = text.split()
    if not words or len(words) > MAX_LABEL_WORDS or not re.search(r"[A-Za-z]{3}", text) \
            or re.match(r"^(?:by|to|and|or|with|as)\b", text, re.I):
        return None
    return text


def _subject(seg: str, a: re.Match, net_zero: bool) -> tuple[str, str, str] | None:
    """(label, direction, the words naming it in full) of the amount `a` in the clause `seg` that
    ends at its target year."""
    before, after = seg[:a.start()], seg[a.end():]
    if net_zero:
        tail = _label(after, lead=False) if after.strip() else None
        return (f"{a.group(0)} {tail}" if tail else a.group(0)).strip(), "reach", after
    m = NOUN_FORM.match(after)
    if m and (label := _label(m["subj"])):
        increase = INCREASE.search(m["dir"]) or m["dir"].lower().startswith("improve")
        return label, "increase" if increase else "reduce", m["subj"]
    m = TARGET_OF.search(before)
    if m:
        head = re.split(r"\b(?:a|an|the|our|its|their|to)\s+", m["subj"], flags=re.I)[-1]
        if (label := _label(head)):
            return label, "increase" if m["dir"].lower() == "increase" else "reduce", head
    for v in reversed(list(DIRECTION_VERB.finditer(before))):
        m = re.fullmatch(r"\s+(?P<subj>[^,;:]{3,150}?)\s+(?:by|to)\s+", before[v.end():])
        if m and not DIRECTION_VERB.search(m["subj"]) and (label := _label(m["subj"])):
            return label, "reduce" if REDUCE.fullmatch(v.group(0)) else "increase", m["subj"]
    if not after.strip() or re.match(r"\s*(?:(?:absolute|net|overall|total)\s+)?(?:reductions?|cuts?|decreases?|"
                                     r"increases?|by|to)\b", after, re.I):
        return None
    if re.match(r"\s*of\b", after, re.I) and a["pct"] and not re.search(rf"{REACH.pattern}\s*$", before, re.I):
        return None                         # "to 100% of its employees": a share of something else
    label = _label(re.sub(r"^\s*of\s+", "", after, flags=re.I))
    if not label:
        return None
    near = " ".join(before.split()[-3:])
    direction = "reduce" if REDUCE.search(near) else "increase" if INCREASE.search(near) else "reach"
    return label, direction, after


def _scopes(text: str) -> tuple[str, ...]:
    found = {f"Scope {d}" for m in SCOPE_CODES.finditer(text) for d in re.findall(r"[123]", m.group(1))}
    scope_names = {k.lower(): v for k, v in VOCABULARY["scope"].items()}
    found |= {scope_names[re.sub(r"\s+", " ", m.group(0).lower())] for m in SCOPE_WORD.finditer(text)
              if not m.group(0).lower().startswith("scope")}
    if "all scopes" in found:
        found = (found - {"all scopes"}) | {"Scope 1", "Scope 2", "Scope 3"}
    return tuple(sorted(found))


def _base_year(sentence: str, year: int) -> int | None:
    for pattern in BASE:
        for m in pattern.finditer(sentence):
            base = int(m["base"]) if len(m["base"]) == 4 else 2000 + int(m["base"])
            if base < year:
                return base
    return None


def _value(a: re.Match) -> tuple[float | None, str | None]:
    text = a.group(0)
    number = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    value = float(number.group(0).replace(",", "")) if number else None
    if a["pct"]:
        return value, "percent"
    unit = text[number.end():].strip() if number else None
    return value, unit


def _owned(prefix: str, names: re.Pattern | None) -> bool:
    """The text before the amount says the company commits, and names no one else as the one who does."""
    if OTHERS.search(prefix):
        return False
    cues = list(CUE.finditer(prefix))
    if not cues:
        return False
    cue = cues[-1]
    owner_text = prefix[:cue.end()]
    p = POSSESSIVE.search(prefix[:cue.start()])
    if p and not OWNER.fullmatch(f"the {p.group(1)}") and not (names and names.fullmatch(p.group(1))):
        return False                        # "Amazon's objective"
    return bool(OWNER.search(owner_text) or (names and names.search(owner_text)))


def read_commitments(sentence: str, report_year: int | None, names: Iterable[str] = ()) -> list[Commitment]:
    """The targets one sentence states (none for an achievement, a scenario or someone else's aim)."""
    s = _clean(sentence)
    if not CUE.search(s) or HYPOTHETICAL.search(s):
        return []
    names = [n for n in names if n]
    name_re = re.compile(phrases(names), re.I) if names else None
    out: list[Commitment] = []
    start = 0
    previous: Commitment | None = None
    years = list(TARGET_YEAR.finditer(s))
    for i, ym in enumerate(years):
        seg_start, seg = start, s[start:ym.start()]
        year = int(ym["year"])
        start, prior, previous = ym.end(), previous, None
        if report_year and year < report_year:
            continue
        amounts = [(m, False) for m in AMOUNT.finditer(seg)] + [(m, True) for m in NET_ZERO.finditer(seg)]
        if not amounts:
            continue
        a, net_zero = max(amounts, key=lambda x: x[0].end())
        prefix = s[:seg_start + a.start()]
        if not _owned(prefix, name_re) or ACHIEVED.search(prefix):
            continue
        got = _subject(seg, a, net_zero)
        inherited = got is None and prior is not None and CONTINUES.match(seg[:a.start()]) and not seg[a.end():].strip()
        if inherited:
            got = (prior.label, prior.direction, "")          # "... by 20% by 2030 and 100% by 2050"
        if got is None:
            continue
        label, direction, words = got
        trailing = s[ym.end():years[i + 1].start()] if i + 1 < len(years) else s[ym.end():]
        scopes = prior.scopes if inherited else _scopes(f"{words} {seg[a.start():]} {trailing}")
        value, unit = (None, None) if net_zero else _value(a)
        horizons = list(HORIZON.finditer(prefix))
        horizon = VOCABULARY["horizon"][re.sub(r"\s+", " ", horizons[-1].group(0).lower())] if horizons else None
        amount = re.sub(r"^(?:an?|the)\s+", "", a.group(0).strip(), flags=re.I)
        previous = Commitment(label, amount, value, unit, direction, year, bool(ym["fy"]),
                              _base_year(s, year), scopes, net_zero, horizon, s)
        out.append(previous)
    return out
