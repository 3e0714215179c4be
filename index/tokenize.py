"""A tokenizer for ESG text that keeps figures, units and codes intact.

"GB/T 40577-2021", "tCO2", "1,069" and "SJ/T" stay whole tokens, and their parts are
added too ("40577", "1069"), so a query can match either spelling.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

TOKEN = re.compile(r"[a-z0-9₀-₉]+(?:[.,/\-&'][a-z0-9₀-₉]+)*")
STOPWORDS = frozenset(
    "a an and are as at be by did do does for from had has have how in into is it its of on or that the their "
    "this to was were what when where which who whom why will with during about over per than then there these "
    "those our we us you your".split())


FISCAL = re.compile(r"(?:fy|cy)'?(\d{2}|\d{4})")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(tok: str) -> str:
    """Snowball (Porter 2) stem of a word, so "invested" meets "investment"; figures and codes stay whole."""
    return _STEMMER.stemWord(tok) if tok.isalpha() and len(tok) > 3 else tok


def tokenize(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("**", " ")
    out: list[str] = []
    for m in TOKEN.finditer(text):
        tok = re.sub(r"'s$", "", m.group(0).strip(".,'"))
        if len(tok) < 2 or tok in STOPWORDS:
            continue
        out.append(_stem(tok))
        fy = FISCAL.fullmatch(tok)
        if fy:      # "FY2020", "FY20", "CY20": the year itself too, so "FY2020" meets a "2020" column
            y = fy.group(1)
            out.append(y if len(y) == 4 else "20" + y)
        if re.search(r"[.,/\-&']", tok):
            if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", tok):
                out.append(tok.replace(",", ""))
            else:
                out.extend(_stem(p) for p in re.split(r"[.,/\-&']", tok) if len(p) > 1 and p not in STOPWORDS)
    return out


def without_words(text: str, tokens: set[str]) -> str:
    """`text` less the words whose every token is one of `tokens` ("What did BHP's assets emit?"
    less {"bhp"}); the text itself when nothing else would be left."""
    if not tokens:
        return text
    kept = [w for w in text.split() if not (set(tokenize(w)) and set(tokenize(w)) <= tokens)]
    return " ".join(kept) if any(tokenize(w) for w in kept) else text
