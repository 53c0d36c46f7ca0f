"""Reads for imports: the history of runs and one run's report."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from mutuals.imports.models import ImportRun


def recent_runs(*, owner: AbstractBaseUser, limit: int = 10) -> list[ImportRun]:
    return list(ImportRun.objects.filter(owner=owner)[:limit])


def get_run(*, owner: AbstractBaseUser, run_id: int) -> ImportRun:
    """One of the owner's import runs; anyone else's is ImportRun.DoesNotExist."""
    return ImportRun.objects.get(owner=owner, pk=run_id)
