"""E-mail as conversations (issue 18): reading headers (`headers.py`), reading an mbox file as a
stream of header blocks (`mbox.py`), and grouping messages into threads and conversations
(`threads.py`). Pure Python: no Django, and no I/O beyond the file object a caller hands in."""
