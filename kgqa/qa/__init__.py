"""Question answering: graph facts first, cited passages second, honest 'not disclosed' last."""
from .answerer import QuestionAnswerer

__all__ = ["QuestionAnswerer"]
