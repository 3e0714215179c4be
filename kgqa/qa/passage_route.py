"""The passage route: hybrid retrieval, a support check, then an extractive answer shaped by the
question — the best sentences, a case described by its passage, list items, or a yes/no verdict."""
from __future__ import annotations

import re

from index.tokenize import tokenize
from kgqa.answer import Answer, Citation
from kgqa.report.text import clean_inline

from . import lists
from . import thresholds as T
from .analysis import YEAR, Question, coverage, weight
from .answer_types import MEASURE, ROLE_WORD, figure_kind, figures, fits, lead_year, wanted, without_kind_words
from .catalog import WHOLE, codes, qualifiers_agree
from .companies import mention
from .metric_answers import AIM
from .parts import COMBINE, clauses, split
from .periods import years_in
from .sentences import (COMBINED_ITEMS, aim_reached, change_verdict, cited, combined_share, distinct, states_combined,
                        unit_at, units, with_header)

CODE_PHRASE = re.compile(r"\b([A-Z][A-Za-z]+)\s+(\d{1,2})\b")      # "Scope 3", "Category 6", "SDG 7"
DESCRIBE = re.compile(r"^\s*(tell me about|describe|what happened|what did|how did|how does|how do|"
                      r"what (is|was) the .* (initiative|programme|program|project|system|challenge|competition|"
                      r"campaign|event|activity)\b)", re.I)
# "How did X perform against its goal?": the sentences that say so, not the passage around them
HOW = re.compile(r"^\s*how (did|does|do)\b", re.I)
# "What solid-waste training did X hold?": an activity asked about, answered by its case when one matches
ABOUT_ACTIVITY = re.compile(r"^\s*(what|which)\s+[\w-]+(?:\s+[\w-]+){0,3}\s+(did|does|has|have)\b", re.I)
LIST = re.compile(r"^\s*(what are|which|list|name)\b|\b(what|which) .*\b(committees|standards|shows|conferences|"
                  r"channels|ways|subsidiaries|institutes|universities|partners|members)\b", re.I)
BARE_NAME = re.compile(r"(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+)?[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2}")
# a yes/no question that goes on to ask about the thing: ", and by what year ...", "? If so, which ..."
FOLLOW_UP_ASK = re.compile(r"(?:,|;|\?)\s*(?:and\s+|if (?:yes|so),?\s+)(?:by\s+|in\s+|for\s+)?(?:what|which|when|how|who)\b",
                           re.I)
# a question about what something achieved: its figures follow the sentence that describes it
RESULTS = re.compile(r"\b(results?|impacts?|outcomes?|savings?|benefits?|effects?|achieved|achievements?)\b", re.I)
# "Which executive is ...": one is asked for, not a list
SINGULAR = re.compile(r"^\s*(?:which|what)\s+(?:[\w&'’-]+\s+){0,3}?[\w&'’-]*(?:[^s\W]|ss)\s+(?:is|was|has|does)\b",
                      re.I)
YES_NO = re.compile(r"^\s*(did|does|do|is|are|was|were|has|have|had|will|can)\b", re.I)
# "Were emissions above or below the baseline?" asks which way, not yes or no
WHICH_WAY = re.compile(r"\b(above|below|higher|lower|more|less|fewer|greater|smaller|larger|up|down|over|under|"
                       r"better|worse|increase|decrease|increased|decreased|rise|fall|rose|fell)\s+or\s+\w+", re.I)
# a negation: "net-zero", "zero-emission" or "No." (number) are names, not a "no"
NEGATIVE = re.compile(r"(?<![\w-])(no|not|never|none|(?<!net\s)zero|nor|without|neither)(?![\w-]|\.\s*\d)"
                      r"|(?<![\d.,])0(?![\d.,%])\s+[a-z]", re.I)
SUB_ROW = re.compile(r"^\s*[–—-]\s")          # a table row indented under the row it is part of
HOW_MANY = re.compile(r"\bhow many\s+((?:[\w&'-]+\s+){0,2}[\w&'-]+)", re.I)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a sentence saying the report does not give a figure: "we do not report a total", "is not disclosed"
NOT_REPORTED = re.compile(r"\b(?:(?:do|does|did|have|has|had|will|can)\s+not|don't|doesn't|cannot|can't)\s+(?:yet\s+)?(?:report|disclose|publish|"
                          r"calculate|quantify|track|set|collect)\b|\bnot\s+(?:currently\s+)?(?:reported|disclosed|published|"
                          r"available|quantified|calculated|tracked)\b|\bno\s+(?:data|figure)s?\s+(?:is|are|was|were)\b",
                          re.I)
