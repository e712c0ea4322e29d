"""The profile core: every shipped profile validates; every broken one says why."""

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from childpath.accounts.models import Sector
from childpath.jurisdiction import profile
from childpath.jurisdiction.profile import ProfileError, parse

MODEL = yaml.safe_load((profile.PROFILES_DIR / "model.yaml").read_text(encoding="utf-8"))


def broken(change: Any) -> list[str]:
    raw = copy.deepcopy(MODEL)
    change(raw)
    with pytest.raises(ProfileError) as error:
        parse(raw, code="model")
    return error.value.problems


@pytest.mark.parametrize("code", profile.available())
def test_every_shipped_profile_validates(code: str) -> None:
    loaded = profile.load(code)
    assert loaded.code == code
    assert set(loaded.referrals) == set(profile.URGENCIES)
    assert set(loaded.time_limits) == set(profile.TIME_LIMITS)


def test_the_model_and_four_illustrative_country_profiles_ship() -> None:
    assert set(profile.available()) == {"model", "SE", "BG", "RS", "ES"}
    assert not profile.load("model").illustrative
    for code in ("SE", "BG", "RS", "ES"):
        loaded = profile.load(code)
        assert loaded.illustrative and loaded.country == code
        path = profile.PROFILES_DIR / f"{code}.yaml"
        assert "ILLUSTRATIVE EXAMPLE" in path.read_text(encoding="utf-8")


def test_the_model_and_sweden_follow_the_social_path() -> None:
    for code in ("model", "SE"):
        ident = profile.load(code).identification
        assert ident.social_path and ident.panels.allowed
        assert ident.may_identify(sector="social_services", accredited=True)
        assert not ident.may_identify(sector="social_services", accredited=False)


def test_spain_is_police_only() -> None:
    ident = profile.load("ES").identification
    assert not ident.social_path and not ident.panels.allowed
    assert ident.may_identify(sector="police", accredited=False)
    assert not ident.may_identify(sector="social_services", accredited=True)
    assert not ident.may_identify(sector="ngo", accredited=True)


@pytest.mark.parametrize("code", profile.available())
def test_rights_open_for_a_presumed_victim_without_formal_status_everywhere(code: str) -> None:
    """Rule 2 holds in every profile, whatever it leaves for formal identification."""
    at_presumption = [r for r in profile.load(code).rights if r.when == ("presumed",)]
    assert {"safe_accommodation", "health_care", "information"} <= {r.code for r in at_presumption}


def test_the_sectors_are_the_organisation_sectors() -> None:
    assert set(profile.SECTORS) == set(Sector.values)


def test_every_problem_is_reported_at_once() -> None:
    def damage(raw: dict[str, Any]) -> None:
        raw["rights"][0]["when"] = ["cooperates_with_police"]
        raw["rights"][1]["deadline"] = "soon"
        raw["referrals"].pop("emergency")
        raw["time_limits"].pop("turning_18_notice")

    problems = broken(damage)
    assert any("unknown value 'cooperates_with_police'" in p for p in problems)
    assert any("'soon' is not a time limit" in p for p in problems)
    assert any("referrals.emergency: required" in p for p in problems)
    assert any("time_limits.turning_18_notice: required" in p for p in problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda raw: raw.update(code="SE"), "does not match the file name"),
        (lambda raw: raw.update(country="Sweden"), "ISO 3166-1"),
        (lambda raw: raw.update(name={"sv": "Bara svenska"}), "English text"),
        (lambda raw: raw["name"].update(xx="?"), "unknown language"),
        (lambda raw: raw["rights"].append(dict(raw["rights"][0])), "listed twice"),
        (lambda raw: raw["rights"][0].update(code="a_pony"), "unknown right"),
        (lambda raw: raw["rights"][0].update(responsible="wizards"), "unknown sector"),
        (lambda raw: raw["rights"][0].update(legal_basis=""), "legal_basis: required"),
        (lambda raw: raw["rights"][0].update(when=[]), "at least one trigger"),
        (lambda raw: raw["identification"].update(social_path=False), "only law enforcement"),
        (lambda raw: raw["identification"]["panels"].update(min_members=1), "at least 2 members"),
        (
            lambda raw: raw["identification"]["panels"].update(sectors=["wizards"]),
            "panels.sectors: unknown value 'wizards'",
        ),
        (
            lambda raw: raw["identification"]["panels"].update(required=[["shelter"]]),
            "only sectors that may sit on panels",
        ),
        (
            lambda raw: raw["identification"]["panels"].update(required=[[]]),
            "name at least one sector",
        ),
        (lambda raw: raw["referrals"].update(someday={}), "unknown urgency"),
        (lambda raw: raw["time_limits"].update(coffee="5 days"), "time_limits.coffee: unknown"),
        (
            lambda raw: [r.update(when=["identified"]) for r in raw["rights"]],
            "at least one right must open for a presumed victim alone",
        ),
        (
            lambda raw: raw["identification"].update(sectors=["police"], panels={"allowed": False}),
            "the social path needs a sector outside law enforcement",
        ),
    ],
)
def test_a_broken_profile_names_the_problem(change: Any, expected: str) -> None:
    assert any(expected in problem for problem in broken(change))


def test_an_unknown_profile_lists_the_available_ones() -> None:
    with pytest.raises(ProfileError, match="available: BG, ES, RS, SE, model"):
        profile.load("XX")


def test_profiles_live_beside_the_core() -> None:
    assert Path(profile.__file__).parent / "profiles" == profile.PROFILES_DIR
