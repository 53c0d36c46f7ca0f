"""DELETE /api/tokens: revoke all of your tokens at once, never anyone else's."""

from __future__ import annotations

from django.test import Client

from mutuals.accounts.services import authenticate_token, create_token


def test_it_revokes_every_token_of_the_caller_including_the_one_used(jordan):
    _, used = create_token(user=jordan, label="script")
    _, other = create_token(user=jordan, label="laptop")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {used}").delete("/api/tokens")
    assert response.status_code == 200
    assert response.json() == {"revoked": 2}
    assert authenticate_token(used) is None
    assert authenticate_token(other) is None


def test_riley_revoking_all_leaves_jordans_tokens(jordan, riley, riley_api):
    _, jordans = create_token(user=jordan, label="script")
    riley_api.delete("/api/tokens")
    assert authenticate_token(jordans) == jordan


def test_a_signed_in_browser_cannot_revoke_without_a_token(jordan_client, jordan):
    _, raw = create_token(user=jordan, label="script")
    assert jordan_client.delete("/api/tokens").status_code == 401
    assert authenticate_token(raw) == jordan
