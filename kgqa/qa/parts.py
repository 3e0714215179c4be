"""A question about several figures at once, split into one question per figure.

"What were X's Scope 1, 2 and 3 emissions?" asks for three figures, "Did X sell more gas or more
electricity?" for two and which is larger, "X's combined Scope 1 and 2 emissions" for two and
their sum. `split()` rewrites such a question into one question per figure; the metric answerer
answers each and puts the figures side by side with the comparison or the sum computed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.tokenize import tokenize

COMPARE = r"(?:more|less|fewer|higher|lower|larger|smaller|greater|bigger)"
# "Scope 1, 2 and 3", "Scope 1 or Scope 2", "Scope 1+2", "Category 1 and 11"
CODE_LIST = re.compile(r"\b(?P<head>[A-Za-z]+?)s?\s+(?P<first>\d{1,2})(?P<rest>(?:\s*(?:,|\+|&|and/or|and|or)\s*"
                       r"(?:(?P=head)s?\s+)?\d{1,2}\b)+)", re.I)
# "more gas or (more) electricity", "higher CO2 or methane"
ALTERNATIVES = re.compile(rf"\b{COMPARE}\s+(?P<a>[^,?:;]+?)\s+or\s+(?:{COMPARE}\s+)?(?P<b>[^,?:;]+?)"
                          r"(?=\s+(?:in|during|for|over|at|than|across|between|on)\b|\s*[,?:;.]|\s*$)", re.I)
# "Which contributed more to X: A, or B?", "Which is larger, A or B?"
TRAILING = re.compile(r"(?P<lead>.*?\b" + COMPARE + r"\b.*?)[:,]\s*(?P<a>[^,:;?]+?),?\s+or\s+(?P<b>[^,:;?]+?)\s*\??\s*$",
                      re.I)
# pairs that say which way, not which figure: "above or below", "more or less"
DIRECTIONS = frozenset(tokenize("more less fewer higher lower larger smaller greater bigger above below up down "
                                "increase increased decrease decreased rise rose fall fell yes no better worse"))
# "..., and how much ...?", "...? What ...?", "..., and was it restated?": a question that asks a second thing
CLAUSE = re.compile(r"(?:,\s*and|;|\?)\s+(?=(?:how|what|which|who|when|where|by how|was|were|is|are|did|does|has|"
                    r"have)\b)", re.I)
COMBINE = re.compile(r"\b(combined|in total|total of|sum|summed|together|altogether|aggregate)\b", re.I)


@dataclass
class Parts:
    questions: list[str]      # one question per figure
    labels: list[str]         # what tells them apart ("Scope 2", "gas")
    compare: bool = False     # "more A or B": which is larger
    combine: bool = False     # "combined A and B": their sum
    codes: tuple[str, list[str]] | None = None    # ("Scope", ["1", "2"]) when split by numbered codes

    def named_in(self, text: str) -> bool:
        """Whether a text speaks of every part ("our combined Scope 1 and 2 emissions were ...")."""
        if self.codes:      # every number close after one mention of the code's name
            head, nums = self.codes
            return any(all(re.search(rf"(?<![\w.]){n}(?![\w]|[.,]\d)", text[m.end():m.end() + 30]) for n in nums)
                       for m in re.finditer(rf"\b{re.escape(head)}", text, re.I))
        return all(label.lower() in text.lower() for label in self.labels)


def split(question: str, names: set[str] = frozenset()) -> Parts | None:
    """The question as one question per figure it asks for, or None when it asks for one figure.
    Alternatives that are companies (`names`: their words) are left to the company logic."""
    text = question.strip()
    m = CODE_LIST.search(text)
    if m and not re.fullmatch(r"(?:19|20)\d{2}", m.group("first")):
        nums = [m.group("first")] + re.findall(r"\d{1,2}", m.group("rest"))
        nums = list(dict.fromkeys(nums))
        if len(nums) >= 2:
            head = m.group("head")
            questions = [_compact(text[:m.start()] + f"{head} {n}" + text[m.end():]) for n in nums]
            compare = bool(re.search(rf"\b{COMPARE}\b", text, re.I)) and " or " in m.group(0).lower()
            questions = [_how_much(_drop_compare(q)) for q in questions] if compare else questions
            return Parts(questions, [f"{head} {n}" for n in nums], compare=compare, combine=bool(COMBINE.search(text)) or "+" in m.group(0),
                         codes=(head, nums))
    for pattern in (ALTERNATIVES, TRAILING):
        m = pattern.search(text)
        if not m:
            continue
        a, b = m.group("a").strip(), m.group("b").strip()
        if _not_a_figure(a, names) or _not_a_figure(b, names):
            continue
        if pattern is ALTERNATIVES:
            questions = [_compact(text[:m.start()] + alt + text[m.end():]) for alt in (a, b)]
        else:
            lead = _drop_compare(m.group("lead"))
            questions = [_compact(f"{lead} {alt}?") for alt in (a, b)]
        return Parts([_how_much(q) for q in questions], [a, b], compare=True)
    return None


def clauses(question: str) -> list[str]:
    """The questions one question asks, when it asks several ("How big is X, and how much ...?")."""
    parts = [c.strip(" ,;?") for c in CLAUSE.split(question)]
    return parts if len(parts) > 1 else []


def _not_a_figure(alternative: str, names: set[str]) -> bool:
    """Alternatives that are directions ("above or below"), periods ("2023 or 2024") or companies."""
    words = set(tokenize(alternative))
    periods = {w for w in words if re.fullmatch(r"(?:fy|cy)?(?:19|20)?\d{2}", w)}
    return not words - periods or words <= DIRECTIONS or bool(words & names) and len(words - names) <= 1


def _how_much(question: str) -> str:
    """"Did X sell more gas or electricity?" compares two quantities: each part asks how much."""
    return re.sub(r"^(did|does|do|is|are|was|were|has|have|had)\b", lambda m: f"How much {m.group(1).lower()}",
                  question, flags=re.I)


def _drop_compare(text: str) -> str:
    return _compact(re.sub(rf"\b{COMPARE}\b", " ", text, flags=re.I))


def _compact(text: str) -> str:
    return re.sub(r"\s+([,?:;.])", r"\1", re.sub(r"\s+", " ", text)).strip()
