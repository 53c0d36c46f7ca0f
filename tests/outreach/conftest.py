"""The API client and the CLI runner of tests/api and tests/cli, for the outreach tests here."""

from tests.api.conftest import jordan_api, riley_api  # noqa: F401
from tests.cli.conftest import mutuals, no_user_from_the_environment  # noqa: F401
