import pytest

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.cases.models import CaseMember
from childpath.matching.models import PeerPolicy
from childpath.matching.services import rotate_key
from conftest import PASSWORD


@pytest.fixture
def focal(orgs):
    organisation = Organisation.objects.create(
        name="Test Focal Point", sector=Sector.GOVERNMENT, country="SE", is_focal_point=True
    )
    return User.objects.create_user(
        username="fiona", password=PASSWORD, organisation=organisation, role=Role.FOCAL_POINT
    )


@pytest.fixture
def on_team(focal):
    def add(case):
        CaseMember.objects.create(
            case=case, organisation=focal.organisation, user=focal, access="view"
        )
        return case

    return add


@pytest.fixture
def peer_key(db):
    """A key shared with the fictional peer 'rs-test', which may ask 3 queries an hour."""
    PeerPolicy.objects.create(peer="rs-test", may_ask=True, queries_per_hour=3)
    return rotate_key(actor=None, peer="rs-test")
