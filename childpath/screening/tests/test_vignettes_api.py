"""The fictional vignettes of issue 3, through POST /api/v1/indicators/evaluate.

Every child here is invented. Indicator ids come from childpath/indicators/catalogue/core.yaml;
the expected results follow childpath/indicators/RULES.md.
"""

from typing import Any

import pytest
from rest_framework.test import APIClient

EVALUATE = "/api/v1/indicators/evaluate"

# Lina, 16, met an older "boyfriend" online who gave her gifts, asked her to keep it secret,
# and then sold her to other men and kept the money.
GROOMED_ONLINE = {
    "cse_false_romantic_relationship": "reported",
    "onl_older_online_contact": "reported",
    "onl_secrecy_requested": "reported",
    "onl_gifts_or_credit": "reported",
    "cse_sold_for_sex": "reported",
    "cse_no_control_of_earnings": "reported",
}

# Mira, 12, handed over by her father to relatives abroad who make her beg all day.
EXPLOITED_BY_A_PARENT = {
    "cse_sold_or_handed_over": "reported",
    "risk_family_involved_in_exploitation": "observed",
    "clc_forced_begging": "observed",
    "clc_excessive_hours": "observed",
}

# Omar, unaccompanied, says he is 19 but may be younger; he sells drugs for men who beat him
# and sleeps in a flat they control. He is afraid of the police.
FORCED_TO_SELL_DRUGS = {
    "clc_forced_criminality": "reported",
    "clc_violence_or_threats": "reported",
    "clc_poor_living_conditions": "observed",
    "clc_fears_authorities": "suspected",
    "risk_unaccompanied_migrant": "observed",
}

# Sara, now 19, tells a youth clinic she was sold for sex at 15 and could not say no.
DISCLOSED_LATER = {
    "cse_sold_for_sex": "reported",
    "cse_lives_where_exploited": "reported",
    "cse_cannot_refuse": "reported",
}

# Noah, 14, runs away from home, skips school and has money nobody can explain; nothing
# points to exploitation yet, and some things are not known.
AT_RISK_ONLY = {
    "risk_running_away": "observed",
    "risk_out_of_school": "observed",
    "risk_older_partner_or_unexplained_money": "suspected",
    "cse_sold_for_sex": "not_observed",
    "cse_cannot_refuse": "unknown",
}

# Ella, 17, "agreed" to work for her boyfriend, was taken into care, and went back to him.
# The facts are the same as if she had never agreed or never gone back.
WENT_BACK = {
    "cse_false_romantic_relationship": "reported",
    "cse_strong_emotional_hold": "observed",
    "cse_sold_for_sex": "reported",
    "cse_no_control_of_earnings": "observed",
}


@pytest.fixture
def client(caseworker) -> APIClient:
    api = APIClient()
    api.force_authenticate(caseworker)
    return api


