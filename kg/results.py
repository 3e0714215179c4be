"""SPARQL results as bytes in the formats the endpoint negotiates, with a cap on rows and triples.

SELECT rows are written here (SPARQL 1.1 JSON, XML, CSV and TSV) because the rows must be counted
before anything is sent; ASK and graphs use Oxigraph's own serialisers.
"""
from __future__ import annotations

import csv
import io
import json
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kgqa.errors import SparqlError

from .terms import XSD_STRING

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}
PREFIXES = {"esg": "https://kgqa.dev/ontology#", "kgd": "https://kgqa.dev/data/",
            "qb": "http://purl.org/linked-data/cube#", "prov": "http://www.w3.org/ns/prov#",
            "org": "http://www.w3.org/ns/org#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _capped(items, limit: int, what: str) -> list:
    got = list(islice(items, limit + 1))
    if len(got) > limit:
        raise SparqlError(f"the result has over {limit:,} {what}, the limit: add LIMIT to the query "
                          "or narrow the pattern", status=413)
    return got


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        attr = f" xml:lang={quoteattr(t.language)}"
    elif t.datatype.value != XSD_STRING:
        attr = f" datatype={quoteattr(t.datatype.value)}"
    else:
        attr = ""
    return f"<literal{attr}>{escape(t.value)}</literal>"


def _csv_value(t) -> str:
    if t is None:
        return ""
    return f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value


def _tsv_value(t) -> str:
    """A term in Turtle/N-Triples form: tabs, newlines and quotes inside literals escaped (SPARQL 1.1 TSV)."""
    if t is None:
        return ""
    return str(t).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def select_bytes(names: list[str], rows: list, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {"vars": names}, "results": {"bindings": [
            {n: _json_term(r[n]) for n in names if r[n] is not None} for r in rows]}},
            ensure_ascii=False).encode()
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        body = "".join("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(r[n])}</binding>"
                                             for n in names if r[n] is not None) + "</result>" for r in rows)
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>{body}</results></sparql>\n").encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        w.writerows([_csv_value(r[n]) for n in names] for r in rows)
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)] + ["\t".join(_tsv_value(r[n]) for n in names) for r in rows]
        return ("\n".join(lines) + "\n").encode()
    raise SparqlError(f"unknown result format {fmt!r}: use json, xml, csv or tsv", status=406)


def serialize(form: str, raw, fmt: str, max_rows: int) -> bytes:
    """Bytes of an Oxigraph answer of `form` in `fmt` (a key of RESULT_FORMATS or GRAPH_FORMATS)."""
    if form == "ASK":
        return raw.serialize(format=RESULT_FORMATS[fmt])
    if form == "SELECT":
        names = [v.value for v in raw.variables]
        return select_bytes(names, _capped(raw, max_rows, "rows"), fmt)
    triples = _capped(raw, max_rows, "triples")
    if fmt not in GRAPH_FORMATS:
        raise SparqlError(f"unknown graph format {fmt!r}: use turtle, nt, json-ld or xml", status=406)
    prefixes = PREFIXES if fmt in ("turtle", "xml") else None
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
