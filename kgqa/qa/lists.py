"""List answers: "What are X's main levers?", "Which scenarios did X use?".

A report gives a list in one of three shapes: bullet items under a lead sentence, rows of a table,
or one sentence that enumerates ("The key areas of focus are A, B and C.", "...five pillars: A, B,
C, D and E"). The list that answers is the one whose lead names what was asked for (the head noun of
the question: levers, scenarios, committees), not any list that happens to sit in a relevant passage."""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.tokenize import tokenize
from kgqa.report.text import clean_inline

from . import thresholds as T

BULLET = re.compile(r"^\s*[-*•◆▪●]\s+\S")
# where an enumeration starts: after a colon, or after a verb or phrase that introduces the items
ENUM_START = re.compile(r":\s+|\b(?:are|were|include|includes|included|including|comprise|comprises|comprising|"
                        r"such as|namely|focus(?:es|ed)? on|consist(?:s)? of)\s+", re.I)
ITEM_SPLIT = re.compile(r"\s*;\s*|,\s*(?:and\s+|or\s+)?(?![^(]*\))")
# the words that end the noun phrase a list question asks for ("main levers | for its operations")
PHRASE_END = frozenset("in for of under to from at on by with within across did does do is are was were has have "
                       "had will can could would should that which who".split())
LEADING = re.compile(r"^\s*(?:what\s+(?:are|were)|which|list|name)\s+(?:(?:all|the)\s+)?", re.I)
# an analyst's template: "Has the company identified significant levers? If yes, detail them."
YES_NO_THING = re.compile(r"^\s*(?:has|have|had|does|do|did|is|are)\b[^?]*?\b([\w-]+)\s*\?", re.I)
DETAIL_THEM = re.compile(r"\?\s*(?:if (?:yes|so),?\s+)?(?:please\s+)?(?:detail|list|describe|name|specify|give|provide"
                         r"|explain)\s+(?:them|these|those)\b", re.I)


LEAD_WINDOW = 6          # words before an enumerating sentence's items where it names what they are


@dataclass(frozen=True)
class Listing:
    """A list found in a passage: what introduces it and its items."""
    lead: str
    items: tuple[str, ...]
    sentence: str = ""          # the enumerating sentence, when the list is one sentence

    @property
    def text(self) -> str:
        return self.sentence or " ".join((self.lead, *self.items))


def asked_for(question: str) -> frozenset[str]:
    """The stems of the head noun a list question asks for: "What are BHP's main decarbonisation
    levers for its operations?" asks for levers; "Which climate scenarios did X use?" for scenarios."""
    if detail_asked(question):
        return frozenset(tokenize(YES_NO_THING.match(question).group(1))[-1:])
    m = LEADING.match(question)
    if not m:
        return frozenset()
    words = []
    for word in re.findall(r"[\w’'-]+|[?,;:()]", question[m.end():]):
        if word.lower() in PHRASE_END or not re.match(r"\w", word):
            break
        words.append(word)
    head = tokenize(words[-1]) if words else []
    return frozenset(head[-1:])


def detail_asked(question: str) -> bool:
    """Whether a yes/no question goes on to ask for the things it names ("If yes, detail them")."""
    return bool(YES_NO_THING.match(question) and DETAIL_THEM.search(question))


def enumeration(sentence: str, head: frozenset[str] = frozenset()) -> Listing | None:
    """The items a sentence enumerates after a colon or an introducing verb, three or more of them;
    after a colon whose lead names what was asked for ("… four scenarios: A and B, which …; C and
    D"), two or more of any length: the lead says a list follows."""
    starts = list(ENUM_START.finditer(sentence))
    for m in sorted(starts, key=lambda m: not m.group(0).startswith(":")):     # a colon first
        rest = re.sub(r"\s*\([^)]*\)\s*$|[.;]\s*$", "", sentence[m.end():])
        items = [i.strip() for i in ITEM_SPLIT.split(rest) if i.strip()]
        items = [re.sub(r"^(?:and|or)\s+", "", i) for i in items]
        lead = sentence[:m.end()].strip()
        announced = m.group(0).startswith(":") and bool(head & set(tokenize(lead)[-LEAD_WINDOW:]))
        if (announced and len(items) >= 2) or \
                (len(items) >= 3 and all(len(i.split()) <= T.MAX_LIST_ITEM_WORDS for i in items[:-1])):
            return Listing(lead, tuple(items), sentence)
    return None


def bullets(text: str, units) -> Listing | None:
    """The bullet items of a passage (else the first cell of each table row), with the sentence
    before the first item as their lead."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if BULLET.match(line)), None)
    items = [clean_inline(line.strip()[1:].strip(" ◆•*▪●")) for line in lines if BULLET.match(line)]
    lead = ""
    if len(items) >= 2:
        before = units("\n".join(lines[:first]))
        lead = before[-1] if before else ""
    else:
        rows = [re.split(r"\t|\s*\|\s*", line.strip().strip("|")) for line in lines if "\t" in line or "|" in line]
        rows = [r for r in rows if r and r[0].strip() and not set(r[0].strip()) <= set("-: ")]
        items = [clean_inline(r[0]) for r in rows[1:]]
        lead = clean_inline(rows[0][0]) if rows else ""
    if len(items) < 2:
        return None
    return Listing(lead if len(lead) < 300 else "", tuple(items[:T.MAX_LIST_ITEMS]))


def listings(text: str, units, head: frozenset[str] = frozenset()) -> list[Listing]:
    """Every list a passage holds: its bullet list or table, and each enumerating sentence (see
    `enumeration` for `head`)."""
    found = [b for b in [bullets(text, units)] if b]
    found += [e for e in (enumeration(u, head) for u in units(text)) if e]
    return found


def names(listing: Listing, head: frozenset[str]) -> bool:
    """Whether the list's lead says what was asked for (the levers, the scenarios); in a sentence,
    just before its items ("… four scenarios: A, B", not "… added two subsidiaries, A and B, which
    were specialised, refined and innovative")."""
    words = tokenize(listing.lead)
    return bool(head) and bool(head & set(words[-LEAD_WINDOW:] if listing.sentence else words))


def render(listing: Listing) -> str:
    if listing.sentence:
        return listing.sentence
    return (listing.lead + "\n" if listing.lead else "") + "\n".join(f"- {i}" for i in listing.items)
