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


ACHIEVED_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%(?!\s*(?:by|in)\s+(?:19|20)\d{2})")


def aim_reached(aim: float, sentences: list[str]) -> tuple[bool, str, int] | None:
    """The achieved percentage the sentences give (not the aim itself, not a later target
    "35% by 2025") against the aim, with the place of the sentence that gives it."""
    for i, s in enumerate(sentences):
        for m in ACHIEVED_PERCENT.finditer(s):
            if float(m.group(1)) != aim:
                return float(m.group(1)) >= aim, m.group(1), i
    return None


COMBINED_ITEMS = re.compile(r"\b(?:from|of|by)\s+((?:[\w-]+\s+){0,3}?[\w-]+(?:,\s*[\w-]+(?:\s+[\w-]+){0,2})*"
                            r",?\s+and\s+[\w-]+(?:\s+[\w-]+){0,2}?)\s+(?:combined|together|in total)\b", re.I)


def states_combined(question: str, sentence: str) -> bool:
    """Whether a sentence gives the share of the items a question combines as one figure ("coal and
    gas account for about 85 per cent" for "what share came from coal and gas combined?")."""
    m = COMBINED_ITEMS.search(question)
    if not m:
        return False
    joined = r"\W+".join(re.escape(w) for w in re.findall(r"[\w-]+", m.group(1)))
    return bool(re.search(rf"\b{joined}\b\W+(?:[\w-]+\W+){{0,6}}?\d+(?:\.\d+)?\s*(?:%|per ?cent)", sentence, re.I))


def combined_share(question: str, sentences: list[str]) -> str:
    """"What share came from electricity and diesel combined?" and the passage gives each one's share
    ("electricity (40 per cent) and diesel (40 per cent)"): their sum, shown with its inputs; nothing
    when a sentence states the combined share itself."""
    m = COMBINED_ITEMS.search(question)
    if not m or wanted(question) != "percent" or any(states_combined(question, s) for s in sentences):
        return ""
    text = " ".join(sentences)
    shares = []
    for item in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1)):
        got = re.search(rf"\b{re.escape(item.strip())}\b\W+(?:[\w-]+\W+){{0,4}}?(\d+(?:\.\d+)?)\s*(?:%|per ?cent)",
                        text, re.I)
        if not got:
            return ""
        shares.append((item.strip(), float(got.group(1))))
    if len(shares) < 2:
        return ""
    total = sum(v for _, v in shares)
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
