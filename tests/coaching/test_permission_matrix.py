"""The permission matrix (issue 16's first quality bar): every web route and every API operation,
asked by every kind of person, against a client whose records carry a marker in each private
field.

For each request three things must hold:
1. the answer is the one the table below says (allowed, a 404, a 403, the sign-in page);
2. no marker above the asker's level is anywhere in the answer (`matrix_data.VISIBLE_TO`);
3. nothing of the client's changed, except what that asker may write (a coach: comments on a
   draft sent to them and assignments; `matrix_data.forbidden_changes`).

The routes and operations are found from the code, and the tables must name exactly those: a
route added without a row here fails `test_the_tables_name_every_route_and_operation`. Each
request runs in a savepoint rolled back afterwards, so the client's world is built once per
module and every request sees it whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from tests.coaching import matrix
from tests.coaching import matrix_data as data
from tests.coaching.matrix_data import ANONYMOUS, CLIENT, NETWORK, PERSONAS, PLAN

# ---- outcomes ----------------------------------------------------------------------------

ALLOWED = "allowed"  # the page or the answer (a form's errors count: the asker may try)
OWN = "own data only"  # allowed, and it shows or changes the asker's own records only
NOT_FOUND = "404"
FORBIDDEN = "403"
SIGN_IN = "sign in"  # the sign-in page (the API: 401)
ADMIN_SIGN_IN = "admin sign in"  # the admin site's own sign-in page
REFUSED_METHOD = "405"

Rule = dict[str, str]


def rule(signed_in: str, *, anonymous: str = SIGN_IN, **personas: str) -> Rule:
    """What each persona gets: `signed_in` for everyone signed in unless named."""
    found = {persona: signed_in for persona in PERSONAS}
    found[ANONYMOUS] = anonymous
    found.update(personas)
    return found


PUBLIC = rule(ALLOWED, anonymous=ALLOWED)
NOBODY = rule(NOT_FOUND, anonymous=NOT_FOUND)  # a secret no one here holds; a switched-off page
OWN_RECORDS = rule(OWN)  # lists, new records, settings: each asker's own
CLIENTS = rule(NOT_FOUND, client=ALLOWED)  # the address names one of the client's records
# About this client: any linked coach (their page; setting an assignment); the one coach a
# record belongs to (the draft sent to the plan coach, the assignment the plan coach set).
LINKED_COACHES = rule(NOT_FOUND, coach_progress=ALLOWED, coach_plan=ALLOWED, coach_network=ALLOWED)
ITS_COACH = rule(NOT_FOUND, coach_plan=ALLOWED)
# The link between the client and the plan coach: either side may end it.
LINK_SIDES = rule(NOT_FOUND, client=ALLOWED, coach_plan=ALLOWED)
ADMINS = rule(NOT_FOUND, admin=ALLOWED)  # managing the install's users (pages: 404 to others)
API_ADMINS = rule(FORBIDDEN, admin=ALLOWED)  # the same in the API: 403 to others
ADMIN_SITE = rule(ADMIN_SIGN_IN, anonymous=ADMIN_SIGN_IN)  # no one here is staff
SETUP_DONE = rule(SIGN_IN)  # an install with an owner sends everyone to sign in
SIGNS_OUT = rule(SIGN_IN)  # signing out, then the sign-in page
NO_SUCH_CODE = rule(NOT_FOUND)  # a code no one was given (posting it: the form says so)
NOT_WAITING = rule(NOT_FOUND)  # accepting a request: the link is active, nothing waits
NO_GROUP = rule(NOT_FOUND)  # a group the asker does not belong to (tests/api/test_groups.py)
NO_POOL_REQUEST = rule(NOT_FOUND)  # neither side of the request (tests/api/test_group_requests.py)

# ---- the web: route -> rule (for the methods the route serves; others answer 405) --------

WEB: dict[str, Rule | tuple[Rule, Rule]] = {
    "api/openapi.json": PUBLIC,
    "api/docs": PUBLIC,
    "api/<path:rest>": NOBODY,
    "api/": NOBODY,
    "setup/": SETUP_DONE,
    "login/": PUBLIC,
    "password-reset/": NOBODY,
    "password-reset/sent": NOBODY,
    "password-reset/<uidb64>/<token>/": NOBODY,
    "password-reset/done": NOBODY,
    "logout/": SIGNS_OUT,
    "": OWN_RECORDS,
    "agenda/need": OWN_RECORDS,
    "people/": OWN_RECORDS,
    "people/new": OWN_RECORDS,
    "people/bulk": OWN_RECORDS,
    "people/bulk/unarchive": OWN_RECORDS,
    "people/sort/": OWN_RECORDS,
    "people/sort/undo": OWN_RECORDS,
    "people/sort/<id:person_id>/": CLIENTS,
    "people/<id:person_id>/": CLIENTS,
    "people/<id:person_id>/edit": CLIENTS,
    "people/<id:person_id>/archive": CLIENTS,
    "people/<id:person_id>/unarchive": CLIENTS,
    "people/<id:person_id>/delete": CLIENTS,
    "people/<id:person_id>/log": CLIENTS,
    "people/<id:person_id>/dates": CLIENTS,
    "dates/<id:date_id>/remove": CLIENTS,
    "people/<id:person_id>/photo": CLIENTS,
    "people/<id:person_id>/photo/upload": CLIENTS,
    "people/<id:person_id>/photo/remove": CLIENTS,
    "people/<id:person_id>/promise": CLIENTS,
    "people/<id:person_id>/reached-out": CLIENTS,
    "people/<id:person_id>/snooze": CLIENTS,
    "people/<id:person_id>/unsnooze": CLIENTS,
    "people/<id:person_id>/need": CLIENTS,
    "people/<id:person_id>/exchange": CLIENTS,
    "people/<id:person_id>/introduce": CLIENTS,
    "people/<id:person_id>/ask": CLIENTS,
    "people/<id:person_id>/knows": CLIENTS,
    "log/": OWN_RECORDS,
    "log/people": OWN_RECORDS,
    "log/<id:interaction_id>/record": CLIENTS,
    "interactions/<id:interaction_id>/edit": CLIENTS,
    "interactions/<id:interaction_id>/delete": CLIENTS,
    "promises/": OWN_RECORDS,
    "promises/<id:promise_id>/done": CLIENTS,
    "promises/<id:promise_id>/reopen": CLIENTS,
    "promises/<id:promise_id>/snooze": CLIENTS,
    "promises/<id:promise_id>/unsnooze": CLIENTS,
    "promises/<id:promise_id>/delete": CLIENTS,
    "needs/": OWN_RECORDS,
    "needs/<id:need_id>/helped": CLIENTS,
    "needs/<id:need_id>/done": CLIENTS,
    "needs/<id:need_id>/dropped": CLIENTS,
    "needs/<id:need_id>/reopen": CLIENTS,
    "needs/<id:need_id>/delete": CLIENTS,
    "exchanges/<id:exchange_id>/delete": CLIENTS,
    "needs/<id:need_id>/reviewed": CLIENTS,
    "review/": OWN_RECORDS,
    "review/all-reviewed": OWN_RECORDS,
    "exchanges/<id:exchange_id>/thanked": CLIENTS,
    "exchanges/<id:exchange_id>/unthanked": CLIENTS,
    "asks/<id:ask_id>/answered": CLIENTS,
    "asks/<id:ask_id>/delete": CLIENTS,
    "match/": OWN_RECORDS,
    "match/<id:need_id>/give": CLIENTS,
    "network/": OWN_RECORDS,
    "network/map": OWN_RECORDS,
    "introductions/": OWN_RECORDS,
    "introductions/new": OWN_RECORDS,
    "introductions/<id:introduction_id>/": CLIENTS,
    "introductions/<id:introduction_id>/move": CLIENTS,
    "introductions/<id:introduction_id>/followed-up": CLIENTS,
    "introductions/<id:introduction_id>/delete": CLIENTS,
    "orgs/": OWN_RECORDS,
    "orgs/<id:org_id>/": CLIENTS,
    "positions/": OWN_RECORDS,
    "positions/<id:position_id>/remove": CLIENTS,
    "people/<id:person_id>/positions": CLIENTS,
    "events/": OWN_RECORDS,
    "events/new": OWN_RECORDS,
    "events/<id:event_id>/": CLIENTS,
    "events/<id:event_id>/edit": CLIENTS,
    "events/<id:event_id>/people": CLIENTS,
    "events/<id:event_id>/people/<id:person_id>/remove": CLIENTS,
    "events/<id:event_id>/delete": CLIENTS,
    "communities/new": OWN_RECORDS,
    "communities/<id:community_id>/": CLIENTS,
    "communities/<id:community_id>/delete": CLIENTS,
    "leads/": OWN_RECORDS,
    "leads/new": OWN_RECORDS,
    "leads/posting": OWN_RECORDS,
    "leads/stage/<str:stage>/": OWN_RECORDS,
    "leads/<id:lead_id>/": CLIENTS,
    "leads/<id:lead_id>/move": CLIENTS,
    "leads/<id:lead_id>/people": CLIENTS,
    "leads/<id:lead_id>/people/<id:person_id>/remove": CLIENTS,
    "leads/<id:lead_id>/delete": CLIENTS,
    "leads/thanks/": OWN_RECORDS,
    "leads/thanks/<id:person_id>/sent": OWN_RECORDS,
    "leads/<id:lead_id>/interview": CLIENTS,
    "leads/<id:lead_id>/followed-up": CLIENTS,
    "leads/<id:lead_id>/thanked/<id:person_id>": CLIENTS,
    "progress/": OWN_RECORDS,
    "progress/goals": OWN_RECORDS,
    "compose/": OWN_RECORDS,
    "compose/review": OWN_RECORDS,
    "compose/sent": OWN_RECORDS,
    "sent/<id:interaction_id>/undo": CLIENTS,
    "drafts/": OWN_RECORDS,
    "drafts/send": OWN_RECORDS,
    "drafts/<id:review_id>/": CLIENTS,
    "drafts/<id:review_id>/reply": CLIENTS,
    "drafts/<id:review_id>/close": CLIENTS,
    "drafts/<id:review_id>/reopen": CLIENTS,
    "drafts/comments/<id:comment_id>/accept": CLIENTS,
    "drafts/comments/<id:comment_id>/ignore": CLIENTS,
    "drafts/comments/<id:comment_id>/undo": CLIENTS,
    "coach/drafts/": OWN_RECORDS,
    "coach/drafts/<id:review_id>/": ITS_COACH,
    "coach/drafts/<id:review_id>/comment": ITS_COACH,
    "coach/drafts/<id:review_id>/reply": ITS_COACH,
    "export/": OWN_RECORDS,
    "export/vcard": OWN_RECORDS,
    "export/csv": OWN_RECORDS,
    "export/ics": OWN_RECORDS,
    "export/feed": OWN_RECORDS,
    "export/feed/revoke": OWN_RECORDS,
    "feed/<str:token>.ics": NOBODY,
    "import/": OWN_RECORDS,
    "import/columns": OWN_RECORDS,
    "import/<id:run_id>/": CLIENTS,
    # E-mail history (issue 18): an mbox import's report, the addresses that are the client,
    # the people they wrote with (offered as people), where mail came from. The address and
    # the source's name are posted in the body: another asker is told they have no such one.
    "import/mbox/<id:run_id>/": CLIENTS,
    "import/email/": OWN_RECORDS,
    "import/email/addresses": OWN_RECORDS,
    "import/email/addresses/remove": OWN_RECORDS,
    "import/email/suggestions/<id:suggestion_id>/add": CLIENTS,
    "import/email/suggestions/<id:suggestion_id>/dismiss": CLIENTS,
    "import/email/suggestions/<id:suggestion_id>/restore": CLIENTS,
    "import/email/forget": OWN_RECORDS,
    "connections/": OWN_RECORDS,
    "connections/<id:connection_id>/sync": CLIENTS,
    "connections/<id:connection_id>/pause": CLIENTS,
    "connections/<id:connection_id>/remove": CLIENTS,
    "people/duplicates/": OWN_RECORDS,
    "people/duplicates/scan": OWN_RECORDS,
    "people/duplicates/<id:duplicate_id>/merge": CLIENTS,
    "people/duplicates/<id:duplicate_id>/apart": CLIENTS,
    "merges/<id:merge_id>/undo": CLIENTS,
    "settings/": OWN_RECORDS,
    "settings/coach-activity/": OWN_RECORDS,
    "coaching/": OWN_RECORDS,
    "coaching/invite-coach": OWN_RECORDS,
    "coaching/invite-client": OWN_RECORDS,
    "coaching/code": OWN_RECORDS,
    "coaching/join/<str:code>": (NO_SUCH_CODE, OWN_RECORDS),
    "coaching/links/<id:link_id>/level": CLIENTS,
    "coaching/links/<id:link_id>/end": LINK_SIDES,
    "coaching/links/<id:link_id>/accept": NOT_WAITING,
    "coaching/as-coach/<id:link_id>/": CLIENTS,
    # Groups' member pages (issue 17): no one here belongs to a group or was asked anything.
    "groups/": OWN_RECORDS,
    "groups/code": OWN_RECORDS,
    # Signed out, a code no one was given is a 404 too (the page names a code's group to a
    # visitor, and offers an e-mail invitation's account); posting it asks to sign in.
    "groups/join/<str:code>": (NOBODY, OWN_RECORDS),
    "groups/join/<str:code>/account": rule(ALLOWED, anonymous=NOT_FOUND),  # signed in: joining
    "groups/<id:group_id>/": NO_GROUP,
    "groups/<id:group_id>/pooling": NO_GROUP,
    "groups/<id:group_id>/withdraw": NO_GROUP,
    "groups/<id:group_id>/leave": NO_GROUP,
    "groups/<id:group_id>/admin": NO_GROUP,
    "groups/<id:group_id>/admin/name": NO_GROUP,
    "groups/<id:group_id>/admin/remove": NO_GROUP,
    "groups/<id:group_id>/admin/invite": NO_GROUP,
    "groups/<id:group_id>/admin/invitations/<id:batch_id>": NO_GROUP,
    "groups/<id:group_id>/admin/invitations/<id:batch_id>/retry": NO_GROUP,
    "groups/<id:group_id>/search": NO_GROUP,
    "groups/<id:group_id>/request": NO_GROUP,
    "groups/<id:group_id>/requests": NO_GROUP,
    "groups/requests/<id:request_id>/accept": NO_POOL_REQUEST,
    "groups/requests/<id:request_id>/decline": NO_POOL_REQUEST,
    "groups/requests/<id:request_id>/thank": NO_POOL_REQUEST,
    "coach/": OWN_RECORDS,
    "coach/clients/<id:client_id>/": LINKED_COACHES,
    "coach/assignments/": OWN_RECORDS,
    "coach/assignments/<id:assignment_id>/cancel": ITS_COACH,
    "coach/assignments/<id:assignment_id>/restore": ITS_COACH,
    "assignments/": OWN_RECORDS,
    "assignments/<id:assignment_id>/done": CLIENTS,
    "assignments/<id:assignment_id>/undo": CLIENTS,
    "settings/tokens": OWN_RECORDS,
    "settings/tokens/<id:token_id>/revoke": CLIENTS,
    # The address book's devices (issue 18): only the user themself; no coach ever sees them.
    "settings/devices/": OWN_RECORDS,
    "settings/devices/add": OWN_RECORDS,
    "settings/devices/<id:device_id>/revoke": CLIENTS,
    "settings/password": OWN_RECORDS,
    "settings/email": OWN_RECORDS,
    "settings/digest": OWN_RECORDS,
    "settings/plan": OWN_RECORDS,
    "settings/searching": OWN_RECORDS,
    "settings/digest/send": OWN_RECORDS,
    "settings/demo": OWN_RECORDS,
    "settings/tokens/revoke-all": OWN_RECORDS,
    "settings/users/": ADMINS,
    "settings/users": ADMINS,
    "settings/users/<id:user_id>/disable": ADMINS,
    "settings/users/<id:user_id>/enable": ADMINS,
    "settings/users/<id:user_id>/role": ADMINS,
    "settings/invitations": ADMINS,
    "settings/invitations/<id:invitation_id>/withdraw": ADMINS,
    "invite/<str:code>/": NOBODY,
}

# The admin site's routes come from the models registered with it; one rule covers them all.
ADMIN_PREFIX = "admin/"
ADMIN_LOGIN = ("admin/login/", "admin/logout/")

# ---- the API: (method, path) -> rule ----------------------------------------------------

API: dict[tuple[str, str], Rule] = {
    ("DELETE", "/api/asks/{ask_id}"): CLIENTS,
    # The address book's devices: only the user themself; no coach ever sees them.
    ("GET", "/api/addressbook/devices"): OWN_RECORDS,
    ("POST", "/api/addressbook/devices"): OWN_RECORDS,
    ("DELETE", "/api/addressbook/devices/{device_id}"): CLIENTS,
    ("DELETE", "/api/coaching/links/{link_id}"): LINK_SIDES,
    ("DELETE", "/api/communities/{community_id}"): CLIENTS,
    ("DELETE", "/api/dates/{date_id}"): CLIENTS,
    ("DELETE", "/api/events/{event_id}"): CLIENTS,
    ("DELETE", "/api/events/{event_id}/people/{person_id}"): CLIENTS,
    ("DELETE", "/api/exchanges/{exchange_id}"): CLIENTS,
    ("DELETE", "/api/interactions/{interaction_id}"): CLIENTS,
    # Groups (issue 17): no one here belongs to one, so every group of theirs is missing.
    ("DELETE", "/api/groups/{group_id}/admins/{username}"): NO_GROUP,
    ("DELETE", "/api/groups/{group_id}/membership"): NO_GROUP,
    ("DELETE", "/api/groups/{group_id}/pooling"): NO_GROUP,
    ("DELETE", "/api/intros/{introduction_id}"): CLIENTS,
    ("DELETE", "/api/knows/{knows_id}"): CLIENTS,
    ("DELETE", "/api/leads/{lead_id}"): CLIENTS,
    ("DELETE", "/api/leads/{lead_id}/people/{person_id}"): CLIENTS,
    ("DELETE", "/api/needs/{need_id}"): CLIENTS,
    ("DELETE", "/api/people/{person_id}"): CLIENTS,
    ("DELETE", "/api/people/{person_id}/photo"): CLIENTS,
    ("DELETE", "/api/positions/{position_id}"): CLIENTS,
    ("DELETE", "/api/promises/{promise_id}"): CLIENTS,
    ("DELETE", "/api/tokens"): OWN_RECORDS,
    ("GET", "/api/asks"): OWN_RECORDS,
    ("GET", "/api/assignments"): OWN_RECORDS,
    ("GET", "/api/backup"): OWN_RECORDS,
    ("GET", "/api/balance"): OWN_RECORDS,
    ("GET", "/api/coach/assignments"): OWN_RECORDS,
    ("GET", "/api/coach/assignments/templates"): OWN_RECORDS,
    ("GET", "/api/coach/clients"): OWN_RECORDS,
    ("GET", "/api/coach/clients/{client_id}"): LINKED_COACHES,
    ("GET", "/api/coach/drafts"): OWN_RECORDS,
    ("GET", "/api/coach/drafts/{draft_id}"): ITS_COACH,
    ("GET", "/api/coaching/activity"): OWN_RECORDS,
    ("GET", "/api/coaching/links"): OWN_RECORDS,
    ("GET", "/api/communities"): OWN_RECORDS,
    ("GET", "/api/communities/{community_id}"): CLIENTS,
    ("GET", "/api/drafts"): OWN_RECORDS,
    ("GET", "/api/drafts/{draft_id}"): CLIENTS,
    ("GET", "/api/duplicates"): OWN_RECORDS,
    ("GET", "/api/events"): OWN_RECORDS,
    ("GET", "/api/events/{event_id}"): CLIENTS,
    ("GET", "/api/exchanges"): OWN_RECORDS,
    ("GET", "/api/export/csv"): OWN_RECORDS,
    ("GET", "/api/export/ics"): OWN_RECORDS,
    ("GET", "/api/export/vcard"): OWN_RECORDS,
    ("GET", "/api/goals"): OWN_RECORDS,
    ("GET", "/api/groups"): OWN_RECORDS,
    ("GET", "/api/groups/{group_id}"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/asked"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/invitations/{batch_id}"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/members"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/report"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/requests"): NO_GROUP,
    ("GET", "/api/groups/{group_id}/search"): NO_GROUP,
    ("GET", "/api/imports"): OWN_RECORDS,
    ("GET", "/api/connections"): OWN_RECORDS,
    ("POST", "/api/connections"): OWN_RECORDS,
    ("GET", "/api/connections/{connection_id}"): CLIENTS,
    ("PATCH", "/api/connections/{connection_id}"): CLIENTS,
    ("DELETE", "/api/connections/{connection_id}"): CLIENTS,
    ("POST", "/api/connections/{connection_id}/sync"): CLIENTS,
    # E-mail history: the source to forget is named in the body (the client's own one); to
    # anyone else it is a source they do not have.
    ("POST", "/api/import/mbox"): OWN_RECORDS,
    ("GET", "/api/email/imports"): OWN_RECORDS,
    ("GET", "/api/email/addresses"): OWN_RECORDS,
    ("PUT", "/api/email/addresses"): OWN_RECORDS,
    ("GET", "/api/email/suggestions"): OWN_RECORDS,
    ("POST", "/api/email/suggestions/{suggestion_id}/add"): CLIENTS,
    ("POST", "/api/email/suggestions/{suggestion_id}/dismiss"): CLIENTS,
    ("POST", "/api/email/suggestions/{suggestion_id}/restore"): CLIENTS,
    ("GET", "/api/email/sources"): OWN_RECORDS,
    ("POST", "/api/email/sources/forget"): CLIENTS,
    ("GET", "/api/interactions"): OWN_RECORDS,
    ("GET", "/api/interactions/{interaction_id}"): CLIENTS,
    ("GET", "/api/intros"): OWN_RECORDS,
    ("GET", "/api/intros/{introduction_id}"): CLIENTS,
    ("GET", "/api/leads"): OWN_RECORDS,
    ("GET", "/api/leads/thanks"): OWN_RECORDS,
    ("GET", "/api/leads/{lead_id}"): CLIENTS,
    ("GET", "/api/leads/{lead_id}/needs"): CLIENTS,
    ("GET", "/api/merges"): OWN_RECORDS,
    ("GET", "/api/needs"): OWN_RECORDS,
    ("GET", "/api/needs/{need_id}"): CLIENTS,
    ("GET", "/api/orgs"): OWN_RECORDS,
    ("GET", "/api/orgs/{organization_id}"): CLIENTS,
    ("GET", "/api/paths"): OWN_RECORDS,
    ("GET", "/api/people"): OWN_RECORDS,
    ("GET", "/api/people/triage/next"): OWN_RECORDS,
    ("GET", "/api/people/{person_id}"): CLIENTS,
    ("GET", "/api/people/{person_id}/balance"): CLIENTS,
    ("GET", "/api/people/{person_id}/dates"): CLIENTS,
    ("GET", "/api/people/{person_id}/interactions"): CLIENTS,
    ("GET", "/api/people/{person_id}/knows"): CLIENTS,
    ("GET", "/api/people/{person_id}/photo"): CLIENTS,
    ("GET", "/api/people/{person_id}/positions"): CLIENTS,
    ("GET", "/api/people/{person_id}/who-they-know"): CLIENTS,
    ("GET", "/api/positions"): OWN_RECORDS,
    ("GET", "/api/preferences"): OWN_RECORDS,
    ("GET", "/api/progress"): OWN_RECORDS,
    ("GET", "/api/promises"): OWN_RECORDS,
    ("GET", "/api/promises/{promise_id}"): CLIENTS,
    ("GET", "/api/review"): OWN_RECORDS,
    ("GET", "/api/today"): OWN_RECORDS,
    ("GET", "/api/users"): API_ADMINS,
    ("PATCH", "/api/coaching/links/{link_id}"): CLIENTS,
    ("PATCH", "/api/communities/{community_id}"): CLIENTS,
    ("PATCH", "/api/events/{event_id}"): CLIENTS,
    ("PATCH", "/api/interactions/{interaction_id}"): CLIENTS,
    ("PATCH", "/api/leads/{lead_id}"): CLIENTS,
    ("PATCH", "/api/needs/{need_id}"): CLIENTS,
    ("PATCH", "/api/orgs/{organization_id}"): CLIENTS,
    ("PATCH", "/api/people/{person_id}"): CLIENTS,
    ("PATCH", "/api/preferences"): OWN_RECORDS,
    ("PATCH", "/api/promises/{promise_id}"): CLIENTS,
    ("PATCH", "/api/users/{user_id}"): API_ADMINS,
    ("POST", "/api/asks"): OWN_RECORDS,
    ("POST", "/api/asks/{ask_id}/answered"): CLIENTS,
    ("POST", "/api/assignments/{assignment_id}/done"): CLIENTS,
    ("POST", "/api/assignments/{assignment_id}/undo"): CLIENTS,
    ("POST", "/api/coach/assignments"): LINKED_COACHES,
    ("POST", "/api/coach/assignments/{assignment_id}/cancel"): ITS_COACH,
    ("POST", "/api/coach/assignments/{assignment_id}/restore"): ITS_COACH,
    ("POST", "/api/coach/drafts/{draft_id}/comments"): ITS_COACH,
    ("POST", "/api/coach/drafts/{draft_id}/replies"): ITS_COACH,
    ("POST", "/api/coaching/accept"): OWN_RECORDS,
    ("POST", "/api/coaching/invitations"): OWN_RECORDS,
    ("POST", "/api/communities"): OWN_RECORDS,
    ("POST", "/api/drafts"): OWN_RECORDS,
    ("POST", "/api/drafts/comments/{comment_id}/accept"): CLIENTS,
    ("POST", "/api/drafts/comments/{comment_id}/ignore"): CLIENTS,
    ("POST", "/api/drafts/comments/{comment_id}/undo"): CLIENTS,
    ("POST", "/api/drafts/{draft_id}/close"): CLIENTS,
    ("POST", "/api/drafts/{draft_id}/reopen"): CLIENTS,
    ("POST", "/api/drafts/{draft_id}/replies"): CLIENTS,
    ("POST", "/api/duplicates/scan"): OWN_RECORDS,
    ("POST", "/api/duplicates/{duplicate_id}/apart"): CLIENTS,
    ("POST", "/api/duplicates/{duplicate_id}/merge"): CLIENTS,
    ("POST", "/api/events"): OWN_RECORDS,
    ("POST", "/api/groups"): API_ADMINS,
    ("POST", "/api/groups/join"): OWN_RECORDS,
    ("POST", "/api/groups/requests/{request_id}"): NO_POOL_REQUEST,
    ("POST", "/api/groups/requests/{request_id}/thank"): NO_POOL_REQUEST,
    ("POST", "/api/groups/{group_id}/admins"): NO_GROUP,
    ("POST", "/api/groups/{group_id}/invitations"): NO_GROUP,
    ("POST", "/api/groups/{group_id}/invitations/{batch_id}/retry"): NO_GROUP,
    ("POST", "/api/groups/{group_id}/link"): NO_GROUP,
    ("POST", "/api/groups/{group_id}/requests"): NO_GROUP,
    ("POST", "/api/events/{event_id}/people"): CLIENTS,
    ("POST", "/api/exchanges"): OWN_RECORDS,
    ("POST", "/api/exchanges/{exchange_id}/thanked"): CLIENTS,
    ("POST", "/api/import/knows"): OWN_RECORDS,
    ("POST", "/api/import/{kind}"): OWN_RECORDS,
    ("POST", "/api/interactions"): OWN_RECORDS,
    ("POST", "/api/introductions"): OWN_RECORDS,
    ("POST", "/api/intros"): OWN_RECORDS,
    ("POST", "/api/intros/offer"): OWN_RECORDS,
    ("POST", "/api/intros/{introduction_id}/status"): CLIENTS,
    ("POST", "/api/invitations"): API_ADMINS,
    ("POST", "/api/knows"): OWN_RECORDS,
    ("POST", "/api/leads"): OWN_RECORDS,
    ("POST", "/api/leads/from-posting"): OWN_RECORDS,
    ("POST", "/api/leads/{lead_id}/followed-up"): CLIENTS,
    ("POST", "/api/leads/{lead_id}/needs"): CLIENTS,
    ("POST", "/api/leads/{lead_id}/people"): CLIENTS,
    ("POST", "/api/leads/{lead_id}/thanked"): CLIENTS,
    ("POST", "/api/match"): OWN_RECORDS,
    ("POST", "/api/merges/{merge_id}/undo"): CLIENTS,
    ("POST", "/api/needs"): OWN_RECORDS,
    ("POST", "/api/needs/{need_id}/done"): CLIENTS,
    ("POST", "/api/needs/{need_id}/helped"): CLIENTS,
    ("POST", "/api/needs/{need_id}/reopen"): CLIENTS,
    ("POST", "/api/needs/{need_id}/reviewed"): CLIENTS,
    ("POST", "/api/outreach/check"): OWN_RECORDS,
    ("POST", "/api/outreach/draft"): OWN_RECORDS,
    ("POST", "/api/outreach/sent"): OWN_RECORDS,
    ("POST", "/api/outreach/sent/{interaction_id}/undo"): CLIENTS,
    ("POST", "/api/people"): OWN_RECORDS,
    ("POST", "/api/people/bulk"): OWN_RECORDS,
    ("POST", "/api/people/{person_id}/archive"): CLIENTS,
    ("POST", "/api/people/{person_id}/dates"): CLIENTS,
    ("POST", "/api/people/{person_id}/positions"): CLIENTS,
    ("POST", "/api/people/{person_id}/snooze"): CLIENTS,
    ("POST", "/api/people/{person_id}/unarchive"): CLIENTS,
    ("POST", "/api/positions"): OWN_RECORDS,
    ("POST", "/api/promises"): OWN_RECORDS,
    ("POST", "/api/promises/{promise_id}/done"): CLIENTS,
    ("POST", "/api/promises/{promise_id}/reopen"): CLIENTS,
    ("POST", "/api/promises/{promise_id}/snooze"): CLIENTS,
    ("POST", "/api/restore"): OWN_RECORDS,
    ("POST", "/api/review/reviewed"): OWN_RECORDS,
    ("POST", "/api/users"): API_ADMINS,
    ("PUT", "/api/goals"): OWN_RECORDS,
    ("PUT", "/api/groups/{group_id}/pooling"): NO_GROUP,
    ("PUT", "/api/people/{person_id}/photo"): CLIENTS,
}


# ---- checking one answer -----------------------------------------------------------------


def _signs_in(answer: matrix.Answer, prefix: str) -> bool:
    return answer.status == 302 and answer.location.startswith(prefix)


def web_outcome(answer: matrix.Answer) -> str:
    """What a page's answer amounts to, in the table's words."""
    if _signs_in(answer, "/login/"):
        return SIGN_IN
    if _signs_in(answer, "/admin/login/"):
        return ADMIN_SIGN_IN
    if answer.status in CODES:
        return CODES[answer.status]
    if 200 <= answer.status < 400 or answer.status in (400, 409, 422):
        return ALLOWED
    return f"status {answer.status}"


def api_outcome(answer: matrix.Answer) -> str:
    if answer.status == 401:
        return SIGN_IN
    if answer.status in CODES:
        return CODES[answer.status]
    if 200 <= answer.status < 300 or answer.status in (400, 409, 422):
        return ALLOWED
    return f"status {answer.status}"


CODES = {404: NOT_FOUND, 403: FORBIDDEN, 405: REFUSED_METHOD}


def agrees(expected: str, found: str) -> bool:
    return found == expected or (expected == OWN and found == ALLOWED)


# ---- the world, built once per module ----------------------------------------------------


COACH_PAGES = (
    "coach/",
    "coach/clients/<id:client_id>/",
    "coach/drafts/",
    "coach/drafts/<id:review_id>/",
    "coach/assignments/",
)


class Module:
    """The world, each persona's page client and API client, the client's rows, the bodies
    the client's pages post, and the client's own answers to every page (which also say which
    methods each route serves)."""

    def __init__(self) -> None:
        self.world = data.build_world()
        self.client_user = self.world.users[CLIENT]
        today = timezone.localdate()
        self.today = today.isoformat()
        self.tomorrow = (today + dt.timedelta(days=1)).isoformat()
        self.pages: dict[str, Client] = {}
        self.apis: dict[str, Client] = {}
        for persona in PERSONAS:
            page = Client(raise_request_exception=False)
            token = {}
            if persona != ANONYMOUS:
                page.force_login(self.world.users[persona])
                token = {"HTTP_AUTHORIZATION": f"Bearer {self.world.tokens[persona]}"}
            self.pages[persona] = page
            self.apis[persona] = Client(raise_request_exception=False, **token)
        self.rows = data.client_rows(self.client_user)
        self.bodies: dict[str, dict[str, list[str]]] = {}
        self.client_answers: dict[tuple[str, str], matrix.Answer] = {}
        for route in matrix.web_routes():
            url = matrix.web_url(route, self.world)
            answer = matrix.web_request(self.pages[CLIENT], "GET", url, inspect=self.changes)
            self.client_answers[("GET", route)] = answer
            if answer.status == 200 and "html" in answer.content_type:
                for target, fields in matrix.harvest_forms(answer.body, url, self.today).items():
                    self.bodies.setdefault(target, fields)
        # The coach's forms, from the pages of the coach the draft was sent to.
        for route in COACH_PAGES:
            url = matrix.web_url(route, self.world)
            answer = matrix.web_request(self.pages[PLAN], "GET", url)
            for target, fields in matrix.harvest_forms(answer.body, url, self.today).items():
                self.bodies.setdefault(target, fields)
        for route, fields in matrix.web_extras(self.world).items():
            self.bodies.setdefault(route, {}).update(fields)
        for route in matrix.web_routes():
            url = matrix.web_url(route, self.world)
            self.client_answers[("POST", route)] = matrix.web_request(
                self.pages[CLIENT], "POST", url, self.bodies.get(route, {}), self.changes
            )

    def changes(self, tables: set[str]) -> tuple[data.Rows, data.Rows]:
        """The client's rows in the tables a request wrote, before it and now (run before
        the rollback)."""
        labels = data.labels_of(tables)
        before = {key: row for key, row in self.rows.items() if key[0] in labels}
        return before, data.client_rows(self.client_user, tables)

    def serves(self, method: str, route: str) -> bool:
        return self.client_answers[(method, route)].status != 405


@pytest.fixture(scope="module")
def module(django_db_setup, django_db_blocker) -> Iterator[Module]:
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield Module()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# ---- the checks --------------------------------------------------------------------------


def web_rule(route: str, method: str) -> Rule:
    """A route's rule; a pair is (GET, POST)."""
    if route.startswith(ADMIN_PREFIX):
        return PUBLIC if route in ADMIN_LOGIN else ADMIN_SITE
    found = WEB[route]
    if isinstance(found, tuple):
        return found[0] if method == "GET" else found[1]
    return found


