"""The screening pages, persona by persona (STYLE.md practice 5). All data are fictional."""

import re

import pytest
from django.test import Client

from childpath.audit.models import AuditEvent
from childpath.cases.models import Stage
from childpath.screening import services
from childpath.screening.catalogue import current_catalogue
from childpath.screening.models import Screening
from childpath.screening.tests.helpers import PRESUMED, screen
from conftest import verified_client

MAY = ["frontline", "caseworker", "coordinator"]
NOT_ON_TEAM = ["outsider", "provider", "panel"]
NO_CASES = ["analyst", "administrator"]
FIRST_THEME = "how_it_started"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        verified_client(user, client)
    return client


def _base(screening: Screening) -> str:
    return f"/cases/{screening.case.reference}/screenings/{screening.pk}/"


def _theme_ids() -> list[str]:
    catalogue = current_catalogue()
    return [t.id for t in catalogue.themes if catalogue.in_theme(t.id)]


def _theme_data(theme: str, answers: dict[str, str], **extra: str) -> dict[str, str]:
    """Every indicator of the theme "not seen" unless ``answers`` says otherwise."""
    data = {}
    for indicator in current_catalogue().in_theme(theme):
        data[f"status__{indicator.id}"] = answers.get(indicator.id, "not_observed")
        data[f"note__{indicator.id}"] = ""
    data.update(extra)
    return data


@pytest.fixture
def completed(case, caseworker) -> Screening:
    return screen(caseworker, case, PRESUMED)


