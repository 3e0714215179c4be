"""RDF terms between Oxigraph and rdflib, so callers keep seeing rdflib terms and `Result`s."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def to_ox(term):
    """An rdflib term (or a plain Python value, as rdflib's initBindings accepts) as an Oxigraph term."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        term = Literal(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def triple_to_rdflib(t) -> tuple:
    return to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)


def as_result(form: str, raw) -> Result:
    """An rdflib `Result` holding an Oxigraph answer, its terms converted to rdflib terms."""
    res = Result(form)
    if form == "ASK":
        res.askAnswer = bool(raw)
    elif form == "SELECT":
        names = [v.value for v in raw.variables]
        variables = [Variable(n) for n in names]
        res.vars = variables
        seen: dict = {}         # rows repeat terms (units, years, labels): convert each once

        def term(t):
            got = seen.get(t)
            if got is None:
                got = seen[t] = to_rdflib(t)
            return got
        res.bindings = [{v: term(t) for v, t in zip(variables, (sol[n] for n in names)) if t is not None}
                        for sol in raw]
    else:
        g = Graph()
        for t in raw:
            g.add(triple_to_rdflib(t))
        res.graph = g
    return res
