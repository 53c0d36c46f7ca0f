"""Figures: how they are measured, printed, stored in bench/results and shown in the docs."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "performance.md"


@dataclass(frozen=True)
class Result:
    """One figure; `baseline` is the naive way's figure in the same run, `ratio` baseline/value."""

    metric: str
    value: float
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    goal: float | None = None

    @classmethod
    def of(
        cls,
        metric: str,
        value: float,
        unit: str,
        *,
        baseline: float | None = None,
        goal: float | None = None,
    ) -> Result:
        ratio = None
        if baseline is not None and value > 0:
            # Below 1 (a floor faster than the work) keep two significant digits, not "0.0".
            ratio = (
                round(baseline / value, 1)
                if baseline >= value
                else float(f"{baseline / value:.2g}")
            )
        return cls(metric, round(value, 2), unit, _round(baseline), ratio, goal)

    @property
    def within_goal(self) -> bool | None:
        return None if self.goal is None else self.value < self.goal


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def timings_ms(run: Callable[[], object], times: int) -> list[float]:
    """Wall-clock milliseconds of `times` calls."""
    measured = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        measured.append((time.perf_counter() - start) * 1000)
    return measured


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def report(result: Result) -> None:
    parts = [f"  {result.metric}: {result.value:g} {result.unit}"]
    if result.goal is not None:
        verdict = "within" if result.within_goal else "OVER"
        parts.append(f"goal < {result.goal:g} {result.unit} ({verdict})")
    if result.baseline is not None:
        # A floor (e.g. only tokenising) is faster than the work itself: say how many times.
        faster = (result.ratio or 0) >= 1
        pace = f"{result.ratio:g}x faster" if faster else f"{1 / (result.ratio or 1):.1f}x its time"
        parts.append(f"baseline {result.baseline:g} {result.unit}, {pace}")
    print("; ".join(parts), flush=True)


def write(name: str, results: list[Result]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return path


# Figures another command measures (`python -m bench.suite`): a bench run leaves them be.
OWN_COMMAND = frozenset({"test_suite"})


def clear() -> None:
    """Forget the figures of an earlier run, so none of them outlives what it measured."""
    for path in RESULTS.glob("*.json"):
        if path.stem not in OWN_COMMAND:
            path.unlink()


ORDER = (
    "demo",
    "dataset",
    "statistics",
    "agenda",
    "cli",
    "people_page",
    "matching",
    "network",
    "outreach",
    "coach",
    "groups",
    "groups_load",
)


def load_all() -> dict[str, list[Result]]:
    paths = sorted(
        (path for path in RESULTS.glob("*.json") if path.stem not in OWN_COMMAND), key=_rank
    )
    return {path.stem: [Result(**row) for row in json.loads(path.read_text())] for path in paths}


def _rank(path: Path) -> int:
    return ORDER.index(path.stem) if path.stem in ORDER else len(ORDER)


def machine() -> str:
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.system()} {platform.machine()}"
    )


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def rewrite_doc() -> None:
    """Regenerate docs/performance.md with the data and load lines it has now (for a figure
    measured on its own, which does not change them)."""
    text = DOC.read_text() if DOC.exists() else ""
    sizes = re.search(r"^Data: (.*), one owner", text, re.M)
    load = re.search(r"load average when the run started: (.*) \(1, 5, 15 min", text)
    write_doc(sizes[1] if sizes else "unknown", load[1] if load else "unknown")


