"""What a referral copies for the receiver: exactly the items chosen (DESIGN.md rule 8)."""

from hypothesis import given
from hypothesis import strategies as st

from childpath.referrals import sharing

FACTS = sharing.ChildFacts(
    given_names="Testa Maria",
    aliases=["Tessie"],
    age_years=15,
    treated_as_child=True,
    age_disputed=False,
    sex="female",
    languages=["sv", "ar"],
    unaccompanied="no",
    need="safe_accommodation",
    reason="Needs a safe place. (Fictional.)",
    lead_name="Carol",
    lead_organisation="Test Social Services",
    lead_email="carol@example.invalid",
    lead_phone="+46 8 555 010 20",
)


@given(st.sets(st.sampled_from(sharing.ITEMS)))
def test_it_copies_only_the_chosen_items(items):
    assert set(sharing.snapshot(items, FACTS)) == items


@given(st.sets(st.sampled_from(sharing.ITEMS)))
def test_it_never_copies_the_full_name(items):
    copied = repr(sharing.snapshot(items, FACTS))
    assert "Testa Maria" not in copied


def test_it_shares_nothing_when_nothing_is_chosen():
    assert sharing.snapshot([], FACTS) == {}


def test_it_shares_the_first_given_name_only():
    assert sharing.snapshot(["name"], FACTS) == {"name": "Testa"}


def test_it_shares_an_alias_when_no_name_is_known():
    assert sharing.first_name("", ["", " Sami "]) == "Sami"


def test_it_names_unknown_items():
    assert sharing.unknown_items(["age", "passport"]) == ["passport"]


def test_it_keeps_the_order_of_the_list():
    assert sharing.ordered(["lead_contact", "needs", "age"]) == ["needs", "age", "lead_contact"]


def test_it_shares_the_lead_professionals_name_email_and_phone_when_ticked():
    assert sharing.snapshot([sharing.LEAD_CONTACT], FACTS) == {
        "lead_contact": {
            "name": "Carol",
            "organisation": "Test Social Services",
            "email": "carol@example.invalid",
            "phone": "+46 8 555 010 20",
        }
    }
