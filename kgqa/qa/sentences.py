"""The units of a passage (its sentences, list items and table rows, as visible text) and what can be
read from a few of them: the result against an aim, shares summed, a row with its column headings,
one copy of each sentence."""
from __future__ import annotations

import re

from index.tokenize import tokenize
from kgqa.answer import Citation
from kgqa.report.text import clean_inline

from . import thresholds as T
from .answer_types import wanted

SENTENCE = re.compile(r"(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\bNo\.)(?<!\bDr\.)(?<!\bCo\.)(?<!\bMr\.)(?<!\bMs\.)"
                      r"(?<!\bvs\.)(?<!\bLtd\.)(?<=[.!?。])\s+(?=[A-Z0-9\"“(])|\n+")
CURRENCY_GLUED = re.compile(r"\b(CNY|RMB|USD|EUR|GBP|HKD|JPY|US\$)(?=\d)")


def units(text: str) -> list[str]:
    """The sentences, list items and table rows of a passage, as visible text."""
    out = []
    for s in SENTENCE.split(text):
        s = clean_inline(s.strip().strip("|").replace("|", " | ")).strip(" -◆•*")
        s = CURRENCY_GLUED.sub(r"\1 ", s)           # "CNY8,800" reads as "CNY 8,800"
        if len(s) >= 3:
            out.append(s)
    return out


# a figure tied to its year: "63 million tonnes of CO2 equivalent in 2020", "8 Mt in 2021"
FIGURE_IN_YEAR = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*%?\s+(?:[A-Za-z()₂2%-]+\s+){0,8}?(?:in|for|during)\s+"
                            r"(?:FY\s?)?((?:19|20)\d{2})\b")
FALL = re.compile(r"\b(fall|fell|fallen|decrease|decreased|drop|dropped|decline|declined|reduce|reduced|cut|go down|"
                  r"went down|lower)\b", re.I)
RISE = re.compile(r"\b(rise|rose|risen|increase|increased|grow|grew|grown|go up|went up|higher)\b", re.I)


def change_verdict(question: str, years: list[int], sentences: list[str]) -> tuple[bool, str, int] | None:
    """"Did X fall from 2020 to 2021?" and a sentence gives the figure of each year ("8 million tonnes
    in 2021, compared with 8 million tonnes in 2020"): whether it went the way asked, with the figures
    and the place of that sentence; None when no one sentence gives both."""
    down, up = bool(FALL.search(question)), bool(RISE.search(question))
    if len(years) != 2 or down == up:
        return None
    first, last = sorted(years)
    for i, s in enumerate(sentences):
        got = {int(y): float(v.replace(",", "")) for v, y in FIGURE_IN_YEAR.findall(s)}
        if first in got and last in got:
            a, b = got[first], got[last]
            went = "unchanged" if a == b else ("fell" if b < a else "rose")
            return (b < a) if down else (b > a), f"{went}: {a:g} in {first}, {b:g} in {last}", i
    return None


ACHIEVED_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%(?!\s*(?:by|in)\s+(?:19|20)\d{2})")


def aim_reached(aim: str, sentences: list[str]) -> tuple[bool, str, int] | None:
    """The achieved percentage the sentences give (not the aim itself, not a later target
    "35% by 2025") against the aim (as printed, "30"): whether it was reached, "29.5% against 30%",
    and the place of the sentence that gives it."""
    for i, s in enumerate(sentences):
        for m in ACHIEVED_PERCENT.finditer(s):
            if float(m.group(1)) != float(aim):
                return float(m.group(1)) >= float(aim), f"{m.group(1)}% against {aim}%", i
    return None


COMBINED_ITEMS = re.compile(r"\b(?:from|of|by)\s+((?:[\w-]+\s+){0,3}?[\w-]+(?:,\s*[\w-]+(?:\s+[\w-]+){0,2})*"
                            r",?\s+and\s+[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:combined|together|in total)\b", re.I)


# what a sentence says a share is of: "A and B account for / make up / represent N per cent"
SHARE_OF = re.compile(r"\b(?:account(?:s|ed)?\s+for|make(?:s)?\s+up|made\s+up|represent(?:s|ed)?|contribute[sd]?(?:\s+to)?|"
                      r"comprise[sd]?|(?:are|were|is|was)(?:\s+responsible\s+for)?)\s+(?:[\w-]+\s+){0,3}?"
                      r"\d+(?:\.\d+)?\s*(?:%|per ?cent)", re.I)
SHARE = re.compile(r"\d\s*(?:%|per ?cent)", re.I)


