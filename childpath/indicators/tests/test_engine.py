"""Unit tests of the decision rule: thresholds, statuses, the child and adult rules, errors.

All observations are synthetic: indicator ids with statuses, no case data.
"""

from __future__ import annotations

import inspect
import json

import pytest

from childpath.indicators.catalogue import Catalogue, load_catalogue
from childpath.indicators.engine import (
    Evaluation,
    EvaluationError,
    InvalidAge,
    InvalidStatus,
    UnknownIndicator,
    _verdict,
    dimension_positive,
    evaluate,
)

# Synthetic building blocks, by dimension and strength (see catalogue/core.yaml).
DECEPTIVE_STRONG = "cse_deceived_about_purpose"
DECEPTIVE_MEDIUM = "onl_secrecy_requested"
DECEPTIVE_WEAK = "onl_move_to_private_chat"
EXPLOIT_STRONG = ("cse_sold_for_sex", "clc_forced_criminality", "clc_forced_begging")
EXPLOIT_MEDIUM = ("cse_no_control_of_earnings", "cse_moved_between_places", "clc_unsuitable_work")
EXPLOIT_WEAK = "cse_child_items_where_sex_sold"
COERCION_STRONG = ("cse_cannot_refuse", "cse_escorted_or_watched")
COERCION_MEDIUM = "onl_location_tracked"
RISK_MEDIUM = "risk_running_away"
RISK_WEAK = "risk_living_in_care"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def run(
    catalogue: Catalogue,
    observations: dict[str, str],
    age: int | None = 15,
    uncertain: bool = False,
) -> Evaluation:
    return evaluate(
        catalogue,
        observations=observations,
        age_at_exploitation=age,
        age_uncertain=uncertain,
    )


def observed(*ids: str) -> dict[str, str]:
    return dict.fromkeys(ids, "observed")


EXPLOITATION = observed(EXPLOIT_STRONG[0], EXPLOIT_MEDIUM[0])  # 1 strong + 1 medium
RECRUITMENT = observed(DECEPTIVE_STRONG, DECEPTIVE_MEDIUM)
MEANS = observed(*COERCION_STRONG)


# ---------------------------------------------------------------------- dimension thresholds


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "positive"),
    [
        (2, 0, 0, True),  # 2 strong
        (1, 1, 0, True),  # 1 strong + 1 medium
        (1, 0, 1, True),  # 1 strong + 1 weak
        (0, 3, 0, True),  # 3 medium
        (0, 2, 1, True),  # 2 medium + 1 weak
        (1, 0, 0, False),
        (0, 2, 0, False),
        (0, 1, 2, False),
        (0, 0, 9, False),
        (0, 0, 0, False),
    ],
)
def test_dimension_threshold(strong: int, medium: int, weak: int, positive: bool) -> None:
    assert dimension_positive(strong, medium, weak) is positive


@pytest.mark.parametrize(
    ("ids", "positive"),
    [
        (EXPLOIT_STRONG[:2], True),
        ((EXPLOIT_STRONG[0], EXPLOIT_MEDIUM[0]), True),
        ((EXPLOIT_STRONG[0], EXPLOIT_WEAK), True),
        (EXPLOIT_MEDIUM, True),
        ((*EXPLOIT_MEDIUM[:2], EXPLOIT_WEAK), True),
        ((EXPLOIT_STRONG[0],), False),
        (EXPLOIT_MEDIUM[:2], False),
        ((EXPLOIT_MEDIUM[0], EXPLOIT_WEAK), False),
    ],
)
def test_it_applies_the_threshold_to_observed_indicators(
    catalogue: Catalogue, ids: tuple[str, ...], positive: bool
) -> None:
    dimension = run(catalogue, observed(*ids)).dimensions["exploitative_conditions"]
    assert dimension.positive is positive
    assert set(dimension.indicators) == set(ids)


# -------------------------------------------------------------------------------- statuses


def test_it_counts_reported_like_observed(catalogue: Catalogue) -> None:
    reported = dict.fromkeys(EXPLOIT_STRONG[:2], "reported")
    assert run(catalogue, reported).dimensions["exploitative_conditions"].positive


