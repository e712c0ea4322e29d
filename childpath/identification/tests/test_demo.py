"""The identification part of the fictional demo: presumptions and one panel identification."""

from io import StringIO

import pytest
from django.core.management import call_command

from childpath.cases.models import Case, Stage
from childpath.identification.models import Basis, Decision, PanelMember
from childpath.identification.selectors import protection_status


def _load() -> None:
    call_command("load_demo", stdout=StringIO())


def _case(given_names: str) -> Case:
    return next(c for c in Case.objects.all() if c.identity.given_names == given_names)


@pytest.fixture
def demo(db) -> None:
    _load()


def test_the_demo_shows_a_presumed_victim_from_a_screening(demo):
    ana = _case("Ana")
    assert protection_status(ana).status == "presumed"
    assert Decision.objects.get(case=ana).basis == Basis.SCREENING


def test_the_demo_barnahus_panel_identifies_one_child_on_the_social_path(demo):
    oleksandr = _case("Oleksandr")
    status = protection_status(oleksandr)
    assert status.status == "identified"
    assert status.path == "social"
    assert status.presumed_since is not None
    decision = Decision.objects.get(case=oleksandr, basis=Basis.PANEL)
    assert decision.recorded_by is not None
    assert decision.recorded_by.username == "panel.maria"
    sectors = {m.sector for m in decision.panel_members.all()}
    assert sectors == {"barnahus", "social_services", "police"}
    oleksandr.refresh_from_db()
    assert oleksandr.stage == Stage.IDENTIFIED


def test_loading_the_demo_again_adds_no_decision(demo):
    counts = (Decision.objects.count(), PanelMember.objects.count())
    _load()
    assert (Decision.objects.count(), PanelMember.objects.count()) == counts


def test_the_demo_backfills_presumptions_of_screenings_made_before(demo):
    Decision.objects.filter(basis=Basis.SCREENING, case__in=[_case("Ana")]).delete()
    _load()
    assert protection_status(_case("Ana")).status == "presumed"
