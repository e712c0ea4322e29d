"""The case list's filters and orders, shared by the page and the API (``?stage=...``).

Each filter adds a condition the database checks with an index (stage, coordinator, team
membership, or an EXISTS the outer apps register in the ``case_filter`` slot); each order is
one indexed column and the id, so ``keyset_window`` reads every page through the index and
page 100 costs what page 1 costs (BENCHMARKS.md).
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import User
from childpath.cases.models import ORGANISATION_WIDE_ROLES, CaseMember, CaseQuerySet, Stage
from childpath.lib import slots, widgets
from childpath.lib.pagination import NEWEST_FIRST, Ordering, latest_first

ORDERS: dict[str, Ordering] = {
    "registered": NEWEST_FIRST,
    "activity": latest_first("last_activity_at"),
    # References are unique: the id never has to break a tie.
    "reference": Ordering("reference", descending=False, parse=str),
}
SORT_CHOICES = [
    ("registered", _("Newest registered first")),
    ("activity", _("Latest activity first")),
    ("reference", _("Reference, A to Z")),
]
NO_COORDINATOR = "none"
ME = "me"
# The parameters that only position a page: a filter's links keep everything else.
PAGE_PARAMETERS = ("page", "after", "before")


class FlagInput(widgets.CheckboxInput):
    """A checkbox that also reads "0" and "false" from a query string as unticked (Django's
    reads "0" as ticked, since a browser sends a ticked box's value, whatever it is)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        raw = data.get(name)
        if isinstance(raw, str) and raw.strip().lower() in ("", "0", "false", "off", "no"):
            return False
        return bool(super().value_from_datadict(data, files, name))


def flag(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=FlagInput(attrs={"value": "1"}))


@dataclass(frozen=True)
class OuterFilter:
    """A filter an outer app registered (``case_filter`` slot) and that concerns this user."""

    name: str
    spec: dict[str, Any]

    def field(self) -> forms.Field:
        if "choices" not in self.spec:
            return flag(self.spec["label"])
        return forms.ChoiceField(
            label=self.spec["label"],
            required=False,
            choices=[("", _("Any")), *self.spec["choices"]],
            widget=widgets.Select,
        )


def outer_filters() -> list[OuterFilter]:
    return [OuterFilter(entry.name, entry.context) for entry in slots.fill("case_filter")]


def _coordinator_choices(user: User) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [
        ("", _("Anyone or no one")),
        (NO_COORDINATOR, _("No coordinator yet (open cases)")),
        (ME, _("Me")),
    ]
    if user.role in ORGANISATION_WIDE_ROLES and user.organisation_id is not None:
        # The people of one's own organisation who coordinate: one small query, whatever the
        # number of cases (never "every coordinator of every case I may see").
        colleagues = (
            User.objects.filter(
                organisation_id=user.organisation_id,
                role__in=ORGANISATION_WIDE_ROLES,
                is_active=True,
            )
            .exclude(pk=user.pk)
            .order_by("first_name", "last_name", "username")
            # What display_name reads, without the organisation the manager joins: the
            # query's cost is Django building the rows (BENCHMARKS.md, issue 17).
            .select_related(None)
            .only("pk", "first_name", "last_name", "username")
        )
        choices += [(str(person.pk), person.display_name) for person in colleagues]
    return choices


class CaseFilterForm(forms.Form):
    """The filters and the order of the case list, read from the query string (GET): no
    field holds anything about a child, so the address may keep them."""

    # The selects write their options in Python (lib/widgets.py): the same HTML, without a
    # template include per option.
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("Any stage")), *Stage.choices],
        widget=widgets.Select,
    )
    coordinator = forms.ChoiceField(label=_("Coordinator"), required=False, widget=widgets.Select)
    mine = flag(_("Only cases I coordinate or am on the team of in person"))
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORT_CHOICES, widget=widgets.Select
    )

    def __init__(self, data: Any, *, user: User, outer: list[OuterFilter]) -> None:
        super().__init__(data)
        self.user = user
        self.outer = outer
        coordinator = self.fields["coordinator"]
        assert isinstance(coordinator, forms.ChoiceField)
        # Read when first needed (the page's select, or a colleague's id to check), once:
        # the API's list with no such filter asks nothing of the people table.
        known: list[tuple[str, Any]] = []

        def choices() -> list[tuple[str, Any]]:
            if not known:
                known.extend(_coordinator_choices(user))
            return known

        coordinator.choices = choices
        # The outer apps' filters between the case's own and the order.
        sort = self.fields.pop("sort")
        for extra in outer:
            self.fields[extra.name] = extra.field()
        self.fields["sort"] = sort

    def ordering(self) -> Ordering:
        return ORDERS[self.cleaned_data.get("sort") or "registered"]

    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields if name != "sort")

    def apply(self, cases: CaseQuerySet) -> CaseQuerySet:
        """``cases`` (already what the user may see) narrowed to the filters chosen."""
        data = self.cleaned_data
        if data.get("stage"):
            cases = cases.filter(stage=data["stage"])
        coordinator = data.get("coordinator")
        if coordinator == NO_COORDINATOR:
            # A closed case needs no coordinator: the home card counts the open ones.
            cases = cases.filter(coordinator__isnull=True).exclude(stage=Stage.CLOSED)
        elif coordinator == ME:
            cases = cases.filter(coordinator=self.user)
        elif coordinator:
            cases = cases.filter(coordinator_id=int(coordinator))
        if data.get("mine"):
            in_person = CaseMember.objects.filter(case=OuterRef("pk"), user=self.user)
            cases = cases.filter(Q(coordinator=self.user) | Q(Exists(in_person)))
        for extra in self.outer:
            value = data.get(extra.name)
            if value:
                cases = extra.spec["apply"](cases, "1" if value is True else value)
        return cases


def filter_parameters(outer: list[OuterFilter]) -> list[dict[str, Any]]:
    """The filters and the order as OpenAPI query parameters (the API's list)."""

    def parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "required": False,
            "in": "query",
            "description": description,
            "schema": schema,
        }

    def values(choices: Any) -> list[str]:
        return [str(value) for value, _label in choices if value != ""]

    boolean = {"type": "boolean"}
    params = [
        parameter(
            "stage", "Only cases at this stage.", {"type": "string", "enum": values(Stage.choices)}
        ),
        parameter(
            "coordinator",
            f"``{NO_COORDINATOR}``: open cases without a coordinator; ``{ME}``: the cases you "
            "coordinate; or the id of a person of your organisation.",
            {"type": "string", "pattern": f"^({NO_COORDINATOR}|{ME}|[0-9]{{1,18}})$"},
        ),
        parameter(
            "mine", "Only the cases you coordinate or are on the team of in person.", boolean
        ),
    ]
    for extra in outer:
        label = str(extra.spec["label"])
        if "choices" in extra.spec:
            params.append(
                parameter(
                    extra.name,
                    f"{label}.",
                    {"type": "string", "enum": values(extra.spec["choices"])},
                )
            )
        else:
            params.append(parameter(extra.name, f"{label}.", boolean))
    params.append(
        parameter(
            "sort",
            "The order: newest registered first (default), latest activity first, or by reference.",
            {"type": "string", "enum": list(ORDERS)},
        )
    )
    return params
