"""/api/tokens: revoke every personal access token of the caller at once (the one used too),
as the settings page's button and `mutuals token revoke --all` do."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from mutuals.accounts import services as account_services
from mutuals.api.auth import owner
from mutuals.api.schemas import Error

router = Router(tags=["tokens"])


class RevokedOut(Schema):
    revoked: int


@router.delete(
    "/tokens",
    response={200: RevokedOut, 401: Error, 429: Error},
    summary="Revoke all your API tokens",
)
def revoke_all(request: HttpRequest) -> dict[str, int]:
    """Revoke every API token you have, including the one this request used: from now on
    they are all refused. Make a new one on the settings page or with `mutuals token create`."""
    return {"revoked": account_services.revoke_all_tokens(user=owner(request))}
