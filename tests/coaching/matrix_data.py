"""The permission matrix's world: a client whose records carry a unique marker in every private
field, the people who may or may not look at them, and the rows a request could change.

Markers are single words no page prints by chance. `VISIBLE_TO` says who may see each: the
levels a client grants (PRODUCT.md P9, core.coaching) decide most; a draft, a comment or an
assignment belongs to one coach; what `core.coaching.NEVER_SHARED` names only the client sees.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from PIL import Image

from mutuals.accounts import invitations, roles
from mutuals.accounts.services import create_token
from mutuals.addressbook import services as addressbook_services
from mutuals.assignments import services as assignment_services
from mutuals.calendars import services as calendar_services
from mutuals.coaching import services as coaching_services
from mutuals.coaching.models import CoachLink
from mutuals.connections import calendar_sync
from mutuals.connections import services as connection_services
from mutuals.core import calendars as core_calendars
from mutuals.emails.mbox import import_mbox
from mutuals.emails.models import Correspondent
from mutuals.events import services as event_services
from mutuals.feedback import services as feedback_services
from mutuals.imports import merge
from mutuals.imports import services as import_services
from mutuals.imports.models import ImportRun
from mutuals.interactions import services as interaction_services
from mutuals.leads import services as lead_services
from mutuals.ledger import services as ledger_services
from mutuals.needs import services as need_services
from mutuals.network import introductions as introduction_services
from mutuals.network import services as network_services
from mutuals.orgs import services as org_services
from mutuals.people import important_dates, photos
from mutuals.people import positions as position_services
from mutuals.people import services as people_services
from mutuals.promises import services as promise_services
from tests.emails.mail import raw
from tests.factories import make_user

# ---- who looks --------------------------------------------------------------------------

CLIENT = "client"
PROGRESS = "coach_progress"
PLAN = "coach_plan"
NETWORK = "coach_network"
ENDED = "coach_ended"
UNLINKED = "coach_unlinked"
OTHER = "other_client"
ADMIN = "admin"
ANONYMOUS = "anonymous"
PERSONAS = (CLIENT, PROGRESS, PLAN, NETWORK, ENDED, UNLINKED, OTHER, ADMIN, ANONYMOUS)
COACHES = (PROGRESS, PLAN, NETWORK, ENDED, UNLINKED)
LINKED = (PROGRESS, PLAN, NETWORK)
LEVEL_OF = {PROGRESS: "progress", PLAN: "plan", NETWORK: "network"}

# ---- what they must not see -------------------------------------------------------------

# Names, shown from a level up (plan: the leads, the people behind them, today's plan).
PERSON_BEHIND_LEAD = "Zebulon Quartermaine"
LEAD_TITLE = "Chief Lanternwright"
LEAD_ORGANISATION = "Lumenvale Lamps"
PERSON_NETWORK = "Ottoline Vexbridge"
ORGANISATION = "Quillfeather Mills"
# Never shared, whatever the level (core.coaching.NEVER_SHARED and the rest of the records).
NEVER = {
    "person_notes": "mxpersonnotes",
    "person_title": "mxpersontitle",
    "person_location": "mxpersonlocation",
    "person_interests": "mxpersoninterests",
    "person_how_met": "mxpersonhowmet",
    "person_email": "mxpersonemail@example.org",
    "person_phone": "+44 7700 900461",
    "circle": "Mxcirclename",
    "conversation_summary": "mxconversationsummary",
    "conversation_notes": "mxconversationnotes",
    "need": "mxneedtext",
    "knows_note": "mxknowsnote",
    "lead_notes": "mxleadnotes",
    "lead_location": "mxleadlocation",
    "promise": "mxpromisetext",
    "give": "mxgivetext",
    "ask": "mxasktext",
    "introduction_reason": "mxintroreason",
    "event": "mxeventname",
    "event_place": "mxeventplace",
    "event_notes": "mxeventnotes",
    "community": "mxcommunityname",
    "community_notes": "mxcommunitynotes",
    "position": "mxpositiontitle",
    "organisation_notes": "mxorgnotes",
    "date_label": "mxdatelabel",
    "token_label": "mxtokenlabel",
    "draft_to_ended_coach": "mxdraftendedcoach",
    "merged_away": "Mxmergedaway Person",
    "import_file": "mxfilename",
    "mail_account": "mxmailaccountuser",
    "my_address": "mxmyaddress@example.org",
    "correspondent": "mxcorrespondent@example.org",
    "mail_source": "mxmboxfile",
    "device": "mxdevicename",
    "calendar_user": "mxcalendaruser",
    "calendar_path": "mxcalendarpath",
    "meeting": "mxmeetingtitle",
}
# People's names: in today's plan from `plan` up (the duplicate, never talked with, is due a
# word), in the people list at `network`.
PERSON_IN_PLAN = "Mxduplicate Person"
PERSON_IMPORTED = "Mximported Person"
DRAFT_TO_PLAN = "mxdrafttoplancoach"
DRAFT_TO_NETWORK = "mxdrafttonetworkcoach"
COMMENT_BY_PLAN = "mxcommentbyplancoach"
ASSIGNMENT_BY_PLAN = "mxassignmentbyplancoach"
ASSIGNMENT_NOTE = "mxassignmentdonenote"
ICS_SECRET = "mxicssecrettoken"
CALDAV_PASSWORD = "mxcaldavpassword"

AT_PLAN = frozenset({CLIENT, PLAN, NETWORK})
AT_NETWORK = frozenset({CLIENT, NETWORK})
ONLY_CLIENT = frozenset({CLIENT})
# marker -> who may see it (everyone else must never find it in any answer).
VISIBLE_TO: dict[str, frozenset[str]] = {
    PERSON_BEHIND_LEAD: AT_PLAN,
    LEAD_TITLE: AT_PLAN,
    LEAD_ORGANISATION: AT_PLAN,
    PERSON_NETWORK: AT_NETWORK,
    PERSON_IN_PLAN: AT_PLAN,
    PERSON_IMPORTED: AT_NETWORK,
    ORGANISATION: AT_NETWORK,
    DRAFT_TO_PLAN: frozenset({CLIENT, PLAN}),
    DRAFT_TO_NETWORK: frozenset({CLIENT, NETWORK}),
    COMMENT_BY_PLAN: frozenset({CLIENT, PLAN}),
    ASSIGNMENT_BY_PLAN: frozenset({CLIENT, PLAN}),
    ASSIGNMENT_NOTE: frozenset({CLIENT, PLAN}),
    **{marker: ONLY_CLIENT for marker in NEVER.values()},
    # An iCalendar address and an app password are credentials: write-only, shown to no one,
    # their owner included.
    ICS_SECRET: frozenset(),
    CALDAV_PASSWORD: frozenset(),
}


def forbidden_markers(persona: str) -> list[str]:
    return [marker for marker, seen_by in VISIBLE_TO.items() if persona not in seen_by]


def in_body(marker: str, body: str) -> bool:
    """A marker as a page or JSON may print it (HTML escapes, JSON escapes of non-ASCII)."""
    return marker.lower() in _lowered(body)


@functools.lru_cache(maxsize=4)
def _lowered(body: str) -> str:
    """Each answer is searched for every marker: lower-cased once, not once a marker."""
    return body.lower()


# ---- the world ---------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, Any]
    ids: dict[str, Any]  # URL parameter name -> the client's object
    tokens: dict[str, str]  # persona -> raw API token
    link_ids: dict[str, int]  # coach persona -> link id with the client


def _coach(name: str):
    user = make_user(name)
    roles.set_role(by=None, user_id=user.pk, role=roles.COACH)
    return get_user_model().objects.get(pk=user.pk)


def _link(coach, client, level: str) -> CoachLink:
    return CoachLink.objects.create(
        coach=coach,
        client=client,
        level=level,
        state=CoachLink.ACTIVE,
        invited_by="coach",
        accepted_at=timezone.now(),
    )


def build_world() -> World:
    today = timezone.localdate()
    ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    client = make_user("clientcasey")
    users: dict[str, Any] = {CLIENT: client}
    for persona in COACHES:
        users[persona] = _coach(persona.replace("_", ""))
    users[OTHER] = make_user("otherriley")
    admin = make_user("adminava")
    roles.set_role(by=None, user_id=admin.pk, admin=True)
    users[ADMIN] = get_user_model().objects.get(pk=admin.pk)
    links = {persona: _link(users[persona], client, LEVEL_OF[persona]) for persona in LINKED}
    links[ENDED] = _link(users[ENDED], client, "plan")

    zeb = people_services.create_person(
        owner=client,
        name=PERSON_BEHIND_LEAD,
        tier="close",
        organization=ORGANISATION,
        emails=[NEVER["person_email"]],
        phones=[NEVER["person_phone"]],
        circles=[NEVER["circle"]],
    )
    people_services.update_person(
        owner=client,
        person_id=zeb.pk,
        notes=NEVER["person_notes"],
        title=NEVER["person_title"],
        location=NEVER["person_location"],
        interests=NEVER["person_interests"],
        how_met=NEVER["person_how_met"],
    )
    otto = people_services.create_person(
        owner=client, name=PERSON_NETWORK, tier="friend", organization=ORGANISATION
    )
    # Known for a long time and talked with yesterday: nothing about her is due today.
    interaction_services.log_interaction(
        owner=client,
        person_ids=[otto.pk],
        summary=NEVER["conversation_summary"],
        occurred_on=ago(300),
    )
    talk = interaction_services.log_interaction(
        owner=client,
        person_ids=[zeb.pk, otto.pk],
        summary=NEVER["conversation_summary"],
        notes=NEVER["conversation_notes"],
        occurred_on=ago(1),
    )
    need = need_services.add_need(
        owner=client, text=NEVER["need"], person_id=zeb.pk, noted_on=ago(2)
    )
    knows = network_services.record_knows(
        owner=client, person_id=zeb.pk, knows_id=otto.pk, note=NEVER["knows_note"]
    )
    lead = lead_services.create_lead(
        owner=client,
        title=LEAD_TITLE,
        organization=LEAD_ORGANISATION,
        location=NEVER["lead_location"],
        stage="applied",
        notes=NEVER["lead_notes"],
        people=[(zeb.pk, "referrer")],
        today=ago(20),
    )
    promise = promise_services.create_promise(
        owner=client, person_id=zeb.pk, text=NEVER["promise"], due_on=today
    )
    exchange = ledger_services.record_exchange(
        owner=client,
        person_id=zeb.pk,
        direction="gave",
        kind="advice",
        text=NEVER["give"],
        occurred_on=ago(3),
    )
    ask = ledger_services.record_ask(
        owner=client, person_id=zeb.pk, text=NEVER["ask"], asked_on=ago(4)
    )
    twin = people_services.create_person(owner=client, name=PERSON_IN_PLAN, tier="friend")
    introduction = introduction_services.request_introduction(
        owner=client, introducer_id=zeb.pk, target_id=twin.pk, reason=NEVER["introduction_reason"]
    )
    event = event_services.create_event(
        owner=client,
        name=NEVER["event"],
        day=ago(5),
        place=NEVER["event_place"],
        community=NEVER["community"],
        notes=NEVER["event_notes"],
        people=[(zeb.pk, True)],
    )
    community = event.community
    event_services.update_community(
        owner=client, community_id=community.pk, notes=NEVER["community_notes"]
    )
    position = position_services.add_position(
        owner=client, person_id=zeb.pk, organization=ORGANISATION, title=NEVER["position"]
    )
    org_services.update_organization(
        owner=client, organization_id=zeb.organization_id, notes=NEVER["organisation_notes"]
    )
    date = important_dates.add_important_date(
        owner=client, person_id=zeb.pk, kind="other", month=3, day=14, label=NEVER["date_label"]
    )
    token, _ = create_token(user=client, label=NEVER["token_label"])
    # A mail account on a port nothing listens on (the discard port): a sync fails at once.
    mail_account, _ = connection_services.connect_imap(
        owner=client,
        name="Mail",
        host="127.0.0.1",
        port=9,
        username=NEVER["mail_account"],
        password="mxmailpassword",
        security="plain",
    )
    # An mbox of the client's: an address that is theirs, someone they wrote with both ways
    # (offered as a new person), and the source the messages came from.
    me, them = NEVER["my_address"], NEVER["correspondent"]
    mbox = b"".join(
        raw(f"mx{n}@example.org", sender=sender, to=to, at=n)
        for n, (sender, to) in enumerate([(me, them), (them, me), (me, them), (them, me)])
    )
    mail_import = import_mbox(
        owner=client, stream=io.BytesIO(mbox), filename=f"{NEVER['mail_source']}.mbox", me=[me]
    )
    correspondent = Correspondent.objects.get(owner=client, address=them)
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(picture, format="PNG")
    photos.set_photo(owner=client, person_id=zeb.pk, data=picture.getvalue())
    gone = people_services.create_person(owner=client, name=NEVER["merged_away"], tier="friend")
    duplicate = merge.record_possible_duplicate(
        owner=client,
        person_id=zeb.pk,
        other_id=twin.pk,
        certainty="likely",
        reasons=["name"],
        score=0.8,
    )
    merged = merge.merge_people(owner=client, keep_id=zeb.pk, merge_id=gone.pk)
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{PERSON_IMPORTED}\r\nEND:VCARD\r\n"
    import_services.import_file(
        owner=client, kind="vcard", data=card.encode(), filename="mxfilename.vcf"
    )
    run = ImportRun.objects.filter(owner=client).latest("pk")

    to_plan = feedback_services.send_for_review(
        client=client, coach_id=users[PLAN].pk, text=f"Dear Zeb, {DRAFT_TO_PLAN} soon?"
    )
    comment = feedback_services.comment_on_passage(
        coach=users[PLAN],
        review_id=to_plan.pk,
        passage=DRAFT_TO_PLAN,
        comment=COMMENT_BY_PLAN,
        suggestion="a coffee",
    )
    feedback_services.send_for_review(
        client=client, coach_id=users[NETWORK].pk, text=f"Hello, {DRAFT_TO_NETWORK} today."
    )
    feedback_services.send_for_review(
        client=client, coach_id=users[ENDED].pk, text=NEVER["draft_to_ended_coach"]
    )
    coaching_services.end(user=users[ENDED], link_id=links[ENDED].pk)
    (assignment,) = assignment_services.assign(
        coach=users[PLAN], client_ids=[client.pk], title=ASSIGNMENT_BY_PLAN
    )
    assignment_services.mark_done(owner=client, assignment_id=assignment.pk, note=ASSIGNMENT_NOTE)

    invitation = invitations.create_invitation(by=users[ADMIN], username="newcomer")
    device = addressbook_services.add_device(owner=client, name=NEVER["device"]).device
    _calendars(client)
    tokens = {
        persona: create_token(user=user, label="matrix")[1] for persona, user in users.items()
    }
    ids = {
        "person_id": zeb.pk,
        "other_person_id": otto.pk,
        "date_id": date.pk,
        "interaction_id": talk.pk,
        "promise_id": promise.pk,
        "need_id": need.pk,
        "exchange_id": exchange.pk,
        "ask_id": ask.pk,
        "introduction_id": introduction.pk,
        "org_id": zeb.organization_id,
        "organization_id": zeb.organization_id,
        "position_id": position.pk,
        "event_id": event.pk,
        "community_id": community.pk,
        "lead_id": lead.pk,
        "knows_id": knows.pk,
        "review_id": to_plan.pk,
        "draft_id": to_plan.pk,
        "comment_id": comment.pk,
        "assignment_id": assignment.pk,
        "link_id": links[PLAN].pk,
        "client_id": client.pk,
        "user_id": client.pk,
        "token_id": token.pk,
        "invitation_id": invitation.invitation.pk,
        "duplicate_id": duplicate.pk,
        "merge_id": merged.pk,
        "run_id": run.pk,
        "connection_id": mail_account.pk,
        "suggestion_id": correspondent.pk,
        "mail_import_id": mail_import["id"],
        "device_id": device.pk,
        "mail_source": f"mbox:{NEVER['mail_source']}.mbox",
    }
    return World(
        users=users,
        ids=ids,
        tokens=tokens,
        link_ids={persona: link.pk for persona, link in links.items()},
    )


def _calendars(client) -> None:
    """A CalDAV account and an iCalendar address on the discard port (a sync fails at once),
    and a meeting with Zeb tomorrow, recorded as a sync records it (calendars.services)."""
    caldav, _ = calendar_sync.connect_caldav(
        owner=client,
        name="Calendar",
        url=f"http://127.0.0.1:9/{NEVER['calendar_path']}/",
        username=NEVER["calendar_user"],
        password=CALDAV_PASSWORD,
    )
    calendar_sync.connect_ics_url(
        owner=client, name="Feed", address=f"http://127.0.0.1:9/calendar/{ICS_SECRET}/basic.ics"
    )
    now = timezone.now()
    tomorrow = now + dt.timedelta(days=1)
    meeting = core_calendars.Occurrence(
        uid="mxmeetinguid",
        recurrence_id="",
        start=tomorrow,
        end=tomorrow + dt.timedelta(hours=1),
        all_day=False,
        title=NEVER["meeting"],
        emails=(NEVER["person_email"],),
    )
    calendar_services.record(
        owner=client,
        connection=caldav,
        occurrences=[meeting],
        since=now - dt.timedelta(days=1),
        now=now,
    )


# ---- the client's rows -------------------------------------------------------------------


def _owner_paths() -> list[tuple[type[models.Model], str]]:
    """Every model with a row that belongs to a user, and the lookup from it to that user:
    a foreign key to the user (owner, client, user...), or one step through a model that has
    one (a person's e-mails, a comment's review, the people of a conversation)."""
    user_model = get_user_model()
    direct: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        fields = [
            field.name
            for field in model._meta.fields
            if field.is_relation and field.related_model is user_model
        ]
        if fields:
            direct[model] = fields
    paths: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models(include_auto_created=True):
        if model in direct:
            paths += [(model, f"{name}_id") for name in direct[model]]
            continue
        for field in model._meta.fields:
            parent = field.related_model if field.is_relation else None
            if parent in direct and parent is not user_model:
                paths.append((model, f"{field.name}__{direct[parent][0]}_id"))
                break
    return paths


OWNER_PATHS = _owner_paths()
Rows = dict[tuple[str, int], dict[str, Any]]


def client_rows(client, tables: set[str] | None = None) -> Rows:
    """Every row of every model that belongs to `client` (of those stored in `tables`, when
    given), by (model, primary key)."""
    rows: Rows = {}
    for model, lookup in OWNER_PATHS:
        if tables is not None and model._meta.db_table.lower() not in tables:
            continue
        label = model._meta.label_lower
        for values in model.objects.filter(**{lookup: client.pk}).values():
            rows[(label, values["id"])] = values
    user_model = get_user_model()
    if tables is None or user_model._meta.db_table.lower() in tables:
        for values in user_model.objects.filter(pk=client.pk).values():
            rows[("auth.user", values["id"])] = values
    return rows


def labels_of(tables: set[str]) -> set[str]:
    """The models (as in `client_rows`' keys) stored in `tables`."""
    found = {
        model._meta.label_lower
        for model, _ in OWNER_PATHS
        if model._meta.db_table.lower() in tables
    }
    if get_user_model()._meta.db_table.lower() in tables:
        found.add("auth.user")
    return found


# What a coach may change of a client's: rows about themselves (the looks the gate records,
# their own link, which they may end) and what they write: assignments they set, and comments
# on a draft sent to them. An administrator manages accounts: enabled or not, the role.
COACH_OWN_ROWS = (
    "coaching.accessrecord",
    "coaching.coachlink",
    "assignments.assignment",
)
ADMIN_FIELDS = {"auth.user": {"is_active"}, "accounts.role": {"id", "user_id", "kind"}}


def forbidden_changes(
    persona: str, user_id: int, before: Rows, after: Rows, everything: Rows
) -> list[str]:
    """The changes to the client's rows that `persona` (user `user_id`) may not make; `before`
    and `after` hold the tables written, `everything` all the client's rows before."""
    found = []
    reviews_to_them = {
        pk
        for (label, pk), row in everything.items()
        if label == "feedback.draftreview" and row["coach_id"] == user_id
    }
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = key[0]
        row = new or old
        assert row is not None
        if persona in COACHES and label in COACH_OWN_ROWS and row.get("coach_id") == user_id:
            continue
        if (
            persona in COACHES
            and label == "feedback.draftcomment"
            and old is None
            and row["author"] == "coach"
            and row["review_id"] in reviews_to_them
        ):
            continue
        if persona == ADMIN and label in ADMIN_FIELDS and new is not None:
            fields = {field for field in new if old is None or new[field] != old[field]}
            if fields <= ADMIN_FIELDS[label]:
                continue
        what = "added" if old is None else "deleted" if new is None else "changed"
        found.append(f"{label} {key[1]} {what}")
    return found
