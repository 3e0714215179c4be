"""The metric catalog's labels grouped across reports, so that matching a question costs the distinct
labels it shares a word with, not those labels times the reports that print them.

Many reports print the same metric with the same label, qualifier, unit, table title and years; a
question scores each of those metrics the same.  The index puts every catalog key (report, label,
qualifier) in a class with the keys whose `signature` is equal (everything but the report that decides
a score), scores one representative per class, and hands each report its best class with numpy:
exactly what scoring every key in catalog order would give (the first key of the best score wins).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

import numpy as np

Key = tuple        # (report slug, label, qualifier): a catalog key


class LabelIndex:
    def __init__(self, keys: list[Key], signature: Callable[[Key], Hashable],
                 words: Callable[[Key], Iterable[str]], reports: Iterable[str]):
        """`keys` in catalog order; `signature(key)` equal for keys a question cannot tell apart;
        `words(key)` the label words a question must share for the key to be a candidate."""
        self.keys = keys
        self.slugs = list(reports)
        self.number = {slug: i for i, slug in enumerate(self.slugs)}
        self.position = {k: i for i, k in enumerate(keys)}
        classes: dict[Hashable, int] = {}
        self.class_of = np.fromiter((classes.setdefault(signature(k), len(classes)) for k in keys),
                                    dtype=np.int64, count=len(keys))
        self.report_of = np.fromiter((self.number.get(k[0], -1) for k in keys), dtype=np.int64, count=len(keys))
        self.all_known = bool((self.report_of >= 0).all())
        order = np.argsort(self.class_of, kind="stable")         # each class's members in catalog order
        bounds = np.searchsorted(self.class_of[order], np.arange(len(classes) + 1))
        self.members = [order[bounds[c]:bounds[c + 1]] for c in range(len(classes))]
        self.first = np.array([m[0] for m in self.members], dtype=np.int64)     # each class's first key
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for c, i in enumerate(self.first):
            for w in words(keys[i]):
                self.by_word[w].append(c)

    def __len__(self) -> int:
        return len(self.members)

    def first_keys(self) -> list[Key]:
        """Each class's first key: every distinct label once."""
        return [self.keys[i] for i in self.first]

    def _allowed(self, reports: Iterable[str] | None) -> np.ndarray | None:
        """A mask over report numbers, or None for every report (as the catalog says it: None or no
        reports is every report)."""
        wanted = [self.number[r] for r in set(reports) if r in self.number] if reports else list(self.number.values())
        if len(wanted) == len(self.slugs) and self.all_known:
            return None
        mask = np.zeros(len(self.slugs) + 1, dtype=bool)          # the last entry: keys of no known report
        mask[wanted] = True
        return mask

    def _members(self, c: int, allowed: np.ndarray | None) -> np.ndarray:
        m = self.members[c]
        return m if allowed is None else m[allowed[self.report_of[m]]]

    def representatives(self, content: set[str], reports: Iterable[str] | None = None) -> list[Key]:
        """One key per class sharing a word with `content`: its first among `reports` (any report
        when None), in catalog order."""
        allowed = self._allowed(reports)
        picks = []
        for c in {c for w in content for c in self.by_word.get(w, ())}:
            m = self._members(c, allowed)
            if len(m):
                picks.append(m[0])
        return [self.keys[i] for i in sorted(picks)]

    def classes(self, keys: Iterable[Key]) -> np.ndarray:
        """The distinct classes of some keys."""
        return np.unique(self.class_of[[self.position[k] for k in keys]]).astype(np.int64)

    def best_per_report(self, scores: dict[Key, float], reports: Iterable[str] | None = None) -> dict[str, tuple[Key, Key]]:
        """For each report (of `reports`) with a member of a scored class: (its key of the best
        score, ties to the first in catalog order; the representative that was scored)."""
        if not scores:
            return {}
        allowed = self._allowed(reports)
        reps = list({self.class_of[self.position[k]]: k for k in reversed(scores)}.values())     # one per class
        found = [self._members(self.class_of[self.position[k]], allowed) for k in reps]
        idx = np.concatenate(found)
        if not len(idx):
            return {}
        score = np.repeat(np.array([scores[k] for k in reps], dtype=np.float64), [len(m) for m in found])
        rep = np.repeat(np.arange(len(reps)), [len(m) for m in found])
        report = self.report_of[idx]
        order = np.lexsort((idx, -score, report))
        first = np.ones(len(order), dtype=bool)
        first[1:] = report[order][1:] != report[order][:-1]
        return {self.keys[i][0]: (self.keys[i], reps[r]) for i, r in zip(idx[order][first], rep[order][first])}

    def top(self, scores: dict[int, float], reports: Iterable[str] | None, limit: int) -> list[tuple[Key, float]]:
        """The `limit` keys of the best-scoring classes (`scores`: class -> score) among `reports`,
        best first, ties in catalog order."""
        allowed = self._allowed(reports)
        taken, count = [], 0
        for c, s in sorted(scores.items(), key=lambda cs: -cs[1]):
            if count >= limit and s < taken[-1][1]:
                break           # every key from here on scores below the `limit` already taken
            m = self._members(c, allowed)
            if len(m):
                taken.append((m, s))
                count += len(m)
        if not taken:
            return []
        idx = np.concatenate([m for m, _ in taken])
        score = np.repeat([s for _, s in taken], [len(m) for m, _ in taken])
        order = np.lexsort((idx, -score))[:limit]
        return [(self.keys[idx[i]], float(score[i])) for i in order]
