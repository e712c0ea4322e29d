"""A stored screening keeps its result and catalogue version when the catalogue changes.

DESIGN.md rule 7: catalogue and rule are versioned together, and every result carries the
version it was made with; a later catalogue never changes an earlier result.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from rest_framework.test import APIClient

from childpath.indicators.catalogue import CORE_PATH, Catalogue, load_catalogue
from childpath.screening import api, catalogue, services, views
from childpath.screening.tests.helpers import PRESUMED, screen
from conftest import verified_client

NEW_VERSION = "2099.1-test"


def _write_catalogue(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = yaml.safe_load(CORE_PATH.read_text(encoding="utf-8"))
    data["version"] = NEW_VERSION
    change(data)
    path = tmp_path / "core.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _indicator(data: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    return next(i for i in data["indicators"] if i["id"] == indicator_id)


def _weaken_sold_for_sex(data: dict[str, Any]) -> None:
    # Strong to weak: the same answers are no longer enough for exploitation. Only a strong
    # indicator may be sufficient for a child on its own, so that flag goes too.
    indicator = _indicator(data, "cse_sold_for_sex")
    indicator["strength"] = "weak"
    indicator.pop("child_sufficient", None)


def _drop_cannot_refuse(data: dict[str, Any]) -> None:
    data["indicators"] = [i for i in data["indicators"] if i["id"] != "cse_cannot_refuse"]


def _use(monkeypatch: pytest.MonkeyPatch, new: Catalogue) -> None:
    """Every place that asks for the current catalogue now gets ``new``."""
    for module in (catalogue, services, views, api):
        monkeypatch.setattr(module, "current_catalogue", lambda: new)


@pytest.fixture
def old_screening(case, caseworker):
    """Completed under the repository's catalogue: a presumed victim."""
    return screen(caseworker, case, PRESUMED)


@pytest.fixture
def changed(tmp_path, monkeypatch, old_screening) -> Catalogue:
    new = load_catalogue(_write_catalogue(tmp_path, _weaken_sold_for_sex))
    _use(monkeypatch, new)
    return new


def _page(user, screening) -> str:
    client = Client()
    verified_client(user, client)
    response = client.get(f"/cases/{screening.case.reference}/screenings/{screening.pk}/")
    assert response.status_code == 200
    return response.text


def _api(user, screening) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(user)
    url = f"/api/v1/cases/{screening.case.reference}/screenings/{screening.pk}"
    return client.get(url).json()


def test_it_writes_a_catalogue_that_really_changes_the_result(changed, case, caseworker):
    # Guard for the tests below: the new catalogue gives another result for the same answers.
    assert changed.version == NEW_VERSION
    new_screening = screen(caseworker, case, PRESUMED)
    assert new_screening.result == "at_risk"
    assert new_screening.catalogue_version == NEW_VERSION


def test_it_keeps_the_stored_result_on_the_page(changed, old_screening, caseworker):
    text = _page(caseworker, old_screening)
    assert "Presumed victim of trafficking" in text
    assert "The child&#x27;s rights apply now" in text


def test_it_keeps_the_old_version_on_the_page(changed, old_screening, caseworker):
    text = _page(caseworker, old_screening)
    assert "Catalogue version 2026.1" in text
    assert NEW_VERSION not in text


def test_it_says_the_catalogue_has_changed_on_the_page(changed, old_screening, caseworker):
    text = _page(caseworker, old_screening)
    assert "The catalogue has changed since; this result stays as it was." in text


def test_it_keeps_the_stored_result_and_version_in_the_api(changed, old_screening, caseworker):
    data = _api(caseworker, old_screening)
    assert data["result"] == "presumed_victim"
    assert data["catalogue_version"] == "2026.1"
    assert data["evaluation"]["result"] == "presumed_victim"
    assert data["evaluation"]["catalogue_version"] == "2026.1"


def test_it_keeps_the_stored_evaluation_unchanged(changed, old_screening, caseworker):
    before = old_screening.evaluation
    _page(caseworker, old_screening)
    _api(caseworker, old_screening)
    old_screening.refresh_from_db()
    assert old_screening.evaluation == before


def test_it_evaluates_new_input_with_the_new_catalogue(changed, caseworker):
    client = APIClient()
    client.force_authenticate(caseworker)
    body = {"observations": PRESUMED, "age_at_exploitation": 15, "age_uncertain": False}
    data = client.post("/api/v1/indicators/evaluate", body, format="json").json()
    assert (data["result"], data["catalogue_version"]) == ("at_risk", NEW_VERSION)


def test_it_serves_the_new_catalogue(changed, caseworker):
    client = APIClient()
    client.force_authenticate(caseworker)
    assert client.get("/api/v1/indicators/catalogue").json()["version"] == NEW_VERSION


def test_it_completes_an_unfinished_screening_with_the_catalogue_of_the_day(
    tmp_path, monkeypatch, open_screening, caseworker
):
    # Only completion freezes a result: answers saved before the change are evaluated after it.
    services.save_answers(
        actor=caseworker, screening=open_screening, observations=PRESUMED, age=(15, False)
    )
    _use(monkeypatch, load_catalogue(_write_catalogue(tmp_path, _weaken_sold_for_sex)))
    services.complete_screening(actor=caseworker, screening=open_screening)
    open_screening.refresh_from_db()
    assert (open_screening.result, open_screening.catalogue_version) == ("at_risk", NEW_VERSION)


def test_it_shows_an_old_result_whose_indicator_was_removed(
    tmp_path, monkeypatch, old_screening, caseworker
):
    _use(monkeypatch, load_catalogue(_write_catalogue(tmp_path, _drop_cannot_refuse)))
    text = _page(caseworker, old_screening)
    assert "Presumed victim of trafficking" in text
    assert "The catalogue has changed since" in text


def test_it_still_lists_an_answer_whose_indicator_was_removed(
    tmp_path, monkeypatch, old_screening, caseworker
):
    _use(monkeypatch, load_catalogue(_write_catalogue(tmp_path, _drop_cannot_refuse)))
    text = _page(caseworker, old_screening)
    answers = text[text.index('id="answers-h"') :]
    assert "<td>cse_cannot_refuse</td>" in answers