def combined_items(m: re.Match) -> list[str]:
    """The items of a COMBINED_ITEMS match: "(of emissions came from) coal and ore" -> coal, ore."""
    phrase = re.split(r"\b(?:from|of|by)\s+", m.group(1), flags=re.I)[-1]
    return [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase) if i.strip()]


def states_combined(question: str, sentence: str) -> bool:
    """Whether a sentence gives the share of the items a question combines as one figure ("coal and
    gas account for about 85 per cent" for "what share came from gas and coal combined?"): every item
    named just before a verb of share, and no share of its own among them (not "coal (55 per cent)
    and gas (30 per cent)", nor a change, "coal and gas fell by 10 per cent")."""
    m = COMBINED_ITEMS.search(question)
    if not m:
        return False
    items = combined_items(m)
    for v in SHARE_OF.finditer(sentence):
        before = sentence[max(0, v.start() - 120):v.start()]
        if all(re.search(rf"\b{re.escape(i)}\b", before, re.I) for i in items) and not SHARE.search(before):
            return True
    return False


def combined_share(question: str, sentences: list[str]) -> str:
    """"What share came from electricity and diesel combined?" and the passage gives each one's share
    ("electricity (40 per cent) and diesel (40 per cent)"): their sum, shown with its inputs; nothing
    when a sentence states the combined share itself."""
    m = COMBINED_ITEMS.search(question)
    if not m or wanted(question) != "percent" or any(states_combined(question, s) for s in sentences):
        return ""
    text = " ".join(sentences)
    shares = []
    for item in combined_items(m):
        got = re.search(rf"\b{re.escape(item)}\b\W+(?:[\w-]+\W+){{0,4}}?(\d+(?:\.\d+)?)\s*(?:%|per ?cent)",
                        text, re.I)
        if not got:
            return ""
        shares.append((item, float(got.group(1))))
    if len(shares) < 2:
        return ""
    total = sum(v for _, v in shares)
    if total > 100:
        return ""           # shares of one whole: read from the wrong figures
    return (" Combined: " + " + ".join(f"{v:g}% ({name})" for name, v in shares) + f" = {total:g}%.")


def unit_at(us: list[str], sentence: str) -> int | None:
    """Where a picked sentence (maybe joined with the one before it) stands among its passage's units."""
    return next((i for i, u in enumerate(us) if u in sentence), None)


def with_header(text: str, unit: str) -> str:
    """A table row quoted with its column headings: "Wind capacity (MW): 2021: 120; 2022: 180", not
    "Wind capacity (MW) 120 180". Any other unit as it is."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "\t" not in line or line.startswith("\t") or units(line) != [unit]:
            continue
        header = next((h for h in reversed(lines[:i]) if h.startswith("\t")), None)
        label, *cells = line.split("\t")
        heads = header.split("\t")[1:] if header else []
        if len(heads) == len(cells) and all(h.strip() for h in heads):
            pairs = "; ".join(f"{h.strip()}: {c.strip()}" for h, c in zip(heads, cells) if c.strip())
            return f"{clean_inline(label.strip())}: {pairs}"
    return unit


def _cells(text: str) -> bool:
    """Whether text is a row's cells (figures, marks), not words that go on."""
    return bool(re.search(r"\d", text)) and sum(ch.isalpha() for ch in text) <= 0.3 * len(text.strip())


def distinct(scored: list) -> list:
    """One copy of each sentence: a report may print a sentence twice, or nearly (a word changed).
    A unit that only begins another of its passage (a table's title, then its row with the figures)
    gives way to the longer one."""
    rows = {(x[1].passage_id, x[2]) for x in scored}
    scored = [x for x in scored if not any(pid == x[1].passage_id and len(s) > len(x[2]) and s.startswith(x[2])
                                           and _cells(s[len(x[2]):]) for pid, s in rows)]
    kept, seen = [], []
    for x in scored:
        words = set(tokenize(x[2]))
        if not any(len(words & w) >= T.SAME_SENTENCE * max(len(words), len(w)) for w in seen if words and w):
            kept.append(x)
            seen.append(words)
    return kept


def cited(quoted) -> tuple[list[Citation], list[int]]:
    """One citation per passage for (passage, sentence) pairs quoted in order, each sentence marked
    in its passage's citation, and the citation number of each pair."""
    citations: list[Citation] = []
    numbers = []
    for p, sentence in quoted:
        c = next((c for c in citations if c.passage_id == p.passage_id), None)
        if c is None:
            c = Citation.of(len(citations) + 1, p, p.score, [])
            citations.append(c)
        c.highlights.append(sentence)
        numbers.append(c.number)
    return citations, numbers
