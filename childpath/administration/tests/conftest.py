import pytest

from conftest import verified_client


@pytest.fixture
def admin_client(administrator):
    return verified_client(administrator)
