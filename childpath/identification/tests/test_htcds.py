"""Identification statuses and deciding sectors in HTCDS terms: a pure mapping."""

import pytest

from childpath.accounts.models import Sector
from childpath.identification import htcds
from childpath.identification.models import Status
from childpath.jurisdiction.profile import SECTORS


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("presumed", "PossibleVictimOfTrafficking"),
        ("identified", "ActualVictimOfTrafficking"),
        ("not_victim", "NotAVictimOfTrafficking"),
        ("at_risk", None),
    ],
)
def test_it_maps_each_status_to_htcds(status, expected):
    assert htcds.trafficking_status(status) == expected


def test_it_maps_every_status_of_the_model():
    for status in Status.values:
        value = htcds.trafficking_status(status)
        assert value is None or value in htcds.TRAFFICKING_STATUSES


def test_it_refuses_an_unknown_status():
    with pytest.raises(ValueError, match="unknown"):
        htcds.trafficking_status("victim-ish")


@pytest.mark.parametrize(
    ("sector", "expected"),
    [
        ("police", "Police"),
        ("border", "Police"),
        ("prosecution", "CourtOrProsecution"),
        ("ngo", "NGO"),
        ("social_services", "NonPoliceGovernmentalOrganization"),
        ("child_protection", "NonPoliceGovernmentalOrganization"),
        ("barnahus", "NonPoliceGovernmentalOrganization"),
        ("migration", "NonPoliceGovernmentalOrganization"),
        ("shelter", "Other"),
        ("other", "Other"),
    ],
)
def test_it_maps_each_deciding_sector_to_htcds(sector, expected):
    assert htcds.decision_making_org(sector=sector) == expected


def test_it_maps_every_sector_to_an_htcds_value():
    for sector in [*SECTORS, *Sector.values]:
        assert htcds.decision_making_org(sector=sector) in htcds.DECISION_MAKING_ORGS


def test_it_maps_a_multi_agency_panel_to_other_whoever_sits_on_it():
    assert htcds.decision_making_org(sector="police", panel=True) == "Other"


@pytest.mark.parametrize("sector", [None, "", "unheard-of"])
def test_it_maps_a_missing_or_unknown_sector_to_other(sector):
    assert htcds.decision_making_org(sector=sector) == "Other"
