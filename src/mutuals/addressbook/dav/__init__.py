"""The address book served over CardDAV by Radicale (GPLv3), with three plugins of ours:

- `auth.py`: a device's app password (`addressbook.services.check_app_password`), throttled
  like sign-ins (`accounts.throttle`);
- `storage.py`: one read-only address book per user, built from that user's people through
  `addressbook.selectors` and never anyone else's;
- `rights.py`: read-only; a user reads only their own principal and address book.

`app.py` builds Radicale's WSGI application from them and `mount` puts it beside Django under
`/dav/`, with `/.well-known/carddav` redirecting there.
"""

# The one address book in each user's principal collection: /dav/u<id>/people/.
BOOK = "people"


def principal_for(user_id: int) -> str:
    """The principal name Radicale knows a user by: their id, never their user name (whose
    characters Radicale's paths may not allow)."""
    return f"u{user_id}"


def user_id_of(principal: str) -> int | None:
    if len(principal) > 1 and principal[0] == "u" and principal[1:].isdigit():
        return int(principal[1:])
    return None
