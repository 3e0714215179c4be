"""Reading a SPARQL query's text without a full parse: its form (SELECT, ASK, CONSTRUCT, DESCRIBE),
whether it reaches out with SERVICE, and binding values into it as a VALUES block.

The store's engine parses the query itself; these checks only look at the query's keywords, with
IRIs, strings and comments blanked out first so a keyword inside a literal never counts.
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from kgqa.errors import SparqlError

_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*', re.S)
_KEYWORD = r"(?<![\w:?$\-]){}(?![\w:\-])"
_FORM = re.compile(_KEYWORD.format("(SELECT|ASK|CONSTRUCT|DESCRIBE)"), re.I)
_UPDATE = re.compile(_KEYWORD.format("(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)"), re.I)
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.I)
_WHERE = re.compile(_KEYWORD.format("WHERE") + r"\s*\{", re.I)
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mask(query: str) -> str:
    """The query with IRIs, string literals and comments replaced by spaces (same length)."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), query)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; a refusal for empty text, updates and SERVICE."""
    if not isinstance(query, str) or not query.strip():
        raise SparqlError("empty SPARQL query")
    text = mask(query)
    form = _FORM.search(text)
    update = _UPDATE.search(text)
    if update and (not form or update.start() < form.start()):
        raise SparqlError("SPARQL updates are refused: this store is read-only", status=403)
    if _SERVICE.search(text):
        raise SparqlError("SERVICE is refused: queries may not reach other endpoints", status=403)
    if not form:
        raise SparqlError("SPARQL syntax error: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form.group(1).upper()


def with_values(query: str, form: str, bindings: dict) -> str:
    """The query with `bindings` (variable -> RDF term) as a VALUES block opening its WHERE group.

    Values are written as escaped N-Triples terms, never as raw text, and placed where the engine
    joins them first (a trailing VALUES clause is joined only after the whole pattern is evaluated).
    """
    if not bindings:
        return query
    from .terms import to_ox
    names, terms = [], []
    for var, value in bindings.items():
        name = str(var).lstrip("?$")
        if not _VAR.fullmatch(name):
            raise SparqlError(f"cannot bind {var!r}: not a SPARQL variable name")
        term = to_ox(value)
        if isinstance(term, ox.BlankNode):
            raise SparqlError(f"cannot bind ?{name} to a blank node")
        names.append(f"?{name}")
        terms.append(str(term))
    text = mask(query)
    start = 0
    if form == "CONSTRUCT":
        where = _WHERE.search(text)
        if not where:
            raise SparqlError("SPARQL syntax error: CONSTRUCT without WHERE")
        start = where.end() - 1
    brace = text.find("{", start)
    if brace < 0:
        raise SparqlError("SPARQL syntax error: the query has no WHERE group")
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    return query[:brace + 1] + block + query[brace + 1:]
