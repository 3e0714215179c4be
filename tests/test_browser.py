"""The UI in a real headless Chromium (Debian's), driven by Playwright: ask, read sources, run SPARQL, upload."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def page(server):
    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium chromium-driver (see .ci/run)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1200, "height": 1000})
        pg.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)
        pg.goto(server + "/")
        yield pg
        browser.close()


def shoot(page, name: str) -> None:
    folder = os.environ.get("KGQA_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_ask_a_question_and_read_its_cited_source(page):
    page.locator("#question textarea").fill("What were JSG's total greenhouse gas emissions in 2024?")
    page.locator("#ask").click()
    source = page.locator("#chat .kgqa-source").first
    expect(source).to_be_visible()
    answer = page.locator("#chat").inner_text()
    assert "308,561" in answer and "[1]" in answer          # the figure from the graph, cited
    source.locator("summary").click()
    expect(source.locator("blockquote mark").first).to_be_visible()
    shoot(page, "chat.png")


def test_run_an_example_sparql_query_and_see_rows(page):
    page.get_by_role("tab", name="SPARQL").click()
    page.locator("#run-sparql").click()
    expect(page.locator("#sparql-status")).to_contain_text("row(s)")
    expect(page.locator("#sparql-results")).to_contain_text("jsg-2024-esg-report")   # a cell of the first row
    shoot(page, "sparql.png")


def test_a_binary_upload_is_refused_and_nothing_changes(page, tmp_path, server):
    import httpx
    before = httpx.get(server + "/healthz").json()
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 64)
    page.get_by_role("tab", name="Documents").click()
    page.locator("#report-upload input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Add to the knowledge base").click()
    expect(page.get_by_text("Not added")).to_be_visible()
    assert httpx.get(server + "/healthz").json() == before


def test_the_documents_tab_lists_every_report_with_its_figures(page):
    page.get_by_role("tab", name="Documents").click()
    table = page.locator("#documents")
    expect(table).to_contain_text("jsg-2024-esg-report")
    expect(table).to_contain_text("shell-2021-sustainability-report")
    expect(table).to_contain_text("figures")
    shoot(page, "documents.png")


def test_a_question_sent_while_one_is_answered_waits_its_turn(page):
    page.get_by_role("tab", name="Chat").click()
    before = page.locator("#chat .message").count()
    box = page.locator("#question textarea")
    box.fill("What was JSG's total water consumption in 2024?")
    box.press("Enter")
    box.fill("and in 2023?")                      # sent at once, while the first is being answered
    box.press("Enter")
    expect(page.locator("#chat")).to_contain_text("and in 2023?", timeout=30_000)   # a busy machine is slow
    # the chat held one exchange (the first test's); now three: both questions answered, none dropped
    expect(page.locator("#chat .message")).to_have_count(before * 3)
    text = page.locator("#chat").inner_text()
    assert text.index("in 2024?") < text.index("and in 2023?")


def test_the_explorer_sorts_a_table_by_a_column_header_and_shows_the_selected_report_only(page):
    page.get_by_role("tab", name="Explorer").click()
    page.locator("#explorer-report input").click()
    page.get_by_role("option", name="jsg-2024-esg-report").click()
    facts = page.locator("#explorer-facts")
    expect(facts.get_by_test_id("cell-0-8")).to_contain_text("jsg-2024-esg-report:")

    def column(col: int) -> list[str]:                 # the cells as displayed, top to bottom
        return facts.evaluate(f"e => [...e.querySelectorAll('[data-testid^=cell-][data-col=\"{col}\"]')]"
                              ".map(x => x.innerText)")

    before = [float(v) for v in column(3)]
    assert before != sorted(before, reverse=True)     # not already in that order: sorting has work to do
    header = facts.get_by_test_id("header-3")          # "value": a number, so it sorts by size
    expect(header).to_contain_text("value")
    header.click()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Sort descending").click()
    page.wait_for_function("() => { const c = [...document.querySelectorAll('#explorer-facts [data-testid^=cell-]"
                           "[data-col=\"3\"]')].map(x => parseFloat(x.innerText));"
                           " return c.length > 1 && c.every((v, i) => i === 0 || c[i - 1] >= v); }")
    shown = [float(v) for v in column(3)]
    assert shown == sorted(shown, reverse=True) and len(shown) > 10
    assert all(p.startswith("jsg-2024-esg-report:") for p in column(8))
