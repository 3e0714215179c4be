"""Errors raised by kgqa.

    KgqaError
    ├── ReportError(ValueError)        a report file cannot be read or parsed (names the file)
    ├── IngestError(ValueError)        nothing usable to ingest (no reports, every file rejected)
    ├── KnowledgeBaseNotFound(FileNotFoundError)   no knowledge base in data_dir: run `kgqa ingest`
    ├── KnowledgeBaseBusy(TimeoutError)   another process is changing the data dir (its lock is held)
    ├── StorageError(OSError)          the data dir cannot be written (disk full, permissions)
    ├── ReportNotFound(KeyError)       no report with that slug in the knowledge base
    ├── IndexCorrupted(RuntimeError)   an index file is missing or damaged: run `kgqa ingest`
    ├── ModelMismatch(RuntimeError)    an index was built with another embedding model
    ├── QueryError(ValueError)         a bad search query or question (empty, bad k)
    ├── SparqlError(ValueError)        a malformed or refused SPARQL query (carries `status`)
    └── StoreUnavailable(ConnectionError)   the configured SPARQL server cannot be reached (names it)
"""
from __future__ import annotations


class KgqaError(Exception):
    """Base class of every error kgqa raises on purpose."""


class ReportError(KgqaError, ValueError):
    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IngestError(KgqaError, ValueError):
    pass


class KnowledgeBaseNotFound(KgqaError, FileNotFoundError):
    pass


class KnowledgeBaseBusy(KgqaError, TimeoutError):
    pass


class StorageError(KgqaError, OSError):
    def __str__(self) -> str:
        return self.args[0] if self.args else ""


class ReportNotFound(KgqaError, KeyError):
    def __str__(self) -> str:          # KeyError would quote the message
        return self.args[0] if self.args else ""


class IndexCorrupted(KgqaError, RuntimeError):
    pass


class ModelMismatch(KgqaError, RuntimeError):
    pass


class QueryError(KgqaError, ValueError):
    pass


class SparqlError(KgqaError, ValueError):
    """A SPARQL query that failed to parse (status 400) or was refused (status 403)."""

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)


class StoreUnavailable(KgqaError, ConnectionError):
    """The SPARQL server set in KGQA_SPARQL_STORE did not answer, or answered with a server error."""

    status = 502
