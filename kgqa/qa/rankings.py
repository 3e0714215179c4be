"""'Which scope rose the most?': the members of a numbered kind (Scope 1, 2, 3; Category 1-15) ranked
by the change the report states for each in its sentences ("Scope 1 emissions increased 6%", "Scope 2
... decreased 2%"), the answer the largest rise (or fall, or change), each member quoted."""
from __future__ import annotations

import re
from dataclasses import dataclass

WHICH_MEMBER = re.compile(r"\bwhich\s+(?:[\w-]+\s+){0,2}?(scope|category|tier)\b(?!\s*\d)", re.I)
MOST = re.compile(r"\b(?P<up>rose|risen|grew|grown|increased|went up)\b.*\b(?:most|fastest|largest)\b|"
                  r"\b(?P<down>fell|fallen|dropped|declined|decreased|shrank|went down)\b.*\b(?:most|fastest|largest)\b|"
                  r"\b(?P<any>changed)\b.*\b(?:most|largest)\b", re.I)
UP_WORDS = r"(?:increased|rose|grew|went up|was up|were up)"
DOWN_WORDS = r"(?:decreased|fell|declined|dropped|went down|was down|were down|reduced)"


@dataclass(frozen=True)
class Change:
    member: str          # "Scope 1"
    percent: float       # signed
    sentence: str


def asks_ranking(question: str) -> tuple[str, str] | None:
    """(the kind, "up" | "down" | "any") when the question asks which member of a kind changed most."""
    which, most = WHICH_MEMBER.search(question), MOST.search(question)
    if not (which and most):
        return None
    return which.group(1).lower(), next(k for k in ("up", "down", "any") if most.group(k))


def stated_changes(kind: str, sentences: list[str]) -> list[Change]:
    """Each member's change as a sentence states it, the member the subject of the verb and the
    percentage its object: "Our Scope 1 emissions increased 6%", "Scope 2 emissions, despite
    new sites, decreased 2%" (the first change stated for each member)."""
    stated = re.compile(rf"\b{kind}\s+(\d{{1,2}})\b(?!\s*(?:and|&|\+|,)\s*\d)[^.;]{{0,60}}?\b({UP_WORDS}|{DOWN_WORDS})"
                        r"\s+(?:by\s+)?(?:about\s+|around\s+|approximately\s+|~\s*)?(\d+(?:\.\d+)?)\s*(?:%|per ?cent)", re.I)
    found: dict[str, Change] = {}
    for s in sentences:
        for m in stated.finditer(s):
            sign = 1 if re.fullmatch(UP_WORDS, m.group(2), re.I) else -1
            name = f"{kind.title()} {m.group(1)}"
            found.setdefault(name, Change(name, float(m.group(3)) * sign, s))
    return list(found.values())


def ranked(changes: list[Change], way: str) -> list[Change]:
    key = {"up": lambda c: -c.percent, "down": lambda c: c.percent, "any": lambda c: -abs(c.percent)}[way]
    return sorted(changes, key=key)
