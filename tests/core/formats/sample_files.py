"""Reading the sample files, without the provenance lines some of them open with."""

from pathlib import Path

SAMPLES = Path(__file__).parent / "samples"


def read_sample(name: str) -> bytes:
    """The file's bytes after its leading `#` lines (see samples/README.md)."""
    data = (SAMPLES / name).read_bytes()
    while data.startswith(b"#"):
        data = data[data.index(b"\n") + 1 :]
    return data