def test_it_lowers_suspected_strong_to_medium(catalogue: Catalogue) -> None:
    obs = {EXPLOIT_STRONG[0]: "suspected", EXPLOIT_STRONG[1]: "suspected"}
    dimension = run(catalogue, obs).dimensions["exploitative_conditions"]
    assert dict(dimension.strength_counts) == {"strong": 0, "medium": 2, "weak": 0}
    assert not dimension.positive


def test_it_counts_suspected_beside_observed(catalogue: Catalogue) -> None:
    obs = {EXPLOIT_STRONG[0]: "observed", EXPLOIT_STRONG[1]: "suspected"}
    dimension = run(catalogue, obs).dimensions["exploitative_conditions"]
    assert dict(dimension.strength_counts) == {"strong": 1, "medium": 1, "weak": 0}
    assert dimension.positive


def test_it_lowers_suspected_medium_to_weak(catalogue: Catalogue) -> None:
    obs = {**observed(*EXPLOIT_MEDIUM[:2]), EXPLOIT_MEDIUM[2]: "suspected"}
    dimension = run(catalogue, obs).dimensions["exploitative_conditions"]
    assert dict(dimension.strength_counts) == {"strong": 0, "medium": 2, "weak": 1}
    assert dimension.positive


def test_it_keeps_a_suspected_weak_indicator_as_a_concern_only(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {EXPLOIT_STRONG[0]: "observed", EXPLOIT_WEAK: "suspected"})
    dimension = evaluation.dimensions["exploitative_conditions"]
    assert dimension.concerns == (EXPLOIT_WEAK,)
    assert dimension.indicators == (EXPLOIT_STRONG[0],)
    assert not dimension.positive


def test_it_gives_at_risk_for_a_suspected_weak_risk_factor(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {RISK_WEAK: "suspected"})
    assert evaluation.result == "at_risk"
    assert {"code": "suspected_concerns", "indicators": [RISK_WEAK]} in evaluation.as_dict()[
        "reasons"
    ]


@pytest.mark.parametrize("status", ["not_observed", "unknown"])
def test_it_does_not_count_not_observed_or_unknown(catalogue: Catalogue, status: str) -> None:
    obs = dict.fromkeys((*EXPLOIT_STRONG, *COERCION_STRONG, RISK_MEDIUM), status)
    evaluation = run(catalogue, obs)
    assert evaluation.result == "no_indication"
    assert all(not d.indicators for d in evaluation.dimensions.values())


def test_it_reports_unknown_as_not_yet_known(catalogue: Catalogue) -> None:
    obs = {**EXPLOITATION, COERCION_STRONG[0]: "unknown", DECEPTIVE_STRONG: "unknown"}
    evaluation = run(catalogue, obs, age=30)
    assert evaluation.unknown == (DECEPTIVE_STRONG, COERCION_STRONG[0])
    assert evaluation.dimensions["coercion_at_destination"].unknown == (COERCION_STRONG[0],)
    means = next(m for m in evaluation.missing_elements if m.element == "means")
    assert means.unknown == (COERCION_STRONG[0],)


def test_it_treats_an_empty_screening_as_no_indication(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {})
    assert evaluation.result == "no_indication"
    assert evaluation.reasons[-1].code == "nothing_counted"


# ------------------------------------------------------------------------------ adult rule


def test_adult_rule_needs_recruitment_exploitation_and_means(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**RECRUITMENT, **EXPLOITATION, **MEANS}, age=25)
    assert evaluation.rule == "adult"
    assert evaluation.result == "presumed_victim"
    assert evaluation.missing == ()
    codes = [r.code for r in evaluation.reasons]
    assert "recruitment_established" in codes and "means_established" in codes


