"""What the chat shows is true: the SPARQL shown with an answer runs as shown and returns the rows the
answer used; cited tables show as tables; charts name their unit."""
from __future__ import annotations

from ui.render import answer_markdown, chart_rows, passage_html, runnable_sparql


def test_the_sparql_shown_with_an_answer_returns_the_rows_it_used(kb):
    ans = kb.ask("How did JSG's gasoline consumption change from 2023 to 2024?")
    query = runnable_sparql(ans.sparql)
    assert "# bound" not in query and "VALUES (?label ?slug)" in query
    assert query in answer_markdown(ans).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    rows = list(kb.sparql(query))
    assert 2 <= len(rows) <= 10                     # the metric's own rows, not every observation
    reported = {str(r.reported) for r in rows}
    assert {"15,080", "20,625"} <= reported


def test_a_bound_value_with_quotes_is_escaped_not_pasted():
    q = 'SELECT ?x WHERE {\n  ?x ?p ?label .\n}\n# bound: ?label = \'a "quoted" } label\''
    shown = runnable_sparql(q)
    assert 'VALUES (?label) { ("a \\"quoted\\" } label") }' in shown


def test_a_cited_table_renders_as_a_table_with_the_figure_marked():
    html = passage_html("Energy use\n| Indicator | 2023 |\n| --- | --- |\n| Gasoline (Litre) | 20,625 |",
                        ["20,625"])
    assert "<table>" in html and "<th>Indicator</th>" in html and "<td><mark>20,625</mark></td>" in html


def test_the_chart_labels_its_unit(kb):
    ans = kb.ask("How did JSG's gasoline consumption change from 2023 to 2024?")
    rows = chart_rows(ans)
    assert rows and all("(" in r["metric"] and r["metric"].endswith(")") for r in rows)