Asked = tuple[str, matrix.Answer, str, str]  # where, the answer, expected, found


def web_answers(module: Module, persona: str) -> Iterator[Asked]:
    for route in matrix.web_routes():
        url = matrix.web_url(route, module.world)
        for method in ("GET", "POST"):
            if persona == CLIENT:
                answer = module.client_answers[(method, route)]
            else:
                body = module.bodies.get(route, {})
                page = module.pages[persona]
                answer = matrix.web_request(page, method, url, body, module.changes)
            found = web_outcome(answer)
            if module.serves(method, route):
                expected = web_rule(route, method)[persona]
            else:  # refused before anything is read, or first asked to sign in
                expected = found if found in (REFUSED_METHOD, SIGN_IN) else REFUSED_METHOD
            yield f"{method} /{route}", answer, expected, found


def api_answers(module: Module, persona: str) -> Iterator[Asked]:
    for method, path in matrix.api_operations():
        body = matrix.api_body(method, path, module.world, module.today, module.tomorrow)
        url = matrix.api_url(path, module.world)
        answer = matrix.api_request(module.apis[persona], method, url, body, module.changes)
        yield f"{method} {path}", answer, API[(method, path)][persona], api_outcome(answer)


def problems_with(module: Module, persona: str, asked: Asked) -> Iterator[str]:
    where, answer, expected, found = asked
    if not agrees(expected, found):
        yield f"{where}: expected {expected}, got {found} ({answer.status} {answer.location})"
    for marker in data.forbidden_markers(persona):
        # A form shown again with what was posted tells the asker only what they sent.
        if data.in_body(marker, answer.body) and not data.in_body(marker, answer.sent):
            yield f"{where}: LEAK of {marker!r}"
    if persona != CLIENT and answer.changed is not None:
        user_id = module.world.users[persona].pk if persona != ANONYMOUS else 0
        before, after = answer.changed
        for change in data.forbidden_changes(persona, user_id, before, after, module.rows):
            yield f"{where}: WROTE to the client's records: {change}"


