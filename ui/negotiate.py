"""HTTP content negotiation for SPARQL results: pick a serialisation from an Accept header."""
from __future__ import annotations

# media type -> (rdflib format name, response content type)
RESULTS = {
    "application/sparql-results+json": ("json", "application/sparql-results+json"),
    "application/json": ("json", "application/sparql-results+json"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml"),
    "application/xml": ("xml", "application/sparql-results+xml"),
    "text/csv": ("csv", "text/csv; charset=utf-8"),
    "text/tab-separated-values": ("tsv", "text/tab-separated-values; charset=utf-8"),
}
GRAPHS = {
    "text/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "application/n-triples": ("nt", "application/n-triples"),
    "application/ld+json": ("json-ld", "application/ld+json"),
    "application/rdf+xml": ("xml", "application/rdf+xml"),
    # older names clients still send (SPARQLWrapper among them); Turtle is valid N3
    "application/turtle": ("turtle", "text/turtle; charset=utf-8"),
    "text/n3": ("turtle", "text/turtle; charset=utf-8"),
    "text/rdf+n3": ("turtle", "text/turtle; charset=utf-8"),
    "application/n3": ("turtle", "text/turtle; charset=utf-8"),
    "application/x-json+ld": ("json-ld", "application/ld+json"),
}
# short names of a `format=` or `output=` parameter, per table: used only when Accept names nothing we offer
RESULT_NAMES = {"json": "application/sparql-results+json", "srj": "application/sparql-results+json",
                "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples",
               "ntriples": "application/n-triples", "n-triples": "application/n-triples",
               "json": "application/ld+json", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
               "xml": "application/rdf+xml", "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml",
               "rdf+xml": "application/rdf+xml"}


class NotAcceptable(ValueError):
    pass


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges = []
    for i, part in enumerate((header or "*/*").split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        if not media:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((media, q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges]


def choose(accept: str | None, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(rdflib format, content type) for the best media range in `accept` that `table` offers."""
    for media, _ in parse_accept(accept):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            for m, v in table.items():
                if media == "*/*" or m.startswith(media[:-1]):
                    return v
    offered = ", ".join(dict.fromkeys(table))
    raise NotAcceptable(f"cannot produce {accept!r} for this query; acceptable types: {offered}")


def negotiate(accept: str | None, short_names: list[str], table: dict[str, tuple[str, str]],
              names: dict[str, str]) -> tuple[str, str]:
    """Like `choose`, but a `format=`/`output=` value decides when Accept names no type in `table`
    (absent, wildcards only, or types for another query form); it never overrides a usable Accept."""
    if not any(media in table for media, _ in parse_accept(accept)):
        for name in short_names:
            name = name.strip().lower()
            media = names.get(name) or (name if name in table else None)
            if media:
                return table[media]
    return choose(accept, table)
