"""Checks shared by the pages and the API, so both give the same translated field errors.

Each check returns ``{field: [message, ...]}``; empty means valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from childpath.jurisdiction.labels import RIGHT_TITLES
from childpath.jurisdiction.profile import RIGHT_CODES, Profile
from childpath.lib import geo
from childpath.rights.core import IN_FORCE, PENDING, RightStatus
from childpath.rights.models import Format, Understanding

MAX_VIEWS = 4000
MAX_NAME = 200
# A phone number as people write it: digits, spaces, +, -, dots, brackets.
PHONE = re.compile(r"^\+?[\d\s().-]{3,39}$")
MAX_EMAIL = 254
MAX_NOTE = 1000
# Rights met by their own records, not by a provision record: the information right by a
# delivery of information, the guardian right by the guardian's appointment.
OWN_RECORDS = frozenset({"information", "guardian"})

Errors = dict[str, list[str]]


@dataclass
class DeliveryData:
    """What a professional records after telling the child about rights."""

    language: str
    delivered_at: datetime
    understood: str
    rights: list[str] = field(default_factory=list)
    all_in_force: bool = False
    formats: list[str] = field(default_factory=list)
    child_views: str = ""


@dataclass
class ProvisionData:
    """What a professional records when a right in force was provided (or offered, declined)."""

    right: str
    provided_on: date
    declined: bool = False
    note: str = ""


@dataclass
class AppointmentData:
    guardian_name: str
    appointed_at: datetime
    guardian_organisation: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _not_future(errors: Errors, name: str, moment: datetime) -> None:
    if moment > timezone.now():
        _add(errors, name, _("This cannot be in the future."))


def check_delivery(data: DeliveryData, profile: Profile, in_force: list[str]) -> Errors:
    errors: Errors = {}
    unknown = [code for code in data.rights if code not in RIGHT_CODES]
    if unknown:
        _add(errors, "rights", _("Unknown right: %(codes)s.") % {"codes": ", ".join(unknown)})
    elsewhere = [c for c in data.rights if c in RIGHT_CODES and profile.right(c) is None]
    if elsewhere:
        _add(
            errors,
            "rights",
            _("Not a right under this jurisdiction's profile: %(codes)s.")
            % {"codes": ", ".join(elsewhere)},
        )
    if data.all_in_force and not in_force:
        message = _("No right is in force yet: choose the rights you explained.")
        _add(errors, "all_in_force", message)
    if not data.all_in_force and not data.rights:
        _add(errors, "rights", _("Choose at least one right, or every right in force."))
    if data.language.lower() not in geo.language_codes():
        _add(errors, "language", _("Unknown language: use an ISO 639 code such as sv or uk."))
    if not data.formats:
        _add(errors, "formats", _("Choose at least one format."))
    if any(item not in Format.values for item in data.formats):
        _add(errors, "formats", _("Choose one of the options."))
    if data.understood not in Understanding.values:
        _add(errors, "understood", _("Choose one of the options."))
    if len(data.child_views) > MAX_VIEWS:
        _add(errors, "child_views", _("At most %(limit)d characters.") % {"limit": MAX_VIEWS})
    _not_future(errors, "delivered_at", data.delivered_at)
    return errors


def check_request(requested_at: datetime) -> Errors:
    errors: Errors = {}
    _not_future(errors, "requested_at", requested_at)
    return errors


def check_appointment(data: AppointmentData, requested_at: datetime | None) -> Errors:
    errors: Errors = {}
    if not data.guardian_name.strip():
        _add(errors, "guardian_name", _("Enter the name of the guardian."))
    for name in ("guardian_name", "guardian_organisation"):
        if len(getattr(data, name)) > MAX_NAME:
            _add(errors, name, _("At most %(limit)d characters.") % {"limit": MAX_NAME})
    digits = sum(char.isdigit() for char in data.contact_phone)
    if data.contact_phone and not (PHONE.match(data.contact_phone) and digits >= 3):
        _add(errors, "contact_phone", _("Enter a phone number, for example +46 8 123 456."))
    if data.contact_email:
        try:
            if len(data.contact_email) > MAX_EMAIL:
                raise ValidationError("too long")
            validate_email(data.contact_email)
        except ValidationError:
            _add(errors, "contact_email", _("Enter a valid e-mail address."))
    if not (data.contact_phone.strip() or data.contact_email.strip()):
        # The handout tells the child how to reach the guardian: one way at least.
        _add(errors, "contact_phone", _("Enter a phone number or an e-mail address (or both)."))
    _not_future(errors, "appointed_at", data.appointed_at)
    if requested_at is not None and data.appointed_at < requested_at:
        _add(errors, "appointed_at", _("The appointment cannot come before the request."))
    return errors


def check_provision(data: ProvisionData, status: RightStatus | None, registered_on: date) -> Errors:
    """``status``: the right's status for the case now (None: not a right of the profile);
    ``registered_on``: the day the case was registered, in the instance's time zone."""
    errors: Errors = {}
    title = RIGHT_TITLES.get(data.right, data.right)
    if status is None:
        _add(errors, "right", _("Not a right under this jurisdiction's profile."))
    elif data.right == "information":
        message = _("The information right is met by recording that the child was informed.")
        _add(errors, "right", message)
    elif data.right == "guardian":
        _add(errors, "right", _("The guardian right is met by recording the appointment."))
    elif status.status == PENDING:
        message = _("“%(right)s” is not in force yet, so it cannot be recorded as provided.")
        _add(errors, "right", message % {"right": title})
    elif status.status != IN_FORCE:
        message = _("“%(right)s” does not apply to this child, so it cannot be recorded.")
        _add(errors, "right", message % {"right": title})
    if len(data.note) > MAX_NOTE:
        _add(errors, "note", _("At most %(limit)d characters.") % {"limit": MAX_NOTE})
    if data.provided_on > timezone.localdate():
        _add(errors, "provided_on", _("This cannot be in the future."))
    elif data.provided_on < registered_on:
        message = _("This cannot be before the case was registered (%(date)s).")
        _add(errors, "provided_on", message % {"date": date_format(registered_on)})
    return errors
