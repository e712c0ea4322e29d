"""Services an administrator adds, edits or retires by hand, beside the HSDS imports.

The same rules as an import: one transaction with its audit event, and the copies the search
reads refreshed in it. Retiring is soft: the record stays (referrals point at it), marked
defunct with the reason, so search, the help pages and new referrals leave it out.
"""

from collections.abc import Iterable
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.audit.services import record
from childpath.directory.models import (
    Attribute,
    Location,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from childpath.directory.services import refresh_flags
from childpath.directory.taxonomy_data import SERVICE_TYPE_CODES, term_id

SERVICE_TYPE_IDS = {term_id(code): code for code in SERVICE_TYPE_CODES}


def service_types(service: Service) -> list[str]:
    """The codes of the service types (needs) a service is linked to."""
    linked = Attribute.objects.filter(link_id=service.pk, taxonomy_term_id__in=SERVICE_TYPE_IDS)
    return sorted(
        SERVICE_TYPE_IDS[str(pk)] for pk in linked.values_list("taxonomy_term_id", flat=True)
    )


def _set_types(service: Service, codes: Iterable[str]) -> bool:
    wanted = {term_id(code) for code in codes}
    linked = Attribute.objects.filter(link_id=service.pk, taxonomy_term_id__in=SERVICE_TYPE_IDS)
    have = {str(pk) for pk in linked.values_list("taxonomy_term_id", flat=True)}
    linked.exclude(taxonomy_term_id__in=wanted).delete()
    Attribute.objects.bulk_create(
        Attribute(
            id=uuid4(),
            link_id=service.pk,
            taxonomy_term_id=term,
            link_entity="service",
            link_type="service_type",
        )
        for term in sorted(wanted - have)
    )
    return wanted != have


def save_service(
    *,
    actor: User,
    service: Service,
    changed: Iterable[str],
    created: bool,
    types: Iterable[str],
    location: Location | None = None,
) -> Service:
    """Store a service the administration form filled in, with its service types and, for a
    new service, the place where it is delivered; audited with the names of the fields."""
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None and low > high:
        raise ValidationError({"maximum_age": [_("The maximum age is below the minimum age.")]})
    fields = set(changed)
    with transaction.atomic():
        if created:
            service.status = ServiceStatus.ACTIVE
        service.save()
        if _set_types(service, types):
            fields.add("service_types")
        if (
            location is not None
            and not ServiceAtLocation.objects.filter(service=service, location=location).exists()
        ):
            ServiceAtLocation.objects.create(id=uuid4(), service=service, location=location)
            fields.add("location")
        refresh_flags([str(service.pk)], [])
        record(
            actor=actor,
            action="directory.service_create" if created else "directory.service_update",
            fields=sorted(fields),
            purpose=f"service {service.pk}",
        )
    return service


def retire_service(*, actor: User, service: Service, reason: str) -> Service:
    """Retire a service that no longer runs: kept, marked defunct, with the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the service is retired.")]})
    with transaction.atomic():
        changed = Service.objects.filter(pk=service.pk, retired_at__isnull=True).update(
            status=ServiceStatus.DEFUNCT,
            retired_at=timezone.now(),
            retired_reason=reason[:2000],
        )
        if changed != 1:
            raise ValidationError(_("This service is already retired."))
        service.refresh_from_db()
        refresh_flags([str(service.pk)], [])
        record(
            actor=actor,
            action="directory.service_retire",
            fields=["status", "retired_reason"],
            purpose=f"service {service.pk}: {reason}"[:500],
        )
    return service
