"""What kind of answer a question wants, whether a sentence holds one, and the exact piece of it.

Kinds: year (when / by when / which year), percent, count (how many), amount (how much), person (who,
which executive), organisation (which consultancy, who assures), yes/no, list, description. The instruction words of analyst templates ("if yes, specify",
"provide", "detail", "individually", "calculate") ask for a shape, not for content: they are
dropped from the words a passage must contain.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.tokenize import tokenize

YEAR_Q = re.compile(r"^\s*(when|by when)\b|\b(which|what|for which|by which|by what|in which|in what) "
                    r"(year|date|month)\b|\bby when\b|"
                    r"^\s*(?:what|which)(?:'s|’s|\s+is|\s+was)\s+(?:the\s+|[\w-]+['’]s\s+)?(?:[\w-]+\s+){0,3}?"
                    r"(?:target|base|baseline|reference)\s+(?:year|date)\b",
                    re.I)
PERCENT_Q = re.compile(r"\b(what|which) (percentage|share|proportion|fraction|rate)\b|\bwhat per ?cent\b|"
                       r"\bhow much of\b", re.I)
COUNT_Q = re.compile(r"\bhow many\b|\bwhat number of\b", re.I)
AMOUNT_Q = re.compile(r"\bhow (much|large|big|high)\b|\bwhat (number|amount|volume|quantity)\b", re.I)
ROLE = (r"(?:executive|director|officer|manager|chair|chairman|chairwoman|chairperson|ceo|cfo|cso|head|leader|"
        r"president|secretary|person|individual)")
PERSON_Q = re.compile(rf"^\s*(who|whom)\b|\b(which|what)\s+(?:[\w-]+\s+){{0,2}}{ROLE}s?\b", re.I)
# "which consultancy", "which audit firms", "who assures": an organisation is wanted, not a person
ORGANISATION_Q = re.compile(r"\b(which|what)\s+(?:[\w-]+\s+){0,2}(consultanc(?:y|ies)|consultants?|firms?|"
                            r"organi[sz]ations?|auditors?|providers?|partners?|suppliers?|banks?|agenc(?:y|ies)|"
                            r"institutions?|assurers?|verifiers?|insurers?)\b|"
                            r"^\s*who\s+(?:(?:has|have|had)\s+)?(audit(?:s|ed)?|assur(?:es|ed)|verifi(?:es|ed)|suppli(?:es|ed)|"
                            r"provid(?:es|ed)|certifi(?:es|ed)|insur(?:es|ed)|financ(?:es|ed)|rate[sd])\b",
                            re.I)
YES_NO_Q = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|will|can)\b", re.I)
INSTRUCTIONS = re.compile(r"\b(if (yes|so|applicable|any)|please|specify|provide|detail|describe|explain|list|"
                          r"individually|separately|respectively|calculate|compute|give|state|indicate|if (?:you|we|one) (?:use|apply|take|count)|"
                          r"values? for each|for each|in (?:percentage|percent|relative|absolute|real|nominal) terms)\b", re.I)

YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,]\d)")
# a first and last name ("Anne Smith", "Ross McInnes") in a sentence that names a role
NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?\s+(?:(?:de|van|von|du|da|le|la)\s+)?"
                  r"(?:Mc|Mac|O')?[A-Z][a-zà-ÿ'’-]+\b")
ROLE_WORD = re.compile(rf"(?:\b(?:group|chief|deputy|senior|executive|general|global|vice)\s+)*"
                       rf"(?:\b{ROLE}s?\b|\bchairs\b|\bvice[- ]president\b|\bmember\b)", re.I)
# an organisation's name: capitalised words ending in a legal or organisational word, or joined by "&"
ORGANISATION = re.compile(r"\b(?:[A-Z][\w'’.-]*\s+){1,4}(?:Ltd|Limited|LLP|LLC|Inc|plc|PLC|GmbH|AG|SA|S\.A\.|NV|BV|"
                          r"Co\.|Group|Partners|Associates|Associés|Economics|Consulting|Advisory|Bank|Council|"
                          r"Institute|Foundation|Agency|Authority|University|et Autres)\b|"
                          r"\b[A-Z][\w'’.-]+\s+&\s+[A-Z][\w'’.-]+")
PERCENT = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:%|per ?cent)", re.I)
FIGURE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?!\d)")
PERSON = re.compile(r"\b(Dr|Mr|Ms|Mrs|Prof)\.?\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)?|\b[A-Z][a-z]+ [A-Z][a-z]+,\s+(the\s+)?"
                    r"(Chairman|Chair|CEO|President|Director|Secretary|Chief)\b")


# the first pattern a question matches says what it wants; else a description
KINDS = (("year", YEAR_Q), ("organisation", ORGANISATION_Q), ("person", PERSON_Q), ("percent", PERCENT_Q),
         ("count", COUNT_Q), ("amount", AMOUNT_Q), ("yes_no", YES_NO_Q))
FIGURE_KINDS = ("count", "amount", "percent")


def without_kind_words(question: str) -> str:
    """The question without the words that only say what kind of answer it wants ("how big", "which year")."""
    for _, pattern in KINDS:
        question = pattern.sub(" ", question)
    return question


def wanted(question: str) -> str:
    return next((kind for kind, pattern in KINDS if pattern.search(question)), "description")


# a question about kinds of things ("the three most frequent categories of breaches") wants names, not a figure
KINDS_Q = re.compile(r"\b(categories|types|kinds|topics|levers|areas|ways|reasons|risks|examples|sources|measures|"
                     r"actions|initiatives|projects|programmes|programs|steps)\b", re.I)


def wants_figure(question: str, operation: str, years: list[int]) -> bool:
    """Whether the question asks for a figure of a metric: an amount or a percentage, or a change,
    trend or comparison between years, or a description of a named year ("X's Scope 1 emissions in
    2020"), but not a yes/no, a person, a year or a list of kinds of things."""
    kind = wanted(question)
    if kind in FIGURE_KINDS:
        return True
    if kind != "description" or KINDS_Q.search(question):
        return False
    return operation in ("change", "trend", "extreme") or bool(years)


# numbers that name rather than measure: "Scope 3", "Table 2", "Figure 10", "section 6.6.4", a footnote mark "(1)"
NAMING_NUMBER = re.compile(r"\b(?:scopes?|table|figure|fig\.|category|categories|section|chapter|appendix|annex|note|"
                           r"phase|tier|level|sdgs?|article|principle|goal|step|part|page|p\.|no\.)\s*\d{1,2}"
                           r"(?:\.\d+)*(?:\s*(?:and|&|\+|,|-|–)\s*\d{1,2}\b)*(?!\s*(?:%|per ?cent))|\b\d+(?:\.\d+){2,}\b|"
                           r"(?<=[\w)])\(\d{1,2}\)|^\(?\d{1,2}\)?\s+(?=[A-Z])", re.I)
# a number word that counts things ("three sites"), not a share of a level ("almost half the level"),
# not "one of our ..." or "no longer"
COUNT_WORD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                        r"fifty|dozen|none)\b", re.I)          # not "million": "(million tonnes)" is a unit
FRACTION_WORD = re.compile(r"\b(half|third|quarter|double|doubled|tripled|halved)\b", re.I)
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# a span of time or a date: "over the past five years", "1 January 2021", "June 30"
TIME_SPAN = re.compile(rf"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+"
                       rf"(?:years?|months?|weeks?|days?|decades?)\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\b|"
                       rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*(?:%|per ?cent))", re.I)


