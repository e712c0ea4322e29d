"""The service directory: Open Referral HSDS v3.0 tables with UUID ids.

Each model is one HSDS table (field names as in HSDS, so import and export map one to one).
References that HSDS makes optional are "soft" foreign keys (``db_constraint=False``): HSDS data
published by others often points at records that are not in the same file (a parent organisation,
a taxonomy, a contact's organisation), and the importer keeps such an id instead of dropping it.
Only the links the directory cannot work without are hard: a service belongs to an organization,
and a service at a location has both. Nothing here holds case data.

Childpath extensions (``Service.emergency`` and the others under "Derived for search") are not
HSDS fields: they are computed from HSDS attributes, schedules and cost options by the import
service so that search filters on plain indexed columns (see childpath/directory/eligibility.py).
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.directory.hours import Rule


def soft_fk(to: str, related_name: str, verbose_name: str | None = None) -> models.ForeignKey:  # type: ignore[type-arg]
    """An optional HSDS reference that may point outside the data we hold (see module docstring)."""
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Gender(models.TextChoices):
    ANY = "", _("Any gender")
    FEMALE = "female", _("Girls and women only")
    MALE = "male", _("Boys and men only")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


class Taxonomy(models.Model):
    """HSDS ``taxonomy``: a vocabulary of terms (ours is childpath/directory/taxonomy_data.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.TextField(_("name"))
    description = models.TextField(_("description"))
    uri = models.TextField(blank=True)
    version = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """HSDS ``taxonomy_term``: a need or service type; linked to services by ``Attribute``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    code = models.CharField(_("code"), max_length=200, blank=True, db_index=True)
    name = models.TextField(_("name"))
    description = models.TextField(_("description"))
    parent = soft_fk("self", "children")
    taxonomy = models.TextField(blank=True)
    taxonomy_detail = soft_fk("Taxonomy", "terms")
    language = models.CharField(max_length=35, blank=True)
    term_uri = models.TextField(blank=True)

    class Meta:
        ordering = ["code", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """HSDS ``organization``: who provides services. ``organisation`` is the Childpath
    organisation whose users receive referrals for its services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.TextField(_("name"))
    alternate_name = models.TextField(blank=True)
    description = models.TextField(_("description"))
    email = models.TextField(blank=True)
    website = models.TextField(blank=True)
    tax_status = models.TextField(blank=True)
    tax_id = models.TextField(blank=True)
    year_incorporated = models.PositiveSmallIntegerField(null=True, blank=True)
    legal_status = models.TextField(blank=True)
    logo = models.TextField(blank=True)
    uri = models.TextField(blank=True)
    parent_organization = soft_fk("self", "child_organizations")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Childpath organisation receiving referrals"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_organizations",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service organisation")
        verbose_name_plural = _("service organisations")

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(models.Model):
    """HSDS ``organization_identifier``: a registration number in some scheme."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = soft_fk("Organization", "organization_identifiers")
    identifier_scheme = models.TextField(blank=True)
    identifier_type = models.TextField()
    identifier = models.TextField()

    def __str__(self) -> str:
        return self.identifier


class Program(models.Model):
    """HSDS ``program``: a group of services of one organization."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = soft_fk("Organization", "programs")
    name = models.TextField()
    alternate_name = models.TextField(blank=True)
    description = models.TextField()

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """HSDS ``service``, with child-relevant eligibility derived for search."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    program = soft_fk("Program", "services")
    name = models.TextField(_("name"))
    alternate_name = models.TextField(blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.TextField(blank=True)
    email = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True)
    fees_description = models.TextField(blank=True)
    wait_time = models.TextField(blank=True)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.TextField(blank=True)
    licenses = models.TextField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)

    # Derived for search (Childpath extension, recomputed on import; see eligibility.py).
    emergency = models.BooleanField(_("emergency service"), default=False)
    always_open = models.BooleanField(_("open 24/7"), default=False)
    trafficking_specialist = models.BooleanField(
        _("specialised in trafficking or sexual exploitation"), default=False
    )
    gender = models.CharField(
        _("gender served"), max_length=10, choices=Gender.choices, blank=True, default=""
    )
    free_of_charge = models.BooleanField(_("free of charge"), null=True, blank=True)

    # Chosen by an administrator, not derived from HSDS (which has no such field), so an import
    # never changes it: only services a child may contact on their own, without an adult or a
    # referral, appear on the public help pages for children (DESIGN.md 6.10).
    accepts_children_directly = models.BooleanField(
        _("accepts children directly"),
        default=False,
        db_index=True,
        help_text=_(
            "A child or young person can contact this service on their own, without an adult or"
            " a referral. Such services are shown on the public help pages for children."
        ),
    )

    # Retired by an administrator (a soft end: the record, and the referrals that point at it,
    # stay; the status says it no longer runs, so search, help pages and new referrals skip it).
    retired_at = models.DateTimeField(_("retired on"), null=True, blank=True)
    retired_reason = models.TextField(_("why it was retired"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """HSDS ``location``: where a service is delivered (physical, postal or virtual)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location_type = models.CharField(
        max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    url = models.TextField(blank=True)
    organization = soft_fk("Organization", "locations")
    name = models.TextField(_("name"), blank=True)
    alternate_name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.TextField(blank=True)
    external_identifier_type = models.TextField(blank=True)

    # Derived for search: an accessibility attribute says the location is step-free.
    step_free = models.BooleanField(_("step-free access"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["latitude", "longitude"], name="dir_location_latlon")]

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(models.Model):
    """HSDS ``service_at_location``: a service delivered at a location; referrals point here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    description = models.TextField(blank=True)

    # Derived for search: copies of what the search filters and orders on, so that it reads
    # this one table and its indexes and joins the rest for the rows it shows only.
    # services.refresh_flags keeps them in step with the service and the location.
    active = models.BooleanField(default=True)
    sort_name = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote = models.BooleanField(default=False)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    emergency = models.BooleanField(default=False)
    always_open = models.BooleanField(default=False)
    gender = models.CharField(max_length=10, blank=True, default="")
    # The codes of the service's taxonomy terms, "|legal_aid|health|": the need filter reads
    # the rows the place filter leaves, without a join.
    needs = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="dir_sal_latlon"),
            models.Index(fields=["remote"], name="dir_sal_remote"),
            models.Index(fields=["sort_name", "id"], name="dir_sal_name"),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.location}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Rows created one by one (admin, tests, other apps) get their search columns too;
        # the import service writes in bulk and refreshes them itself.
        if kwargs.get("update_fields") is None:
            for name, value in self.search_columns().items():
                setattr(self, name, value)
        super().save(*args, **kwargs)

    def search_columns(self, codes: Iterable[str] | None = None) -> dict[str, Any]:
        """The copies of the service's and the location's fields that the search reads.

        ``codes``: the codes of the service's taxonomy terms, if the caller has them.
        """
        service, location = self.service, self.location
        if codes is None:
            linked = Attribute.objects.filter(link_id=service.pk, taxonomy_term__isnull=False)
            codes = linked.values_list("taxonomy_term__code", flat=True)
        wanted = sorted({code for code in codes if code})
        return {
            "needs": f"|{'|'.join(wanted)}|" if wanted else "",
            "active": service.status == ServiceStatus.ACTIVE,
            "sort_name": service.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "remote": location.location_type == LocationType.VIRTUAL,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "emergency": service.emergency,
            "always_open": service.always_open,
            "gender": service.gender,
        }


class Address(models.Model):
    """HSDS ``address`` of a location."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = soft_fk("Location", "addresses")
    attention = models.TextField(blank=True)
    address_1 = models.TextField()
    address_2 = models.TextField(blank=True)
    city = models.TextField()
    region = models.TextField(blank=True)
    state_province = models.TextField()
    postal_code = models.TextField()
    country = models.TextField()
    address_type = models.CharField(max_length=10, choices=LocationType.choices)

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city}"


class Contact(models.Model):
    """HSDS ``contact``: a named person or role to reach."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = soft_fk("Organization", "contacts")
    service = soft_fk("Service", "contacts")
    service_at_location = soft_fk("ServiceAtLocation", "contacts")
    location = soft_fk("Location", "contacts")
    name = models.TextField(blank=True)
    title = models.TextField(blank=True)
    department = models.TextField(blank=True)
    email = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(models.Model):
    """HSDS ``phone``; one number may belong to several of the objects it names."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = soft_fk("Location", "phones")
    service = soft_fk("Service", "phones")
    organization = soft_fk("Organization", "phones")
    contact = soft_fk("Contact", "phones")
    service_at_location = soft_fk("ServiceAtLocation", "phones")
    number = models.TextField(_("number"))
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.TextField(blank=True)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """HSDS ``schedule``: RRULE-style opening hours (see childpath/directory/hours.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = soft_fk("Service", "schedules")
    location = soft_fk("Location", "schedules")
    service_at_location = soft_fk("ServiceAtLocation", "schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveIntegerField(null=True, blank=True)
    byday = models.TextField(blank=True)
    byweekno = models.TextField(blank=True)
    bymonthday = models.TextField(blank=True)
    byyearday = models.TextField(blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.TextField(blank=True)
    attending_type = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description or str(self.id)

    def as_rule(self) -> Rule:
        """The plain rule the opening-hours logic (hours.py) reads."""
        return Rule(
            opens_at=self.opens_at,
            closes_at=self.closes_at,
            freq=self.freq,
            byday=self.byday,
            bymonthday=self.bymonthday,
            byweekno=self.byweekno,
            interval=self.interval,
            dtstart=self.dtstart,
            until=self.until,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            timezone=self.timezone,
        )


class ServiceArea(models.Model):
    """HSDS ``service_area``: the area a service covers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = soft_fk("Service", "service_areas")
    name = models.TextField(blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.TextField(blank=True)
    uri = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)


class Language(models.Model):
    """HSDS ``language`` spoken at a service, a location or on a phone line."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = soft_fk("Service", "languages")
    location = soft_fk("Location", "languages")
    phone = soft_fk("Phone", "languages")
    name = models.TextField(blank=True)
    code = models.CharField(max_length=35, blank=True, db_index=True)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or self.code


class CostOption(models.Model):
    """HSDS ``cost_option``: what a service costs; an amount of 0 means free."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = soft_fk("Service", "cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.option or str(self.id)


class Accessibility(models.Model):
    """HSDS ``accessibility`` of a location."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = soft_fk("Location", "accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description or str(self.id)


class Funding(models.Model):
    """HSDS ``funding`` of an organization or service."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = soft_fk("Organization", "funding")
    service = soft_fk("Service", "funding")
    source = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.source or str(self.id)


class RequiredDocument(models.Model):
    """HSDS ``required_document`` to access a service."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = soft_fk("Service", "required_documents")
    document = models.TextField(blank=True)
    uri = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.document or str(self.id)


class Attribute(models.Model):
    """HSDS ``attribute``: links any object (``link_entity`` + ``link_id``) to a taxonomy term.

    Services are linked to their service types (needs) this way, as HSDS v3 prescribes.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    link_id = models.UUIDField()
    taxonomy_term = soft_fk("TaxonomyTerm", "attributes")
    link_type = models.TextField(blank=True)
    link_entity = models.CharField(max_length=40, blank=True)
    value = models.TextField(blank=True)

    class Meta:
        indexes = [
            # The need filter of the search: services linked to one term.
            models.Index(fields=["taxonomy_term", "link_id"], name="dir_attribute_term_link"),
            models.Index(fields=["link_id"], name="dir_attribute_link"),
        ]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}"


class Metadata(models.Model):
    """HSDS ``metadata``: the publisher's change log of one field of one record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    resource_id = models.UUIDField(null=True, blank=True, db_index=True)
    resource_type = models.TextField(blank=True)
    last_action_date = models.DateField(null=True, blank=True)
    last_action_type = models.TextField(blank=True)
    field_name = models.TextField(blank=True)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.resource_type} {self.field_name}"


class MetaTableDescription(models.Model):
    """HSDS ``meta_table_description``: about a published table."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.TextField(blank=True)
    language = models.TextField(blank=True)
    character_set = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)
