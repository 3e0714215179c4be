"""PDF reports read as published: printed pages, tables with their rows and years, prose in
reading order, chart text kept out, and a clear refusal for every PDF that cannot be read."""
from __future__ import annotations

import re
import shutil

import pymupdf
import pytest

from kgqa import KnowledgeBase, QueryError, ReportError
from kgqa.report import load_source, parse_source
from kgqa.report.pdf_layout import ocr_available

from .conftest import DEV, SHELL

BHP = DEV / "bhp-climate-change-report-2020.pdf"
COSTCO = DEV / "costco-2023-climate-action-plan.pdf"
ENGIE = DEV / "engie-2021-integrated-report.pdf"


@pytest.fixture(scope="module")
def bhp():
    return parse_source(load_source(BHP))


@pytest.fixture(scope="module")
def engie():
    return parse_source(load_source(ENGIE))


def table_with(report, text):
    return next(b for b in report.blocks if b.kind == "table" and text in f"{b.title}\n{b.table.title}\n{b.text}")


def row(block, label_start):
    return next(r.cells for r in block.table.rows if r.cells and r.cells[0].startswith(label_start))


def test_every_passage_of_a_pdf_carries_its_printed_page_and_its_place(shell, bhp, engie):
    # every dev PDF, Costco's too (its tables set as images are read with OCR when Tesseract is installed)
    for report in (shell, bhp, engie, parse_source(load_source(COSTCO))):
        assert report.passages
        for p in report.passages:
            assert p.page_label, p.passage_id
            assert p.page_index is not None and p.bboxes
    # Shell prints "55" on the 57th page of the file; the PDF has no page labels
    worker = next(p for p in shell.passages if "we continued to take steps to improve our approach to worker welfare"
                  in p.text)
    assert worker.page == 55 and worker.page_label == "55" and worker.page_index == 56
    # BHP's file carries page labels: its covers are "A" and "B", page 23 is the 25th page
    t1 = next(p for p in bhp.passages if "Operational GHG emissions by source" in p.text and p.kind == "table")
    assert t1.page == 23 and t1.page_index == 24


def test_pdf_metadata_names_the_company_and_period(shell, bhp, engie):
    assert shell.company == "Shell plc" and shell.year == 2021
    assert bhp.company.startswith("BHP") and bhp.short_name == "BHP" and bhp.year == 2020
    # the 2021 report covers 2020: its title keeps the printed year, its reporting year is the data's
    assert engie.company == "ENGIE" and engie.year == 2020 and "2021" in engie.title
    costco = parse_source(load_source(COSTCO))
    assert costco.company.startswith("Costco") and costco.short_name == "Costco"


def test_a_table_keeps_its_title_year_columns_and_row_hierarchy(bhp):
    t2 = table_with(bhp, "Scope 3 GHG emissions by category")
    assert t2.table.title.startswith("Table 2")
    assert list(t2.table.years.values()) == [2020, 2019, 2018, 2017]
    # indented rows under "Use of sold products" are marked as its sub-rows; ranges are kept whole
    assert row(t2, "– Metallurgical coal")[1] == "33.7-108.2"
    assert row(t2, "Total use of sold products")[1] == "130.5-205.0"


def test_pdf_tables_become_observations_with_period_parent_row_and_range(bhp, engie):
    from kg import build_report_graph
    from kg.namespace import ESG

    from rdflib.namespace import SKOS

    def observations(report):
        g, _ = build_report_graph(report)
        for obs in g.subjects(ESG.period, None):          # observations (a target has a metric and no period)
            yield (str(g.value(g.value(obs, ESG.metric), SKOS.prefLabel)), int(str(g.value(obs, ESG.period))),
                   str(g.value(obs, ESG.reportedValue)), str(g.value(obs, ESG.qualifier) or ""))

    bhp_obs = set(observations(bhp))
    assert ("Use of sold products – Metallurgical coal", 2020, "33.7–108.2", "Metallurgical coal") in bhp_obs
    assert any(m.startswith("Scope 1 GHG emissions") and y == 2020 and v == "9.5" for m, y, v, _ in bhp_obs)
    engie_obs = set(observations(engie))
    assert any(m.startswith("Total GHG Emissions – Scope 3") and y == 2020 and v == "134.0" for m, y, v, _ in engie_obs)
    # "of which" rows are sub-rows of the row above them
    assert any(m.endswith("– use of products sold") and y == 2020 and v == "61.5" for m, y, v, _ in engie_obs)