@pytest.mark.parametrize(
    ("parts", "missing"),
    [
        (("exploitation", "means"), ["recruitment"]),
        (("recruitment", "means"), ["exploitation"]),
        (("recruitment", "exploitation"), ["means"]),
    ],
)
def test_adult_rule_without_one_element_is_at_risk(
    catalogue: Catalogue, parts: tuple[str, ...], missing: list[str]
) -> None:
    blocks = {"recruitment": RECRUITMENT, "exploitation": EXPLOITATION, "means": MEANS}
    obs = {k: v for part in parts for k, v in blocks[part].items()}
    evaluation = run(catalogue, obs, age=18)
    assert evaluation.rule == "adult"
    assert evaluation.result == "at_risk"
    assert [m.element for m in evaluation.missing_elements] == missing


def test_adult_rule_reports_the_missing_dimensions(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**RECRUITMENT, **MEANS}, age=40)
    assert evaluation.missing == ("exploitative_conditions",)


# ------------------------------------------------------------------------------ child rule


def test_child_rule_does_not_require_means(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**RECRUITMENT, **EXPLOITATION}, age=16)
    assert evaluation.rule == "child"
    assert evaluation.result == "presumed_victim"
    assert "child_rule_means_not_required" in [r.code for r in evaluation.reasons]


def test_child_rule_accepts_exploitation_and_means(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**EXPLOITATION, **MEANS}, age=16)
    assert evaluation.result == "presumed_victim"


def test_child_rule_accepts_exploitation_with_one_strong_indicator(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, EXPLOITATION, age=12)
    assert evaluation.result == "presumed_victim"
    reason = evaluation.as_dict()["reasons"][-1]
    assert reason == {"code": "child_rule_strong_indicator", "indicators": [EXPLOIT_STRONG[0]]}


def test_child_rule_accepts_a_strong_indicator_in_another_dimension(catalogue: Catalogue) -> None:
    obs = {**observed(*EXPLOIT_MEDIUM), DECEPTIVE_STRONG: "observed"}
    assert run(catalogue, obs, age=12).result == "presumed_victim"


def test_child_rule_without_strong_recruitment_or_means_is_at_risk(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, observed(*EXPLOIT_MEDIUM), age=12)
    assert evaluation.result == "at_risk"
    (element,) = evaluation.missing_elements
    assert element.element == "recruitment_or_means" and element.or_strong_indicator
    assert "exploitative_conditions" not in evaluation.missing


def test_child_rule_needs_exploitation(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**RECRUITMENT, **MEANS}, age=12)
    assert evaluation.result == "at_risk"
    assert evaluation.missing == ("exploitative_conditions",)


def test_a_suspected_strong_indicator_does_not_stand_in_for_the_act(catalogue: Catalogue) -> None:
    obs = {**observed(*EXPLOIT_MEDIUM), DECEPTIVE_STRONG: "suspected"}
    assert run(catalogue, obs, age=12).result == "at_risk"


# ------------------------------------------------- child rule: exploitation in itself

# child_sufficient in the core catalogue: the child used or offered by others for sex, sexual
# images or streams, crime or begging (ILO C182 art. 3(b)-(c); Directive 2011/36/EU art. 2(3)).
SUFFICIENT = (
    "cse_sold_for_sex",
    "clc_forced_begging",
    "clc_forced_criminality",
    "clc_made_to_recruit_others",
    "onl_live_streamed_abuse",
    "onl_coerced_self_generated_images",
    "mas_married_by_others",
    "mas_adoption_for_payment",
    "mas_surrogacy_pregnancy",
    "mas_child_sold",
)  # catalogue order


def test_the_child_sufficient_ids_are_the_flagged_ones(catalogue: Catalogue) -> None:
    assert tuple(i.id for i in catalogue.indicators if i.child_sufficient) == SUFFICIENT


@pytest.mark.parametrize("status", ["observed", "reported"])
@pytest.mark.parametrize("ident", SUFFICIENT)
def test_child_rule_one_sufficient_indicator_alone_gives_presumed_victim(
    catalogue: Catalogue, ident: str, status: str
) -> None:
    evaluation = run(catalogue, {ident: status}, age=15)
    assert (evaluation.rule, evaluation.result) == ("child", "presumed_victim")
    # The dimension itself stays below the ILO/EC threshold: 1 strong alone.
    assert not evaluation.dimensions["exploitative_conditions"].positive
    assert evaluation.missing_elements == () and evaluation.missing == ()
    assert evaluation.as_dict()["reasons"][1:] == [
        {"code": "child_rule_exploitation_in_itself", "indicators": [ident]},
        {"code": "child_rule_means_not_required"},
        {"code": "child_rule_strong_indicator", "indicators": [ident]},
    ]


