"""Reading paths and people in words: who someone knows that you don't, and each hop said."""

from __future__ import annotations

from collections.abc import Mapping

from mutuals.core.network.graph import Network
from mutuals.core.network.model import Acquaintance, Hop, Mode, Path
from mutuals.core.words import strength_level

# Info weights from here up are near the peak of the inverted U (1 at strength 0.35; 0.9
# between about 0.21 and 0.54): "moderately weak" in Rajkumar et al.'s sense.
INFO_BEST = 0.9


def who_they_know(network: Network, person: int, *, limit: int | None = 20) -> list[Acquaintance]:
    """The people `person` knows who are not your contacts, strongest first (then by id)."""
    i = network._index.get(person)
    if i is None:
        return []
    best: dict[int, tuple[float, int]] = {}
    for j, w, code in network._row(i):
        if j != i and network._tie[j] == 0 and w > best.get(j, (0.0, 0))[0]:
            best[j] = (w, code)
    ranked = sorted(
        (Acquaintance(network._ids[j], w, network._sources[c]) for j, (w, c) in best.items()),
        key=lambda a: (-a.strength, a.person),
    )
    return ranked if limit is None else ranked[:limit]


def describe_hop(hop: Hop, names: Mapping[int, str], *, mode: Mode = "intro") -> str:
    """One hop in words, e.g. "Bruce knows Alice (worked together at Orion), estimated strong".

    Your own tie reads "You know Bruce: a very strong tie", and in info mode says when it is
    the moderately weak kind that helps most; words, not numbers (`core.words`): the strengths
    and weights stay on the `Hop`. Callers usually say more about it from the person's record.
    """
    to = names.get(hop.to_id, f"person {hop.to_id}")
    if hop.yours:
        text = f"You know {to}: a {strength_level(hop.strength).word} tie"
        if mode == "info" and hop.weight >= INFO_BEST:
            text += ", the kind that helps most when asking for information"
        return text
    giver = names.get(hop.from_id, f"person {hop.from_id}")
    source = f" ({hop.source})" if hop.source else ""
    return f"{giver} knows {to}{source}, estimated {strength_level(hop.strength).word}"


def describe_path(path: Path, names: Mapping[int, str]) -> list[str]:
    return [describe_hop(hop, names, mode=path.mode) for hop in path.hops]