def _suite_lines() -> list[str]:
    path = RESULTS / "test_suite.json"
    if not path.exists():
        return []
    lines = [
        "",
        "## The test suite",
        "",
        "`make test` (`python -m bench.suite` times it: `make test-sqlite` and",
        "`make test-postgres` on a throwaway server one after the other, two test processes each;",
        "each part's minutes are its own pytest's):",
        "",
        "| part | minutes | goal | within goal |",
        "|---|---|---|---|",
    ]
    for row in json.loads(path.read_text()):
        r = Result(**row)
        goal = f"< {r.goal:g}" if r.goal is not None else ""
        within = {True: "yes", False: "**no**", None: ""}[r.within_goal]
        lines.append(f"| {r.metric} | {r.value:g} | {goal} | {within} |")
    lines += [
        "",
        "One run after the other: each alone keeps both cores busy (PostgreSQL with its server,",
        "SQLite with Chromium and the processes its tests start), and side by side four test",
        "processes on two cores took 18.9 minutes for the same work. Runs of one commit vary with",
        "the host by a minute or two (three clean clones of one week's commits took 16.0, 13.99",
        "and 15.47). Since then about two minutes of work went: each page is audited on a phone",
        "and at desktop width only where it is laid out differently there, rows shared by a class",
        "of tests have their foreign keys checked once (PostgreSQL re-checked a shared demo's at",
        "every test's end), tests that each loaded the demo or restored a backup to read it share",
        "one, the test mail server no longer slows sign-ins after a wrong password, and the",
        "PostgreSQL run skips collecting the pure core's tests. Clean clones: 56db1d0 took 13.08",
        "minutes (SQLite 6.84, PostgreSQL 6.15), 67608cc 13.01 (7.07, 5.85), 6d552be, the same",
        "code, 11.97 (6.35, 5.52); the same tree run twice took 754 and 785 seconds, so one run",
        "varies by about a minute. The figures above are 1e509bb's (five more tests), started",
        "as an hour of CPU-heavy runs on the machine ended (load 3.3 over the last five minutes).",
    ]
    return lines