def test_tall_rows_under_period_headers_in_words_keep_their_figures(engie):
    # ENGIE page 12: "2019 Results | 2020 Results | Objectives 2030" (the last set on two lines); each
    # indicator's label runs over two or three lines, a note under it, its figures centred in the row
    t = table_with(engie, "GHG emissions (scopes 1 and 3) related to energy production")
    assert t.page == 12
    assert t.table.header[1:4] == ["2019 Results", "2020 Results", "Objectives 2030"]
    assert list(t.table.years.values()) == [2019, 2020]         # the objective is a target, not a year's figure
    assert row(t, "GHG emissions (scopes 1 and 3) related to energy production (mt CO2 eq)")[1:4] == ["75", "68", "43"]
    assert row(t, "GHG emissions related to the use of products sold")[1:4] == ["60", "62", "52"]
    assert row(t, "Share of renewable energy in the electricity production capacity mix")[1:4] == ["28%", "31%", "58%"]
    assert row(t, "Offer an alternative that contributes to decarbonization (indicator")[1:4] == ["nd", "51%", "100%"]
    assert row(t, "Helping our customers to decarbonize")[1:4] == ["NA", "21 Mt", "45 Mt"]
    assert len(t.table.rows) == 6 and not any("In line" in r.cells[0] for r in t.table.rows)
    # page 13: "2019" over "Results"; the outlook and deadline columns beside the periods are kept
    eco = table_with(engie, "Net economic debt/EBITDA ratio")
    assert row(eco, "EBITDA")[1:] == ["€10.4 bn", "€9.3 bn", "€9.9 - 10.3 bn €10.3-10.7 bn", "2021 2023"]
    assert row(eco, "Growth investments")[1:3] == ["€7.2 bn", "€4 bn"]

    from kg import build_report_graph
    from kg.namespace import ESG
    from rdflib import RDF
    from rdflib.namespace import SKOS
    g, _ = build_report_graph(engie)
    metric = "GHG emissions (scopes 1 and 3) related to energy production"
    energy = {int(str(g.value(o, ESG.period))): str(g.value(o, ESG.reportedValue)) for o in g.subjects(ESG.period, None)
              if str(g.value(g.value(o, ESG.metric), SKOS.prefLabel)) == metric}
    assert energy == {2019: "75", 2020: "68"}
    [target] = [t for t in g.subjects(RDF.type, ESG.Target) if str(g.value(g.value(t, ESG.metric), SKOS.prefLabel)) == metric]
    assert (str(g.value(target, ESG.targetValue)), str(g.value(target, ESG.targetYear))) == ("43", "2030")
    progress = {str(g.value(a, ESG.year)): (str(g.value(a, ESG.achievedValue)), g.value(a, ESG.met))
                for a in g.objects(target, ESG.achievement)}
    assert progress == {"2019": ("75", None), "2020": ("68", None)}   # a 2030 objective is not met or missed in 2020


def test_one_line_rows_under_actual_and_target_headers_are_read_row_by_row():
    from kgqa.report.pdf_layout import find_tables, text_pieces
    doc = pymupdf.open()
    page = doc.new_page()
    for x, head in ((300, "FY2020 actual"), (380, "FY2021 actual"), (460, "Target 2030")):
        page.insert_text((x, 130), head, fontsize=8)
    rows = [("Total recordable injury frequency", ["4.2", "3.9*", "3.0"]),
            ("Operational GHG emissions (Mt CO2-e)", ["15.8", "14.2", "11.0"]),
            ("Renewable electricity share of operations", ["n/a", "17%", "50%"])]
    for n, (label, values) in enumerate(rows):
        page.insert_text((72, 150 + 14 * n), label, fontsize=8)    # lines closer than the label gap
        for x, v in zip((310, 390, 470), values):
            page.insert_text((x, 150 + 14 * n), v, fontsize=8)
    page.insert_text((72, 210), "Figures are for operated assets on a 100 per cent basis, as reported each year.",
                     fontsize=8)
    [t] = find_tables(text_pieces(page), page.rect.width)
    assert t.header == ["FY2020 actual", "FY2021 actual", "Target 2030"]
    assert t.rows == [(label, [v.rstrip("*") for v in values]) for label, values in rows]
    assert t.notes == ["Total recordable injury frequency: *"]


