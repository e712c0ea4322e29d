"""The fictional demo's cross-border part, through the services, idempotently.

Sweden: Stefan, 15, a Serbian boy found alone at Norrvik bus station (childpath/demo/data.py),
whose caseworker has asked the national focal point (focal.jonas) to refer him to Serbia; the
request waits for the focal point's review. The Serbian instance knows Stefan already, from a
year ago (childpath/demo/data_rs.py): a match query from his Swedish case finds that case
without his name travelling; his referral arrives there when focal.jonas sends it. Pairing
the two instances needs both cards, so the run script does it (``manage.py
federation_pair_demo``), not this loader.
"""

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Access, Case
from childpath.cases.team import add_team_member
from childpath.exchange import services
from childpath.exchange.models import CrossBorderReferral


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    case = cases.get("Stefan")
    if case is None or "caseworker.sara" not in users:
        return {"cross_border_requests": 0}
    if "focal.jonas" in users:
        # Sara puts the national focal point on Stefan's team (to see the case), so he can
        # also ask whether Stefan is known in Serbia (a match query). Idempotent.
        jonas = users["focal.jonas"]
        assert jonas.organisation is not None
        add_team_member(
            actor=users["caseworker.sara"],
            case=case,
            organisation=jonas.organisation,
            user=jonas,
            access=Access.VIEW,
        )
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
