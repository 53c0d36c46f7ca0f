"""Reading chosen files out of a zip nobody vouches for, without being made to hold a bomb.

A zip of a few hundred kilobytes can inflate to gigabytes (a "zip bomb"). The limits are
checked in order, each before anything is spent on it: the number of members; each chosen
member's declared size and the declared sizes together; then, since declared sizes can lie,
the bytes actually produced, counted as they are decompressed a chunk at a time, so that no
more than the limits (and one chunk) is ever held. Refusals are `FileRejected` sentences that
name the limit in MB.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mutuals.core.formats.records import FileRejected

CHUNK = 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a zip may hold: members in all, bytes in one chosen member, bytes in all
    chosen members together (uncompressed)."""

    members: int
    member_bytes: int
    total_bytes: int


def read_members(
    data: bytes, choose: Callable[[str], str | None], limits: Limits
) -> dict[str, tuple[str, bytes]]:
    """For each kind `choose(name)` gives a member's base name, the first such member's full
    name and bytes. FileRejected for a damaged zip or one over the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.members:
                raise FileRejected(
                    f"the zip holds over {limits.members:,} files; refused as unsafe"
                )
            chosen = _chosen(members, choose)
            _check_declared_sizes(chosen.values(), limits)
            budget = _Budget(limits)
            return {
                kind: (member.filename, _read(archive, member, budget))
                for kind, member in chosen.items()
            }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as error:
        raise FileRejected(f"the zip file is damaged ({error}); download it again") from None
    except (RuntimeError, NotImplementedError, ValueError) as error:
        raise FileRejected(f"the zip file cannot be opened ({error})") from None


def _chosen(
    members: list[zipfile.ZipInfo], choose: Callable[[str], str | None]
) -> dict[str, zipfile.ZipInfo]:
    chosen: dict[str, zipfile.ZipInfo] = {}
    for member in members:
        kind = choose(member.filename.rsplit("/", 1)[-1])
        if kind is not None and kind not in chosen and not member.is_dir():
            chosen[kind] = member
    return chosen


def _in_mb(size: int) -> str:
    return f"{size // _MB} MB" if size >= _MB else f"{size:,} bytes"


def _too_big_together(limits: Limits) -> FileRejected:
    return FileRejected(
        f"the files read from this zip come to over {_in_mb(limits.total_bytes)} uncompressed, "
        "far more than a real export holds; refused as unsafe. Download the export again"
    )


def _too_big(member: zipfile.ZipInfo, limits: Limits) -> FileRejected:
    return FileRejected(
        f"{member.filename} is over {_in_mb(limits.member_bytes)} uncompressed; refused as unsafe"
    )


def _check_declared_sizes(members: Iterable[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for member in members:
        if member.file_size > limits.member_bytes:
            raise _too_big(member, limits)
        total += member.file_size
    if total > limits.total_bytes:
        raise _too_big_together(limits)


class _Budget:
    """How many uncompressed bytes the chosen members may still take, together."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.total_bytes

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise _too_big_together(self.limits)


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The member's bytes, decompressed a chunk at a time and counted as they come."""
    limit = budget.limits.member_bytes
    content = io.BytesIO()
    with archive.open(member) as stream:
        while chunk := stream.read(min(CHUNK, limit - content.tell() + 1)):
            budget.spend(len(chunk))
            content.write(chunk)
            if content.tell() > limit:
                raise _too_big(member, budget.limits)
    return content.getvalue()
