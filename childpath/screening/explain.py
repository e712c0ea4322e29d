"""The engine's structured result in words a professional can act on, in the UI language."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from childpath.indicators.catalogue import Catalogue


@dataclass(frozen=True)
class Explained:
    headline: str
    summary: str
    reasons: list[str]
    missing: list[str]
    next_steps: list[str]


def _lang() -> str:
    return (get_language() or "en").lower()


def _dimension(catalogue: Catalogue, dimension: str) -> str:
    texts = catalogue.dimensions.get(dimension)
    if not texts:
        return dimension
    return texts.get(_lang()) or texts["en"]


def _dimensions(catalogue: Catalogue, dimensions: list[str]) -> str:
    return ", ".join(_dimension(catalogue, d) for d in dimensions)


def _indicators(catalogue: Catalogue, ids: list[str]) -> str:
    lang = _lang()
    names = [catalogue.by_id[i].text_for(lang) if i in catalogue.by_id else i for i in ids]
    # Indicator texts are sentences; the surrounding sentence brings its own full stop.
    return " · ".join(name.rstrip(". ") for name in names)


def _rule(reason: dict[str, Any]) -> str:
    basis = reason.get("basis")
    if basis == "age_uncertain":
        return _(
            "The child rule applies: the age is uncertain, so the person is presumed to be a "
            "child (presumption of minority)."
        )
    if basis == "age_unknown":
        return _(
            "The child rule applies: the age at the time of the exploitation is not known, so "
            "the person is presumed to be a child (presumption of minority)."
        )
    age = reason.get("age_at_exploitation")
    if basis == "age_under_18":
        return _(
            "The child rule applies: the person was %(age)s at the time of the exploitation. "
            "For a child, deception, force or other means are not required."
        ) % {"age": age}
    return _("The adult rule applies: the person was %(age)s at the time of the exploitation.") % {
        "age": age
    }


def reason_text(catalogue: Catalogue, reason: dict[str, Any]) -> str:
    code = reason["code"]
    if code == "rule_applied":
        return _rule(reason)
    if code == "dimension_positive":
        return _("%(dimension)s is established by: %(indicators)s.") % {
            "dimension": _dimension(catalogue, reason["dimension"]),
            "indicators": _indicators(catalogue, reason["indicators"]),
        }
    if code == "exploitation_established":
        return _("Exploitation is established.")
    if code == "child_rule_exploitation_in_itself":
        return _("For a child, this is exploitation in itself: %(indicators)s.") % {
            "indicators": _indicators(catalogue, reason["indicators"])
        }
    if code == "recruitment_established":
        return _("Recruitment, transfer or harbouring is established (%(dimensions)s).") % {
            "dimensions": _dimensions(catalogue, reason["dimensions"])
        }
    if code == "means_established":
        return _("Coercion or abuse of vulnerability is established (%(dimensions)s).") % {
            "dimensions": _dimensions(catalogue, reason["dimensions"])
        }
    if code == "child_rule_means_not_required":
        return _(
            "For a child the means (deception, force, abuse of vulnerability) are not required "
            "(Palermo Protocol art. 3(c))."
        )
    if code == "child_rule_strong_indicator":
        return _(
            "A strong indicator stands in for the act of recruitment for a child: %(indicators)s."
        ) % {"indicators": _indicators(catalogue, reason["indicators"])}
    if code == "risk_factors":
        return _("Risk factors: %(indicators)s.") % {
            "indicators": _indicators(catalogue, reason["indicators"])
        }
    if code == "trafficking_indicators_present":
        return _("Signs of trafficking, not yet enough to presume it: %(indicators)s.") % {
            "indicators": _indicators(catalogue, reason["indicators"])
        }
    if code == "suspected_concerns":
        return _("Suspected concerns: %(indicators)s.") % {
            "indicators": _indicators(catalogue, reason["indicators"])
        }
    if code == "nothing_counted":
        return _("No indicator was observed, reported or suspected.")
    return str(code)


def missing_text(catalogue: Catalogue, element: dict[str, Any]) -> str:
    unknown = len(element.get("unknown", []))
    names = {
        "recruitment": _("recruitment, transfer or harbouring"),
        "exploitation": _("exploitation"),
        "means": _("coercion or abuse of vulnerability"),
        "recruitment_or_means": _(
            "recruitment, coercion or abuse of vulnerability, or one strong indicator"
        ),
    }
    name = names.get(element["element"], element["element"])
    if unknown:
        return ngettext(
            "Not yet established: %(name)s. %(count)d related indicator is still unknown.",
            "Not yet established: %(name)s. %(count)d related indicators are still unknown.",
            unknown,
        ) % {"name": name, "count": unknown}
    return _("Not yet established: %(name)s.") % {"name": name}


def explain(catalogue: Catalogue, evaluation: dict[str, Any]) -> Explained:
    result = evaluation["result"]
    reasons = [reason_text(catalogue, r) for r in evaluation.get("reasons", [])]
    missing = [missing_text(catalogue, m) for m in evaluation.get("missing_elements", [])]
    if result == "presumed_victim":
        return Explained(
            headline=_("Presumed victim of trafficking"),
            summary=_(
                "There are reasonable grounds to believe this child is a victim. The child's "
                "rights apply now: no police decision, formal identification, disclosure or "
                "consent to cooperate is needed first."
            ),
            reasons=reasons,
            missing=missing,
            next_steps=[
                _("Make sure the child has a coordinator (lead professional)."),
                _(
                    "Make a first referral: safe accommodation, psychosocial support, a guardian, "
                    "legal aid, health care or a Barnahus interview, as the child needs."
                ),
                _("Tell the child about their rights, in a language the child understands."),
            ],
        )
    if result == "at_risk":
        return Explained(
            headline=_("At risk"),
            summary=_(
                "Some signs are present but not enough yet to presume trafficking. The child "
                "needs support and follow-up; screen again when you learn more."
            ),
            reasons=reasons,
            missing=missing,
            next_steps=[
                _("Agree on support and who follows up with the child."),
                _("Find out what is still unknown, gently and over time."),
            ],
        )
    return Explained(
        headline=_("No indication found"),
        summary=_(
            "Nothing observed so far points to trafficking or exploitation. This is not a "
            "conclusion that nothing happened: children often tell more later."
        ),
        reasons=reasons,
        missing=missing,
        next_steps=[_("Stay in contact and screen again if anything changes.")],
    )
