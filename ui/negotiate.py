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
}
# short names accepted in a `format=` parameter, as many endpoints do
SHORT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
         "nt": "application/n-triples", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
         "json-ld": "application/ld+json", "rdfxml": "application/rdf+xml"}


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
