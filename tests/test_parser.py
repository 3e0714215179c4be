"""The parser on both real reports: sections and pages, tables, highlights, cases, captions, furniture."""
from __future__ import annotations

import re

from kgqa.report.text import clean_inline


def section(report, title):
    return next(s for s in report.sections if s.title == title)


def test_report_metadata(jsg, shell):
    assert jsg.company == "Zhejiang Jingsheng Mechanical & Electrical Co., Ltd."
    assert jsg.short_name == "JSG" and jsg.year == 2024 and jsg.stock_code == "300316"
    assert shell.company == "Shell plc" and shell.year == 2021
    assert "Report" in jsg.title and "Report" in shell.title
    assert len(jsg.sha256) == 64


def test_sections_take_printed_pages_from_the_contents_table(jsg):
    s = section(jsg, "Addressing Climate Change")
    assert s.page == 48
    assert s.path == ("Meeting a Green and Flourishing Future", "Addressing Climate Change")
    assert section(jsg, "Occupational health and safety").page == 113


def test_shell_pages_come_from_its_page_footers(shell):
    s = section(shell, "SAFETY")
    assert s.page == 14
    ghg = next(b for b in shell.blocks if b.kind == "table" and b.table.title and "Net carbon intensity" in b.table.title)
    assert ghg.page == 72


def test_tables_find_year_columns_in_either_order_and_the_unit_column(jsg, shell):
    energy = next(b for b in jsg.blocks if b.kind == "table" and "Gasoline consumption" in b.text)
    assert energy.table.years == {2: 2022, 3: 2023, 4: 2024}
    assert energy.table.unit_col == 1
    perf = next(b for b in jsg.blocks if b.kind == "table" and b.table.title == "Financial indicators")
    assert perf.table.years == {2: 2024, 3: 2023, 4: 2022}
    safety = next(b for b in shell.blocks if b.kind == "table" and "Fatalities [B]" in b.text)
    assert safety.table.years[2] == 2021 and safety.table.years[6] == 2017
    assert safety.table.unit_col == 1
    assert safety.table.title.startswith("Personal Safety")


def test_html_in_table_cells_is_flattened_in_passages(jsg):
    board = [p for p in jsg.passages if "permanent decision-making body" in p.text]
    assert board and all("<ul" not in p.text and "<li" not in p.text for p in board)


def test_key_performance_and_case_blocks(jsg):
    kp = [b for b in jsg.blocks if b.kind == "key_performance"]
    assert len(kp) >= 30
    assert any("**71** announcement documents" in b.text for b in kp)
    cases = [b for b in jsg.blocks if b.kind == "case"]
    assert len(cases) >= 40
    snec = next(b for b in cases if b.title and b.title.startswith("Showcasing intelligent factory solution"))
    assert "In June 2024, JSG participated" in snec.text


def test_short_orphan_lines_are_captions_not_paragraphs(jsg):
    assert not any(b.kind == "paragraph" and b.text.strip() == "Staff canteen" for b in jsg.blocks)
    assert any("Staff canteen" in b.captions for b in jsg.blocks)


def test_shell_page_furniture_stays_out_of_passages(shell):
    for p in shell.passages:
        lines = [clean_inline(l) for l in p.text.splitlines()]
        assert "Shell Sustainability Report 2021" not in lines
        assert "POWERING LIVES" not in lines
        assert "GENERATING OUR PERFORMANCE SHAREHOLDER VALUE DATA" not in lines


def squash(text: str) -> str:
    return re.sub(r"[\s;|]+", " ", clean_inline(text.lstrip("# "))).strip()


def test_passages_never_cross_sections_and_their_text_is_in_their_span(jsg, shell):
    for report in (jsg, shell):
        for p in report.passages:
            span = {squash(l) for l in report.lines[: p.end]}
            inside = " ".join(squash(l) for l in report.lines[p.start - 1: p.end])
            for line in p.text.splitlines():
                c = squash(line)
                if not c:
                    continue
                # a table's repeated title and header come from earlier in the same table
                assert c in inside or c in span, (p.passage_id, line)
            assert p.passage_id.startswith(report.slug + ":L")


def test_table_passages_repeat_title_and_header(shell):
    safety = [p for p in shell.passages if p.kind == "table" and p.title and p.title.startswith("Personal Safety")]
    assert safety
    for p in safety:
        assert "\tUnit\t2021\t2020\t2019\t2018\t2017\t" in p.text
