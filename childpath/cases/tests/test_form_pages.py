"""The record-a-concern page as a busy professional meets it: one error summary for the whole
page, limits and hints before the field, and languages children on the move speak first."""

from childpath.cases.forms import ChildForm
from childpath.lib import geo


def test_it_shows_one_error_summary_for_every_form_on_the_page(login, frontline):
    response = login(frontline).post("/cases/new/", {"child-claimed_age": "-3"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('class="error-summary"') == 1
    assert html.count("There is a problem") == 1
    # Each error links to its field, from both forms.
    assert 'href="#id_encounter-came_to_notice"' in html
    assert 'href="#id_child-sex"' in html


def test_it_offers_the_languages_children_on_the_move_speak_first():
    codes = [code for code, _name in ChildForm().fields["languages"].choices]
    common = codes[: len(geo.COMMON_LANGUAGES)]
    for code in ("ar", "prs", "ps", "ti", "so", "rom", "ru", "sq", "vi", "tr", "ku"):
        assert code in common
    assert geo.language_name("prs") == "Dari"


def test_it_does_not_offer_klingon_or_sumerian():
    codes = {code for code, _name in ChildForm().fields["languages"].choices}
    assert "tlh" not in codes and "sux" not in codes
    assert len(codes) < 250


def test_a_language_stored_earlier_stays_on_the_edit_form():
    form = ChildForm(initial={"languages": ["sux"]})
    assert "sux" in {code for code, _name in form.fields["languages"].choices}


def test_the_languages_are_checkboxes_not_a_ctrl_click_list(login, frontline):
    html = login(frontline).get("/cases/new/").content.decode()
    assert 'type="checkbox" name="child-languages" value="ar"' in html
    assert "<select" not in html.split('name="child-languages"')[0].rsplit("<fieldset", 1)[-1]
