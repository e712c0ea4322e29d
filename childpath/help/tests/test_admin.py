"""Administration of the help pages' local texts: administrators only."""

import pytest

from childpath.help.models import Helpline

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/admin/help/helpline/", "/admin/help/helpline/add/", "/admin/help/localtext/add/"]
)
def test_it_opens_the_help_admin_pages_for_the_administrator(administrator, login, url):
    assert login(administrator).get(url).status_code == 200


def test_it_lets_the_administrator_add_a_helpline_with_its_texts(administrator, login):
    response = login(administrator).post(
        "/admin/help/helpline/add/",
        {
            "phone": "+46 70 174 06 31",
            "text": "",
            "website": "",
            "order": "10",
            "active": "on",
            "texts-TOTAL_FORMS": "1",
            "texts-INITIAL_FORMS": "0",
            "texts-0-language": "sv",
            "texts-0-name": "Fiktiva linjen",
            "texts-0-purpose": "Prata om allt.",
        },
    )
    assert response.status_code == 302
    assert Helpline.objects.get().texts.get().name == "Fiktiva linjen"


def test_it_keeps_the_help_admin_from_a_caseworker(caseworker, login):
    assert login(caseworker).get("/admin/help/helpline/").status_code == 302


def test_it_does_not_offer_feedback_in_the_admin(administrator, login):
    assert login(administrator).get("/admin/help/feedbackanswer/").status_code == 404
