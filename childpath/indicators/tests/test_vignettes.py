"""Fictional vignettes with the result professionals expect.

Every person and situation below is invented for testing. Each vignette lists what a professional
recorded in the screening, the age at the time of the exploitation and whether age is uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from childpath.indicators.catalogue import Catalogue, load_catalogue
from childpath.indicators.engine import Evaluation, evaluate


@dataclass(frozen=True)
class Vignette:
    name: str
    story: str
    observations: dict[str, str]
    age_at_exploitation: int | None
    age_uncertain: bool
    result: str
    rule: str


# "Mira", 16: groomed online by an older "boyfriend", then sold to others.
GROOMED_ONLINE = {
    "onl_older_online_contact": "observed",
    "onl_gifts_or_credit": "reported",
    "onl_secrecy_requested": "reported",
    "onl_image_requests": "reported",
    "cse_false_romantic_relationship": "reported",
    "cse_sold_for_sex": "reported",
    "onl_meetings_arranged_via_apps": "suspected",
    "onl_phone_or_accounts_controlled": "unknown",
    "risk_running_away": "observed",
}

# "Karim", age uncertain: the minimal facts of issue 3's vignette.
KARIM_MINIMAL = {
    "risk_unaccompanied_migrant": "observed",
    "clc_forced_criminality": "observed",
}

VIGNETTES = [
    Vignette(
        name="groomed_online_and_sold",
        story="Mira, 16, met an older 'boyfriend' on a game chat; he later sold her to others.",
        observations=GROOMED_ONLINE,
        age_at_exploitation=16,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="exploited_by_a_parent",
        story="Lena, 13, is made by her stepfather to have sex with men who pay him.",
        observations={
            "cse_sold_or_handed_over": "reported",
            "cse_sold_for_sex": "observed",
            "cse_no_control_of_earnings": "observed",
            "risk_family_involved_in_exploitation": "observed",
            "cse_cannot_refuse": "unknown",
        },
        age_at_exploitation=13,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        # Issue 3: only the forced criminality and a risk factor are known. Being used by others
        # to sell drugs is exploitation in itself (ILO C182 art. 3(c)); for a child the means
        # are not required (Palermo art. 3(c)).
        name="unaccompanied_boy_forced_to_sell_drugs",
        story="Karim, no papers, says he is 19; he is made to sell drugs for a group.",
        observations=KARIM_MINIMAL,
        age_at_exploitation=19,
        age_uncertain=True,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="unaccompanied_boy_forced_to_sell_drugs_fuller_account",
        story="Karim, no papers, says he is 19; he sells drugs for a group and must bring money.",
        observations={
            "risk_unaccompanied_migrant": "observed",
            "clc_forced_criminality": "observed",
            "clc_quota_and_punishment": "reported",
            "clc_documents_taken": "suspected",
            "clc_poor_living_conditions": "observed",
            "clc_fears_authorities": "observed",
        },
        age_at_exploitation=19,
        age_uncertain=True,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="adult_disclosing_exploitation_at_15",
        story="Sara, now 19, tells a nurse she was moved between flats and sold at 15.",
        observations={
            "cse_sold_for_sex": "reported",
            "cse_moved_between_places": "reported",
            "cse_escorted_or_watched": "reported",
            "cse_cannot_refuse": "reported",
        },
        age_at_exploitation=15,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="child_at_risk_not_yet_exploited",
        story="Noah, 14, in foster care, often missing, new phone nobody can explain.",
        observations={
            "risk_living_in_care": "observed",
            "risk_running_away": "observed",
            "risk_older_partner_or_unexplained_money": "observed",
            "onl_older_online_contact": "suspected",
            "cse_sold_for_sex": "not_observed",
            "clc_forced_criminality": "unknown",
        },
        age_at_exploitation=14,
        age_uncertain=False,
        result="at_risk",
        rule="child",
    ),
    Vignette(
        name="agreed_and_went_back",
        story=(
            "Mira again: she says she 'agreed', returned to him twice and will not talk to the "
            "police. None of this is an input; the same facts give the same result."
        ),
        observations=GROOMED_ONLINE,
        age_at_exploitation=16,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="age_unknown_found_in_a_flat",
        story="A girl found in a flat where sex is sold, with child-sized clothing; no age given.",
        observations={
            "cse_sold_for_sex": "suspected",
            "cse_lives_where_exploited": "observed",
            "cse_child_items_where_sex_sold": "observed",
            "cse_escorted_or_watched": "reported",
            "cse_only_sex_related_words": "observed",
        },
        age_at_exploitation=None,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="nothing_found",
        story="A 15-year-old seen for a sports injury; the screening found nothing.",
        observations=dict.fromkeys(
            ("risk_running_away", "risk_out_of_school", "cse_sold_for_sex"), "not_observed"
        ),
        age_at_exploitation=15,
        age_uncertain=False,
        result="no_indication",
        rule="child",
    ),
    # ---- catalogue 2026.2: one vignette or more for each new form of exploitation
    Vignette(
        name="sextortion_for_more_images_without_contact",
        story="Leo, 14, is threatened online that a first image will be shared unless he sends "
        "more; he does. Nobody ever met him and no money changed hands.",
        observations={
            "onl_older_online_contact": "reported",
            "onl_sextortion": "reported",
            "onl_coerced_self_generated_images": "reported",
        },
        age_at_exploitation=14,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="paid_in_game_credit_for_images",
        story="Sara, 12, is given game credit by a 'friend' from a game for sexual videos of "
        "herself; she says she agreed.",
        observations={
            "onl_gifts_or_credit": "observed",
            "onl_coerced_self_generated_images": "observed",
        },
        age_at_exploitation=12,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="image_requests_only_stay_at_risk",
        story="Tim, 15, is asked by an older online contact for sexual images; he has not sent "
        "any, and nothing else is known yet.",
        observations={
            "onl_older_online_contact": "observed",
            "onl_image_requests": "reported",
            "onl_coerced_self_generated_images": "unknown",
        },
        age_at_exploitation=15,
        age_uncertain=False,
        result="at_risk",
        rule="child",
    ),
    Vignette(
        name="married_off_for_a_bride_price_and_kept_at_home",
        story="Amira, 15, was married by her family to a man of 30 for a bride price and is "
        "kept at his family's home doing housework, out of school.",
        observations={
            "mas_bride_price_paid": "reported",
            "mas_married_by_others": "reported",
            "mas_kept_in_marriage": "observed",
            "risk_out_of_school": "observed",
        },
        age_at_exploitation=15,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="marriage_planned_stays_at_risk",
        story="Zehra, 16, fears she will be taken abroad in the summer to be married; no "
        "marriage has happened.",
        observations={"risk_marriage_planned": "reported", "mas_married_by_others": "unknown"},
        age_at_exploitation=16,
        age_uncertain=False,
        result="at_risk",
        rule="child",
    ),
    Vignette(
        name="given_for_adoption_for_money",
        story="A baby's birth mother, 17, was paid to hand the baby to a couple abroad with "
        "forged papers; the baby is the child screened, age 1.",
        observations={
            "mas_adoption_for_payment": "observed",
            "mas_papers_do_not_match": "observed",
        },
        age_at_exploitation=1,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="kinship_care_with_late_papers_is_no_indication",
        story="Ivo, 9, lives lawfully with his grandmother after the war; his birth was "
        "registered late. Nothing points to a payment or pressure.",
        observations={
            "mas_papers_do_not_match": "not_observed",
            "mas_adoption_for_payment": "not_observed",
            "mas_child_sold": "not_observed",
            "risk_fleeing_war": "not_observed",
        },
        age_at_exploitation=9,
        age_uncertain=False,
        result="no_indication",
        rule="child",
    ),
    Vignette(
        name="pregnant_girl_used_for_surrogacy",
        story="Dana, 17, age uncertain, is kept in a flat while pregnant for a couple who paid "
        "an agency; the agency decides her doctor's visits.",
        observations={
            "mas_surrogacy_pregnancy": "observed",
            "mas_pregnancy_controlled": "reported",
        },
        age_at_exploitation=17,
        age_uncertain=True,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="child_sold_to_a_family_abroad",
        story="Nico, 11, was handed over by an uncle to a family abroad for money; he calls it "
        "a job and says he is fine.",
        observations={"mas_child_sold": "reported", "clc_travels_with_non_relatives": "observed"},
        age_at_exploitation=11,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
    Vignette(
        name="made_to_recruit_friends",
        story="Ema, 15, is made by the man who sells her to bring girls from her care home.",
        observations={"clc_made_to_recruit_others": "reported", "risk_living_in_care": "observed"},
        age_at_exploitation=15,
        age_uncertain=False,
        result="presumed_victim",
        rule="child",
    ),
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _evaluate(catalogue: Catalogue, vignette: Vignette) -> Evaluation:
    return evaluate(
        catalogue,
        observations=vignette.observations,
        age_at_exploitation=vignette.age_at_exploitation,
        age_uncertain=vignette.age_uncertain,
    )


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v.name for v in VIGNETTES])
def test_vignette(catalogue: Catalogue, vignette: Vignette) -> None:
    evaluation = _evaluate(catalogue, vignette)
    assert (evaluation.result, evaluation.rule) == (vignette.result, vignette.rule)


def test_the_uncertain_age_boy_is_a_child_by_presumption(catalogue: Catalogue) -> None:
    boy = next(v for v in VIGNETTES if v.name == "unaccompanied_boy_forced_to_sell_drugs")
    evaluation = _evaluate(catalogue, boy)
    assert evaluation.rule_reason == "age uncertain: presumption of minority"


def test_the_same_facts_with_his_claimed_age_as_certain_use_the_adult_rule(
    catalogue: Catalogue,
) -> None:
    # Shows what the presumption protects: without it he would be assessed as an adult.
    boy = next(v for v in VIGNETTES if v.name == "unaccompanied_boy_forced_to_sell_drugs")
    evaluation = evaluate(
        catalogue, observations=boy.observations, age_at_exploitation=19, age_uncertain=False
    )
    assert (evaluation.rule, evaluation.result) == ("adult", "at_risk")


def test_agreeing_and_returning_changes_nothing(catalogue: Catalogue) -> None:
    mira = next(v for v in VIGNETTES if v.name == "groomed_online_and_sold")
    again = next(v for v in VIGNETTES if v.name == "agreed_and_went_back")
    assert _evaluate(catalogue, mira) == _evaluate(catalogue, again)


def test_the_child_exploited_by_a_parent_needs_the_child_rule(catalogue: Catalogue) -> None:
    lena = next(v for v in VIGNETTES if v.name == "exploited_by_a_parent")
    as_adult = evaluate(
        catalogue, observations=lena.observations, age_at_exploitation=30, age_uncertain=False
    )
    assert as_adult.result == "at_risk"
    codes = [r.code for r in _evaluate(catalogue, lena).reasons]
    assert "child_rule_means_not_required" in codes


def test_the_at_risk_child_shows_what_is_still_unknown(catalogue: Catalogue) -> None:
    noah = next(v for v in VIGNETTES if v.name == "child_at_risk_not_yet_exploited")
    evaluation = _evaluate(catalogue, noah)
    assert evaluation.unknown == ("clc_forced_criminality",)
    assert "exploitative_conditions" in evaluation.missing


def test_forced_criminality_alone_is_exploitation_of_the_boy(catalogue: Catalogue) -> None:
    boy = next(v for v in VIGNETTES if v.name == "unaccompanied_boy_forced_to_sell_drugs")
    assert boy.observations == KARIM_MINIMAL
    evaluation = _evaluate(catalogue, boy)
    assert not evaluation.dimensions["exploitative_conditions"].positive  # 1 strong alone
    reasons = evaluation.as_dict()["reasons"]
    assert reasons[1] == {
        "code": "child_rule_exploitation_in_itself",
        "indicators": ["clc_forced_criminality"],
    }
    assert evaluation.missing_elements == ()


def test_the_boy_with_forced_criminality_only_suspected_is_at_risk(catalogue: Catalogue) -> None:
    # Suspected counts one step lower (medium): not the strong indicator the rule relies on.
    evaluation = evaluate(
        catalogue,
        observations={**KARIM_MINIMAL, "clc_forced_criminality": "suspected"},
        age_at_exploitation=19,
        age_uncertain=True,
    )
    assert (evaluation.rule, evaluation.result) == ("child", "at_risk")
    assert [m.element for m in evaluation.missing_elements] == [
        "exploitation",
        "recruitment_or_means",
    ]


def test_the_same_sextortion_facts_were_only_at_risk_in_catalogue_2026_1() -> None:
    # Why version 2026.2 exists: before it, a child coerced into producing more images could
    # only reach "at risk" (the exploitation had no indicator).
    old = load_catalogue(version="2026.1")
    evaluation = evaluate(
        old,
        observations={"onl_older_online_contact": "reported", "onl_sextortion": "reported"},
        age_at_exploitation=14,
        age_uncertain=False,
    )
    assert evaluation.result == "at_risk"


def test_the_bride_price_marriage_is_exploitation_in_itself(catalogue: Catalogue) -> None:
    amira = next(v for v in VIGNETTES if v.name == "married_off_for_a_bride_price_and_kept_at_home")
    reasons = [r.as_dict() for r in _evaluate(catalogue, amira).reasons]
    assert {
        "code": "child_rule_exploitation_in_itself",
        "indicators": ["mas_married_by_others"],
    } in (reasons)


def test_every_new_form_of_exploitation_has_a_vignette(catalogue: Catalogue) -> None:
    forms = {"online_sexual", "forced_marriage", "illegal_adoption", "surrogacy", "sale_of_child"}
    seen = {
        catalogue.get(ident).form
        for v in VIGNETTES
        if v.result == "presumed_victim"
        for ident in v.observations
        if catalogue.get(ident).form
    }
    assert forms <= seen
