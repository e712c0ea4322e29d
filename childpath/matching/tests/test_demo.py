import pytest

from childpath.matching import demo
from childpath.matching.models import PeerKey

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_loads_the_demo_key_once():
    demo.load()
    demo.load()
    assert PeerKey.objects.filter(peer=demo.DEMO_PEER).count() == 1
