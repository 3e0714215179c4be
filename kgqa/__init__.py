"""kgqa: question answering over ESG reports with a knowledge graph and cited passages.

    from kgqa import KnowledgeBase
    kb = KnowledgeBase.build(["corpus"], data_dir=".kgqa")
    kb.ask("What were total greenhouse gas emissions in 2024?")
"""
from .answer import Answer, Citation
from .api import KnowledgeBase
from .errors import (IndexCorrupted, IngestError, KgqaError, KnowledgeBaseNotFound, ModelMismatch, QueryError,
                     ReportError, SparqlError, StoreUnavailable)
from .report.model import Passage

__all__ = ["KnowledgeBase", "Answer", "Citation", "Passage", "KgqaError", "ReportError", "IngestError",
           "KnowledgeBaseNotFound", "IndexCorrupted", "ModelMismatch", "QueryError", "SparqlError",
           "StoreUnavailable"]