def figures(sentence: str) -> list[str]:
    """The figures a sentence gives: not its years, not numbers that name (a scope, a table, a section,
    a footnote), not a span of time ("over the past five years")."""
    text = TIME_SPAN.sub(" ", NAMING_NUMBER.sub(" ", sentence))
    return [f for f in (f.rstrip(",") for f in FIGURE.findall(text)) if not YEAR.fullmatch(f)]


def counts(sentence: str, fractions: bool = True) -> bool:
    """Whether a sentence gives a count or an amount: a figure, or a number word that counts (and, for
    an amount, one that scales: "half", "doubled")."""
    words = TIME_SPAN.sub(" ", sentence)
    return bool(figures(sentence)) or bool(COUNT_WORD.search(words)) or (fractions and bool(FRACTION_WORD.search(words)))


# "What was X's injury frequency in FY2020?": a description question whose subject is a measure
MEASURE = re.compile(r"\b(figures?|emissions|frequency|rate|intensity|consumption|totals?|volume|ratio|score|"
                     r"spend|spending|revenues?|costs?|capacity|production|output|footprint|withdrawals?|"
                     r"discharges?|generation|headcount)\b", re.I)


def wants_percent(question: str) -> bool | None:
    """True when the question asks for a percentage, False for a count or an amount, else None."""
    return {"percent": True, "amount": False, "count": False}.get(wanted(question))


def figure_kind(question: str, operation: str, years: list[int]) -> str | None:
    """The kind of figure a question needs its answer to hold (None: it needs none): "how many" a
    count, "what share" a percentage, "how much" or a measure in a named year an amount."""
    kind = wanted(question)
    if kind in FIGURE_KINDS:
        return kind
    if kind == "description" and MEASURE.search(question) and wants_figure(question, operation, years):
        return "amount"
    return None


def fits(kind: str, sentence: str) -> bool | None:
    """Whether a sentence holds an answer of that kind (None: any sentence may)."""
    if kind == "year":      # a table row of figures may have its years in the header: not a miss
        return True if YEAR.search(sentence) else (None if re.search(r"\d", sentence) else False)
    if kind == "person":
        return bool(PERSON.search(sentence)) or bool(NAME.search(sentence) and ROLE_WORD.search(sentence))
    if kind == "organisation":
        return bool(ORGANISATION.search(sentence))
    if kind == "percent":       # "48%", or a table row "Recovery rate (%) 85 68 76"
        return bool(PERCENT.search(sentence)) or (bool(re.search(r"\(%\)|\bper ?cent\b", sentence, re.I))
                                                  and bool(figures(sentence)))
    if kind in ("amount", "count"):
        return counts(sentence, fractions=kind == "amount")
    return None


def instruction_free(question: str) -> str:
    """The question without the instruction words of analyst templates."""
    return INSTRUCTIONS.sub(" ", question)


# "location-based rather than market-based", "Scope 3, not Scope 1": what follows is set aside, not asked
CONTRAST = re.compile(r"\b(?:rather than|instead of|as opposed to|other than|excluding|except|not)\b[^,;:.?()]*", re.I)


@lru_cache(maxsize=4096)
def asked(question: str) -> str:
    """The question without the alternatives it sets aside."""
    return CONTRAST.sub(" ", question)


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