@pytest.mark.parametrize(("age", "uncertain"), [(None, False), (30, True), (17, False)])
def test_child_rule_sufficient_indicator_under_every_child_basis(
    catalogue: Catalogue, age: int | None, uncertain: bool
) -> None:
    evaluation = run(catalogue, observed("clc_forced_criminality"), age=age, uncertain=uncertain)
    assert (evaluation.rule, evaluation.result) == ("child", "presumed_victim")


@pytest.mark.parametrize("ident", SUFFICIENT)
def test_a_suspected_sufficient_indicator_does_not_establish_exploitation(
    catalogue: Catalogue, ident: str
) -> None:
    # Suspected counts one step lower (medium), so it is no longer strong.
    evaluation = run(catalogue, {ident: "suspected"}, age=15)
    assert evaluation.result == "at_risk"
    assert [m.element for m in evaluation.missing_elements] == [
        "exploitation",
        "recruitment_or_means",
    ]
    assert "child_rule_exploitation_in_itself" not in [r.code for r in evaluation.reasons]


def test_a_suspected_sufficient_indicator_with_a_strong_act_is_still_at_risk(
    catalogue: Catalogue,
) -> None:
    obs = {"cse_sold_for_sex": "suspected", DECEPTIVE_STRONG: "observed", **MEANS}
    evaluation = run(catalogue, obs, age=15)
    assert evaluation.result == "at_risk"
    assert [m.element for m in evaluation.missing_elements] == ["exploitation"]


@pytest.mark.parametrize("status", ["not_observed", "unknown"])
def test_a_sufficient_indicator_not_observed_or_unknown_counts_nothing(
    catalogue: Catalogue, status: str
) -> None:
    assert run(catalogue, dict.fromkeys(SUFFICIENT, status), age=15).result == "no_indication"


def test_an_advert_alone_is_not_exploitation_in_itself(catalogue: Catalogue) -> None:
    # "The child is advertised" does not say that others offer the child: not child_sufficient.
    evaluation = run(catalogue, observed("onl_advertised_for_sex"), age=15)
    assert evaluation.result == "at_risk"
    assert [m.element for m in evaluation.missing_elements] == ["exploitation"]


@pytest.mark.parametrize("ident", SUFFICIENT)
def test_adult_rule_is_unchanged_by_a_sufficient_indicator(
    catalogue: Catalogue, ident: str
) -> None:
    alone = run(catalogue, observed(ident), age=18)
    assert (alone.rule, alone.result) == ("adult", "at_risk")
    assert [m.element for m in alone.missing_elements] == ["recruitment", "exploitation", "means"]
    # Even with recruitment and means, one exploitation indicator is not enough for an adult.
    full = run(catalogue, {**RECRUITMENT, **MEANS, **observed(ident)}, age=25)
    assert full.result == "at_risk"
    assert [m.element for m in full.missing_elements] == ["exploitation"]
    assert "child_rule_exploitation_in_itself" not in [r.code for r in full.reasons]


def test_the_reason_names_the_counted_sufficient_ids_in_catalogue_order(
    catalogue: Catalogue,
) -> None:
    obs = {
        "onl_live_streamed_abuse": "reported",
        "clc_forced_criminality": "suspected",  # does not count as sufficient
        "cse_sold_for_sex": "observed",
        "clc_forced_begging": "not_observed",
    }
    evaluation = run(catalogue, obs, age=15)
    assert evaluation.result == "presumed_victim"
    reason = next(r for r in evaluation.reasons if r.code == "child_rule_exploitation_in_itself")
    assert reason.params == {"indicators": ("cse_sold_for_sex", "onl_live_streamed_abuse")}


