"""Metric observations from figures stated in ordinary prose sentences:

    "Our Scope 3 emissions from the fuels we sold ... were 1,310 million tonnes CO2e." (X was/were N unit)
    "We produced 512 GWh of green hydrogen in 2022."                                  (we <verb> N unit of X)
    "512 GWh of green hydrogen production"                                            (a key-figure caption)
    "... reported total Scope 3 GHG emissions of 98.5 mt CO2e in 2022"                (X of N unit)

A sentence gives a figure only when it is plainly a measured level: its subject ends with a measured
noun ("emissions", "production", "capacity"; vocabulary prose_figures.json), its figure has a unit
(a physical unit or a currency; a bare count or a percentage is not read), and its year is the one the
sentence names for it or, when it names none, the report's period.  A change ("fell by 4%", "5 Mt
lower"), a target or hypothetical ("by 2030", "we aim", "would"), a cumulative or average figure
("since 2015", "per year"), a range, and a sentence naming a year it does not say the figure is for
are not read: a loose prose label could take a question from a table figure, so precision comes
first.  The label is the subject's head noun phrase ("Scope 3 emissions"); what follows it ("from
the fuels we sold to customers") and a parenthesis ("(market-based)") is the observation's qualifier,
so a question must not contradict it.  An intensity ("per tonne"), a figure with a boundary
("excluding joint ventures") and a relative period ("last year") are not read either.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Iterable

from kgqa.report.model import Passage, Report
from kgqa.report.text import clean_inline, sentences

from ..units import CURRENCIES, SCALE_WORDS, _unit_word

VOCABULARY = json.loads((files("kg") / "prose_figures.json").read_text(encoding="utf-8"))
COMMITMENTS = json.loads((files("kg") / "commitments.json").read_text(encoding="utf-8"))


def _phrases(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _words_re(words: Iterable[str]) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{_phrases(words)})(?![\w-])", re.I)


STATE_VERB = _words_re(VOCABULARY["state_verbs"])
ACTION_VERBS = {k.lower(): v for k, v in VOCABULARY["action_verbs"].items()}
ACTION_VERB = _words_re(ACTION_VERBS)
OWNER_VERB = _words_re(VOCABULARY["owner_verbs"])
HEDGES = {k.lower(): v for k, v in VOCABULARY["hedges"].items()}
HEDGE = rf"(?:(?P<hedge>{_phrases(HEDGES)})\s+)?"
SKIP_HEDGE = re.compile(rf"(?:{_phrases(VOCABULARY['skip_hedges'])})\s*$", re.I)
MEASURE = {w.lower() for w in VOCABULARY["measure_nouns"]}
STANDALONE = {w.lower() for w in VOCABULARY["standalone_measures"]}
GENERIC = {w.lower() for w in VOCABULARY["generic_heads"]}
MODIFIERS = _phrases(VOCABULARY["modifier_words"])
MODIFIER = re.compile(rf"(?<![\w-])(?:{MODIFIERS})(?![\w-])", re.I)
EXTRA_UNITS = {w.lower() for w in VOCABULARY["unit_words"]}
UNIT_PHRASE = re.compile(rf"^\s*(?:{_phrases(VOCABULARY['unit_phrases'])})(?![\w-])", re.I)
GLUED = {k.lower(): v for k, v in VOCABULARY["glued_scales"].items()}
COMPARISON = _words_re(VOCABULARY["comparison"])
DIFFERENCE = re.compile(rf"^\s*(?:{_phrases(VOCABULARY['difference'])})(?![\w-])", re.I)
CUMULATIVE = _words_re(VOCABULARY["cumulative"])
NOT_MEASURED = _words_re(COMMITMENTS["cue"] + COMMITMENTS["hypothetical"])
# the sentence also states how the figure changed ("up 10% from FY21", "a 4% reduction compared with 2020"):
# it answers a question about the change, which one year's figure would take from it
PERCENT_CHANGE = re.compile(rf"(?:{_phrases(VOCABULARY['difference'])})\s+(?:by\s+)?(?:about\s+|around\s+|some\s+)?"
                            rf"\d+(?:\.\d+)?\s*(?:%|per\s?cent)|\d+(?:\.\d+)?\s*(?:%|per\s?cent)\s+"
                            rf"(?:(?:absolute|year-on-year|annual)\s+)?(?:{_phrases(VOCABULARY['difference'])})", re.I)
TARGET_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:FY\s?)?(?:19|20)\d{2}\b", re.I)

_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES | {c for c in ("US$", "A$", "€", "$", "£")}, key=len,
                                                   reverse=True))
# a figure: an optional currency, the number (thousands with commas, never a range) and a glued scale ("174M")
FIGURE = re.compile(rf"(?P<cur>(?:{_CUR})\s?)?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    rf"(?P<glued>{'|'.join(sorted(GLUED, key=len, reverse=True))})?(?![\w.,]\d)(?![\w%])", re.I)
YEAR = re.compile(r"(?<![\w$€£.,])(?:FY\s?(?P<fy>\d{4}|\d{2})|(?:fiscal\s+(?:year\s+)?)?(?P<y>(?:19|20)\d{2}))(?![\w%.,]\d|%|\w)",
                  re.I)
CODE = re.compile(r"\b(?:scopes?|category|categories|tier)\s+\d{1,2}(?:\s*(?:,|and|&|\+|/)\s*\d{1,2})*\b", re.I)
DETERMINER = re.compile(r"^(?:(?:our|the|its|their|this|these|group|company|all)\s+)+", re.I)
POSSESSIVE = re.compile(r"^(?:the\s+)?(?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*['’]s\s+")
CLAUSE = re.compile(r"[,;:…]|\s[–—-]\s|\b(?:and|but|while|whereas|as|because|when|where|so|which|that)\s+"
                    r"(?=(?:our|the|its|their|this|total)\b)", re.I)
ANAPHORA = re.compile(r"\b(?:these|those|such|this|the\s+same|the\s+latter|the\s+former|them|it)\b", re.I)
COORDINATED = re.compile(rf"\b(?:and|or|&)\s+(?:[\w-]+\s+){{0,2}}(?:{'|'.join(sorted(MEASURE))})\b", re.I)
MAX_LABEL_WORDS = 10
MAX_SUBJECT_WORDS = 20


@dataclass(frozen=True)
class ProseFigure:
    label: str
    qualifier: str | None
    value: float
    printed: str              # the figure as printed ("1,310")
    unit: str                 # the unit as printed, with its scale ("million tonnes CO2e")
    year: int
    note: str | None          # a hedge ("approximately")
    sentence: str


# a period named relative to another ("last year"): which year it is depends on when it was written
RELATIVE_PERIOD = re.compile(r"\b(?:last|previous|prior|past|next|this)\s+(?:(?:fiscal|financial|calendar|reporting)\s+)?"
                             r"(?:year|period)\b", re.I)
# a boundary that makes the figure another one than its label says ("…, excluding joint ventures")
BOUNDARY = re.compile(r"\b(?:excluding|including|except|excl\.|incl\.|net of|outside)\b", re.I)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_token(w: str) -> bool:
    low = w.lower().strip(".")
    return low in EXTRA_UNITS or low in CURRENCIES or low in SCALE_WORDS or (
        _unit_word(low) and len(low) > 1 and low not in ("no", "nr", "number", "count", "per", "eq"))


def read_unit(text: str) -> tuple[str, int]:
    """The unit words at the start of `text` ("million tonnes CO2e.", "GWh of green hydrogen") and where
    they end; ("", 0) when none."""
    pos, words = 0, []
    while True:
        m = UNIT_PHRASE.match(text[pos:])
        if m and words:
            words.append(m.group(0).strip())
            pos += m.end()
            continue
        m = re.match(r"\s*([^\s,;:()]+?)(?=[\s,;:()]|[.](?:\s|$)|$)", text[pos:])
        if not m or not _unit_token(m.group(1)):
            break
        words.append(m.group(1))
        pos += m.end()
    # a unit that is only a scale ("8 million") or a currency word is no unit of a measured thing
    return (" ".join(words), pos) if words else ("", 0)


def _has_measure_unit(unit: str, currency: str) -> bool:
    words = [w.lower() for w in unit.split()]
    return bool(currency) or any(w not in SCALE_WORDS for w in words)


def _years(text: str) -> list[tuple[int, int, int]]:
    out = []
    for m in YEAR.finditer(text):
        y = m.group("fy") or m.group("y")
        y = int(y) if len(y) == 4 else 2000 + int(y)
        out.append((y, m.start(), m.end()))
    return out


def _head(subject: str, names: re.Pattern | None) -> tuple[str, str] | None:
    """(label, qualifier) of a subject noun phrase: its head up to the first modifier ("from",
    "associated with", "in"), the rest the qualifier; None when it does not end with a measured noun."""
    s = subject.strip(" ,.;:")
    if names is not None:
        s = names.sub("", s).strip()
    s = POSSESSIVE.sub("", DETERMINER.sub("", s)).strip()
    s = DETERMINER.sub("", s).strip()
    if not s or not s[0].isalpha():
        return None
    head, rest = s, ""
    for m in MODIFIER.finditer(s):
        before = s[: m.start()].strip()
        words = before.split()
        if not words:
            return None
        if m.group(0).lower() == "of" and words[-1].lower() in GENERIC and len(words) <= 2:
            continue        # "volume of oil spilled": the generic noun is measured by what follows
        head, rest = before, s[m.start():].strip()
        break
    words = head.split()
    last = re.sub(r"[^\w-]", "", words[-1]).lower() if words else ""
    if not words or len(words) > MAX_LABEL_WORDS or last not in MEASURE:
        return None
    if ANAPHORA.search(s) or COORDINATED.search(rest):
        return None       # "by these facilities": another sentence says which; "costs and investment": two things
    of = re.match(rf"^of\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){{0,3}}?)(?=$|\s+(?:{MODIFIERS})(?![\w-]))", rest, re.I)
    if len(words) == 1 and last not in STANDALONE:
        if not of:
            return None   # a bare "Consumption" does not say of what
        head, rest = f"{head} {of.group(0)}", rest[of.end():].strip()
        words = head.split()
    if any(not w[:1].isalpha() and not CODE.search(head) for w in words):
        return None
    return head[:1].upper() + head[1:], rest


def _clean_qualifier(parts: list[str]) -> str | None:
    q = " ".join(p.strip(" ,;:()") for p in parts if p and p.strip(" ,;:()"))
    q = re.sub(r"\b(?:in|for|during)\s+(?:the\s+)?(?:FY\s?\d{2,4}|(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d{2})\b", "", q,
               flags=re.I)
    q = re.sub(r"\s+", " ", q).strip(" ,;:")
    return q or None


def _year(sentence: str, fig_start: int, fig_end: int, subject_start: int, report_year: int | None) -> int | None:
    """The year the figure is for: the one the sentence names before the figure or right after it (a year
    after a comparison word is another figure's); the report's when it names none; None when it names
    another it does not tie to anything (ambiguous)."""
    found: set[int] = set()
    for y, a, b in _years(sentence):
        if a >= fig_end:
            between = sentence[fig_end:a]
            if COMPARISON.search(between):
                continue                       # "compared with 8 million tonnes in 2020"
            if len(between.split()) <= 4 and re.search(r"\b(?:in|for|during|at\s+(?:the\s+)?end(?:\s+of)?|as\s+of)\s*"
                                                        r"(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?$", between, re.I) \
                    or re.search(r"\bend-$", between):
                found.add(y)
                continue
            return None
        elif b <= fig_start:
            if COMPARISON.search(sentence[max(0, a - 25):a]):
                continue
            found.add(y)
    if len(found) > 1:
        return None
    return found.pop() if found else report_year


def read_figures(sentence: str, report_year: int | None, names: Iterable[str] = ()) -> list[ProseFigure]:
    """The measured figures a sentence states (see the module's doc); usually none."""
    s = clean_inline(sentence)
    s = re.sub(r"\((?:\d{1,2}|[a-z])\)|\[[A-Z0-9]{1,2}\]", "", s)         # footnote marks
    s = re.sub(r"\s+", " ", s).strip()
    if not re.search(r"\d", s) or NOT_MEASURED.search(s) or TARGET_YEAR.search(s) or CUMULATIVE.search(s) \
            or PERCENT_CHANGE.search(s) or RELATIVE_PERIOD.search(s):
        return []
    names = [n for n in names if n and len(n) > 2]
    name_re = re.compile(rf"(?:the\s+)?(?:{'|'.join(re.escape(n) for n in names)})['’]s\s+", re.I) if names else None
    out: list[ProseFigure] = []
    for m in FIGURE.finditer(s):
        got = _read_at(s, m, report_year, names, name_re)
        if got:
            out.append(got)
            break          # one figure per sentence: the others are usually comparisons
    return out


def _read_at(s: str, m: re.Match, report_year, names, name_re) -> ProseFigure | None:
    if YEAR.fullmatch(m.group("num")) and not m.group("cur") and not m.group("glued"):
        return None
    before = s[: m.start()]
    if SKIP_HEDGE.search(before):
        return None
    hedge_m = re.search(rf"(?:^|\s)(?P<hedge>{_phrases(HEDGES)})\s*$", before, re.I)
    hedge = HEDGES.get(re.sub(r"\s+", " ", hedge_m.group("hedge").lower())) if hedge_m else None
    core = before[: hedge_m.start()] if hedge_m else before
    cur = (m.group("cur") or "").strip()
    unit, ulen = read_unit(s[m.end():])
    glued = GLUED.get((m.group("glued") or "").lower(), "")
    if glued:
        unit = f"{glued} {unit}".strip()
    if not unit and not cur or not _has_measure_unit(unit, cur):
        return None
    after_pos = m.end() + ulen
    after = s[after_pos:]
    if DIFFERENCE.match(after) or re.match(r"^\s*(?:to|-|–|—)\s*\d", after):
        return None            # "5 Mt lower than", a range "5 to 6 Mt"
    if re.match(r"^\s*(?:per|/)\s*\w", after) or BOUNDARY.search(after):
        return None            # an intensity ("12 kg CO2e per tonne"), a figure with a boundary ("excluding …")
    full_unit = f"{cur} {unit}".strip()
    value = _number(m.group("num"))
    label = qualifier = None
    subject_start = 0
    # 1. "X was/were N unit": the subject is the clause before the verb
    verb = None
    for v in STATE_VERB.finditer(core):
        if not core[v.end():].strip():
            verb = v
    if verb:
        subject = core[: verb.start()]
        got = _subject(subject, name_re)
        if not got:
            return None
        label, qualifier = got
    else:
        act = None
        for v in ACTION_VERB.finditer(core):
            if not core[v.end():].strip():
                act = v
        of = re.match(r"^\s+of\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,4}?)(?=\s*(?:$|[,.;:…(])|\s+(?:in|for|during|at|from|across|"
                      r"compared|versus|and|which|that|to|by|was|were|is|are)\b)", after)
        if act:
            # 2. "we produced N unit of X": the company's own action, named as a noun ("X production")
            who = core[: act.start()].strip(" ,")
            who = re.split(r"[,;:]", who)[-1].strip()
            if not of or not _is_company(who, names):
                return None
            thing = of.group(1).strip()
            noun = ACTION_VERBS[act.group(0).lower()]
            label = thing if thing.lower().endswith(noun) else f"{thing} {noun}"
            label = label[:1].upper() + label[1:]
            after_pos += of.end()
        elif not core.strip() and of:
            # 3. a caption: "512 GWh of green hydrogen production" (the sentence starts with the figure)
            thing = of.group(1).strip()
            rest = after[of.end():]
            if thing.split()[-1].lower() not in MEASURE or not re.match(r"^\s*(?:$|[.…])", rest):
                return None
            label = thing[:1].upper() + thing[1:]
            after_pos += of.end()
        elif re.search(r"\sof\s*$", core):
            # 4. "X of N unit": the noun phrase before "of", after a verb or clause break
            np = re.sub(r"\s+of\s*$", "", core)
            np = CLAUSE.split(np)[-1]
            ov = list(OWNER_VERB.finditer(np)) + list(ACTION_VERB.finditer(np))
            if ov:
                np = np[max(v.end() for v in ov):]
            elif len(np.split()) > 4:
                return None
            got = _subject(np, name_re, loose=False)
            if not got or got[1]:
                return None
            label, qualifier = got
        else:
            return None
    year = _year(s, m.start(), after_pos, subject_start, report_year)
    if year is None:
        return None
    tail = re.match(r"^\s*(?:(?:in|for|during)\s+(?:the\s+)?(?:FY\s?\d{2,4}|(?:19|20)\d{2})\s*)?\((?P<p>[^()]{3,60})\)",
                    s[after_pos:])
    if tail and not re.search(r"\d", tail.group("p")):
        qualifier = _clean_qualifier([qualifier or "", tail.group("p")])
    note = hedge or None
    return ProseFigure(label, qualifier, value, m.group("num"), full_unit, year, note, s)


def _is_company(who: str, names: list[str]) -> bool:
    low = who.lower()
    if low in ("we", "the group", "the company"):
        return True
    return any(low == n.lower() or low == f"the {n.lower()}" for n in names)


def _subject(subject: str, name_re, loose: bool = True) -> tuple[str, str | None] | None:
    """(label, qualifier) of the clause before a verb: the last clause, parentheses aside (a code in
    one, "(Scope 2)", belongs to the label; any other is a qualifier)."""
    parens = re.findall(r"\(([^()]*)\)", subject)
    bare = re.sub(r"\s*\([^()]*\)", "", subject)
    if "(" in bare or ")" in bare:
        return None
    clause = CLAUSE.split(bare)[-1]
    # a leading time phrase: "In 2021 our ...", "During FY22 the ..."
    clause = re.sub(r"^\s*(?:in|during|for|at\s+the\s+end\s+of)\s+(?:the\s+)?(?:FY\s?\d{2,4}|(?:19|20)\d{2}|year)\s*",
                    "", clause, flags=re.I)
    # a subject with a year in it: "... for FY22" is the figure's period (read by _year), anything else
    # with digits than a code ("Scope 3", "Category 11") is not a plain noun phrase
    clause = re.sub(r"\s+(?:in|for|during)\s+(?:the\s+)?(?:FY\s?\d{2,4}|(?:19|20)\d{2})\s*$", "", clause, flags=re.I)
    if len(clause.split()) > MAX_SUBJECT_WORDS:
        return None
    if re.search(r"\d", CODE.sub("", YEAR.sub("", clause))):
        return None
    if YEAR.search(CODE.sub("", clause)):
        clause = re.sub(r"\s+(?:in|for|during|across)\s+(?:the\s+)?(?:FY\s?\d{2,4}|(?:19|20)\d{2})\b", "", clause,
                        flags=re.I)
        if YEAR.search(CODE.sub("", clause)):
            return None
    got = _head(clause, name_re)
    if not got:
        return None
    label, rest = got
    codes = [p for p in parens if CODE.fullmatch(p.strip())]
    others = [p for p in parens if p not in codes and not re.search(r"\d", p)]
    if codes:
        label = f"{label} ({codes[0].strip()})"
    return label, _clean_qualifier([rest] + others)


def passage_figures(report: Report) -> list[tuple[ProseFigure, Passage]]:
    """(figure, passage) for every figure stated in the report's prose (not its tables, nor the
    key-performance blocks read for their bold figures) for the report's own period: a prose figure
    of an earlier year is context for a change ("were 120 kt in 2021 ... fell by 25% to 90 kt"),
    and would answer a question about the change with one year's figure."""
    if not report.year:
        return []
    names = [report.short_name, report.company, *report.aliases]
    out = []
    for p in report.passages:
        if p.kind in ("table", "key_performance"):
            continue
        for s in sentences(p.text):
            for f in read_figures(s, report.year, names):
                if f.year == report.year:
                    out.append((f, p))
    return out


def _line(report: Report, passage: Passage, printed: str) -> int:
    """The line of the passage that prints the figure (its first line when none does alone)."""
    for n in range(passage.start, passage.end + 1):
        if 0 < n <= len(report.lines) and printed in report.lines[n - 1]:
            return n
    return passage.start


def extract(g, report: Report, w) -> int:
    """Each figure of `passage_figures` as an observation (esg:extractedFrom "prose") derived from its passage."""
    count = 0
    for f, p in passage_figures(report):
        obs = w.add(f.label, f.value, f.printed, f.unit, f.year, _line(report, p, f.printed), "prose",
                    qualifier=f.qualifier, note=f.note, entity_text=f.sentence, passage=p)
        count += obs is not None
    return count