def write_doc(sizes: str, load: str) -> None:
    """Regenerate docs/performance.md from every results file."""
    lines = [
        "# Performance",
        "",
        "Generated by `make bench` (`.venv/bin/python -m bench`) from `bench/results/*.json`;",
        "do not edit by hand. Each figure is wall-clock time; *baseline* is the naive way of",
        "doing the same thing, measured in the same run, and *ratio* is baseline / ours.",
        "",
        f"Data: {sizes}, one owner, in a fresh SQLite file database (WAL):",
        "tiers as in Dunbar's layers (a handful inner, 40% acquaintances, 46% people known only",
        "by name), 12% of contacts overdue, 5% group conversations (see `bench/dataset.py`).",
        f"Machine: {machine()}; load average when the run started: {load} (1, 5, 15 min;",
        "anything else running on the machine slows every figure).",
        "",
        "| metric | value | goal | within goal | baseline | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for results in load_all().values():
        for r in results:
            goal = f"< {r.goal:g} {r.unit}" if r.goal is not None else ""
            within = {True: "yes", False: "**no**", None: ""}[r.within_goal]
            baseline = f"{r.baseline:g} {r.unit}" if r.baseline is not None else ""
            ratio = f"{r.ratio:g}x" if r.ratio is not None else ""
            row = [r.metric, f"{r.value:g} {r.unit}", goal, within, baseline, ratio]
            lines.append("| " + " | ".join(row) + " |")
    lines += _suite_lines()
    lines += [
        "",
        "## What is measured",
        "",
        "- **agenda**: `agenda.selectors.today_agenda(owner=...)` in-process, median of 25 runs.",
        "  Baseline: the same agenda computed naively, one query per contact for its",
        "  conversations, summarised with `core.strength.summarize`, then",
        "  `core.agenda.build_agenda` over every contact. The bench checks both give the same",
        "  items before it reports.",
        "- **cli**: `mutuals today --json` and `mutuals --help` run as subprocesses against the",
        "  benchmark database, start-up included, median of 15 runs after two warm-up runs",
        "  (compiled bytecode kept, as on a user's machine), wall-clock and CPU time (user +",
        "  system: on a busy machine, closer to a quiet one's wall-clock time than the wall-clock",
        "  time is). `--help` (and `mutuals` alone) prints the list of commands from the registry",
        "  with the few parts of Rich that draw it, as Typer draws it (a test holds the two equal",
        "  byte for byte): no Typer, no command module, no Django. `today --json` runs without",
        "  Typer, click, Rich or pydantic (`cli/fast_path.py`) on the same option definitions as",
        "  Typer's command, with the same bytes and exit codes (a test holds them equal for every",
        "  option); anything else goes through Typer. *Start-up floor of a record command* loads",
        "  what `mutuals today` needs through Typer (Python, Typer, Django on the CLI's ORM-only",
        "  settings, the command's module) and runs nothing: the part of such a command's time",
        "  that is not its own work; *start-up floor of `today --json`* is the same without",
        "  Typer. *Import time*: `python -X importtime` of `today --json`, each module's own time",
        "  summed by package (importtime's bookkeeping inflates it; compare the packages, not the",
        "  total). What `importlib.import_module` loads (every app's models) is counted too:",
        "  importtime logs only import statements, so the bench routes it through `__import__`.",
        "  Where `today --json` goes, in instructions (valgrind, which other load does not",
        "  disturb; 1,815 M in all): 5% Python's own start, 11% Django's settings (`django.conf`",
        "  brings asgiref and asyncio) and mutuals', 33% Django's set-up and the models (the",
        "  model layer brings forms, templates and HTTP: Django's own imports), 8% the agenda's",
        "  modules, 42% computing the plan and printing it (SQLite's own work, mostly reading the",
        "  candidate contacts, about a tenth of the whole). The path defines 28 dataclasses (44",
        "  before the word tables the models import moved to modules without classes).",
        "- **people page**: server time of `GET /people/` (first page; default sort and",
        "  `sort=strength`) through Django's test client, signed in, median of 20 runs; and of",
        "  one person's page (the person with the most conversations), median of 40 runs, on",
        "  this database and on the demo network (`mutuals demo`, 249 people).",
        "- **matching**: precision@3 of `core.matching` on the evaluation set in",
        "  `tests/core/matching_cases.py`; then 100,000 synthetic open needs in SQLite",
        "  (`bench/needs_corpus.py`): storing them (the FTS5 triggers index them), and the top 10",
        "  for a 300-word posting through `needs.selectors.match_needs` (FTS5, median of 15)",
        "  against the plain scan: reading every open need and scoring it with the same terms",
        "  (`core.matching.score_all_naive`); the bench checks both give the same ids and",
        "  scores. The `realistic` corpus draws from a broad vocabulary with Zipf frequencies;",
        "  the `dense` stress case uses six shapes over a few dozen words, so most needs share a",
        "  word with the posting. *Index upkeep*: the median time of noting a need with",
        "  `needs.services.add_need` minus that of inserting a need row with the FTS5 triggers",
        "  dropped (an upper bound: it also counts the service's validation).",
        "- **network**: warm-path search (`core.network.warm_paths`) on a synthetic graph of",
        "  1,000,000 people and 20,000,000 knows edges held in memory (`bench/network.py`:",
        "  organisations of Zipf sizes, clustered edges, seeded): building the CSR arrays, the",
        "  peak RSS growth while building, and the top-5 paths to a random organisation (p95 of",
        "  200) for a user with 300 contacts and with 30,000; the hard case (300 contacts around",
        "  one place, targets near it) on 1M/20M and on a 100,000-person / 2,000,000-edge graph.",
        "  Baselines, as a competent user would write them, answers checked equal: a numpy floor",
        "  over the same arrays (scores only), networkx bounded 2-hop expansion, scipy.sparse,",
        "  and (with MUTUALS_BENCH_POSTGRES, set by `make bench` when it has a PostgreSQL URL) a",
        "  two-join SQL query. See [the algorithm](algorithms/network.md).",
        "- **outreach**: precision and recall of `core.outreach.review` on the 44 messages of",
        "  `tests/core/outreach_cases.py` (a message counts as flagged when it gets a `problem`);",
        "  then 1,000 drafts built from those messages (alone and joined in twos and threes)",
        "  reviewed in-process, median of 7 runs, against only tokenising them with the same",
        "  tokenizer (`core.outreach.tokenize`, the floor any review pays); and one 300-word",
        "  draft (median of 51). See [the algorithm](algorithms/outreach.md).",
        "- **imports**: `imports.services.import_file` (parse, match, write, one transaction) on a",
        "  synthetic LinkedIn Connections.csv of 30,000 rows (preamble, BOM, CRLF, 60 first names",
        "  and 840 surnames, a fifth with emails) into an empty account, then the same file again",
        "  (every row already known), and a 10,000-card vCard 3.0 file. Floors, in the same run:",
        "  `csv.reader` over the decoded file; for vCards, decoding, unfolding and splitting each",
        "  line at its first colon. The metric names how many times the floor each import takes.",
        "  Also (issue 11): an Excel re-saved Connections.csv with no preamble, no URL and no",
        "  email (dates like 9-Sep-22) imported twice, the second creating nothing; the longest",
        "  wait of a second thread writing every 5 ms during the first 30,000-row import (how",
        "  long the import holds SQLite's write lock: parsing and matching happen before it);",
        "  and the peak memory of a child process reading a 600 KB zip whose three members",
        "  inflate to 199 MB each (refused from the declared sizes before decompressing; zipfile",
        "  never reads past a member's declared size, so lying sizes fail as a damaged zip).",
        "- **coach**: a coach's dashboard (issue 16) on PostgreSQL (`bench/coach.py`, under",
        "  `scripts/with_postgres.py`; SQLite when no server starts): 200 clients of 2,000 people",
        "  each, with two years of 1,000 conversations, gives, asks, promises, leads and goals",
        "  (four clients' people through the importer's path, copied in SQL for the others; each",
        "  client's activity drawn on its own), then `VACUUM ANALYZE` (what autovacuum does after",
        "  a bulk load). Server time of `GET /coach/` through Django's test client, signed in:",
        "  the first page by name (25 clients read) and sorted by flags (every client read, then",
        "  the page cut), median and p95 of 20 runs, the queries it makes, and its CPU time (this",
        "  process plus the PostgreSQL backend's, from /proc: what other work on a busy machine",
        "  does not inflate). The rows of every client (`coaching.dashboard.dashboard`) against a",
        "  naive loop over the clients calling the per-client reads (median of 3): what grouping",
        "  saved, not a comparison with another tool.",
        "- **groups**: pooled search (issue 17) on PostgreSQL (`bench/groups.py`, under",
        "  `scripts/with_postgres.py`; not measured when no server starts): a synthetic group of",
        "  10,000 members pooling 100 people each (1,000,000 rows; organisations Zipf-sized),",
        "  loaded with COPY, then 200 random searches by person, organisation or words through",
        "  `groups.services.search` (freshness check, counting query, log), p50 and p95, with the",
        "  parts alone; the issue's goal (p95 < 100 ms) is set at 100,000 members / 10,000,000.",
        "- **demo**: `demo.services.load_demo` into an empty database, and `clear_demo`.",
        "- **dataset**: how long the benchmark took to build its data (for reference only).",
        "- **planner statistics**: `mutuals.database.gather_statistics()` (`ANALYZE`), which",
        "  `mutuals serve` runs at start and the demo loader after loading. Every figure after it",
        "  is measured with statistics, as the app runs. Without them SQLite reads a large",
        "  owner's people through an `(owner, ...)` index one row at a time, and the agenda and",
        "  people list take about twice as long (measured while writing the bench).",
        "",
        "## How to run",
        "",
        "```",
        "make bench                      # or: .venv/bin/python -m bench",
        ".venv/bin/python -m bench --people 3000 --interactions 50000 --no-write   # quick try",
        ".venv/bin/python -m bench.suite   # time `make test` (about a quarter of an hour)",
        ".venv/bin/python -m bench --only matching   # one group; the other figures stay",
        "```",
        "",
        "It takes about three minutes on a 2-core machine (most of it building the data and",
        "the naive baseline) and leaves nothing behind but `bench/results/*.json` and this page.",
        "",
    ]
    DOC.write_text("\n".join(lines))
