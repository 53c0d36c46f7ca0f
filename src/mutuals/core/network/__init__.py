"""Warm paths through your network's network: who can introduce you to someone, ranked.

Idea: help and job leads travel through people (Granovetter, "The strength of weak ties",
American Journal of Sociology 78(6), 1973; *Getting a Job*, 1974): a path of people who know
each other, each hop as likely to be taken as the tie is strong. For information rather than
introductions, Rajkumar et al. ("A causal test of the strength of weak ties", Science 377,
2022; a field experiment over 20 million LinkedIn users) found moderately weak ties, not the
strongest, the most useful for job mobility.

The network: you ("me", who is not one of the people), your ties to your contacts (their
strength from `core.strength`, in [0, 1]), and undirected "knows" edges between people with an
estimated strength in (0, 1] and a source ("worked together at Orion"). It is stored once as
CSR arrays (row offsets, int32 neighbour indices, float32 strengths, int32 source codes), each
edge in both directions, with an id <-> index mapping.

Formula in words: a path is you, then a contact (the first hop), then at most `max_hops - 1`
more people, ending at the first target it reaches, never visiting anyone twice. Its score is
the product of its hop weights. A hop's weight is its strength, except in "info" mode, where
the first hop (your own tie, the tie the 2022 experiment measured) weighs
(s / p) * e^(1 - s / p) with p = 0.35: 1 at s = p, 0.45 for the strongest tie, 0.58 at 0.1.
Later hops keep their strength in both modes, because whether an acquaintance passes a
question on still grows with how well they know the next person. Diversity: at most
`per_first_hop` paths through each contact, so the top five go through five different friends.

Search: for the common query (at most 3 hops, one path per contact) every contact is scored at
once over the arrays, meeting in the middle, and only the winning paths are rebuilt (`fast`);
any other query runs an exact best-first search bounded by the best reachable product
(`search`). Both give the same scores.

Modules: `model` (the dataclasses and the info weight), `arrays` (ids, strengths, the CSR
build), `graph` (`Network`), `fast` and `search`, `words` (`who_they_know`, `describe_path`).
"""

from mutuals.core.network.fast import scored_paths
from mutuals.core.network.graph import COMPACT_MIN, COMPACT_SHARE, Network
from mutuals.core.network.model import (
    INFO_PEAK,
    MAX_HOPS,
    ME,
    MODES,
    Acquaintance,
    Hop,
    Knows,
    Mode,
    Path,
    info_weight,
)
from mutuals.core.network.search import searched_paths, warm_paths
from mutuals.core.network.words import describe_hop, describe_path, who_they_know

__all__ = [
    "COMPACT_MIN",
    "COMPACT_SHARE",
    "INFO_PEAK",
    "MAX_HOPS",
    "ME",
    "MODES",
    "Acquaintance",
    "Hop",
    "Knows",
    "Mode",
    "Network",
    "Path",
    "describe_hop",
    "describe_path",
    "info_weight",
    "scored_paths",
    "searched_paths",
    "warm_paths",
    "who_they_know",
]