def test_a_period_header_in_words_is_a_period_and_a_phrase_is_not():
    from kgqa.report.pdf_tall import is_period_header
    assert all(map(is_period_header, ["2019 Results", "Objectives 2030", "FY21 target", "FY2021 actual", "2030"]))
    assert not any(map(is_period_header, ["Climate 2020", "Water 2020", "Results", "Sales in 2020 rose"]))


def test_a_strip_of_key_figures_under_their_labels_is_a_table_and_observations(bhp):
    # BHP page 4: "Copper" over "1,724" over "kilotonnes", seven such columns side by side
    strip = table_with(bhp, "Metallurgical coal")
    assert strip.table.header[1:] == ["Iron ore", "Metallurgical coal", "Nickel", "Copper", "Natural gas",
                                      "Crude oil", "Energy coal"]
    figures, units = (r.cells[1:] for r in strip.table.rows)
    assert figures[3] == "1,724" and units[3] == "kilotonnes" and figures[1] == "41"
    from kg import build_report_graph
    from kg.namespace import ESG
    from rdflib.namespace import SKOS
    g, _ = build_report_graph(bhp)
    copper = [(str(g.value(o, ESG.reportedValue)), str(g.value(o, ESG.reportedUnit)))
              for o in g.subjects(ESG.metric, None)
              if str(g.value(g.value(o, ESG.metric), SKOS.prefLabel)) == "Copper"]
    assert copper == [("1,724", "kilotonnes")]


def test_a_two_column_label_value_table_is_read_as_rows(bhp, engie):
    # BHP page 14: "Assumptions and outputs", bold labels left, values right, both wrapped
    t = table_with(bhp, "Uptake of EVs in light duty vehicle segment")
    assert "Uptake of EVs in light duty vehicle segment\t75% of sales in 2050" in t.text
    assert "Peak year for coal (energy and metallurgical) and oil demand\tCoal peaks in the late 2030s;" in t.text
    assert t.page == 14
    # ENGIE's SDG page: bold targets beside a column of prose stay prose
    assert not any(b.kind == "table" and "Universal health coverage" in b.text for b in engie.blocks)


def test_wrapped_labels_and_footnote_marks_stay_out_of_figures(shell):
    training = table_with(shell, "Training days for employees")
    cells = row(training, "Training days for employees and joint-venture partners (thousand)")
    assert cells[1] == "271"          # the wrapped "[A]" line joined its label; the figure stands alone
    safety = table_with(shell, "Total recordable case frequency")
    assert all(not re.search(r"\[[A-Z]\]", c) for r in safety.table.rows for c in r.cells[1:])


def test_fiscal_year_columns_are_read_as_years():
    from kgqa.report.tables import cell_year, header_years
    assert [cell_year(c) for c in ("FY22", "FY2021", "FY 2020", "2021/22", "FY20 / CY20", "2020 restated")] == \
        [2022, 2021, 2020, 2022, 2020, 2020]
    assert header_years(["Metric", "FY22", "FY21", "FY20 / CY20"]) == {1: 2022, 2: 2021, 3: 2020}


@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_tables_printed_as_images_are_read_with_ocr_and_reported():
    src = load_source(COSTCO)
    assert any("are images" in w and "5" in w for w in src.warnings)
    report = parse_source(src)
    scope = table_with(report, "Scope 1 Emissions")
    assert list(scope.table.years.values())[:2] == [2022, 2021]
    assert row(scope, "– Market Based")                      # indented under "Scope 2 Emissions"


