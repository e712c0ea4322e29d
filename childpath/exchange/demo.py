"""The fictional demo's cross-border part, through the services, idempotently.

Sweden: Stefan, 15, a Serbian boy found alone at Norrvik bus station, whose caseworker has
asked the national focal point (focal.jonas) to refer him to Serbia; the request waits for the
focal point's review. The Serbian instance has no children yet: Stefan's referral arrives there
when focal.jonas sends it. Pairing the two instances needs both cards, so the run script does
it (``manage.py federation_pair_demo``), not this loader.
"""

from datetime import date, timedelta

from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.cases import services as case_services
from childpath.cases.models import Case, SearchToken
from childpath.cases.search import token
from childpath.cases.validation import ChildData, EncounterData
from childpath.exchange import services
from childpath.exchange.models import CrossBorderReferral

STEFAN = ChildData(
    sex="male",
    given_names="Stefan",
    family_name="Primer",
    date_of_birth=date(2011, 3, 14),
    citizenship="RS",
    languages=["sr"],
    migration_status="undocumented",
    unaccompanied="yes",
    contacts="Fictional: an aunt's telephone number in Novi Grad, written on his arm.",
)


def _stefan(users: dict[str, User], organisations: dict[str, Organisation]) -> Case:
    found = (
        SearchToken.objects.filter(token=token("Stefan Primer", STEFAN.date_of_birth))
        .values_list("case_id", flat=True)
        .first()
    )
    if found is not None:
        return Case.objects.get(pk=found)
    case = case_services.register_child(
        actor=users["police.erik"],
        child=STEFAN,
        encounter=EncounterData(
            came_to_notice="police",
            occurred_on=timezone.localdate() - timedelta(days=3),
            place="Norrvik bus station (fictional)",
            observations="Alone at night, no papers, says adults brought him to sell goods "
            "on the street and kept his money. Wants to go back to his aunt. (Fictional.)",
        ),
        lead_organisation=organisations["social"],
    )
    case_services.set_coordinator(
        actor=users["coordinator.lena"], case=case, coordinator=users["coordinator.lena"]
    )
    return case


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    if "caseworker.sara" not in users:
        return {"cross_border_requests": 0}
    case = _stefan(users, organisations)
    if CrossBorderReferral.objects.filter(case=case).exists():
        return {"cross_border_requests": 0}
    services.request_referral(
        actor=users["caseworker.sara"],
        case=case,
        data=services.RequestData(
            country="RS",
            reason="Stefan (15) was brought to Sweden by adults who made him sell goods on "
            "the street. He says his aunt in Novi Grad looked after him before. He needs "
            "family tracing and a risk and safety assessment before any return. (Fictional.)",
            urgency="urgent",
            share_fields=["given_names", "family_name", "date_of_birth", "contacts"],
            child_views="“I want to live with my aunt again, not with the men.” (Fictional.)",
        ),
    )
    return {"cross_border_requests": 1}
