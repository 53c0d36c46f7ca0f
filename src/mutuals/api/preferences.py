"""/api/preferences: the daily plan's size and the morning digest, as on the settings page and
`mutuals digest --on/--off/--hour`; the same service (accounts.services.update_preferences)
checks them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from mutuals.accounts import services as account_services
from mutuals.accounts.models import Preferences
from mutuals.accounts.selectors import preferences_of
from mutuals.api.auth import owner
from mutuals.api.schemas import Error, FieldErrors, Input

router = Router(tags=["preferences"])


class PreferencesOut(Schema):
    plan_size: int = Field(description="How many actions today's plan holds (1 to 20).")
    digest_enabled: bool = Field(description="Whether the morning e-mail digest is sent.")
    digest_hour: int = Field(description="The local hour (0-23) the digest is sent after.")


class PreferencesIn(Input):
    """Only the fields sent change; null is refused (leave a field out to keep it). Ranges are
    the service's to check, so the 422 says them in the same words as the settings page."""

    plan_size: int = Field(
        None,  # type: ignore[assignment]
        description=f"1 to {Preferences.MAX_PLAN_SIZE}; leave out to keep it.",
    )
    digest_enabled: bool = Field(None, description="Leave out to keep it.")  # type: ignore[assignment]
    digest_hour: int = Field(None, description="0 to 23; leave out to keep it.")  # type: ignore[assignment]


def _out(preferences: Preferences) -> dict[str, Any]:
    return {
        "plan_size": preferences.plan_size,
        "digest_enabled": preferences.digest_enabled,
        "digest_hour": preferences.digest_hour,
    }


@router.get(
    "/preferences", response={200: PreferencesOut, 401: Error, 429: Error}, summary="Preferences"
)
def get_preferences(request: HttpRequest) -> dict[str, Any]:
    """Your daily plan's size and morning digest settings (the defaults until you change one)."""
    return _out(preferences_of(owner(request)))


@router.patch(
    "/preferences",
    response={200: PreferencesOut, 401: Error, 422: FieldErrors, 429: Error},
    summary="Change preferences",
)
def patch_preferences(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    """Change the fields you send; the others stay. A value out of range answers 422 naming
    the field, and nothing is changed. null is refused: leave a field out to keep it."""
    changes = payload.model_dump(exclude_unset=True)
    return _out(account_services.update_preferences(user=owner(request), **changes))
