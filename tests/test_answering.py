"""Where questions are answered on a server: worker processes that answer as the knowledge base does and
are replaced when one dies; an answer cache per generation; SPARQL workers kept while they wait for a
core; Gradio routes that honour `--cors` only; no temporary folders left behind."""
from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

import httpx

from kgqa.errors import KgqaError

from .conftest import _free_port, serve_in_thread, wait_until_up

QUESTION = "What were JSG's total greenhouse gas emissions in 2024?"


def test_a_worker_answers_as_the_knowledge_base_does_and_a_killed_one_is_replaced(kb_dir, kb):
    from ui.answering import AnswerPool
    pool = AnswerPool(kb_dir, workers=1)
    try:
        pool.ready()
        expected = kb.ask(QUESTION)
        used, ans = asyncio.run(pool.call("ask", kb.generation, QUESTION))
        assert used == kb.generation and ans.to_dict() == expected.to_dict()
        used, hits = asyncio.run(pool.call("search", kb.generation, "water consumption", 3))
        assert [h.passage_id for h in hits] == [h.passage_id for h in kb.search("water consumption", 3)]
        (pid,) = list(pool._executor._processes)
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(KgqaError):        # the question in flight when it died may be lost...
            asyncio.run(pool.call("ask", kb.generation, QUESTION))
        _, again = asyncio.run(pool.call("ask", kb.generation, QUESTION))     # ...the next is answered by a new worker
        assert again.text == expected.text and pid not in pool._executor._processes
    finally:
        pool.close()


def test_the_cache_answers_a_repeated_question_and_forgets_older_generations(kb):
    from ui.answering import AnswerCache
    from ui.state import ServerState
    state = ServerState(kb)
    first = asyncio.run(state.ask(QUESTION))
    second = asyncio.run(state.ask("  " + QUESTION + " "))      # the answerer strips it: the same question
    assert second is first and state.cache.stats()["hits"] == 1
    follow = asyncio.run(state.ask("and in 2023?", previous=QUESTION))
    assert follow is not first and state.cache.stats()["misses"] == 2
    cache = AnswerCache(3)
    for q in "abc":
        cache.put(AnswerCache.key("gen-1", "ask", q, None), q)
    cache.put(AnswerCache.key("gen-2", "ask", "d", None), "d")
    assert cache.get(AnswerCache.key("gen-2", "ask", "d", None)) == "d"
    assert all(cache.get(AnswerCache.key("gen-1", "ask", q, None)) is None for q in "abc")
    assert AnswerCache(0).put(("g", "ask", "q", None), "x") is None and AnswerCache(0).stats()["entries"] == 0


def test_a_sparql_worker_that_waited_for_a_core_is_kept_not_retired(kb):
    from kg.workers import QueryPool
    pool = QueryPool(kb.graph.spec, size=1)
    try:
        assert pool.run("ASK {}", "ASK", "json", "turtle", 10, 100)[0] == "ASK"
        (worker,) = pool._idle
        os.kill(worker.proc.pid, signal.SIGSTOP)            # a worker that gets no CPU for a while
        threading.Timer(0.6, os.kill, (worker.proc.pid, signal.SIGCONT)).start()
        assert pool.run("ASK {}", "ASK", "json", "turtle", 10, 100)[0] == "ASK"
        assert pool._idle == [worker] and os.getpriority(os.PRIO_PROCESS, worker.proc.pid) == 0
    finally:
        pool.close()


GRADIO_ORIGIN = "http://localhost:5173"          # another app on this machine, as a browser sends it


def test_gradio_routes_answer_no_other_origin_unless_cors_allows_it(server, kb):
    pre = {"Origin": GRADIO_ORIGIN, "Access-Control-Request-Method": "POST"}
    for r in (httpx.get(server + "/config", headers={"Origin": GRADIO_ORIGIN}),
              httpx.get(server + "/gradio_api/info", headers={"Origin": GRADIO_ORIGIN}),
              httpx.options(server + "/gradio_api/queue/join", headers=pre)):
        assert "access-control-allow-origin" not in r.headers, (r.url, r.headers)
        assert "access-control-allow-credentials" not in r.headers
    from ui.app import create_app
    port = _free_port()
    srv, thread = serve_in_thread(create_app(kb, cors=GRADIO_ORIGIN, answer_workers=0), port)
    try:
        url = f"http://127.0.0.1:{port}"
        r = httpx.get(url + "/config", headers={"Origin": GRADIO_ORIGIN})
        assert r.headers["access-control-allow-origin"] == GRADIO_ORIGIN
        assert "access-control-allow-credentials" not in r.headers
        other = httpx.get(url + "/config", headers={"Origin": "http://localhost:6666"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        srv.should_exit = True
        thread.join(10)


def _serve(kb_dir, tmp) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, TMPDIR=str(tmp), KGQA_ANSWER_WORKERS="0")
    proc = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(kb_dir), "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(proc, url + "/healthz", "kgqa serve", seconds=180)
    return proc, url


def _gradio(url: str, api_name: str, data: list) -> str:
    r = httpx.post(f"{url}/gradio_api/call/{api_name}", json={"data": data}, timeout=30)
    assert r.status_code == 200, r.text
    return httpx.get(f"{url}/gradio_api/call/{api_name}/{r.json()['event_id']}", timeout=120).text


def _ours(tmp) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("kgqa-"))


def test_sparql_downloads_and_rejected_uploads_leave_no_temporary_files(kb_dir, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc, url = _serve(kb_dir, tmp)
    try:
        for _ in range(3):
            out = _gradio(url, "run_query", ["SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"])
            assert "results.csv" in out and "event: complete" in out
        assert len(_ours(tmp)) == 1                          # one folder for this server, reused by every run
        up = httpx.post(url + "/gradio_api/upload", files={"files": ("scan.txt", bytes(range(256)) * 64)})
        (path,) = up.json()
        out = _gradio(url, "add_report", [{"path": path, "meta": {"_type": "gradio.FileData"}}, ""])
        assert "Not added" in out and "/tmp" not in out.split("Not added")[1].split("\n")[0]
        assert not os.path.exists(path)                       # the rejected upload is gone from Gradio's folder
    finally:
        proc.send_signal(signal.SIGKILL)                      # killed: its folder stays behind...
        proc.wait(10)
    assert len(_ours(tmp)) == 1
    proc, url = _serve(kb_dir, tmp)                           # ...until the next server starts
    try:
        assert [n for n in _ours(tmp) if not n.startswith(f"kgqa-sparql-{proc.pid}-")] == []
    finally:
        proc.terminate()
        proc.wait(30)
    deadline = time.time() + 10
    while _ours(tmp) and time.time() < deadline:
        time.sleep(0.2)
    assert _ours(tmp) == []                                   # a server that exits removes its own
