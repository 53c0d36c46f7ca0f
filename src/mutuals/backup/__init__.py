"""A whole account as one JSON file, and back (issue 5).

`selectors.backup` reads every record an owner has into plain JSON data (`selectors.KINDS`
says what each kind keeps); `services.restore` writes such data into an empty account in one
transaction and recomputes what derives from it (names, cadences, contact statistics, tie
strength, balances, the needs' full-text terms). Records refer to each other by their number
in the file (1, 2, 3… per kind, in the order they were created), never by database ids, so a
backup of a restored account is the same file, byte for byte.
"""
