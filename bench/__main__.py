"""`python -m bench`: build a large network in a throwaway database and measure what users wait
for. Run from the project root (`make bench`); figures go to bench/results and
docs/performance.md."""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from bench import env
from bench.results import Result, clear, load_average, machine, report, write, write_doc

PEOPLE = 30_000
# people: the 30,000-person dataset and what reads it
GROUPS = (
    "demo",
    "imports",
    "mbox",
    "matching",
    "network",
    "outreach",
    "coach",
    "groups",
    "groups_load",
    "people",
)
INTERACTIONS = 500_000


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--interactions", type=int, default=INTERACTIONS)
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave bench/results and docs alone"
    )
    parser.add_argument(
        "--only",
        type=lambda names: set(names.split(",")),
        help=f"run only these groups ({', '.join(GROUPS)}); the other figures on file stay",
    )
    args = parser.parse_args()
    started, load = time.perf_counter(), load_average()
    home = env.prepare()
    print(f"mutuals bench on {machine()}, load average {load}\n  database: {home}", flush=True)
    try:
        results = _run_all(home, args.people, args.interactions, args.only or set(GROUPS))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if not args.no_write:
        if args.only is None:
            clear()
        for name, figures in results.items():
            write(name, figures)
        sizes = f"{args.people:,} people and {args.interactions:,} conversations"
        write_doc(sizes, load)
        print("  wrote bench/results/*.json and docs/performance.md")
    print(f"done in {time.perf_counter() - started:.0f} s")


def _run_all(home: Path, people: int, interactions: int, only: set[str]) -> dict[str, list[Result]]:
    # Imported after env.prepare(): they need Django configured.
    from bench import agenda, dataset, demo, imports, matching, network, outreach
    from mutuals.database import gather_statistics

    results: dict[str, list[Result]] = {}

    def record(name: str, figures: list[Result]) -> None:
        results[name] = figures
        for figure in figures:
            report(figure)

    if "demo" in only:
        print("demo network (empty database)", flush=True)
        record("demo", demo.run())
    if "imports" in only:
        print("imports: 30,000 LinkedIn connections twice, 10,000 vCards", flush=True)
        record("imports", imports.run())
    if "mbox" in only:
        print("e-mail: an mbox of 100,000 messages, 5,000 correspondents", flush=True)
        from bench import mbox

        record("mbox", mbox.run())
    if "matching" in only:
        print("matching: quality on the evaluation set, speed on 100,000 needs", flush=True)
        record("matching", matching.run())
    if "network" in only:
        print("warm paths: 1,000,000 people and 20,000,000 knows edges in memory", flush=True)
        record("network", network.run())
    if "outreach" in only:
        print("outreach coach: evaluation set, review time for 1,000 drafts", flush=True)
        record("outreach", outreach.run())
    if "coach" in only:
        print("coach dashboard: 200 clients of 2,000 people, on PostgreSQL", flush=True)
        from bench import coach

        record("coach", coach.run_postgres())
    if "groups" in only:
        print("groups: pooled search, 10,000 members and 1,000,000 rows, on PostgreSQL", flush=True)
        from bench import groups

        record("groups", groups.run_postgres())
    if "groups_load" in only:
        print("groups under load: 2 server processes, 20 pooled searches/s for 60 s", flush=True)
        from bench import groups_load

        record("groups_load", groups_load.run_postgres())
    if "people" not in only:
        return results
    print(f"building {people:,} people and {interactions:,} conversations", flush=True)
    data = dataset.build(people=people, interactions=interactions)
    record("dataset", [Result.of("dataset build", data.seconds, "s")])
    # What `mutuals serve` does at start and the demo after loading: SQLite keeps no planner
    # statistics until asked, and reads a large owner's people row by row without them.
    started = time.perf_counter()
    gather_statistics()
    record(
        "statistics",
        [Result.of("planner statistics (ANALYZE)", time.perf_counter() - started, "s")],
    )
    print("agenda in-process, against the naive per-person baseline", flush=True)
    record("agenda", agenda.run(data.owner, data.today))
    _measure_interfaces(record, home, data)
    return results


def _measure_interfaces(record, home: Path, data, note: str = "", suffix: str = "") -> None:
    from bench import agenda, cli, people_page

    expected = len(agenda.today_plan(data.owner, data.today).items)
    print("mutuals today --json, as a subprocess", flush=True)
    record("cli" + suffix, cli.run(home, expected, data.owner.get_username(), note=note))
    if people_page.available():
        print("people list page", flush=True)
        record("people_page" + suffix, people_page.run(data.owner, note=note))
    else:
        print("people list page: /people/ does not exist yet; skipped", flush=True)
    from bench import triage

    print("sorting page: one person at a time", flush=True)
    record("triage" + suffix, triage.run(data.owner, note=note))
    from bench import leads

    print("leads: the board with 5,000 leads, a lead from a pasted posting", flush=True)
    record("leads" + suffix, leads.run(data.owner, data.today, note=note))
    from bench import progress

    print("progress page: 12 weeks of goals, against a query per week per goal", flush=True)
    record("progress" + suffix, progress.run(data.owner, data.today, note=note))


if __name__ == "__main__":
    main()
