"""The fictional demo's referrals, sent and answered through the services, idempotently.

What it shows: Mira's referral to the Lighthouse Shelter waits in shelter.nora's inbox; Ana has
support under way at the shelter and a referral the NGO declined (the coordinator is asked to
choose another service); Oleksandr's emergency referral to the Barnahus is overdue and has been
swept, so his case, which also lacks a coordinator, heads the "children without a pathway" list.
"""

from datetime import timedelta

from django.db import transaction

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from childpath.directory.models import Attribute, ServiceAtLocation
from childpath.referrals import lifecycle, services, sweep
from childpath.referrals.models import Referral, ReferralChange
from childpath.referrals.services import ReferralData

# (child, sender, receiving organisation key, need, urgency, shared items, reason,
#  then the receiver's answers as (username, status, reason))
PLAN = [
    (
        "Mira",
        "coordinator.lena",
        "shelter",
        "safe_accommodation",
        "urgent",
        ["needs", "age", "sex", "languages", "lead_contact"],
        "Needs a safe place away from an older online 'boyfriend' who knows her school. "
        "(Fictional.)",
        [],
    ),
    (
        "Ana",
        "coordinator.lena",
        "shelter",
        "psychosocial_support",
        "routine",
        ["needs", "age", "languages", "lead_contact"],
        "Trauma support after years of sexual exploitation that began at 15. (Fictional.)",
        [("shelter.nora", "accepted", ""), ("shelter.nora", "active", "")],
    ),
    (
        "Ana",
        "coordinator.lena",
        "ngo",
        "legal_aid",
        "routine",
        ["needs", "languages", "lead_contact"],
        "Advice on compensation and on giving evidence. (Fictional.)",
        [
            (
                "ngo.amir",
                "declined",
                "No lawyer speaking Serbian is free before next month. (Fictional.)",
            )
        ],
    ),
    (
        "Oleksandr",
        "caseworker.sara",
        "barnahus",
        "barnahus_interview",
        "emergency",
        ["needs", "age", "sex", "languages", "unaccompanied"],
        "Child-friendly interview about the adults who collected his money. (Fictional.)",
        [],
    ),
]
# Oleksandr's referral was sent two days ago and never acknowledged: overdue.
BACKDATE = {"Oleksandr": timedelta(days=2)}


def _place(organisation: Organisation, need: str) -> ServiceAtLocation | None:
    with_need = Attribute.objects.filter(taxonomy_term__code=need).values("link_id")
    return (
        ServiceAtLocation.objects.filter(
            service__organization__organisation=organisation, service_id__in=with_need
        )
        .select_related("service__organization__organisation")
        .order_by("id")
        .first()
    )


def _backdate(referral: Referral, by: timedelta) -> None:
    """Move a just-sent referral into the past, as if sent ``by`` ago (demo data only)."""
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=referral.sent_at - by,
        status_changed_at=referral.status_changed_at - by,
        acknowledge_by=referral.acknowledge_by - by,
        respond_by=referral.respond_by - by,
        due_at=referral.acknowledge_by - by,
    )
    ReferralChange.objects.filter(referral=referral).update(at=referral.sent_at - by)
    # The timeline entry keeps the time it was written: the audit chain covers it.


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    sent = 0
    done = {name for name, case in cases.items() if Referral.objects.filter(case=case).exists()}
    for child, sender, receiver, need, urgency, items, reason, answers in PLAN:
        case = cases.get(child)
        place = _place(organisations[receiver], need) if receiver in organisations else None
        if case is None or child in done or place is None:
            continue
        with transaction.atomic():
            referral = services.send_referral(
                actor=users[sender],
                case=Case.objects.get(pk=case.pk),
                service_at_location=place,
                data=ReferralData(need=need, reason=reason, urgency=urgency, shared_items=items),
            )
            if child in BACKDATE:
                _backdate(referral, BACKDATE[child])
            for username, status, why in answers:
                referral.refresh_from_db()
                services.change_status(
                    actor=users[username], referral=referral, status=status, reason=why
                )
        sent += 1
    overdue = sweep.sweep()
    pending = Referral.objects.filter(status__in=lifecycle.PENDING).count()
    return {"referrals": sent, "overdue_marked": overdue, "referrals_pending": pending}