def test_a_paragraph_continued_on_the_next_page_is_one_paragraph(tmp_path):
    doc = pymupdf.open()
    first = doc.new_page()
    first.insert_textbox(pymupdf.Rect(72, 600, 520, 800),
                         "Our water programme reduced withdrawals at every site this year. " * 3 +
                         "Our water programme reduced withdrawals at every site, and the savings that the "
                         "teams found in cooling towers were", fontsize=11)
    second = doc.new_page()
    second.insert_textbox(pymupdf.Rect(72, 72, 520, 200),
                          "reinvested in recycling plants across the network. A new paragraph starts here. " * 2,
                          fontsize=11)
    for page in doc:
        page.insert_text((300, 820), str(page.number + 1), fontsize=9)
        page.insert_text((72, 40), "Acme Sustainability Report 2023", fontsize=9)
    path = tmp_path / "acme.pdf"
    doc.save(path)
    src = load_source(path)
    lines = [l for l in src.text.splitlines() if "cooling towers" in l]
    assert lines and "were reinvested in recycling plants" in lines[0]
    assert "Acme Sustainability Report 2023" not in src.text       # a running header is furniture


def test_a_display_title_on_several_lines_is_one_heading_and_side_panels_stay_apart(engie):
    # ENGIE sets each committee's name in tight capitals over four lines, the last one larger, and
    # runs it over the side panel of the committee's missions
    chair = next(p for p in engie.passages if "Ross McInnes: The Committee is in charge" in p.text)
    assert chair.section == "ETHICS, ENVIRONMENT AND SUSTAINABLE DEVELOPMENT COMMITTEE"
    assert "MISSIONS" not in chair.text and chair.title != "MISSIONS"
    pay = next(p for p in engie.passages if "15% of the Chief Executive Officer" in p.text)
    assert pay.section == "APPOINTMENTS, COMPENSATION AND GOVERNANCE COMMITTEE"
    assert "Reviews and makes recommendations" not in pay.text     # the side panel's text


def test_a_sentence_run_on_into_the_next_column_is_one_sentence_above_a_timeline(engie):
    # two columns of text over a timeline whose titles span both: read column by column, the left
    # column's last sentence runs on at the top of the right one; the timeline's titles are labels
    assert any("€9.65 bn have already been allocated to 150 green projects" in p.text for p in engie.passages)
    assert not any("Inaugural issue of green bonds" in s.title for s in engie.sections)


def test_a_space_printed_between_a_figure_and_its_words_is_kept(engie):
    # "284 GWh" is set larger than " of biomethane production", and the PDF prints the space
    assert any("284 GWh of biomethane production" in p.text for p in engie.passages)


def test_a_pdf_with_no_printed_page_number_names_its_pages_by_their_place(tmp_path):
    # the file's page numbers are not printed pages: a reader must not look for a "p. 2" that is not there
    doc = pymupdf.open()
    for topic in ("water", "waste", "energy"):
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 520, 700), f"Our {topic} programme improved at every site. " * 22,
                            fontsize=11)
    path = tmp_path / "memo.pdf"
    doc.save(path)
    report = parse_source(load_source(path))
    labels = {p.page_label for p in report.passages}
    assert labels == {"PDF page 1", "PDF page 2", "PDF page 3"}
    assert all(p.page is None for p in report.passages)


def test_chart_ticks_stay_out_of_prose(shell, engie):
    for report in (shell, engie):
        for p in report.passages:
            if p.kind != "text":
                continue
            for line in p.text.splitlines():
                visible = line.replace(" ", "")
                letters = sum(ch.isalpha() for ch in visible)
                assert not (len(visible) > 12 and letters < 0.2 * len(visible)), (p.passage_id, line)


def test_a_bar_chart_that_prints_its_values_is_a_table(engie):
    # the figures of a bar chart were dropped with its axis text; now each value stands under its category
    chart = table_with(engie, "Coal power generation")
    assert sorted(chart.table.years.values()) == [2015, 2020, 2023, 2025, 2027]
    assert row(chart, "Coal power generation")[1:] == ["15.1", "4.3", "1.8", "0.8", "0"]
    assert str(chart.page) == "10"


def _chart_page(bars, size=8, value_size=8):
    doc = pymupdf.open()
    page = doc.new_page()
    top = 190 - 30 * (max(len(v) for _, v in bars) - 1) - value_size
    page.insert_text((72, top - 6), "Energy use by site (GWh)", fontsize=size)
    for n, (category, values) in enumerate(bars):
        x = 80 + 60 * n
        for k, v in enumerate(values):
            page.insert_text((x, 190 - 30 * k), v, fontsize=value_size)
        page.insert_text((x, 220), category, fontsize=size)
    return page


