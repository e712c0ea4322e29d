"""The rights part of the fictional demo, through the services, idempotently.

Oleksandr (doubtful age, alone, presumed victim after his screening, speaks Ukrainian): the
lead agency's caseworker told him about every right in force, in Ukrainian, with an interpreter
and the written handout; a guardian was requested and appointed the same day; he got a safe
place to stay and a health check the same day too.
"""

from datetime import timedelta

from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.cases.models import Case
from childpath.rights import services
from childpath.rights.models import Guardian, InformationDelivery, RightProvision
from childpath.rights.selectors import case_rights
from childpath.rights.validation import AppointmentData, DeliveryData, ProvisionData

# What the demo records as provided to Oleksandr: the right, and the organisation that gave it.
PROVIDED = {
    "safe_accommodation": ("shelter", "A room at {name}."),
    "health_care": ("hospital", "A health check at {name}."),
}


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    deliveries = guardians = provisions = 0
    child = cases.get("Oleksandr")
    if child is None or not case_rights(child).in_force:
        return {"information_deliveries": 0, "guardians": 0, "right_provisions": 0}
    sara = users["caseworker.sara"]
    now = timezone.now()
    if not InformationDelivery.objects.filter(case=child).exists():
        services.record_delivery(
            actor=sara,
            case=child,
            data=DeliveryData(
                all_in_force=True,
                language="uk",
                formats=["oral", "interpreter", "written"],
                delivered_at=now - timedelta(hours=2),
                understood="partly",
                child_views="Fictional: asked whether he can stay with his cousin in Ekby, and "
                "whether the police will send him back.",
            ),
        )
        deliveries += 1
    if not Guardian.objects.filter(case=child).exists():
        services.request_guardian(actor=sara, case=child, requested_at=now - timedelta(hours=3))
        services.appoint_guardian(
            actor=sara,
            case=child,
            data=AppointmentData(
                guardian_name="Gunnar Exempel (fictional)",
                guardian_organisation=organisations["guardian"].name,
                contact_phone="+46 00 000 00 00",
                contact_email="god.man@norrvik.example",
                appointed_at=now - timedelta(minutes=30),
            ),
        )
        guardians += 1
    for code, (key, note) in PROVIDED.items():
        if RightProvision.objects.filter(case=child, right=code).exists():
            continue
        note = note.format(name=organisations[key].name)
        services.record_provision(
            actor=sara,
            case=child,
            data=ProvisionData(right=code, provided_on=timezone.localdate(), note=note),
        )
        provisions += 1
    return {
        "information_deliveries": deliveries,
        "guardians": guardians,
        "right_provisions": provisions,
    }
