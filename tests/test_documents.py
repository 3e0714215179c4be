"""Documents on a running server: a user lists, adds and removes reports; the server follows the data
dir when another process changes it, keeps answering while a report is added, takes uploads only as
bytes sent in the request, and answers only to its own Host names."""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from kgqa import KnowledgeBase

from .conftest import ROOT, _free_port
from .test_generations import REPORT, write_report


def start_server(data_dir: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(data_dir), "--port", str(port)],
                            stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("kgqa serve exited:\n" + log.read_text())
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail("kgqa serve did not answer /healthz within 180 s")


@pytest.fixture(scope="module")
def writable(kb_dir, tmp_path_factory):
    """A server of its own over a copy of the session knowledge base, since these tests change it."""
    d = tmp_path_factory.mktemp("docs") / "kb"
    shutil.copytree(kb_dir, d)
    proc, url = start_server(d, d.parent / "server.log")
    yield url, d
    proc.terminate()
    proc.wait(20)


def reports(url: str) -> list[str]:
    return sorted(r["slug"] for r in httpx.get(url + "/api/reports").json())


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def gradio_call(url: str, api_name: str, data: list) -> str:
    """Call a Gradio event the way any HTTP client can (POST, then read the event stream)."""
    r = httpx.post(f"{url}/gradio_api/call/{api_name}", json={"data": data}, timeout=30)
    assert r.status_code == 200, r.text
    event = r.json()["event_id"]
    return httpx.get(f"{url}/gradio_api/call/{api_name}/{event}", timeout=120).text


def test_an_upload_naming_a_file_on_the_server_is_refused(writable):
    url, _ = writable
    before = reports(url)
    secret = ROOT / "README.md"
    stream = gradio_call(url, "add_report", [{"path": str(secret), "meta": {"_type": "gradio.FileData"}}, ""])
    assert "event: error" in stream and "not uploaded by a user" in stream      # Gradio refuses it now
    assert reports(url) == before


def test_a_request_for_another_host_is_refused(writable):
    url, _ = writable
    assert httpx.get(url + "/healthz", headers={"Host": "evil.example"}).status_code == 400
    assert httpx.get(url + "/", headers={"Host": "evil.example"}).status_code == 400
    assert httpx.get(url + "/healthz", headers={"Host": "localhost"}).status_code == 200


def test_add_list_and_remove_a_report_over_http_while_questions_keep_coming(writable, tmp_path):
    url, _ = writable
    report = REPORT.format(company="Quokka Mining Ltd", value="4,321").encode()
    latencies: list[float] = []
    done = threading.Event()

    def ask_meanwhile():
        while not done.is_set():
            start = time.time()
            r = httpx.get(url + "/api/ask", params={"q": "What was JSG's total water consumption in 2024?"}, timeout=60)
            assert r.status_code == 200
            latencies.append(time.time() - start)

    asker = threading.Thread(target=ask_meanwhile)
    asker.start()
    try:
        r = httpx.post(url + "/api/reports", params={"name": "quokka-2023.md"}, content=report, timeout=300)
    finally:
        done.set()
        asker.join()
    assert r.status_code == 200, r.text
    assert "added quokka-2023" in r.json()["changes"]
    assert latencies and max(latencies) < 10           # answered from the previous generation meanwhile
    listed = {d["slug"]: d for d in httpx.get(url + "/api/reports").json()}
    assert listed["quokka-2023"]["company"] == "Quokka Mining Ltd" and listed["quokka-2023"]["figures"] >= 1
    again = httpx.post(url + "/api/reports", params={"name": "copy.md"}, content=report, timeout=300).json()
    assert "already in the knowledge base as quokka-2023" in again["changes"]
    ans = httpx.get(url + "/api/ask", params={"q": "What was Quokka Mining's electricity consumption in 2023?"},
                    timeout=60).json()
    assert "4,321" in ans["text"]
    gone = httpx.delete(url + "/api/reports/quokka-2023", timeout=300)
    assert gone.status_code == 200 and "quokka-2023" not in reports(url)
    assert httpx.delete(url + "/api/reports/nope", timeout=60).status_code == 400


