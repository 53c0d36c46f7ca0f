"""Train the outreach review's second reader (src/mutuals/core/outreach/reader.py).

    .venv/bin/python scripts/train_outreach_reader.py            # write reader_weights.json
    .venv/bin/python scripts/train_outreach_reader.py --check    # exit 1 if the file differs
    .venv/bin/python scripts/train_outreach_reader.py --evaluate # the leave-one-writer-out table

Deterministic: no random numbers at all. L2-regularised logistic regression fitted by Newton's
method (from zero weights; the readers that leave a writer out, from the whole reader's) on the
named features `reader.features` gives each message (its acts, its relationship and the rules'
own finding codes).

The two thresholds (`add_at`: add a finding to a letter the rules pass; `clear_at`: take away
the rules' whole-letter balance warnings) are chosen by leaving one writer out (session 9):
each retired writer in turn is scored by a reader trained on everything else, which is the
situation of the part that judges the next round (a writer the reader never saw). Each writer's
best pair is the middle of its own F1 plateau; the shipped pair is the median of the writers'
`add_at` values and the median of their `clear_at` values (the lower median of an even count).
A median of five writers moves only when the middle writer moves, so a few new messages no
longer swing a threshold from one end of a flat plateau to the other (the rule before, on
five folds by position, swung 0.55/0.175 <-> 0.65/0.275 with 8 more messages).

A message whose thread is known (`unanswered` >= 1: a follow-up to your unanswered message)
teaches the reader its acts and the thread facts, not its words: the thread made it a chase, and
its words ("did you", "could you") are as common in kind letters.

Training data: the development part and the retired frozen parts, each a writer of its own
(frozen2, frozen3, since session 8 frozen4, since session 9 frozen5, frozen6 and frozen7, since
session 10 frozen8: each judged, then retired into training once a newer part existed to judge
the next round). `frozen.jsonl`, frozen9 and any later frozen part are never opened here.
`--evaluate` leaves one retired writer out at a time: trained on development and the other
writers, with thresholds chosen the same way on those other writers only (nested), scored on
the one left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import linalg, sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # the corpus's one loader: tests/core/outreach_corpus.py

from tests.core import outreach_corpus as corpus  # noqa: E402

from mutuals.core.outreach import Severity, review  # noqa: E402
from mutuals.core.outreach import reader as second  # noqa: E402
from mutuals.core.outreach.letter import letter  # noqa: E402

WEIGHTS = ROOT / "src" / "mutuals" / "core" / "outreach" / second.WEIGHTS_FILE
TRAINING_PARTS = (
    "development",
    "frozen2",
    "frozen3",
    "frozen4",
    "frozen5",
    "frozen6",
    "frozen7",
    "frozen8",
)
WRITERS = TRAINING_PARTS[1:]  # one writer each; never "frozen", frozen9+
L2 = 1.0  # ridge on every weight but the bias
BIAS_L2 = 1e-3  # (the bias is all but free)
MAX_STEPS = 50
MIN_COUNT = 3  # a feature seen in fewer training messages gets no weight
WORDS = ("s:w:", "s:b:")  # the sentence words and word pairs among the reader's features
DECIMALS = 4
ADD_GRID = tuple(round(0.50 + 0.025 * i, 3) for i in range(20))  # 0.50 .. 0.975
CLEAR_GRID = tuple(round(0.025 * i, 3) for i in range(1, 17))  # 0.025 .. 0.40


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    part: str
    needs_changes: bool
    names: frozenset[str]  # the reader's features
    rules_flag: bool  # the rules alone say "needs changes"
    clearable: bool  # the reader may turn the rules' findings into notes (reader.may_clear)
    addable: bool  # the reader may add a warning to it if the rules pass it (reader.may_add)


def load(part: str) -> list[Example]:
    if part not in TRAINING_PARTS:
        raise ValueError(f"{part} is not training data")
    examples = []
    for message in corpus.load(part):
        found = review(message.text, message.context, second_reader=False)
        flagged = [f for f in found.findings if f.severity is not Severity.INFO]
        codes = {f.code for f in flagged}
        read = letter(message.text, message.context)
        names = frozenset(second.features(read)[0]) if read.body else frozenset()
        if message.context.unanswered:
            # The thread, not the words, makes a follow-up a chase: its words teach nothing
            # about taking ("did you", "could you" are as common in kind letters).
            names = frozenset(name for name in names if not name.startswith(WORDS))
        examples.append(
            Example(
                id=message.id,
                part=part,
                needs_changes=message.verdict != "ready",
                names=names,
                rules_flag=bool(flagged),
                clearable=bool(flagged)
                and "not-english" not in codes
                and bool(read.body)
                and second.may_clear(read, flagged),
                addable=second.may_add(read),
            )
        )
    return examples


def vocabulary(examples: Sequence[Example]) -> list[str]:
    counts: dict[str, int] = {}
    for example in examples:
        for name in example.names:
            counts[name] = counts.get(name, 0) + 1
    return sorted(name for name, count in counts.items() if count >= MIN_COUNT)


def matrix(examples: Sequence[Example], names: list[str]) -> sparse.csr_matrix:
    """The messages' features as a sparse 0/1 matrix, the bias in column 0 (a message has
    about 60 of the thousands of features, so the products below cost next to nothing)."""
    column = {name: i for i, name in enumerate(names)}
    rows, columns = [], []
    for row, example in enumerate(examples):
        found = sorted(column[name] + 1 for name in example.names if name in column)
        rows.extend([row] * (len(found) + 1))
        columns.extend([0, *found])
    values = np.ones(len(rows))
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(examples), len(names) + 1))


def fit(examples: Sequence[Example], start: dict[str, float] | None = None) -> dict[str, float]:
    """Weights by name ("bias" included): Newton's method on the L2-penalised log-likelihood,
    from zero or from `start` (weights by name). The loss is strictly convex, so its minimum is
    one and the same from anywhere; a start near it only takes fewer steps to reach it."""
    names = vocabulary(examples)
    x = matrix(examples, names)
    y = np.array([1.0 if e.needs_changes else 0.0 for e in examples])
    ridge = np.full(x.shape[1], L2)
    ridge[0] = BIAS_L2
    first = np.zeros(x.shape[1])
    if start is not None:
        first[:] = [start.get("bias", 0.0)] + [start.get(name, 0.0) for name in names]
    w = newton(x, y, ridge, first)
    table = {"bias": float(w[0])}
    table.update({name: float(value) for name, value in zip(names, w[1:], strict=True)})
    return table


def newton(x: sparse.csr_matrix, y: np.ndarray, ridge: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Minimise the log-loss plus ½ Σ ridge·w² by Newton steps from `first`. Each step solves
    (R + XᵀDX) s = g through the messages' side (Woodbury), so thousands of features cost no
    more than hundreds of messages; the messages' system is symmetric positive definite, so a
    Cholesky factorisation solves it."""
    w = first.copy()
    xr = sparse.csr_matrix(x.multiply(1.0 / ridge))  # X R⁻¹
    gram = (xr @ x.T).toarray()  # X R⁻¹ Xᵀ, fixed
    for _ in range(MAX_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        gradient = x.T @ (p - y) + ridge * w
        root = np.sqrt(p * (1 - p))
        inner = root[:, None] * gram * root[None, :]
        inner[np.diag_indices_from(inner)] += 1.0
        rg = gradient / ridge
        solved = linalg.cho_solve(linalg.cho_factor(inner, overwrite_a=True), root * (x @ rg))
        step = rg - xr.T @ (root * solved)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return w


def probability(table: dict[str, float], example: Example) -> float:
    z = table.get("bias", 0.0) + sum(table.get(name, 0.0) for name in example.names)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -60, 60))))