def test_both_exploitation_reasons_when_the_dimension_is_positive_too(
    catalogue: Catalogue,
) -> None:
    # 1 strong + 1 medium: the dimension is positive, and the strong one is child_sufficient.
    evaluation = run(catalogue, {**EXPLOITATION, **RECRUITMENT}, age=15)
    codes = [r.code for r in evaluation.reasons]
    assert codes == [
        "rule_applied",
        "dimension_positive",
        "dimension_positive",
        "exploitation_established",
        "child_rule_exploitation_in_itself",
        "recruitment_established",
        "child_rule_means_not_required",
    ]
    assert evaluation.reasons[4].params == {"indicators": (EXPLOIT_STRONG[0],)}


def test_only_exploitation_established_without_a_sufficient_indicator(
    catalogue: Catalogue,
) -> None:
    obs = {**observed(*EXPLOIT_MEDIUM), **RECRUITMENT}
    codes = [r.code for r in run(catalogue, obs, age=15).reasons]
    assert "exploitation_established" in codes
    assert "child_rule_exploitation_in_itself" not in codes


def test_the_sufficient_reason_takes_the_place_of_exploitation_established(
    catalogue: Catalogue,
) -> None:
    obs = {**observed("clc_forced_begging"), **MEANS}
    codes = [r.code for r in run(catalogue, obs, age=15).reasons]
    assert codes == [
        "rule_applied",
        "dimension_positive",  # coercion_at_destination
        "child_rule_exploitation_in_itself",
        "means_established",
    ]


def test_missing_elements_never_list_exploitation_once_a_sufficient_indicator_counts() -> None:
    # In the catalogue a child_sufficient indicator is strong, so it always gives presumed victim;
    # the rule's elements are also right on their own: exploitation is met, the act is not.
    elements = _verdict("child", (), False, True).elements
    assert [e.element for e in elements] == ["recruitment_or_means"]
    adult = _verdict("adult", (), True, True).elements
    assert [e.element for e in adult] == ["recruitment", "exploitation", "means"]


@pytest.mark.parametrize(
    ("age", "uncertain", "rule", "basis", "reason"),
    [
        (0, False, "child", "age_under_18", "age at exploitation 0"),
        (17, False, "child", "age_under_18", "age at exploitation 17"),
        (18, False, "adult", "age_18_or_over", "age at exploitation 18"),
        (120, False, "adult", "age_18_or_over", "age at exploitation 120"),
        (None, False, "child", "age_unknown", "age unknown: presumption of minority"),
        (25, True, "child", "age_uncertain", "age uncertain: presumption of minority"),
        (None, True, "child", "age_uncertain", "age uncertain: presumption of minority"),
    ],
)
def test_it_chooses_the_rule_by_age_at_exploitation(
    catalogue: Catalogue,
    age: int | None,
    uncertain: bool,
    rule: str,
    basis: str,
    reason: str,
) -> None:
    evaluation = run(catalogue, {}, age=age, uncertain=uncertain)
    assert (evaluation.rule, evaluation.rule_basis, evaluation.rule_reason) == (rule, basis, reason)
    assert evaluation.reasons[0].code == "rule_applied"


# ----------------------------------------------------------------------------- at risk


def test_a_risk_factor_gives_at_risk(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, observed(RISK_WEAK))
    assert evaluation.result == "at_risk"
    assert evaluation.dimensions["at_risk"].positive


def test_a_trafficking_indicator_below_threshold_gives_at_risk(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, observed(DECEPTIVE_WEAK))
    assert evaluation.result == "at_risk"
    assert evaluation.reasons[-1].code == "trafficking_indicators_present"


# ------------------------------------------------------------------------------- errors


def test_it_rejects_unknown_indicator_ids(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownIndicator) as error:
        run(catalogue, {"zz_made_up": "observed", "aa_invented": "observed", **EXPLOITATION})
    assert error.value.ids == ["aa_invented", "zz_made_up"]
    assert "aa_invented" in str(error.value)


def test_it_rejects_extension_ids_without_the_extension(catalogue: Catalogue) -> None:
    with pytest.raises(UnknownIndicator):
        run(catalogue, {"se_health_contact_youth_clinic": "observed"})