def test_stacked_bars_and_call_out_figures_are_not_read_as_one_value_per_bar():
    from kgqa.report.pdf_charts import find_bar_charts
    from kgqa.report.pdf_layout import text_pieces
    one = _chart_page([("2019", ["12.0"]), ("2020", ["10.5"]), ("2021", ["9.8"])])
    [t] = find_bar_charts(text_pieces(one))
    assert t.header == ["2019", "2020", "2021"] and t.rows == [("Energy use by site (GWh)", ["12.0", "10.5", "9.8"])]
    stacked = _chart_page([("2019", ["12.0", "3.1"]), ("2020", ["10.5", "2.9"]), ("2021", ["9.8", "2.5"])])
    assert find_bar_charts(text_pieces(stacked)) == []
    callouts = _chart_page([("tonnes", ["68"]), ("employees", ["31%"]), ("sites", ["24"])], value_size=24)
    assert find_bar_charts(text_pieces(callouts)) == []


def test_the_kind_is_read_from_the_content_not_the_name(tmp_path):
    disguised = tmp_path / "report.txt"
    shutil.copy(COSTCO, disguised)
    assert load_source(disguised).kind == "pdf"
    text = tmp_path / "notes.pdf"
    text.write_text("Acme Widgets Inc. Sustainability Report 2023\n\n" + "We planted trees this year. " * 20)
    assert load_source(text).kind == "text"


def _pdf_bytes(text_pages: list[str]) -> bytes:
    doc = pymupdf.open()
    for t in text_pages:
        doc.new_page().insert_textbox(pymupdf.Rect(72, 72, 520, 760), t, fontsize=11)
    return doc.tobytes()


def _encrypted(tmp_path):
    doc = pymupdf.open(stream=_pdf_bytes(["Secret sustainability figures. " * 30]))
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")
    return path


def _scanned(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 200), False)
    pix.clear_with(200)
    page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    doc.save(path)
    return path


