"""Matching: which open needs does a pasted text (a posting, article, event, note) serve?

The package, by concept: `analyzer` (text to terms), `ranking` (needs scored against a text,
the in-memory index), `direction` (is a need someone looking, or hiring and offering),
`groups` (leads, things to share and your own; relevance in words) and `organisations` (which
of your people's organisations a text names).

Idea: classic ranked retrieval. Each need is a short document; the pasted text is the query.
Words are reduced to terms by an analyzer (Unicode folding as in `names.fold`, stop words,
a table of synonyms and phrases, and the Porter stemmer: M. F. Porter, "An algorithm for
suffix stripping", Program 14(3), 1980). Needs are ranked by Okapi BM25 (Robertson & Zaragoza,
"The probabilistic relevance framework: BM25 and beyond", 2009).

Formula in words: the collection is every open need searched over. A long text is first cut
to its QUERY_TERMS most telling terms (Lucene's MoreLikeThis: the highest count in the text x
idf). A need's score is the sum, over those terms it contains, of
  idf = ln(1 + (needs - needs with the term + 0.5) / (needs with the term + 0.5)).
That is BM25 with k1 = 0 (and so no length normalisation): in a one-line need a term said twice
("management" and "manager" both stem to "manag") says no more than said once, and a score that
depends only on which terms a need contains is one a database's full-text index can add up
itself (mutuals.needs.fulltext). Only needs sharing a term with the text are results (every
score is above 0); ties go to the lower need id.
"""

from mutuals.core.matching.analyzer import (
    MAX_WORD_LENGTH,
    PHRASES,
    STOP_WORDS,
    SYNONYMS,
    Token,
    analyze,
)
from mutuals.core.matching.direction import (
    DIRECTION_WORDS,
    DIRECTIONS,
    LOOKING,
    OFFERING,
    infer_direction,
)
from mutuals.core.matching.groups import (
    GROUP_HEADINGS,
    GROUPS,
    LEAD,
    SHARE,
    YOURS,
    Relevance,
    group_of,
    grouped,
    relevance,
)
from mutuals.core.matching.organisations import Mention, name_keys, organisations_named
from mutuals.core.matching.ranking import (
    QUERY_TERMS,
    CollectionStats,
    Match,
    NeedDoc,
    NeedIndex,
    action_for,
    best_sums,
    explain,
    idf,
    rank,
    score,
    score_all_naive,
    telling_terms,
    term_counts,
)

__all__ = [
    "DIRECTIONS",
    "DIRECTION_WORDS",
    "GROUPS",
    "GROUP_HEADINGS",
    "LEAD",
    "LOOKING",
    "MAX_WORD_LENGTH",
    "OFFERING",
    "PHRASES",
    "QUERY_TERMS",
    "SHARE",
    "STOP_WORDS",
    "SYNONYMS",
    "YOURS",
    "CollectionStats",
    "Match",
    "Mention",
    "NeedDoc",
    "NeedIndex",
    "Relevance",
    "Token",
    "action_for",
    "analyze",
    "best_sums",
    "explain",
    "group_of",
    "grouped",
    "idf",
    "infer_direction",
    "name_keys",
    "organisations_named",
    "rank",
    "relevance",
    "score",
    "score_all_naive",
    "telling_terms",
    "term_counts",
]
