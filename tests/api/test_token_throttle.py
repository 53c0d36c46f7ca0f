"""Many bad tokens from one address answer 429 with Retry-After; good tokens still work."""

from __future__ import annotations

from django.test import Client

from mutuals.accounts.services import create_token

ATTACKER = "203.0.113.66"


def bad_token_request(address: str = ATTACKER):
    client = Client(REMOTE_ADDR=address, HTTP_AUTHORIZATION="Bearer mut_guess")
    return client.get("/api/people")


def test_ten_bad_tokens_answer_401(jordan):
    statuses = {bad_token_request().status_code for _ in range(10)}
    assert statuses == {401}


def test_the_eleventh_bad_token_answers_429_with_retry_after(jordan):
    for _ in range(10):
        bad_token_request()
    response = bad_token_request()
    assert response.status_code == 429
    assert response["Retry-After"] == "15"
    assert "Try again in 15 seconds" in response.json()["detail"]


def test_bad_tokens_from_one_address_do_not_slow_another(jordan):
    for _ in range(12):
        bad_token_request()
    assert bad_token_request(address="198.51.100.7").status_code == 401


def test_a_valid_token_from_a_throttled_address_still_works(jordan):
    for _ in range(12):
        bad_token_request()
    _, raw = create_token(user=jordan, label="script")
    client = Client(REMOTE_ADDR=ATTACKER, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/people").status_code == 200


def test_behind_a_proxy_the_forwarded_client_address_counts(jordan, settings):
    settings.MUTUALS_TRUST_FORWARDED_FOR = True
    for _ in range(12):
        bad_token_request(address="127.0.0.1")
    other = Client(
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_AUTHORIZATION="Bearer mut_guess",
    )
    assert other.get("/api/people").status_code == 401