PERCENT_WORDS = frozenset(tokenize("percentage percent proportion share fraction"))
ANAPHORA = re.compile(r"^(it|this|these|they|that|those|such|its|their|also|in addition|additionally)\b", re.I)


class PassageRoute:
    def __init__(self, ctx):
        self.ctx = ctx
        self.kb, self.idf, self.company_tokens = ctx.kb, ctx.idf, ctx.company_tokens

    def _w(self, tokens) -> float:
        return weight(tokens, self.idf)

    def support(self, concepts, text: str) -> float:
        return coverage(concepts, set(tokenize(text)), self.idf)

    def answer(self, q: Question, report: str | None = None, k: int = 5) -> Answer:
        question = q.text
        detail = lists.detail_asked(question)       # "Has X identified levers? If yes, detail them."
        listing = bool(LIST.search(question))
        if listing or detail or COMBINED_ITEMS.search(question):
            # a list is one passage, a combined share may be stated apart from its parts: look further
            k = max(k, T.LIST_PASSAGES)
        hits = self.kb.search(question, k=k, **({"report": report} if report else {}))
        concepts = q.about(self.company_tokens)
        if wanted(question) == "percent":     # "what proportion of X": the passage says "39%", not "proportion"
            concepts = [c for c in concepts if not c & PERCENT_WORDS] or concepts
        content = set().union(*concepts) if concepts else set()
        codes = {m.group(0).lower() for m in CODE_PHRASE.finditer(question) if not YEAR.fullmatch(m.group(2))}
        head = self.head_concept(q, concepts)
        supported, weak = [], []
        for p in hits:
            text = p.index_text()
            tokens = set(tokenize(text))
            if codes and not all(re.search(rf"\b{re.escape(c)}\b", clean_inline(text).lower()) for c in codes):
                continue      # "Scope 3" asked, the passage only says "scope"
            report_year = (self.kb.reports.get(p.report) or {}).get("year")
            other_years = {y for y in q.years if y != report_year}
            if other_years and not other_years & years_in(p.text):
                continue      # a year the passage never mentions (its section's title does not count)
            if head and not head & tokens:
                continue      # "how many employees ... in Germany": no employees in the passage
            support = self.support(concepts, text)
            if support >= T.MIN_SUPPORT:
                supported.append((support, p))
            elif support >= T.MIN_LIST_SUPPORT:
                weak.append(p)
        # the passage that holds more of the question first; retrieval rank breaks ties
        supported = [p for _, p in sorted(supported, key=lambda sp: -round(sp[0], 2))]
        best = supported[0] if supported else None
        if best and ((DESCRIBE.search(question) and (best.kind == "case" or (best.kind == "text" and not HOW.match(question))))
                     or (ABOUT_ACTIVITY.search(question) and best.kind == "case")):
            return self._describe(q, best)
        plural = listing and not SINGULAR.search(question)
        if plural or detail:
            # a list announced by the very noun asked for ("four scenarios: …") counts from a passage
            # that holds fewer of the question's other words ("stress-test")
            listed = self._named_list(q, supported + weak, concepts)
            if listed:
                if detail:
                    listed.text = f"Yes. {listed.text}"
                return listed
        if not supported:
            return self.not_disclosed(q, hits, content, codes)
        if plural and not self._one_unit_answers(supported[:3], concepts):
            for p in supported[:3]:
                listed = self._list(q, p, content)
                if listed and (wanted(question) not in ("person", "organisation") or
                               any(fits(wanted(question), h) for c in listed.citations for h in c.highlights)):
                    return listed       # "which audit firms": a list that names no firm is not the answer
        return self._sentences(q, supported[:3], content, report)

    def _one_unit_answers(self, passages, concepts) -> bool:
        """Whether a single sentence holds every concept of the question (then it is the answer)."""
        return any(coverage(concepts, set(tokenize(u)), self.idf) >= 0.99 for p in passages for u in units(p.text))

    @staticmethod
    def head_concept(q: Question, concepts, last: bool = False) -> frozenset[str] | None:
        """What a "how many X" question counts: the concept of the first word after it (of the last, with
        `last`: the noun the words before it qualify)."""
        m = HOW_MANY.search(q.text)
        if not m:
            return None
        words = tokenize(m.group(1))
        for word in (reversed(words) if last else words):   # last: "how many subcontractor fatalities" counts fatalities
            for c in concepts:
                if word in c:
                    return c
        return None

    # ---- answer shapes ------------------------------------------------------------------------
    def _cite(self, n: int, p, highlights: list[str]) -> Citation:
        return Citation.of(n, p, p.score, highlights)

    def _sentences(self, q: Question, passages, content: set[str], report: str | None = None) -> Answer:
        kind = wanted(q.text)
        if kind == "year" and q.operation == "extreme":
            kind = "description"         # "in which year did X peak": the figures decide, not a year in the text
        asked_codes = codes(q.text)
        # "combined Scope 1 and 2": a sentence that names the parts together gives their sum as printed
        together = split(q.text) if COMBINE.search(q.text) else None
        scored = []
        for rank, p in enumerate(passages):
            us = units(p.text)
            for i, s in enumerate(us):
                own = content & set(tokenize(s))
                # "It also includes targets of 20% by 2030": the subject is in a sentence before
                before = set()
                if ANAPHORA.match(s):
                    lead = [u for u in us[max(0, i - T.ANTECEDENT_SENTENCES):i] if len(u) < T.MAX_ANTECEDENT_CHARS]
                    before = (content & set(tokenize(" ".join(lead)))) - own
                    if before:
                        s = " ".join(lead + [s])
                if kind == "person" and i and BARE_NAME.fullmatch(us[i - 1]) and ROLE_WORD.match(s):
                    s = f"{us[i - 1]}, {s}"         # a name set above its title: "Anne Smith / Group Director of …"
                overlap = self._w(own) + T.ANTECEDENT_WEIGHT * self._w(before)
                if len(s.split()) < 4:
                    overlap *= 0.5          # a caption or heading says less than a sentence
                said = codes(s)
                if any(head in said and not nums & said[head] for head, nums in asked_codes.items()) or \
                        not qualifiers_agree(q.text, s):
                    overlap *= T.OTHER_CODE          # "Scope 2: ..." for a Scope 3 question, "(employees)" for contractors
                fit = fits(kind, s)
                if together and together.combine and together.named_in(s):
                    overlap *= T.FITS_ANSWER_TYPE
                if kind == "percent" and states_combined(q.text, s):
                    overlap *= T.FITS_ANSWER_TYPE          # the combined share stated, not left to add up
                if fit is True:
                    overlap *= T.FITS_ANSWER_TYPE          # "who" wants a unit that names someone, "when" a year
                elif fit is False:
                    overlap *= T.LACKS_ANSWER_TYPE         # "how many" wants a unit with a figure in it
                named_years = years_in(s) if q.years else set()
                if named_years & set(q.years):
                    overlap *= T.NAMES_ASKED_YEAR
                elif named_years and kind != "year":      # in a "when" question a year names the subject
                    overlap *= T.NAMES_OTHER_YEAR         # a sentence about another period
                if overlap > 0:
                    scored.append((overlap - 0.01 * rank - 0.001 * i, p, s))
        scored.sort(key=lambda x: -x[0])
        scored = distinct(scored)
        picked = [x for x in scored[:2] if x[0] >= T.SECOND_SENTENCE_RATIO * scored[0][0]] if scored else []
        if len(picked) == 2 and (picked[0][2] in picked[1][2] or picked[1][2] in picked[0][2]):
            # one is the other with the sentence before it: the longer says both, once
            picked = [max(picked, key=lambda x: len(x[2]))]
        if len(picked) == 2 and self._repeats(picked[1][2], picked[0][2]):
            picked = picked[:1]          # the same figure said twice adds nothing
        if picked:
            picked = self._for_other_clauses(q, scored, picked, report)
        if not picked:
            return self._describe(q, passages[0])
        if RESULTS.search(q.text) and kind == "description":
            # "what results does X report from Y": the sentences after the one about Y give the figures
            picked += [x for x in self._following(picked[0], "amount") if all(x[2] not in y[2] for y in picked)]
        if kind in ("person", "organisation") and not fits(kind, picked[0][2]):
            # "which audit firms ...": the statement is in the passage, the names sign it below
            picked += self._named_nearby(picked, kind)
        needed = figure_kind(q.text, q.operation, q.years)
        asked_about = q.about(self.company_tokens)
        head = self.head_concept(q, asked_about, last=True)

        def gives(sentence: str) -> bool:
            """The sentence holds the figure asked for, of what is counted ("fatalities"), for whom
            ("subcontractors", not "(employees)"), and the whole when a total is asked (not a sub-row
            "– Diesel" of the table)."""
            return fits(needed, sentence) and (head is None or bool(head & set(tokenize(sentence)))) \
                and qualifiers_agree(q.text, sentence) and not (WHOLE.search(q.text) and SUB_ROW.match(sentence))
        if needed:
            # a sentence close behind says the report does not give the figure ("we do not report a
            # total Scope 3 emissions figure") and says more of the question than any picked sentence
            # that gives one (the largest category's figure is not the total): that is the answer
            given = max((self.support(asked_about, s) for _, _, s in picked if gives(s)), default=0.0)
            denial = next((x for x in scored[:T.DENIAL_SENTENCES] if NOT_REPORTED.search(x[2]) and not gives(x[2])
                           and self.support(asked_about, x[2]) >= max(T.DENIAL_SUPPORT, given + 1e-9)), None)
            if denial:
                c = self._cite(1, denial[1], [denial[2]])
                return Answer(q.text, f"The report says it does not disclose this: {denial[2]} [1]", [c],
                              route="passage", answerable=False)
        if needed and not any(gives(s) for _, _, s in picked):
            # the best sentence names the thing, another close behind gives its figure
            figured = [x for x in scored if gives(x[2]) and x[0] >= T.FIGURE_SENTENCE_RATIO * scored[0][0]]
            picked = figured[:1] or picked
        if needed and not any(gives(s) for _, _, s in picked):
            # "how many / what share": the passages name the thing but give no figure for it
            c = self._cite(1, picked[0][1], [picked[0][2]])
            return Answer(q.text, f"The report does not give a figure for this; the closest passage says: "
                                  f"{picked[0][2]} [1]", [c], route="passage", answerable=False)
        citations, numbers = cited((p, s) for _, p, s in picked)
        parts = [f"{with_header(p.text, s)} [{n}]" for (_, p, s), n in zip(picked, numbers)]
        text = " ".join(parts) + combined_share(q.text, [s for _, _, s in picked])
        year = lead_year(picked[0][2], content) if kind == "year" else None
        if year and not text.startswith(year):
            text = f"{year}: {text}"
        if YES_NO.match(q.text):
            # "Did X reach its aim of 30%?" and a sentence says 29.5%, "Did X fall from 2020 to 2021?" and
            # a sentence gives both years' figures: the verdict is arithmetic, and that sentence its
            # evidence (the aim is in the question already)
            said = [s for _, _, s in picked]
            aim = AIM.search(q.text)
            verdict = (aim_reached(aim.group(1), said) if aim else None) or change_verdict(q.text, q.years, said)
            if verdict is not None:
                ok, detail, i = verdict
                _, p, s = picked[i]
                return Answer(q.text, f"{'Yes' if ok else 'No'} ({detail}). {s} [1]", [self._cite(1, p, [s])],
                              route="passage")
        if YES_NO.match(q.text) and not WHICH_WAY.search(q.text):
            if max(self.support(asked_about, s) for _, _, s in picked) < T.MIN_VERDICT_SUPPORT:
                # "Does X use an internal carbon price?": one sentence says "internal", another "carbon"
                return Answer(q.text, f"The report does not say: no sentence speaks of it. The closest passage "
                                      f"says: {text}", citations, route="passage", answerable=False)
            # "zero waste" or "net-zero" asked is not a "no" when the passage says "Net Zero"
            asked = {w.lower() for w in NEGATIVE.findall(q.text.replace("-", " ")) if w}
            verdict = "No" if any(m.group(1) is None or m.group(1).lower() not in asked
                                  for _, _, s in picked for m in NEGATIVE.finditer(s)) else "Yes"
            if verdict == "No" and FOLLOW_UP_ASK.search(q.text):
                # "Does X have a net-zero target, and by what year?": with no such target, what the
                # second part asks about is not in the report
                return Answer(q.text, f"The report does not say: no passage gives it. The closest passage says: "
                                      f"{text}", citations, route="passage", answerable=False)
            text = f"{verdict}. {text}"
        elif NOT_REPORTED.search(picked[0][2]):
            # "we do not report a total Scope 3 figure": the report says it does not disclose it
            return Answer(q.text, f"The report says it does not disclose this: {parts[0]}", citations[:1],
                          route="passage", answerable=False)
        return Answer(q.text, text, citations, route="passage")

    @staticmethod
    def _repeats(sentence: str, before: str) -> bool:
        """Whether a sentence only repeats another: every figure it gives is in the other."""
        said = figures(sentence)
        return bool(said) and set(said) <= set(figures(before))

    def _for_other_clauses(self, q: Question, scored, picked, report: str | None) -> list:
        """"How big is X, and how much had Y requested?": for each clause of the question that the
        picked sentences do not yet answer (the sentence saying its words lacks the kind of answer it
        wants), the sentences after that one that go on to answer it ("This brings the campus to
        3.3 MW."), or the best sentence for the clause from the passages found for the whole question
        or for the clause itself, with the sentences after it when they hold its answer."""
        chosen = list(picked)
        company = mention(q.text, self.company_tokens)
        for clause in clauses(q.text):
            kind = wanted(clause)
            # "how big is X": what is asked about is X; "how big" says what kind of answer
            words = {t for t in tokenize(without_kind_words(clause)) if any(t in c for c in q.concepts)} \
                - self.company_tokens
            if not words:
                continue
            need = kind if kind in ("count", "amount", "percent", "year", "person", "organisation") else \
                ("amount" if MEASURE.search(clause) else None)
            enough = T.CLAUSE_SUPPORT * self._w(words)
            said, anchor = max((self._w(words & set(tokenize(x[2]))), x) for x in chosen)
            if said >= enough and (need is None or fits(need, anchor[2])):
                continue            # answered already
            # the sentences after the one saying the clause's words, or after the answer's first sentence
            # (the clause asks on about what it names: "..., and what is the site's total capacity now?")
            chain = (self._following(anchor, need) if said >= enough else self._following(picked[0], need)) \
                if need else []
            if not chain:
                hits = self.kb.search(f"{clause} {company}", k=3, **({"report": report} if report else {}))
                pool = [(0.0, p, s) for p in hits for s in units(p.text)] + list(scored)
                weight, best = max(((self._w(words & set(tokenize(x[2]))) *
                                     (T.FITS_ANSWER_TYPE if need and fits(need, x[2]) else 1), x) for x in pool
                                    if not any(self._repeats(x[2], y[2]) for y in chosen)),
                                   key=lambda wx: wx[0], default=(0, None))
                if best is None or weight < enough:
                    continue
                chain = [best] + (self._following(best, need) if need and not fits(need, best[2]) else [])
            for c in chain:
                if any(c[2] in y[2] for y in chosen):
                    continue            # said already, maybe as part of a longer unit
                chosen = [y for y in chosen if y[2] not in c[2]] + [c]
        chosen += self._for_other_years(q, scored, chosen, report)
        extra = [x for x in chosen if x not in picked]
        kept = [x for x in picked if x in chosen]
        return kept + extra[:T.MAX_CLAUSE_SENTENCES]

    def _for_other_years(self, q: Question, scored, chosen, report: str | None) -> list:
        """"How much did X fall from 2019 to 2020?" answered from prose: a sentence with a figure for
        each year asked about that the chosen sentences do not name, from the passages found for the
        question with that year."""
        if q.operation != "change" or len(q.years) != 2:
            return []
        words = set().union(*q.concepts) - self.company_tokens if q.concepts else set()
        named = set().union(*(years_in(x[2]) for x in chosen)) & set(q.years)
        if len(named) != 1 or any(x[1].kind == "table" for x in chosen):
            return []       # the sentences give no year-by-year account, or a table row has every year
        # a sentence on the answer's page goes on about the same thing: a shared word is enough there
        pages = {(y[1].report, y[1].page) for y in chosen}
        enough = T.CLAUSE_SUPPORT * self._w(words)
        extra = []
        for year in q.years:
            if year in named or not words:
                continue
            hits = self.kb.search(f"{q.text} {year}", k=5, **({"report": report} if report else {}))
            hits += [n for y in chosen for n in self.kb.index.neighbours(y[1].passage_id)]
            pool = [(0.0, p, s) for p in hits for s in units(p.text)] + list(scored)
            weight, best = max(((w + (enough if (x[1].report, x[1].page) in pages else 0), x) for x in pool
                                for w in [self._w(words & set(tokenize(x[2])))]
                                if w > 0 and year in years_in(x[2]) and figures(x[2])
                                and all(x[2] != y[2] for y in chosen + extra)),
                               key=lambda wx: wx[0], default=(0, None))
            if best is not None and weight >= enough:
                extra.append(best)
        return extra

    def _named_nearby(self, picked, kind: str) -> list:
        """The sentences after the picked ones, in their passage or the passages printed next to it on
        its page, that name a person or an organisation (a signature, a name above a title)."""
        out = []
        for _, p, s in picked[:1]:
            us = units(p.text)
            at = unit_at(us, s)
            after = [(p, u) for u in us[len(us) if at is None else at + 1:]]
            after += [(n, u) for n in self.kb.index.neighbours(p.passage_id, span=T.NAMES_NEARBY_SPAN)
                      for u in units(n.text)]
            for n, u in after:
                if fits(kind, u) and all(u != y[2] for y in picked + out):
                    out.append((0.0, n, u))
        return out[:T.MAX_NAMED_NEARBY]

    @staticmethod
    def _following(x, need: str, ahead: int = 2) -> list:
        """The next few sentences after a picked one in its passage, down to the first that holds the
        kind of answer needed ("This brings the campus to 3.3 MW."); none when none does."""
        _, p, s = x
        us = units(p.text)
        at = unit_at(us, s)
        if at is None:
            return []
        for n, u in enumerate(us[at + 1:at + 1 + ahead]):
            if fits(need, u):
                return [(0.0, p, v) for v in us[at + 1:at + 2 + n]]
        return []

    def _describe(self, q: Question, p) -> Answer:
        """A case or initiative: its passage, cleaned, is the answer."""
        kept, figures = [], 0
        for u in units(p.text):
            figures += len(NUMBER.findall(u))
            if kept and (figures > T.MAX_DESCRIBE_FIGURES or sum(map(len, kept)) + len(u) > T.MAX_DESCRIBE_CHARS):
                kept.append("…")
                break
            kept.append(u)
        body = " ".join(kept)
        return Answer(q.text, f"{body} [1]", [self._cite(1, p, [])], route="passage")

    def _list(self, q: Question, p, content: set[str]) -> Answer | None:
        """The list items or table rows of the best passage, when it is a list."""
        listing = lists.bullets(p.text, units)
        if not listing:
            return None
        lead = listing.lead if content & set(tokenize(listing.lead)) else ""
        text = lists.render(lists.Listing(lead, listing.items)) + " [1]"
        return Answer(q.text, text, [self._cite(1, p, list(listing.items))], route="passage")

    def _named_list(self, q: Question, passages, concepts) -> Answer | None:
        """The list whose lead names what the question asks for ("the key areas of focus are ...",
        "four pillars: ..."), from the passages that support the question."""
        head = lists.asked_for(q.text)
        concept = next((c for c in concepts if head & c), head)
        # the passages come best first: the first that holds a list naming the thing asked for
        found = [(-i, self.support(concepts, f"{p.section} {listing.text}"), p, listing)
                 for i, p in enumerate(passages) for listing in lists.listings(p.text, units, concept)
                 if lists.names(listing, concept)]
        if not found:
            return None
        _, _, p, listing = max(found, key=lambda f: (f[0], round(f[1], 2)))
        kind = wanted(q.text)
        if kind in ("person", "organisation") and not any(fits(kind, i) for i in listing.items):
            return None     # "which audit firms": a list that names no firm is not the answer
        return Answer(q.text, lists.render(listing) + " [1]", [self._cite(1, p, list(listing.items))], route="passage")

    def not_disclosed(self, q: Question, hits, content: set[str], codes: set[str]) -> Answer:
        asked = ", ".join(sorted(codes)) if codes else ", ".join(sorted(content)) or "what was asked"
        near = hits[0] if hits else None
        where = f" The closest passage is in {near.section} (p. {near.page})." if near else ""
        return Answer(q.text, f"The report does not disclose this: no passage supports {asked}.{where}", [],
                      route="none", answerable=False)