# The pages that show an open screening, by suffix after /screenings/<pk>/.
OPEN_PAGES = ["", "age/", f"theme/{FIRST_THEME}/"]


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize("persona", MAY)
def test_it_lets_the_case_team_start_a_screening(request, case, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(f"/cases/{case.reference}/screenings/new/")
    screening = Screening.objects.get(case=case)
    assert response.status_code == 302
    assert response.url == f"{_base(screening)}age/"
    assert screening.started_by == user


@pytest.mark.parametrize("page", OPEN_PAGES)
@pytest.mark.parametrize("persona", MAY)
def test_it_shows_the_open_screening_pages_to_the_case_team(request, open_screening, persona, page):
    user = request.getfixturevalue(persona)
    response = _client(user).get(_base(open_screening) + page)
    assert response.status_code == 200


@pytest.mark.parametrize("persona", MAY)
def test_it_lets_the_case_team_complete_a_screening(request, open_screening, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(f"{_base(open_screening)}complete/")
    assert response.status_code == 302
    assert response.url == _base(open_screening)
    open_screening.refresh_from_db()
    assert open_screening.is_complete


@pytest.mark.parametrize("persona", MAY)
def test_it_shows_the_result_to_the_case_team(request, completed, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).get(_base(completed))
    assert response.status_code == 200
    assert "Presumed victim of trafficking" in response.text


# --------------------------------------------------------------------------- who may not


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_the_case_from_others_when_starting(request, case, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(f"/cases/{case.reference}/screenings/new/")
    assert response.status_code == 404
    assert not Screening.objects.exists()


@pytest.mark.parametrize("page", [*OPEN_PAGES, "result"])
@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_screening_pages_from_others(request, open_screening, persona, page):
    user = request.getfixturevalue(persona)
    if page == "result":
        services.complete_screening(
            actor=request.getfixturevalue("caseworker"), screening=open_screening
        )
        page = ""
    response = _client(user).get(_base(open_screening) + page)
    assert response.status_code == 404


@pytest.mark.parametrize("persona", NOT_ON_TEAM)
def test_it_hides_completion_from_others(request, open_screening, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(f"{_base(open_screening)}complete/")
    assert response.status_code == 404
    open_screening.refresh_from_db()
    assert not open_screening.is_complete


def test_it_hides_a_theme_post_from_others(open_screening, outsider):
    data = _theme_data(FIRST_THEME, {"cse_sold_or_handed_over": "observed"})
    response = _client(outsider).post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    assert response.status_code == 404
    open_screening.refresh_from_db()
    assert open_screening.observations == {}


def test_it_hides_a_screening_of_another_case_behind_this_case(
    make_case, case, open_screening, caseworker
):
    other = make_case()
    url = f"/cases/{other.reference}/screenings/{open_screening.pk}/"
    assert _client(caseworker).get(url).status_code == 404


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_starting_to_roles_without_cases(request, case, persona):
    user = request.getfixturevalue(persona)
    response = _client(user).post(f"/cases/{case.reference}/screenings/new/")
    assert response.status_code == 403
    assert not Screening.objects.exists()


@pytest.mark.parametrize("page", OPEN_PAGES)
@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_screening_pages_to_roles_without_cases(request, open_screening, persona, page):
    user = request.getfixturevalue(persona)
    assert _client(user).get(_base(open_screening) + page).status_code == 403


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_completion_to_roles_without_cases(request, open_screening, persona):
    user = request.getfixturevalue(persona)
    assert _client(user).post(f"{_base(open_screening)}complete/").status_code == 403


@pytest.mark.parametrize("persona", NO_CASES)
def test_it_forbids_the_result_to_roles_without_cases(request, completed, persona):
    user = request.getfixturevalue(persona)
    assert _client(user).get(_base(completed)).status_code == 403


def test_it_sends_anonymous_starters_to_the_login_page(case):
    response = _client().post(f"/cases/{case.reference}/screenings/new/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert not Screening.objects.exists()


@pytest.mark.parametrize("page", OPEN_PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(open_screening, page):
    response = _client().get(_base(open_screening) + page)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_it_sends_anonymous_completion_to_the_login_page(open_screening):
    response = _client().post(f"{_base(open_screening)}complete/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    open_screening.refresh_from_db()
    assert not open_screening.is_complete


def test_it_starts_only_on_post(case, caseworker):
    response = _client(caseworker).get(f"/cases/{case.reference}/screenings/new/")
    assert response.status_code == 405


def test_it_gives_404_for_an_unknown_theme(open_screening, caseworker):
    response = _client(caseworker).get(f"{_base(open_screening)}theme/no_such_theme/")
    assert response.status_code == 404


# --------------------------------------------------------------------------- the flow


def test_it_walks_through_every_theme_with_a_break(case, frontline):
    client = _client(frontline)
    themes = _theme_ids()
    answers = {"cse_sold_for_sex": "reported", "cse_lives_where_exploited": "reported"}
    answers["cse_cannot_refuse"] = "reported"

    response = client.post(f"/cases/{case.reference}/screenings/new/")
    screening = Screening.objects.get(case=case)
    base = _base(screening)
    assert response.url == f"{base}age/"

    response = client.post(f"{base}age/", {"age_at_exploitation": "15"})
    assert response.url == f"{base}theme/{themes[0]}/"

    # First theme, then a break: "Save and finish later" goes back to the case.
    response = client.post(f"{base}theme/{themes[0]}/", _theme_data(themes[0], answers, later=""))
    assert response.url == f"/cases/{case.reference}/"
    page = client.get(response.url)
    assert "Saved. You can continue this screening later." in page.text

    # Later: the overview shows what is answered, and the next theme continues.
    overview = client.get(base)
    assert overview.status_code == 200
    assert f"{len(current_catalogue().in_theme(themes[0]))} of" in overview.text
    for number, theme in enumerate(themes[1:], start=1):
        response = client.post(f"{base}theme/{theme}/", _theme_data(theme, answers, next=""))
        following = themes[number + 1] if number + 1 < len(themes) else None
        assert response.url == (f"{base}theme/{following}/" if following else base)

    screening.refresh_from_db()
    assert len(screening.observations) == sum(len(current_catalogue().in_theme(t)) for t in themes)
    assert screening.age_at_exploitation == 15

    response = client.post(f"{base}complete/")
    assert response.url == base
    result = client.get(base)
    assert "Presumed victim of trafficking" in result.text
    case.refresh_from_db()
    assert case.stage == Stage.PRESUMED


def test_it_keeps_answers_and_notes_when_a_theme_is_opened_again(open_screening, caseworker):
    client = _client(caseworker)
    url = f"{_base(open_screening)}theme/{FIRST_THEME}/"
    data = _theme_data(FIRST_THEME, {"cse_sold_or_handed_over": "suspected"}, later="")
    data["note__cse_sold_or_handed_over"] = "Fictional note about an uncle."
    client.post(url, data)
    page = client.get(url)
    chosen = re.search(r'<input[^>]*name="status__cse_sold_or_handed_over"[^>]*checked', page.text)
    assert chosen is not None
    assert 'value="suspected"' in chosen.group(0)
    assert "Fictional note about an uncle." in page.text


def test_it_shows_the_notes_on_the_result_page(open_screening, caseworker):
    client = _client(caseworker)
    data = _theme_data(FIRST_THEME, {"cse_sold_or_handed_over": "reported"}, next="")
    data["note__cse_sold_or_handed_over"] = "Fictional note about an uncle."
    client.post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    client.post(f"{_base(open_screening)}complete/")
    assert "Fictional note about an uncle." in client.get(_base(open_screening)).text


def test_it_redirects_a_completed_screening_from_a_theme_to_the_result(completed, caseworker):
    response = _client(caseworker).get(f"{_base(completed)}theme/{FIRST_THEME}/")
    assert response.status_code == 302
    assert response.url == _base(completed)


def test_it_redirects_a_completed_screening_from_the_age_page_to_the_result(completed, caseworker):
    response = _client(caseworker).get(f"{_base(completed)}age/")
    assert response.url == _base(completed)


def test_it_shows_the_result_when_completion_is_posted_twice(completed, caseworker):
    # A double click on a slow connection must not end in an error page.
    response = _client(caseworker).post(f"{_base(completed)}complete/")
    assert response.status_code == 302
    assert response.url == _base(completed)


# --------------------------------------------------------------------------- bad input


def test_it_rejects_an_invalid_status_with_400_and_saves_nothing(open_screening, caseworker):
    events = AuditEvent.objects.count()
    data = _theme_data(
        FIRST_THEME, {"cse_sold_or_handed_over": "observed", "cse_sold_for_sex": "x"}
    )
    data["status__cse_deceived_about_purpose"] = "consented"
    response = _client(caseworker).post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    assert response.status_code == 400
    assert "Select a valid choice. consented is not one of the available choices." in (
        response.text
    )
    open_screening.refresh_from_db()
    assert open_screening.observations == {}
    assert AuditEvent.objects.count() == events


def test_it_leaves_an_indicator_without_an_answer_unanswered(open_screening, caseworker):
    data = _theme_data(FIRST_THEME, {})
    del data["status__cse_deceived_about_purpose"]
    response = _client(caseworker).post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    assert response.status_code == 302
    open_screening.refresh_from_db()
    assert "cse_deceived_about_purpose" not in open_screening.observations
    theme = list(current_catalogue().in_theme(FIRST_THEME))
    assert len(open_screening.observations) == len(theme) - 1


def test_it_preselects_no_answer_on_a_theme_nobody_opened(open_screening, caseworker):
    page = _client(caseworker).get(f"{_base(open_screening)}theme/{FIRST_THEME}/")
    assert page.status_code == 200
    # A radio button that records a fact starts unticked (issue 15): nobody answered yet.
    assert " checked" not in page.text


def test_it_counts_only_what_was_answered(open_screening, caseworker):
    client = _client(caseworker)
    first = list(current_catalogue().in_theme(FIRST_THEME))
    overview = client.get(_base(open_screening))
    assert f"0 of {len(first)} answered" in overview.text
    data = _theme_data(FIRST_THEME, {})
    for indicator in first[1:]:
        del data[f"status__{indicator.id}"]
    data[f"status__{first[0].id}"] = "unknown"
    client.post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    # "Not known yet" is an answer the professional gave; the others stay unanswered.
    assert f"1 of {len(first)} answered" in client.get(_base(open_screening)).text


def test_it_rejects_a_note_over_2000_characters_with_400(open_screening, caseworker):
    data = _theme_data(FIRST_THEME, {})
    data["note__cse_deceived_about_purpose"] = "x" * 2001
    response = _client(caseworker).post(f"{_base(open_screening)}theme/{FIRST_THEME}/", data)
    assert response.status_code == 400
    open_screening.refresh_from_db()
    assert open_screening.observations == {}


@pytest.mark.parametrize("age", ["121", "-1", "fifteen"])
def test_it_rejects_an_impossible_age_with_400(open_screening, caseworker, age):
    before = (open_screening.age_at_exploitation, open_screening.age_uncertain)
    response = _client(caseworker).post(
        f"{_base(open_screening)}age/", {"age_at_exploitation": age}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    open_screening.refresh_from_db()
    assert (open_screening.age_at_exploitation, open_screening.age_uncertain) == before


# --------------------------------------------------------------------------- result page


def test_it_says_the_rights_of_a_presumed_victim_apply_now(completed, caseworker):
    response = _client(caseworker).get(_base(completed))
    assert "The child&#x27;s rights apply now" in response.text
    assert "no police decision, formal identification, disclosure" in response.text


def test_it_shows_the_next_steps_for_a_presumed_victim(completed, caseworker):
    text = _client(caseworker).get(_base(completed)).text
    assert "What happens next" in text
    assert "Make sure the child has a coordinator (lead professional)." in text
    assert "Make a first referral" in text
    assert "Tell the child about their rights" in text


def test_it_offers_to_assign_a_coordinator_when_there_is_none(completed, caseworker):
    text = _client(caseworker).get(_base(completed)).text
    assert f'href="/cases/{completed.case.reference}/team/"' in text


def test_it_explains_why_on_the_result_page(completed, caseworker):
    text = _client(caseworker).get(_base(completed)).text
    assert "The child rule applies: the person was 15 at the time of the exploitation." in text


def test_it_shows_the_catalogue_version_on_the_result_page(completed, caseworker):
    text = _client(caseworker).get(_base(completed)).text
    assert f"Catalogue version {completed.catalogue_version}" in text
    assert "The catalogue has changed since" not in text


# --------------------------------------------------------------------------- query budget


def test_it_keeps_the_theme_page_within_its_query_budget(
    open_screening, caseworker, make_case, django_assert_max_num_queries
):
    # Other cases and screenings must not make the page dearer.
    for _ in range(3):
        screen(caseworker, make_case(), PRESUMED)
    services.save_answers(actor=caseworker, screening=open_screening, observations=PRESUMED)
    client = _client(caseworker)
    url = f"{_base(open_screening)}theme/living_situation/"
    client.get(url)  # warm the session and the catalogue cache
    # 10 for the page, 3 for the audited read of the saved notes it shows, 1 for the session's
    # second factor (django-otp checks the device on every request).
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


def test_it_keeps_the_result_page_within_its_query_budget(
    completed, caseworker, django_assert_max_num_queries
):
    client = _client(caseworker)
    client.get(_base(completed))
    with django_assert_max_num_queries(14):  # 3 of them audit the read of the notes
        assert client.get(_base(completed)).status_code == 200


# --------------------------------------------------------------------------- audited reads


def test_it_audits_reading_a_screening(completed, caseworker):
    _client(caseworker).get(_base(completed))
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.fields) == ("case.read", ["screening"])
    assert event.case_reference == completed.case.reference
    assert event.actor_username == caseworker.username


def test_it_audits_nothing_when_a_screening_is_hidden(completed, outsider):
    events = AuditEvent.objects.count()
    _client(outsider).get(_base(completed))
    assert AuditEvent.objects.count() == events
