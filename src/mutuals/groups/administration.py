"""What a group's administrators do besides inviting by code: name more administrators, remove
one (never the last), and send e-mail invitations through the install's mail server.

Kept apart from `services.py` (joining, pooling, searching) so each module holds one concept.
Who may: a group administrator of that group, or an administrator of the install
(`services.group_for_admin`: a member is refused with PermissionDenied; for anyone else the
group does not exist). Keyword-only, the acting user explicit (`by`).

E-mail invitations: `services.invite_emails` makes the single-use codes (only their hashes are
kept); `invite_by_email` then sends each address its own, in plain text: who invited, the
group's name and the join link with the code, nothing else. With no mail server set
(MUTUALS_SMTP_HOST) nothing is sent and the codes are handed back to give out by hand. A send
that fails is reported for its address (the code still works); the logs say only how many.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from mutuals.groups import services
from mutuals.groups.models import Group, Membership
from mutuals.mail import smtp_connection

logger = logging.getLogger("mutuals.groups")

NOT_A_MEMBER = "{name} is not a member of this group: they join first, then you can name them."
ALREADY_ADMIN = "{name} is already an administrator of this group."
NOT_AN_ADMIN = "{name} is not an administrator of this group."
LAST_ADMIN = (
    "{name} is this group's only administrator: name another one before removing them, "
    "so the group always has one."
)
NO_MAIL_SERVER = (
    "This install has no mail server set (MUTUALS_SMTP_HOST), so no e-mail was sent: "
    "give each person their code yourself."
)


def _member(group: Group, username: str) -> Membership:
    name = (username or "").strip()
    if not name:
        raise ValidationError({"username": ["Give the member's user name."]})
    found = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(group=group, user__username=name)
        .first()
    )
    if found is None:
        raise ValidationError({"username": [NOT_A_MEMBER.format(name=f"'{name[:150]}'")]})
    return found


@transaction.atomic
def name_admin(*, by: AbstractBaseUser, group_id: int, username: str) -> Membership:
    """Make a member of the group one of its administrators."""
    group = services.group_for_admin(by=by, group_id=group_id)
    member = _member(group, username)
    if member.role == Membership.ADMIN:
        raise ValidationError({"username": [ALREADY_ADMIN.format(name=member.user.get_username())]})
    member.role = Membership.ADMIN
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_admin(*, by: AbstractBaseUser, group_id: int, username: str) -> Membership:
    """Make one of the group's administrators a member again (they stay in the group); never
    the last one. The group's row is locked first, so two removals at once cannot leave it
    with none."""
    services.group_for_admin(by=by, group_id=group_id)
    group = Group.objects.select_for_update().get(pk=group_id)
    member = _member(group, username)
    name = member.user.get_username()
    if member.role != Membership.ADMIN:
        raise ValidationError({"username": [NOT_AN_ADMIN.format(name=name)]})
    admins = Membership.objects.filter(group=group, role=Membership.ADMIN)
    if not admins.exclude(pk=member.pk).exists():
        raise ValidationError({"username": [LAST_ADMIN.format(name=name)]})
    member.role = Membership.MEMBER
    member.save(update_fields=["role"])
    return member


# ---- e-mail invitations ------------------------------------------------------------------


def mail_server_configured() -> bool:
    return bool(settings.MUTUALS_SMTP_HOST)


@dataclass(frozen=True)
class Invitation:
    """One address's invitation: its code (shown only now), and whether the e-mail went
    (`sent` is None when nothing was to be sent), with why not in words."""

    email: str
    code: str
    sent: bool | None
    reason: str = ""


@dataclass(frozen=True)
class InvitationReport:
    invitations: tuple[Invitation, ...]
    mailed: bool  # e-mails were sent (or tried): a mail server is set and sending was asked
    message: str

    @property
    def sent(self) -> int:
        return sum(1 for i in self.invitations if i.sent)

    @property
    def failed(self) -> int:
        return sum(1 for i in self.invitations if i.sent is False)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (CLI and API): each address, its code, whether the e-mail went."""
        items = [
            {"email": i.email, "code": i.code, "sent": i.sent, "reason": i.reason or None}
            for i in self.invitations
        ]
        return {
            "count": len(items),
            "mailed": self.mailed,
            "sent": self.sent,
            "failed": self.failed,
            "words": self.message,
            "items": items,
        }


