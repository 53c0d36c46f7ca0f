"""Reading and writing the formats people's networks live in (issue 5).

Every parser here is a pure function: bytes or text in, plain records out (`records.py`),
never a database write. A file that cannot be read raises `records.FileRejected` naming the
line and the problem; a readable file gives a `records.Parsed` whose `skipped` lists the lines
left out and why. The import services (the `imports` app) do the one-transaction write step.
"""
