"""Small text helpers shared by the parser and the extractors."""
from __future__ import annotations

import html
import re
import unicodedata

_HTML_BREAK = re.compile(r"<br\s*/?>|</li>\s*<li[^>]*>|</?(?:ul|ol|li|p|div)[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_inline(text: str) -> str:
    """Visible text of a line: markdown emphasis and HTML removed, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _HTML_BREAK.sub("; ", text)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text).replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    text = re.sub(r"(;\s*)+", "; ", text)
    return _SPACES.sub(" ", text).strip(" ;")


def flatten_cell_html(line: str) -> str:
    """A table line with `<ul>`/`<br>` cell markup flattened, the cell separators kept."""
    if "<" not in line:
        return line
    out = _HTML_BREAK.sub("; ", line)
    out = _HTML_TAG.sub("", out)
    out = re.sub(r"(;\s*)+", "; ", out)
    out = re.sub(r"(?<=[\t|]);\s*|;\s*(?=[\t|])", "", out)
    return html.unescape(out)


def norm_key(text: str) -> str:
    """A comparison key: case-folded, emphasis and punctuation spacing removed."""
    return _SPACES.sub(" ", clean_inline(text)).strip().casefold()


def slugify(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    return s.strip("-") or "report"


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


# a sentence ends at . ! ? before a capital, digit or quote (not after "e.g." or "vs."), or where a list item starts
_SENTENCE_BREAK = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bNo\.)(?<=[.!?。])\s+(?=[A-Z0-9\"“(])"
                             r"|\n+(?=\s*[-•◆▪*]\s)|\n{2,}")


def sentences(text: str) -> list[str]:
    """A passage's sentences and list items, each on one line (a PDF line break inside a sentence
    is a space)."""
    out = []
    for s in _SENTENCE_BREAK.split(text):
        s = _SPACES.sub(" ", s.replace("\n", " ")).strip(" -•◆▪*")
        if s:
            out.append(s)
    return out