def _truncated(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(SHELL.read_bytes()[:4000])
    return path


def _no_pages(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                     b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return path


@pytest.mark.parametrize("make, reason", [
    (_encrypted, "encrypted"),
    (_scanned, "no text layer on any page: the report is scanned; OCR it first"),
    (_truncated, "not a readable PDF"),
    (_no_pages, "no pages"),
])
def test_unreadable_pdfs_get_one_clear_line_and_the_knowledge_base_stays(tmp_path, kb_dir, make, reason):
    bad = make(tmp_path)
    with pytest.raises(ReportError) as err:
        load_source(bad)
    message = str(err.value)
    assert bad.name in message and reason in message and "\n" not in message
    before = KnowledgeBase.open(kb_dir)
    with pytest.raises(ReportError):
        KnowledgeBase.build([bad], data_dir=kb_dir)
    after = KnowledgeBase.open(kb_dir)
    assert after.generation == before.generation and set(after.reports) == set(before.reports)


def test_javascript_and_attachments_in_a_pdf_are_ignored(tmp_path):
    doc = pymupdf.open(stream=_pdf_bytes(["Acme Widgets Inc. Sustainability Report 2023. " +
                                          "We planted trees and reduced our water use across all plants. " * 12]))
    doc.embfile_add("payload.sh", b"#!/bin/sh\necho owned > /tmp/kgqa-owned\n")
    catalog = doc.pdf_catalog()
    js = doc.get_new_xref()
    doc.update_object(js, "<</S/JavaScript/JS(app.alert('owned'))>>")
    doc.xref_set_key(catalog, "OpenAction", f"{js} 0 R")
    path = tmp_path / "active.pdf"
    doc.save(path)
    src = load_source(path)
    assert "planted trees" in src.text
    assert "owned" not in src.text and "payload" not in src.text


def test_a_cited_pdf_passage_is_shown_on_its_page_with_the_figure_marked(kb):
    hit = next(p for p in kb.search("Shell employees thousand 2021", k=10)
               if p.report.startswith("shell") and p.kind == "table" and "82" in p.text)
    assert kb.source_pdf(hit.report).read_bytes()[:5] == b"%PDF-"
    png = kb.page_image(hit.passage_id, ["82"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    plain = kb.page_image(hit.passage_id)
    assert plain != png                       # the highlight changed the picture
    jsg = next(p for p in kb.passages if p.report.startswith("jsg"))
    with pytest.raises(QueryError, match="text report"):
        kb.page_image(jsg.passage_id)


def test_a_figure_printed_with_its_unit_in_a_table_cell_is_an_observation(engie, bhp):
    # ENGIE page 13 prints "€7.2 bn" and "€330 m" in its "2019 Results" column, page 12 "21 Mt" for 2020
    # in a row whose label says "(mt CO2 eq)"; BHP page 28 prints Iron ore processing's 2020 range so
    # close to its label that the reader takes "205.6-322.6" into it, beside an empty 2020 cell
    from kg import build_report_graph
    from kg.namespace import ESG
    from rdflib.namespace import SKOS

    graphs = {id(r): build_report_graph(r)[0] for r in (engie, bhp)}

    def figure(report, metric_start, year):
        g = graphs[id(report)]
        hits = [(float(g.value(o, ESG.value)), str(g.value(o, ESG.unit)), str(g.value(o, ESG.reportedValue)),
                 str(g.value(o, ESG.reportedUnit)))
                for o in g.subjects(ESG.period, None)
                if str(g.value(g.value(o, ESG.metric), SKOS.prefLabel)).startswith(metric_start)
                and int(str(g.value(o, ESG.period))) == year]
        assert len(hits) == 1, (metric_start, year, hits)
        return hits[0]

    assert figure(engie, "Growth investments", 2019) == (pytest.approx(7.2e9), "€", "7.2", "€ bn")
    assert figure(engie, "Performance program", 2019) == (pytest.approx(330e6), "€", "330", "€ m")
    assert figure(engie, "Helping our customers to decarbonize", 2020)[2:] == ("21", "mt CO2 eq")
    assert figure(bhp, "Iron ore processing", 2020)[2:] == ("205.6–322.6", "million tonnes CO2-e")


def test_a_list_item_ends_where_the_page_ends_it_not_at_a_full_stop(tmp_path):
    # the last item of a list has no full stop and ends in a lower-case word; the paragraph after it
    # starts back at the left margin, left of the item's text hanging under its bullet, after a gap
    doc = pymupdf.open()
    page = doc.new_page()
    y = 100.0
    for x, text in [(72, "By the end of the decade we aim to:"),
                    (72, "•  halve the water drawn by our mills in dry regions and"),
                    (83, "return the rest cleaner than it came"),
                    (72, "•  cut the fuel burnt by the trucks that carry our"),
                    (83, "grain to the ports")]:
        page.insert_text((x, y), text, fontsize=10)
        y += 12
    page.insert_textbox(pymupdf.Rect(72, y + 2, 400, y + 80),
                        "In support of the first aim, each mill now meters its intake weekly and reports "
                        "the figures to the board, which reviews them every quarter.", fontsize=10)
    path = tmp_path / "mills.pdf"
    doc.save(path)
    lines = load_source(path).text.splitlines()
    assert "- cut the fuel burnt by the trucks that carry our grain to the ports" in lines
    assert any(l.startswith("In support of the first aim, each mill") for l in lines)
    # an item's own wrapped lines, hanging under its bullet, stay in it
    assert "- halve the water drawn by our mills in dry regions and return the rest cleaner than it came" in lines


def test_a_list_item_of_a_real_report_ends_before_the_paragraph_after_it(bhp):
    # the list's last item runs to "of our products" (no full stop); "In support of …" is a paragraph
    goals = next(p for p in bhp.passages if "We have set Scope 3 GHG emission goals for 2030 to:" in p.text)
    assert goals.text.rstrip().endswith("shipping of our products")
    assert "In support of the medium-term goal" not in goals.text


def test_a_bold_lead_in_broken_after_a_comma_is_one_line(engie):
    # once the list item above no longer swallows it, the bold lead-in over the next list is one label
    assert any(p.text.startswith("Physical risks: rising temperatures, floods, droughts, winds, heat waves:")
               for p in engie.passages)
