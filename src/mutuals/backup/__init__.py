"""A whole account as one JSON file, and back (issue 5).

`selectors.backup` reads every record an owner has into plain JSON data (`selectors.KINDS`
says what each kind keeps); `services.restore` writes such data into an empty account in one
transaction and recomputes what derives from it (names, cadences, contact statistics, tie
strength, balances, the needs' full-text terms): `values` checks one record's values, `checks`
the whole file, `writing` writes it, `coach_records` holds what is particular to drafts, comments
and assignments, and `words` says each kind in words. Records refer to each other by their number
in the file (1, 2, 3… per kind, in the order they were created), never by database ids, so a
backup of a restored account is the same file, byte for byte.
"""
