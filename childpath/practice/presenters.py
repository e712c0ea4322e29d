"""Situations and feedback in the words of the user's language, for pages and the API."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childpath.indicators.catalogue import Catalogue
from childpath.practice.models import Attempt
from childpath.practice.situations import LEVEL, Situation
from childpath.screening.forms import STATUS_CHOICES

RESULT_LABELS = {
    "presumed_victim": gettext_lazy("Presumed victim"),
    "at_risk": gettext_lazy("At risk"),
    "no_indication": gettext_lazy("No indication"),
}
TAG_LABELS = {
    "online": gettext_lazy("online"),
    "offline": gettext_lazy("offline"),
    "boy": gettext_lazy("boy"),
    "girl": gettext_lazy("girl"),
    "age_in_doubt": gettext_lazy("age in doubt"),
    "family": gettext_lazy("family involved"),
    "agreed": gettext_lazy("the child “agreed”"),
    "silent": gettext_lazy("the child says nothing"),
}
# Tags that would give the expected answer away: kept in the data (the coverage tests use
# them), never shown before the feedback.
HIDDEN_TAGS = frozenset({"not_trafficking"})


def age_text(situation: Situation | Attempt) -> str:
    if isinstance(situation, Attempt):
        age, uncertain = situation.age_at_exploitation, situation.age_uncertain
    else:
        age, uncertain = situation.age, situation.age_uncertain
    if age is None:
        return _("age not known, in doubt") if uncertain else _("age not known")
    if uncertain:
        return _("%(age)s, in doubt") % {"age": age}
    return str(age)


def tags(situation: Situation, catalogue: Catalogue, lang: str) -> list[str]:
    """Sets in the catalogue's words first, then the other tags, in a stable order."""
    sets = [
        catalogue.sets[t].get(lang) or catalogue.sets[t]["en"]
        for t in catalogue.sets
        if t in situation.tags
    ]
    return sets + [str(label) for key, label in TAG_LABELS.items() if key in situation.tags]


@dataclass(frozen=True)
class Sign:
    id: str
    text: str
    explore: str
    not_meaning: str
    expected: str
    answered: str
    missed: bool


def signs(
    catalogue: Catalogue, situation: Situation, answers: dict[str, str], lang: str
) -> list[Sign]:
    """The signs the story shows, each with the expected and the given answer."""
    labels = {key: str(label) for key, label in STATUS_CHOICES}
    result = []
    for indicator in catalogue.indicators:
        status = situation.expected.get(indicator.id)
        if status is None:
            continue
        answered = answers.get(indicator.id, "unknown")
        result.append(
            Sign(
                id=indicator.id,
                text=indicator.text_for(lang),
                explore=indicator.explore_for(lang),
                not_meaning=indicator.not_meaning_for(lang),
                expected=labels[status],
                answered=labels[answered],
                missed=LEVEL[answered] < LEVEL[status],
            )
        )
    return result


def over_read(
    catalogue: Catalogue, ids: list[str], answers: dict[str, str], lang: str
) -> list[Sign]:
    labels = {key: str(label) for key, label in STATUS_CHOICES}
    return [
        Sign(
            id=i,
            text=catalogue.by_id[i].text_for(lang),
            explore=catalogue.by_id[i].explore_for(lang),
            not_meaning=catalogue.by_id[i].not_meaning_for(lang),
            expected=labels["not_observed"],
            answered=labels[answers.get(i, "unknown")],
            missed=False,
        )
        for i in ids
        if i in catalogue.by_id
    ]