@pytest.mark.parametrize("status", ["Observed", "yes", "", "consented", None, 1, ["observed"]])
def test_it_rejects_an_invalid_status(catalogue: Catalogue, status: object) -> None:
    with pytest.raises(InvalidStatus) as error:
        run(catalogue, {DECEPTIVE_STRONG: status})  # type: ignore[dict-item]
    assert error.value.invalid == {DECEPTIVE_STRONG: status}


@pytest.mark.parametrize("age", [-1, 121, 15.5, "16", True])
def test_it_rejects_an_invalid_age(catalogue: Catalogue, age: object) -> None:
    with pytest.raises(InvalidAge):
        run(catalogue, {}, age=age)  # type: ignore[arg-type]


@pytest.mark.parametrize("uncertain", [None, "yes", 1])
def test_it_rejects_a_non_boolean_age_uncertain(catalogue: Catalogue, uncertain: object) -> None:
    with pytest.raises(InvalidAge, match="age_uncertain"):
        run(catalogue, {}, uncertain=uncertain)  # type: ignore[arg-type]


def test_errors_share_a_value_error_base() -> None:
    for error in (UnknownIndicator, InvalidStatus, InvalidAge):
        assert issubclass(error, EvaluationError)
    assert issubclass(EvaluationError, ValueError)


# ------------------------------------------------------------------- no perfect victim


def test_it_accepts_only_the_four_documented_arguments() -> None:
    parameters = inspect.signature(evaluate).parameters
    assert list(parameters) == ["catalogue", "observations", "age_at_exploitation", "age_uncertain"]
    kinds = [p.kind for name, p in parameters.items() if name != "catalogue"]
    assert kinds == [inspect.Parameter.KEYWORD_ONLY] * 3


@pytest.mark.parametrize(
    "argument",
    ["consent", "returned_to_exploiter", "criminal_record", "late_disclosure", "cooperates"],
)
def test_it_refuses_perfect_victim_inputs(catalogue: Catalogue, argument: str) -> None:
    with pytest.raises(TypeError):
        evaluate(
            catalogue,
            observations=EXPLOITATION,
            age_at_exploitation=16,
            age_uncertain=False,
            **{argument: True},
        )


# ----------------------------------------------------------------------- extensions


def test_it_reports_extension_indicators_beside_the_core_result() -> None:
    catalogue = load_catalogue(extension="SE")
    obs = {
        "se_health_contact_youth_clinic": "suspected",
        "se_sexual_act_for_payment_online": "observed",
    }
    evaluation = run(catalogue, obs)
    assert evaluation.result == "no_indication"
    assert [(e.id, e.counted_as) for e in evaluation.extensions] == [
        ("se_sexual_act_for_payment_online", "medium"),
        ("se_health_contact_youth_clinic", "concern"),
    ]
    assert evaluation.extension_country == "SE"
    assert all(not d.indicators for d in evaluation.dimensions.values())


# --------------------------------------------------------------------------- output


def test_as_dict_is_json_ready(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, {**EXPLOITATION, COERCION_STRONG[0]: "unknown"}, age=None)
    data = evaluation.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "result",
        "rule",
        "rule_basis",
        "rule_reason",
        "catalogue_version",
        "dimensions",
        "reasons",
        "missing",
        "missing_elements",
        "unknown",
        "extensions",
        "extension_country",
    }
    assert data["catalogue_version"] == catalogue.version
    assert data["dimensions"]["exploitative_conditions"] == {
        "positive": True,
        "indicators": [EXPLOIT_STRONG[0], EXPLOIT_MEDIUM[0]],
        "strength_counts": {"strong": 1, "medium": 1, "weak": 0},
        "unknown": [],
        "concerns": [],
    }
    assert data["dimensions"]["coercion_at_destination"]["unknown"] == [COERCION_STRONG[0]]


def test_the_evaluation_is_immutable(catalogue: Catalogue) -> None:
    evaluation = run(catalogue, EXPLOITATION)
    with pytest.raises(AttributeError):
        evaluation.result = "no_indication"  # type: ignore[misc]
    with pytest.raises(TypeError):
        evaluation.dimensions["at_risk"] = evaluation.dimensions["at_risk"]  # type: ignore[index]