def test_bad_uploads_are_refused_with_one_line(writable):
    url, _ = writable
    before = reports(url)
    cases = [("scan.png", b"\x89PNG\r\n"), ("nul.md", REPORT.format(company="Nul Co", value="1").encode() + b"\x00x"),
             ("empty.md", b"")]
    for name, body in cases:
        r = httpx.post(url + "/api/reports", params={"name": name}, content=body, timeout=120)
        assert r.status_code == 400 and name in r.json()["error"] and "/tmp" not in r.json()["error"], r.text
    assert reports(url) == before


def test_the_server_follows_a_report_added_by_another_process(writable, tmp_path):
    url, data_dir = writable
    path = write_report(tmp_path, "wombat-2023.md", "Wombat Energy plc", value="7,777")
    question = {"q": "What was Wombat Energy's electricity consumption in 2023?"}
    for _ in range(2):                       # the second time from the answer cache
        assert "7,777" not in httpx.get(url + "/api/ask", params=question, timeout=60).json()["text"]
    assert httpx.get(url + "/healthz").json()["answer_cache"]["hits"] >= 1
    r = subprocess.run([sys.executable, "-m", "kgqa", "add", str(path), "--data-dir", str(data_dir)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert wait_for(lambda: "wombat-2023" in httpx.get(url + "/healthz").json()["reports"])
    # the answer workers follow the new generation, and the cached answer of the old one is not served
    assert "7,777" in httpx.get(url + "/api/ask", params=question, timeout=120).json()["text"]
    r = subprocess.run([sys.executable, "-m", "kgqa", "remove", "wombat-2023", "--data-dir", str(data_dir)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert wait_for(lambda: "wombat-2023" not in httpx.get(url + "/healthz").json()["reports"])


def test_writes_need_the_token_beyond_loopback_and_reads_stay_open(kb):
    from fastapi.testclient import TestClient

    from ui.app import create_app
    app = create_app(kb, ui=False, host="0.0.0.0", token="s3cret", answer_workers=0)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/api/reports").status_code == 200
        r = client.post("/api/reports", params={"name": "x.md"}, content=b"anything")
        assert r.status_code == 403 and "token" in r.json()["error"]
        r = client.delete("/api/reports/jsg-2024-esg-report", headers={"x-kgqa-token": "wrong"})
        assert r.status_code == 403
    assert sorted(KnowledgeBase.open(kb.data_dir).reports) == sorted(kb.reports)
    open_app = create_app(kb, ui=False, host="0.0.0.0", answer_workers=0)     # no token set: writes are off
    with TestClient(open_app, base_url="http://127.0.0.1") as client:
        r = client.post("/api/reports", params={"name": "x.md"}, content=b"anything")
        assert r.status_code == 403 and "--token" in r.json()["error"]


def test_a_report_cannot_make_the_chat_load_images_or_link_elsewhere(kb_dir, tmp_path):
    from ui.render import answer_markdown
    d = tmp_path / "kb"
    shutil.copytree(kb_dir, d)
    text = REPORT.format(company="Pixel Corp", value="3,210").replace(
        "The company\nalso", "![tracker](http://evil.example/pixel.png) See [our site](http://evil.example/) and "
        "www.evil.example. The company\nalso")
    path = tmp_path / "pixel.md"
    path.write_text(text, encoding="utf-8")
    kb = KnowledgeBase.open(d).add([path])
    ans = kb.ask("What does Pixel Corp say about planting trees?")
    md = answer_markdown(ans)
    assert any("evil" in c.text for c in ans.citations)               # the passage is cited...
    assert "](" not in md and "![" not in md and "http://" not in md and "www.evil" not in md    # ...inert


def test_the_server_says_where_it_listens_once_listening_and_logs_requests_and_uploads(writable):
    url, data_dir = writable
    log = (data_dir.parent / "server.log").read_text()
    assert log.index("Uvicorn running on") < log.index(f"open {url}/")          # the URL only once it listens
    assert "upload quokka-2023.md" in log and "removed quokka-2023" in log and '"GET /healthz' in log


def test_a_server_bound_to_every_interface_answers_to_this_machines_names_only(monkeypatch):
    import socket

    from ui.app import allowed_hosts
    monkeypatch.setenv("KGQA_ALLOWED_HOSTS", "kgqa.example.org, ")
    names = allowed_hosts("0.0.0.0")
    assert {"127.0.0.1", "localhost", socket.gethostname(), "kgqa.example.org"} <= set(names)
    assert "evil.example" not in names and "" not in names
    assert socket.gethostname() not in allowed_hosts("127.0.0.1") or socket.gethostname() == "localhost"