def combined(example: Example, p: float, add_at: float, clear_at: float) -> bool:
    """What the review says with both readers: the rules, then the reader's two permissions."""
    if not example.rules_flag:
        return p >= add_at and bool(example.names) and example.addable
    return not (example.clearable and p <= clear_at)


def f1(said: Sequence[bool], examples: Sequence[Example]) -> float:
    tp = sum(s and e.needs_changes for s, e in zip(said, examples, strict=True))
    fp = sum(s and not e.needs_changes for s, e in zip(said, examples, strict=True))
    fn = sum(e.needs_changes and not s for s, e in zip(said, examples, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


Parts = dict[str, list[Example]]


def left_out(
    parts: Parts, writers: Sequence[str], start: dict[str, float] | None = None
) -> dict[str, list[float]]:
    """Each writer's probabilities from a reader trained on every other part in `parts`
    (Newton's steps from `start`, the reader trained on them all, when given)."""
    found = {}
    for writer in writers:
        rest = [e for part, examples in parts.items() if part != writer for e in examples]
        table = fit(rest, start)
        found[writer] = [probability(table, e) for e in parts[writer]]
    return found


def best_pair(examples: Sequence[Example], probabilities: Sequence[float]) -> tuple[float, float]:
    """One writer's best thresholds: of the pairs with the best F1 of the combined review, the
    middle `add_at` (of two middles, the higher), then the middle `clear_at` for it (of two, the
    lower)."""

    def score(add_at: float, clear_at: float) -> float:
        said = [
            combined(e, p, add_at, clear_at) for e, p in zip(examples, probabilities, strict=True)
        ]
        return round(f1(said, examples), 9)

    table = {(a, c): score(a, c) for a in ADD_GRID for c in CLEAR_GRID}
    best = max(table.values())
    adds = [a for a in ADD_GRID if any(table[a, c] == best for c in CLEAR_GRID)]
    add_at = adds[len(adds) // 2]
    clears = [c for c in CLEAR_GRID if table[add_at, c] == best]
    return add_at, clears[(len(clears) - 1) // 2]


def lower_median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def choose_thresholds(
    parts: Parts, writers: Sequence[str], start: dict[str, float] | None = None
) -> tuple[float, float]:
    """The median of the writers' best pairs, each writer read by a reader that never saw it."""
    probabilities = left_out(parts, writers, start)
    pairs = [best_pair(parts[w], probabilities[w]) for w in writers]
    return lower_median([a for a, _ in pairs]), lower_median([c for _, c in pairs])


def train(parts: Parts) -> dict[str, object]:
    examples = [e for part in TRAINING_PARTS for e in parts[part]]
    table = fit(examples)
    # Each writer's reader starts from the whole reader's weights: the same minimum, found in
    # about half the steps it takes from zero.
    add_at, clear_at = choose_thresholds(parts, WRITERS, start=table)
    rounded = {name: round(value, DECIMALS) for name, value in table.items()}
    return {
        "about": "Weights of the outreach review's second reader; written by "
        "scripts/train_outreach_reader.py from " + ", ".join(TRAINING_PARTS) + ". Do not edit.",
        "messages": len(examples),
        "l2": L2,
        "add_at": add_at,
        "clear_at": clear_at,
        "weights": {name: value for name, value in sorted(rounded.items()) if value != 0.0},
    }


def rendered(model: dict[str, object]) -> str:
    return json.dumps(model, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


# --- leave one writer out ---------------------------------------------------------------------


def scores(said: Sequence[bool], examples: Sequence[Example]) -> tuple[float, float, int]:
    tp = sum(s and e.needs_changes for s, e in zip(said, examples, strict=True))
    fp = sum(s and not e.needs_changes for s, e in zip(said, examples, strict=True))
    fn = sum(e.needs_changes and not s for s, e in zip(said, examples, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, fp + fn


def held_out(parts: Parts) -> list[tuple[str, str, float, float, int]]:
    rows = []
    for scored in WRITERS:
        rest = {part: examples for part, examples in parts.items() if part != scored}
        table = fit([e for examples in rest.values() for e in examples])
        add_at, clear_at = choose_thresholds(rest, [w for w in WRITERS if w != scored])
        test_set = parts[scored]
        p = [probability(table, e) for e in test_set]
        rules = [e.rules_flag for e in test_set]
        alone = [q >= 0.5 for q in p]
        both = [combined(e, q, add_at, clear_at) for e, q in zip(test_set, p, strict=True)]
        for name, said in (("rules", rules), ("reader alone", alone), ("combined", both)):
            precision, recall, misses = scores(said, test_set)
            rows.append((scored, name, precision, recall, misses))
        rows.append((scored, f"thresholds add_at={add_at} clear_at={clear_at}", 0, 0, 0))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--evaluate", action="store_true", help="leave one writer out")
    args = parser.parse_args(argv)
    parts = {part: load(part) for part in TRAINING_PARTS}
    if args.evaluate:
        for scored, name, precision, recall, misses in held_out(parts):
            print(
                f"{scored:8} {name:28} precision {precision:.3f} recall {recall:.3f} "
                f"misses {misses}"
            )
        return 0
    text = rendered(train(parts))
    if args.check:
        same = WEIGHTS.read_text(encoding="utf-8") == text
        print("reader_weights.json is up to date" if same else "reader_weights.json differs")
        return 0 if same else 1
    WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