def test_the_tables_name_every_route_and_operation():
    routes = {route for route in matrix.web_routes() if not route.startswith(ADMIN_PREFIX)}
    assert sorted(routes - set(WEB)) == [], "routes with no row in WEB"
    assert sorted(set(WEB) - routes) == [], "rows in WEB for routes that do not exist"
    operations = set(matrix.api_operations())
    assert sorted(operations - set(API)) == [], "operations with no row in API"
    assert sorted(set(API) - operations) == [], "rows in API for operations that do not exist"
    # Every API route Django serves is an operation of the schema (none hidden from it).
    served = matrix.api_routes() - set(matrix.API_PAGES)
    assert served == {matrix.api_route_of(path) for _, path in operations}


def test_every_rule_names_every_persona():
    rules = [*API.values()]
    for found in WEB.values():
        rules += found if isinstance(found, tuple) else [found]
    for found in rules:
        assert set(found) == set(PERSONAS)


# What each persona must find somewhere (the markers are where pages show them, so the leak
# check above can fail): the client everything; each linked coach what their level shows.
MUST_SEE = {
    # All but the credentials no one is shown (a calendar's secret address, its password).
    CLIENT: {marker for marker, seen_by in data.VISIBLE_TO.items() if CLIENT in seen_by},
    PLAN: {
        data.PERSON_BEHIND_LEAD,
        data.PERSON_IN_PLAN,
        data.LEAD_TITLE,
        data.LEAD_ORGANISATION,
        data.DRAFT_TO_PLAN,
        data.COMMENT_BY_PLAN,
        data.ASSIGNMENT_BY_PLAN,
        data.ASSIGNMENT_NOTE,
    },
    NETWORK: {
        data.PERSON_BEHIND_LEAD,
        data.PERSON_NETWORK,
        data.ORGANISATION,
        data.DRAFT_TO_NETWORK,
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_route_answers_each_persona_as_the_table_says_leaks_nothing_and_writes_nothing(
    module, persona
):
    seen: set[str] = set()
    problems: list[str] = []
    for answers in (web_answers, api_answers):
        for asked in answers(module, persona):
            problems += problems_with(module, persona, asked)
            seen |= {marker for marker in data.VISIBLE_TO if data.in_body(marker, asked[1].body)}
    unseen = sorted(MUST_SEE.get(persona, set()) - seen)
    assert problems == [], f"{persona}:\n" + "\n".join(problems)
    assert unseen == [], f"{persona} never saw these anywhere"


def _wrote(answer: matrix.Answer) -> bool:
    """Whether the answer changed a record (a token's last use is not one)."""
    if answer.changed is None:
        return False
    before, after = answer.changed
    keys = {key for key in set(before) | set(after) if key[0] != "accounts.apitoken"}
    return any(before.get(key) != after.get(key) for key in keys)


@pytest.mark.django_db
def test_what_the_matrix_posts_does_change_the_client_s_records_when_the_client_posts_it(module):
    """The write check means something only if the bodies are ones that work: most of what the
    client's own forms post, and most API writes, change the client's records when the client
    sends them."""
    posted = [
        route
        for route in WEB
        if route in module.bodies
        and module.serves("POST", route)
        and web_rule(route, "POST")[CLIENT] in (ALLOWED, OWN)
    ]
    pages = [route for route in posted if _wrote(module.client_answers[("POST", route)])]
    writes = [
        (method, path)
        for method, path in matrix.api_operations()
        if method != "GET" and API[(method, path)][CLIENT] in (ALLOWED, OWN)
    ]
    api = []
    for method, path in writes:
        body = matrix.api_body(method, path, module.world, module.today, module.tomorrow)
        url = matrix.api_url(path, module.world)
        answer = matrix.api_request(module.apis[CLIENT], method, url, body, module.changes)
        if _wrote(answer):
            api.append((method, path))
    print(f"pages: {len(pages)} of {len(posted)} forms wrote; API: {len(api)} of {len(writes)}")
    print("pages that did not write:", sorted(set(posted) - set(pages)))
    print("API writes that did not write:", sorted(set(writes) - set(api)))
    assert len(pages) >= 0.7 * len(posted), sorted(set(posted) - set(pages))
    assert len(api) >= 0.7 * len(writes), sorted(set(writes) - set(api))
