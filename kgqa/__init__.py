"""kgqa: question answering over ESG reports with a knowledge graph and cited passages.

    from kgqa import KnowledgeBase
    kb = KnowledgeBase.build(["corpus"], data_dir=".kgqa")
    kb.ask("What were total greenhouse gas emissions in 2024?")
"""
from .answer import Answer, Citation
from .api import KnowledgeBase
from .collection import Changes, ReportInfo
from .errors import (IndexCorrupted, IngestError, KgqaError, KnowledgeBaseBusy, KnowledgeBaseNotFound, ModelMismatch,
                     QueryError, ReportError, ReportNotFound, SparqlError, StorageError, StoreUnavailable)
from .report.model import Passage

__all__ = ["KnowledgeBase", "ReportInfo", "Changes", "Answer", "Citation", "Passage", "KgqaError", "ReportError",
           "IngestError", "KnowledgeBaseNotFound", "KnowledgeBaseBusy", "StorageError", "ReportNotFound",
           "IndexCorrupted", "ModelMismatch", "QueryError", "SparqlError", "StoreUnavailable"]