def join_link(code: str, base: str | None = None) -> str:
    """The join link: MUTUALS_BASE_URL (or `base`, the address the page was asked at) and the
    join page's path; the path alone when neither is known."""
    root = (settings.MUTUALS_BASE_URL or base or "").rstrip("/")
    return root + services.join_path(code)


def invitation_text(
    *, group: str, inviter: str, code: str, link: str, expires: dt.date
) -> tuple[str, str]:
    """The e-mail's subject and plain-text body: who invites, the group, the join link with
    the code, and until when it works. Nothing else."""
    subject = f"{inviter} invites you to join {group} on mutuals"
    if link.startswith("http"):
        how = f"Join with this link:\n\n    {link}\n"
    else:
        how = f"Open mutuals and join with this code:\n\n    {code}\n"
    body = (
        f"{inviter} invites you to join {group} on mutuals, where its members help each "
        f"other with introductions.\n\n{how}\n"
        f"The invitation works once, until {expires.day} {expires:%b %Y}. Your code is "
        f"{code}.\n"
    )
    return subject, body


def _why_not(error: Exception) -> str:
    """A failed send in words: what the mail server did (never its login)."""
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"The mail server at {server} refused this address."
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"The mail server at {server} refused the user name or password."
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server at {server} answered with error {error.smtp_code}."
    if isinstance(error, smtplib.SMTPException):
        return f"The mail server at {server} refused the message."
    return f"Could not reach the mail server at {server}."


def _send_each(
    pairs: list[tuple[str, str]], *, group: Group, inviter: str, base: str | None, days: int
) -> list[Invitation]:
    expires = timezone.localdate() + dt.timedelta(days=days)
    connection = smtp_connection()
    try:
        connection.open()
    except OSError as error:  # SMTPException is an OSError too
        reason = _why_not(error)
        return [Invitation(email, code, False, reason) for email, code in pairs]
    done = []
    try:
        for email, code in pairs:
            subject, body = invitation_text(
                group=group.name,
                inviter=inviter,
                code=code,
                link=join_link(code, base),
                expires=expires,
            )
            message = EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
                connection=connection,
            )
            try:
                message.send()
            except OSError as error:
                done.append(Invitation(email, code, False, _why_not(error)))
                if isinstance(error, smtplib.SMTPServerDisconnected):
                    connection.close()
                    connection.open()
            else:
                done.append(Invitation(email, code, True))
    except OSError as error:  # the server went away and could not be reached again
        reason = _why_not(error)
        left = pairs[len(done) :]
        done += [Invitation(email, code, False, reason) for email, code in left]
    finally:
        connection.close()
    return done


def invite_by_email(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = services.INVITATION_DAYS,
    send: bool = True,
    base: str | None = None,
) -> InvitationReport:
    """Single-use invitations for a CSV list of addresses (`services.invite_emails`: a bad
    line is named and no one is invited), each sent by e-mail when a mail server is set and
    `send` is true; the report says, per address, whether it went."""
    pairs = services.invite_emails(by=by, group_id=group_id, csv_text=csv_text, days=days)
    if not send:
        found = tuple(Invitation(email, code, None) for email, code in pairs)
        message = f"{len(found)} invitations made: give each person their code."
        return InvitationReport(found, mailed=False, message=message)
    if not mail_server_configured():
        found = tuple(Invitation(email, code, None) for email, code in pairs)
        return InvitationReport(found, mailed=False, message=NO_MAIL_SERVER)
    group = Group.objects.get(pk=group_id)
    done = tuple(
        _send_each(pairs, group=group, inviter=services.user_name(by), base=base, days=days)
    )
    report = InvitationReport(done, mailed=True, message="")
    if report.failed:
        logger.warning("%d of %d group invitations were not sent.", report.failed, len(done))
    message = f"Sent {report.sent} of {len(done)} invitations by e-mail."
    if report.failed:
        message += f" {report.failed} could not be sent: give those people their codes yourself."
    return InvitationReport(done, mailed=True, message=message)