def _evaluate(
    client: APIClient, observations: dict[str, str], age: int | None, uncertain: bool, **extra: Any
) -> dict[str, Any]:
    body = {
        "observations": observations,
        "age_at_exploitation": age,
        "age_uncertain": uncertain,
        **extra,
    }
    response = client.post(EVALUATE, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def _codes(data: dict[str, Any]) -> list[str]:
    return [reason["code"] for reason in data["reasons"]]


# --------------------------------------------------------------------------- groomed online


def test_it_presumes_a_16_year_old_groomed_online_and_sold_a_victim(client):
    data = _evaluate(client, GROOMED_ONLINE, 16, False)
    assert (data["result"], data["rule"]) == ("presumed_victim", "child")


def test_it_finds_recruitment_and_exploitation_for_the_groomed_child(client):
    data = _evaluate(client, GROOMED_ONLINE, 16, False)
    assert data["dimensions"]["deceptive_recruitment"]["positive"] is True
    assert data["dimensions"]["exploitative_conditions"]["positive"] is True
    assert "child_rule_means_not_required" in _codes(data)


# --------------------------------------------------------------------------- by a parent


def test_it_presumes_a_child_exploited_by_a_parent_a_victim(client):
    data = _evaluate(client, EXPLOITED_BY_A_PARENT, 12, False)
    assert (data["result"], data["rule"]) == ("presumed_victim", "child")


def test_it_lets_the_sale_by_a_parent_stand_in_for_the_act(client):
    data = _evaluate(client, EXPLOITED_BY_A_PARENT, 12, False)
    strong = next(r for r in data["reasons"] if r["code"] == "child_rule_strong_indicator")
    assert "cse_sold_or_handed_over" in strong["indicators"]


# --------------------------------------------------------------------------- uncertain age


def test_it_presumes_an_unaccompanied_boy_forced_to_sell_drugs_a_victim(client):
    data = _evaluate(client, FORCED_TO_SELL_DRUGS, 19, True)
    assert data["result"] == "presumed_victim"


def test_it_applies_the_child_rule_when_the_age_is_uncertain(client):
    data = _evaluate(client, FORCED_TO_SELL_DRUGS, 19, True)
    assert (data["rule"], data["rule_basis"]) == ("child", "age_uncertain")


def test_it_applies_the_child_rule_when_the_age_is_not_known(client):
    data = _evaluate(client, FORCED_TO_SELL_DRUGS, None, False)
    assert (data["result"], data["rule"], data["rule_basis"]) == (
        "presumed_victim",
        "child",
        "age_unknown",
    )


def test_it_never_counts_forced_crime_against_the_child(client):
    # Forced criminality is an indicator of exploitation, never a reason to doubt the child.
    data = _evaluate(client, FORCED_TO_SELL_DRUGS, 19, True)
    assert "clc_forced_criminality" in data["dimensions"]["exploitative_conditions"]["indicators"]


# --------------------------------------------------------------------------- disclosed later


def test_it_uses_the_child_rule_for_a_19_year_old_exploited_at_15(client):
    data = _evaluate(client, DISCLOSED_LATER, 15, False)
    assert (data["rule"], data["rule_basis"]) == ("child", "age_under_18")
    assert data["reasons"][0]["age_at_exploitation"] == 15


def test_it_presumes_a_19_year_old_exploited_at_15_a_victim(client):
    data = _evaluate(client, DISCLOSED_LATER, 15, False)
    assert data["result"] == "presumed_victim"


def test_it_would_need_the_means_under_the_adult_rule(client):
    # The same facts as an adult at the time: no recruitment, so not presumed. This is why the
    # age at the time of the exploitation, not today's age, is asked for (DESIGN.md rule 4).
    data = _evaluate(client, DISCLOSED_LATER, 19, False)
    assert (data["rule"], data["result"]) == ("adult", "at_risk")


# --------------------------------------------------------------------------- at risk


def test_it_finds_a_child_at_risk_with_no_exploitation_yet(client):
    data = _evaluate(client, AT_RISK_ONLY, 14, False)
    assert data["result"] == "at_risk"


def test_it_names_the_risk_factors_and_what_is_unknown(client):
    data = _evaluate(client, AT_RISK_ONLY, 14, False)
    risk = next(r for r in data["reasons"] if r["code"] == "risk_factors")
    assert "risk_running_away" in risk["indicators"]
    assert data["unknown"] == ["cse_cannot_refuse"]
    assert data["missing_elements"]


# --------------------------------------------------------------------------- no perfect victim


def test_it_presumes_a_child_who_went_back_to_the_exploiter_a_victim(client):
    data = _evaluate(client, WENT_BACK, 17, False)
    assert (data["result"], data["rule"]) == ("presumed_victim", "child")


@pytest.mark.parametrize(
    "extra",
    [
        {"consent": True},
        {"free_will": True, "returned_to_exploiter": True},
        {"refused_police_cooperation": True, "criminal_record": True},
    ],
    ids=["consent", "returned", "police-and-record"],
)
def test_it_never_lets_consent_or_return_change_the_result(client, extra):
    without = _evaluate(client, WENT_BACK, 17, False)
    with_extra = _evaluate(client, WENT_BACK, 17, False, **extra)
    assert with_extra == without


def test_it_never_echoes_a_consent_input(client):
    data = _evaluate(client, WENT_BACK, 17, False, consent=True)
    assert "consent" not in data
    assert "consent" not in str(data["reasons"])


@pytest.mark.parametrize("key", ["consent", "returned_to_exploiter", "free_will"])
def test_it_rejects_consent_dressed_as_an_indicator(client, key):
    body = {
        "observations": {**WENT_BACK, key: "observed"},
        "age_at_exploitation": 17,
        "age_uncertain": False,
    }
    response = client.post(EVALUATE, body, format="json")
    assert response.status_code == 400
    assert key in str(response.json())


def test_it_keeps_a_presumed_victim_presumed_when_the_child_denies_it(client):
    # A child who says "it was my choice" is recorded as not observed at most; the other
    # facts still stand (RULES.md section 7: monotone).
    denied = {**WENT_BACK, "cse_cannot_refuse": "not_observed"}
    assert _evaluate(client, denied, 17, False)["result"] == "presumed_victim"
