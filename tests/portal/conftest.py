"""The command-line fixtures (``finqr``, ``company``) for the portal's command tests."""

from tests.cli.conftest import company, finqr  # noqa: F401 - fixtures used by name
