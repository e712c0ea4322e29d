"""Recording on the rights page that a right was provided, persona by persona, and what the
rights page and the case page then show. All data are fictional."""

from typing import Any

import pytest
from django.utils import timezone

from childpath.rights import services
from childpath.rights.models import RightProvision
from childpath.rights.validation import ProvisionData

EDITORS = ["caseworker", "coordinator"]
NOT_ON_TEAM = ["outsider", "panel"]
NO_CASES = ["analyst", "administrator"]


def _page(case) -> str:
    return f"/cases/{case.reference}/rights/"


def _url(case, code: str = "safe_accommodation") -> str:
    return f"/cases/{case.reference}/rights/provisions/{code}/"


def _form(code: str = "safe_accommodation", **overrides: Any) -> dict[str, Any]:
    data = {
        f"{code}-provided_on": timezone.localdate().isoformat(),
        f"{code}-note": "Fictional: a room at the test shelter.",
    }
    data.update({f"{code}-{name}": value for name, value in overrides.items()})
    return data


def _row(html: str, code: str) -> str:
    return html.split(f'id="right-{code}"')[1].split("</tr>")[0]


def _record(case, actor, code: str, *, declined: bool = False) -> None:
    services.record_provision(
        actor=actor,
        case=case,
        data=ProvisionData(right=code, provided_on=timezone.localdate(), declined=declined),
    )


@pytest.fixture
def editor(presumed_case, caseworker, coordinator):
    from childpath.cases import services as case_services

    case_services.set_coordinator(actor=caseworker, case=presumed_case, coordinator=coordinator)
    return caseworker


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize("persona", EDITORS)
def test_an_editor_records_a_right_as_provided(request, presumed_case, editor, login, persona):
    user = request.getfixturevalue(persona)
    response = login(user).post(_url(presumed_case), _form())
    assert response.status_code == 302
    assert response.url.endswith("/rights/#right-safe_accommodation")
    provision = RightProvision.objects.get(case=presumed_case)
    assert provision.recorded_by == user and not provision.declined


def test_a_view_only_member_gets_403_and_nothing_is_saved(presumed_case, viewer, login):
    assert login(viewer).post(_url(presumed_case), _form()).status_code == 403
    assert not RightProvision.objects.exists()


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_off_the_team_it_answers_404(request, presumed_case, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).post(_url(presumed_case), _form()).status_code == 404
    assert not RightProvision.objects.exists()


@pytest.mark.parametrize("persona", NO_CASES)
def test_roles_without_cases_get_403(request, presumed_case, login, persona):
    user = request.getfixturevalue(persona)
    assert login(user).post(_url(presumed_case), _form()).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, presumed_case):
    response = client.post(_url(presumed_case), _form())
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_an_unknown_right_answers_404(presumed_case, caseworker, login):
    assert login(caseworker).post(_url(presumed_case, "flying"), _form("flying")).status_code == 404


def test_it_answers_405_to_a_get(presumed_case, caseworker, login):
    assert login(caseworker).get(_url(presumed_case)).status_code == 405


# --------------------------------------------------------------------------- the forms


def test_editors_get_one_labelled_form_per_right_a_provision_meets(
    presumed_case, caseworker, login
):
    html = login(caseworker).get(_page(presumed_case)).content.decode()
    forms = html.split('id="provide-h"')[1]
    assert 'id="provide-safe_accommodation"' in forms
    assert "<legend>Record as provided: A safe place to stay</legend>" in forms
    assert f'value="{timezone.localdate().isoformat()}"' in forms  # today by default
    assert 'for="id_safe_accommodation-provided_on"' in forms
    assert 'for="id_safe_accommodation-declined"' in forms
    assert 'for="id_safe_accommodation-note"' in forms
    # Met by their own records, not by this form.
    assert 'id="provide-information"' not in forms and 'id="provide-guardian"' not in forms
    assert "#provide-safe_accommodation" in _row(html, "safe_accommodation")


def test_view_only_members_see_no_provision_form(presumed_case, viewer, login):
    html = login(viewer).get(_page(presumed_case)).content.decode()
    assert 'id="provide-h"' not in html
    assert "#provide-safe_accommodation" not in html


def test_no_form_before_a_right_is_in_force(case, caseworker, login):
    assert 'id="provide-h"' not in login(caseworker).get(_page(case)).content.decode()


@pytest.mark.parametrize(
    ("code", "change", "field", "message"),
    [
        ("safe_accommodation", {"provided_on": "2999-01-01"}, "provided_on", "in the future"),
        ("safe_accommodation", {"provided_on": "2001-01-01"}, "provided_on", "registered"),
        ("safe_accommodation", {"provided_on": "soon"}, "provided_on", "Enter a valid date"),
        ("safe_accommodation", {"note": "x" * 1001}, "note", "at most 1000 characters"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_saved(
    presumed_case, caseworker, login, code, change, field, message
):
    response = login(caseworker).post(_url(presumed_case, code), _form(code, **change))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{code}-{field}_error"' in html
    assert message in html
    assert f'id="provide-{code}" open' in html
    assert not RightProvision.objects.exists()


def test_a_pending_right_is_refused_with_a_clear_message(presumed_case, caseworker, login):
    response = login(caseworker).post(
        _url(presumed_case, "residence_permit"), _form("residence_permit")
    )
    assert response.status_code == 400
    assert "“A residence permit” is not in force yet" in response.content.decode()
    assert not RightProvision.objects.exists()


# --------------------------------------------------------------------------- what it shows


def test_the_rights_page_shows_the_right_as_provided(presumed_case, caseworker, login):
    client = login(caseworker)
    client.post(_url(presumed_case), _form())
    client.post(_url(presumed_case, "health_care"), _form("health_care", declined="on"))
    html = client.get(_page(presumed_case)).content.decode()
    provided = _row(html, "safe_accommodation")
    assert "Yes, " in provided and "Record as provided" not in provided
    declined = _row(html, "health_care")
    assert "Offered, declined on" in declined
    assert "Record as provided" in declined  # the child may change her mind
    assert "Fictional: a room at the test shelter." not in html  # the note is not on the page


def test_the_rights_page_counts_the_records_of_a_right(presumed_case, caseworker, login):
    _record(presumed_case, caseworker, "health_care", declined=True)
    _record(presumed_case, caseworker, "health_care")
    html = login(caseworker).get(_page(presumed_case)).content.decode()
    assert "2 records" in _row(html, "health_care")


def test_the_case_page_counts_met_declined_and_overdue(presumed_case, caseworker, login):
    import time_machine

    _record(presumed_case, caseworker, "safe_accommodation")
    _record(presumed_case, caseworker, "health_care", declined=True)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=2), tick=False):
        html = login(caseworker).get(f"/cases/{presumed_case.reference}/").content.decode()
    section = html.split('id="rights-h"')[1].split("</section>")[0]
    overdue = section.split("Overdue:")[1].split("</li>")[0]
    assert "An interpreter" in overdue
    assert "A safe place to stay" not in overdue and "Health care" not in overdue
    assert "Provided so far: 1 of" in section
    assert "declined by the child for now: Health care" in section
