"""The rights part of the demo: through the services, and idempotent."""

import pytest

from childpath.cases.models import Case
from childpath.demo import loader
from childpath.rights.models import Guardian, InformationDelivery, RightProvision
from childpath.rights.selectors import case_rights


@pytest.fixture
def only_rights(monkeypatch):
    # The other apps' parts are theirs to test; presumed status comes from the screenings.
    monkeypatch.setattr(loader, "EXTENSIONS", ("rights",))


def _case(given_names: str) -> Case:
    return next(c for c in Case.objects.all() if c.identity.given_names == given_names)


def test_the_demo_informs_oleksandr_in_ukrainian_and_gives_him_a_guardian(db, only_rights):
    counts = loader.load()
    assert counts["information_deliveries"] == 1 and counts["guardians"] == 1
    delivery = InformationDelivery.objects.get(case=_case("Oleksandr"))
    assert delivery.language == "uk" and delivery.all_in_force
    assert "interpreter" in delivery.formats
    guardian = Guardian.objects.get(case=_case("Oleksandr"))
    assert guardian.requested_at and guardian.appointed_at
    assert guardian.requested_at < guardian.appointed_at


def test_loading_the_demo_twice_duplicates_nothing(db, only_rights):
    loader.load()
    counts = loader.load()
    assert counts["information_deliveries"] == 0 and counts["guardians"] == 0
    assert counts["right_provisions"] == 0
    assert InformationDelivery.objects.count() == 1
    assert Guardian.objects.count() == 1
    assert RightProvision.objects.count() == 2


def test_the_demo_records_a_safe_place_and_health_care_for_oleksandr(db, only_rights):
    assert loader.load()["right_provisions"] == 2
    rights = case_rights(_case("Oleksandr"))
    for code in ("safe_accommodation", "health_care"):
        right = rights.right(code)
        assert right is not None and right.met and not right.overdue, code
    note = RightProvision.objects.get(right="safe_accommodation").note
    assert "Lighthouse Shelter" in note
