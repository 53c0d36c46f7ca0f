"""Benchmarks for mutuals, run by `make bench` (`python -m bench`).

Each benchmark measures one thing a user waits for on a large network (30,000 people and
500,000 conversations for one owner, in a fresh SQLite file), prints it with its goal and,
where there is one, the ratio against a naive baseline measured in the same run, and writes it
to bench/results/<name>.json. docs/performance.md is regenerated from those files.
"""
