"""Every tuning threshold of the answerer, named in one place."""

# metric matching (catalog.py)
MIN_LABEL_COVERAGE = 0.7      # share (IDF-weighted) of the metric label's words found in the question
LABEL_SLACK = 0.1             # ... or 0.1 less when every word of the question is in the label
MIN_QUESTION_COVERAGE = 0.6   # share (IDF-weighted) of the question's content words found in label/qualifier/unit
FULL_QUESTION_COVERAGE = 0.95  # "every word of the question" for the slack above
KIND_BONUS = {"table": 0.1, "highlight": 0.05, "prose": -0.1}   # where an observation was read from
YEAR_BONUS = 0.1              # the metric has a figure for a year the question names
UNMENTIONED_QUALIFIER_PENALTY = 0.1   # per qualifier word the question does not say (at most three)
MAX_SOURCE_PASSAGES = 3       # passages of a matched metric that retrieval boosts
MIN_LABEL_SIMILARITY = 0.45    # cosine between a question and a metric label (with qualifier and unit) that
                              # lets retrieval boost the label's passages when no label word matched
SEMANTIC_CANDIDATES = 3       # labels that close the answerer considers when no label word matched ...
CORROBORATING_PASSAGES = 8    # ... the first whose passage is among this many search hits for the question
MIN_SEMANTIC_LABEL_COVERAGE = 0.5  # ... and whose label's words (IDF-weighted) are at least this much the question's
MIN_SEMANTIC_QUESTION_COVERAGE = 0.5  # ... and the question's words this much in the label, qualifier, unit, title

# metric answers (metric_answers.py)
MAX_AGREEING = 2              # extra citations for the same figure printed elsewhere
MULTI_COMPANY_MARGIN = 0.15   # companies whose best metric scores this close to the best are all answered
MAX_UNNAMED_COMPANIES = 10    # ... at most this many when the question names none (the rest are counted)

# events, people, organisations
EVENT_LABEL_WEIGHT = 0.3      # how much the event label's own coverage adds to the question's
MIN_ALIAS_SIMILARITY = 92     # rapidfuzz partial_ratio for a subsidiary spelling with a small typo

# passages (passage_route.py)
MIN_SUPPORT = 0.45            # IDF-weighted share of the question's words a passage must contain
MAX_DESCRIBE_CHARS = 1500
MAX_DESCRIBE_FIGURES = 12     # a description, not a dump of a table
MAX_LIST_ITEMS = 10
MIN_LIST_SUPPORT = 0.3         # ... or this, for a list whose lead names what a list question asks for
LIST_PASSAGES = 8              # passages searched for a list question (else 5)
RANKING_PASSAGES = 8           # passages searched for each member's stated change ('which scope rose most')
MAX_LIST_ITEM_WORDS = 12       # an enumerated item longer than this is prose, not an item
FITS_ANSWER_TYPE = 1.5        # a sentence holding the kind of answer asked for (a year, a name, a figure)
LACKS_ANSWER_TYPE = 0.5       # ... or lacking it
NAMES_ASKED_YEAR = 1.3        # a sentence naming a year the question asks about
NAMES_OTHER_YEAR = 0.6        # ... or naming only other years
ANTECEDENT_WEIGHT = 0.5       # the previous sentence's words count half for a sentence that continues it
MAX_ANTECEDENT_CHARS = 400
ANTECEDENT_SENTENCES = 2      # how many sentences back the subject of a continuing sentence may be
OTHER_CODE = 0.3              # a sentence about another numbered code (Scope 2 when Scope 3 is asked)
MIN_VERDICT_SUPPORT = 0.5     # a yes or no needs one sentence holding this share of the question's words
SECOND_SENTENCE_RATIO = 0.5   # a second sentence is quoted when it scores at least this share of the best
CLAUSE_SUPPORT = 0.5          # a sentence for a further clause of the question holds this share of its words
MAX_CLAUSE_SENTENCES = 3      # ... and at most this many such sentences are added
MAX_NAMED_NEARBY = 2          # names (signatures) quoted from below the answer when it names nobody ...
NAMES_NEARBY_SPAN = 8         # ... from passages at most this many before or after it on its page
SAME_SENTENCE = 0.9           # two sentences sharing this share of the longer's words say the same
DENIAL_SENTENCES = 5           # a figure asked for: a sentence among the best this many that says it is not reported ...
DENIAL_SUPPORT = 0.75          # ... holding this share of the question's words, answers "not given"
FIGURE_SENTENCE_RATIO = 0.3   # a figure is wanted and the best sentence has none: a sentence with one, this close

# questions
MAX_QUESTION_CHARS = 2000
MAX_RANGE_YEARS = 20          # "2000-2040" is a range; wider spans are two separate years
