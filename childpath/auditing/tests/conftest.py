import pytest

from childpath.accounts.models import Role, User
from conftest import PASSWORD


@pytest.fixture
def auditor(orgs) -> User:
    """A data protection officer: the audit trail, never case contents."""
    return User.objects.create_user(
        username="ivy", password=PASSWORD, organisation=orgs["system"], role=Role.AUDITOR
    )
