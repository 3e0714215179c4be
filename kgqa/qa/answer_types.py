"""What kind of answer a question wants, whether a sentence holds one, and the exact piece of it.

Kinds: year (when / by when / which year), percent, amount (how many / how much), person (who),
yes/no, list, description. The instruction words of analyst templates ("if yes, specify",
"provide", "detail", "individually", "calculate") ask for a shape, not for content: they are
dropped from the words a passage must contain.
"""
from __future__ import annotations

import re

from index.tokenize import tokenize

YEAR_Q = re.compile(r"^\s*(when|by when)\b|\b(which|what|for which|by which|by what|in which|in what) "
                    r"(year|date|month)\b|\bby when\b", re.I)
PERCENT_Q = re.compile(r"\b(what|which) (percentage|share|proportion|fraction|rate)\b|\bwhat per ?cent\b|"
                       r"\bhow much of\b", re.I)
AMOUNT_Q = re.compile(r"\bhow (many|much|large|big|high)\b|\bwhat (number|amount|volume|quantity)\b", re.I)
PERSON_Q = re.compile(r"^\s*(who|whom)\b", re.I)
YES_NO_Q = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|will|can)\b", re.I)
INSTRUCTIONS = re.compile(r"\b(if (yes|so|applicable|any)|please|specify|provide|detail|describe|explain|list|"
                          r"individually|separately|respectively|calculate|compute|give|state|indicate|"
                          r"values? for each|for each)\b", re.I)

YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)")
PERCENT = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|per ?cent)", re.I)
FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?!\d)")
NUMBER_WORD = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                         r"hundred|thousand|million|billion|dozen|half|third|quarter|double|doubled|tripled|none|no)\b",
                         re.I)
PERSON = re.compile(r"\b(Dr|Mr|Ms|Mrs|Prof)\.?\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)?|\b[A-Z][a-z]+ [A-Z][a-z]+,\s+(the\s+)?"
                    r"(Chairman|Chair|CEO|President|Director|Secretary|Chief)\b")


def wanted(question: str) -> str:
    if YEAR_Q.search(question):
        return "year"
    if PERSON_Q.search(question):
        return "person"
    if PERCENT_Q.search(question):
        return "percent"
    if AMOUNT_Q.search(question):
        return "amount"
    if YES_NO_Q.search(question):
        return "yes_no"
    return "description"


# a question about kinds of things ("the three most frequent categories of breaches") wants names, not a figure
KINDS_Q = re.compile(r"\b(categories|types|kinds|topics|levers|areas|ways|reasons|risks|examples|sources|measures|"
                     r"actions|initiatives|projects|programmes|programs|steps)\b", re.I)


def wants_figure(question: str, operation: str, years: list[int]) -> bool:
    """Whether the question asks for a figure of a metric: an amount or a percentage, or a change,
    trend or comparison between years, or a description of a named year ("X's Scope 1 emissions in
    2020"), but not a yes/no, a person, a year or a list of kinds of things."""
    kind = wanted(question)
    if kind in ("amount", "percent"):
        return True
    if kind != "description" or KINDS_Q.search(question):
        return False
    return operation in ("change", "trend", "extreme") or bool(years)


def fits(kind: str, sentence: str) -> bool | None:
    """Whether a sentence holds an answer of that kind (None: any sentence may)."""
    if kind == "year":      # a table row of figures may have its years in the header: not a miss
        return True if YEAR.search(sentence) else (None if re.search(r"\d", sentence) else False)
    if kind == "person":
        return bool(PERSON.search(sentence))
    if kind == "percent":
        return bool(PERCENT.search(sentence))
    if kind == "amount":
        return any(not YEAR.fullmatch(f) for f in FIGURE.findall(sentence)) or bool(NUMBER_WORD.search(sentence))
    return None


def instruction_free(question: str) -> str:
    """The question without the instruction words of analyst templates."""
    return INSTRUCTIONS.sub(" ", question)


def lead_year(sentence: str, content: set[str], window: int = 4) -> str | None:
    """The year a sentence gives for what the question asks about: the year with the most of the
    question's words just before it ("carbon neutrality by 2055" -> 2055), or else just after it."""
    words = [re.sub(r"^\W+|\W+$", "", w) for w in sentence.split()]
    years = [(i, w) for i, w in enumerate(words) if YEAR.fullmatch(w)]
    if not years:
        return None

    def near(i: int) -> tuple[int, int, int]:
        before = set(tokenize(" ".join(words[max(0, i - window):i]))) & content
        after = set(tokenize(" ".join(words[i + 1:i + 1 + window]))) & content
        return len(before), len(after), -i
    return max(years, key=lambda iy: near(iy[0]))[1]
