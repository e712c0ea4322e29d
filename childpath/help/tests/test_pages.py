# ruff: noqa: RUF001  (titles in Cyrillic)
"""The public help pages: every language, the needs, the services that accept children directly."""

import pytest
from django.test import Client

from childpath.help.languages import CODES
from childpath.help.needs import NEEDS
from childpath.help.tests.helpers import child_services

pytestmark = pytest.mark.django_db
TITLES = {
    "en": "Who can help me?",
    "sv": "Vem kan hjälpa mig?",
    "bg": "Кой може да ми помогне?",
    "sr": "Ко може да ми помогне?",
    "sr-latn": "Ko može da mi pomogne?",
    "es": "¿Quién puede ayudarme?",
    "uk": "Хто може мені допомогти?",
}


def _get(url: str, **extra) -> str:
    response = Client().get(url, **extra)
    assert response.status_code == 200, url
    return response.content.decode()


def test_it_offers_every_language_on_the_first_screen():
    page = _get("/help/")
    for code in CODES:
        assert f'href="/help/{code}/" lang="{code}"' in page


@pytest.mark.parametrize("lang", CODES)
def test_it_shows_the_first_page_in_the_language_of_the_address(lang):
    page = _get(f"/help/{lang}/")
    assert f'<html lang="{lang}">' in page
    assert TITLES[lang] in page
    assert "116 111" in page and "112" in page


def test_it_ignores_the_language_cookie_and_the_browser_language():
    client = Client()
    client.cookies["django_language"] = "sv"
    response = client.get("/help/uk/", HTTP_ACCEPT_LANGUAGE="es")
    assert TITLES["uk"] in response.content.decode()
    assert response["Content-Language"] == "uk"


def test_it_answers_404_for_a_language_it_does_not_have():
    assert Client().get("/help/xx/").status_code == 404


def test_it_answers_404_for_a_need_it_does_not_have():
    assert Client().get("/help/en/need/nothing/").status_code == 404


@pytest.mark.parametrize("need", [n.code for n in NEEDS])
def test_it_has_a_page_for_every_need(need):
    assert "Exit this page" in _get(f"/help/en/need/{need}/")


def test_it_lists_only_services_that_accept_children_directly():
    child_services()
    page = _get("/help/en/need/sleep/?lat=62.91&lon=17.21")
    assert "Fictional night shelter" in page
    assert "Fictional shelter by referral only" not in page


def test_it_lists_places_near_the_chosen_town_only():
    child_services()
    page = _get("/help/en/need/sleep/?lat=62.91&lon=17.21")
    assert "Fictional southern shelter" not in page
    assert "About 0 km away" in page or "About 1 km away" in page


def test_it_finds_services_near_a_shared_point():
    child_services()
    page = _get("/help/en/need/sleep/?lat=55.61&lon=13.00")
    assert "Near you" in page
    assert "Fictional southern shelter" in page
    assert "Fictional night shelter" not in page


def test_it_lists_phone_and_online_services_from_anywhere():
    child_services()
    page = _get("/help/en/need/talk/")
    assert "Fictional child line" in page
    assert "By phone or online" in page


def test_it_says_when_a_closed_service_opens_next():
    child_services()
    page = _get("/help/en/need/doctor/?lat=62.91&lon=17.21")
    assert "Fictional youth clinic" in page
    assert "Opens Monday at 09:00." in page or "Open now" in page


def test_it_names_the_languages_spoken_in_the_childs_language():
    child_services()
    assert "arabiska" in _get("/help/sv/need/doctor/?lat=62.91&lon=17.21")


def test_it_says_whether_a_service_is_free():
    child_services()
    assert "Free" in _get("/help/en/need/sleep/?lat=62.91&lon=17.21")


def test_it_tells_what_happens_when_you_contact_them():
    child_services()
    page = _get("/help/en/need/sleep/?lat=62.91&lon=17.21")
    assert "Say that you need a safe place to sleep." in page


def test_it_never_links_to_a_script_from_directory_data():
    from childpath.directory.models import Location

    rows = child_services()
    Location.objects.filter(pk=rows["line"].location_id).update(url="javascript:alert(1)")
    assert "javascript:" not in _get("/help/en/need/talk/")


def test_it_shows_the_online_harm_advice():
    page = _get("/help/en/need/online/")
    assert "Do not pay and do not send more." in page
    assert "You are not in trouble." in page


def test_it_has_a_staying_safe_page_in_every_language():
    for lang in CODES:
        assert 'href="https://www.bbc.co.uk/weather"' in _get(f"/help/{lang}/staying-safe/")


def test_it_links_the_quick_exit_to_the_neutral_site_without_a_referrer(settings):
    settings.HELP_EXIT_URL = "https://neutral.example/"
    page = _get("/help/en/")
    assert '<a class="exit" href="https://neutral.example/" rel="noreferrer noopener"' in page


def test_it_loads_no_inline_script_or_style():
    child_services()
    for url in (
        "/help/",
        "/help/en/",
        "/help/en/need/sleep/?lat=62.91&lon=17.21",
        "/help/en/feedback/",
    ):
        page = _get(url)
        assert "<script>" not in page and "<style" not in page and "style=" not in page
        assert "onclick" not in page


def test_it_keeps_the_need_page_to_a_fixed_number_of_queries(django_assert_max_num_queries):
    child_services()
    with django_assert_max_num_queries(10):
        _get("/help/en/need/sleep/?lat=62.91&lon=17.21")


def test_it_shows_the_local_helpline_an_administrator_added():
    from childpath.help.models import Helpline, HelplineText

    line = Helpline.objects.create(phone="+46 70 174 06 30")
    HelplineText.objects.create(
        helpline=line, language="sv", name="Fiktiva linjen", purpose="Prata om allt."
    )
    assert "Fiktiva linjen" in _get("/help/sv/")
    # No English text: the Swedish one stands in rather than nothing.
    assert "Fiktiva linjen" in _get("/help/en/")


def test_it_shows_a_local_text_in_its_language_only():
    from childpath.help.models import LocalText, Place

    LocalText.objects.create(place=Place.HOME, language="es", body="Texto local ficticio.")
    assert "Texto local ficticio." in _get("/help/es/")
    assert "Texto local ficticio." not in _get("/help/en/")


def test_it_offers_the_towns_of_the_services_as_places_to_choose():
    from childpath.directory.models import Address

    rows = child_services()
    for key, city in (("shelter", "Norrvik"), ("adults_only", "Ekby")):
        Address.objects.create(
            location_id=rows[key].location_id,
            address_1="Fiktivgatan 1",
            city=city,
            state_province="Fictional",
            postal_code="000 00",
            country="SE",
            address_type="physical",
        )
    page = _get("/help/en/need/sleep/?place=norrvik")
    assert '<option value="norrvik" selected>Norrvik</option>' in page
    assert "Ekby" not in page  # its only service does not accept children directly
    assert "Walk in: Fiktivgatan 1, Norrvik" in page
