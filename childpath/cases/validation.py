"""Domain checks shared by the pages and the API, so both give the same translated errors.

Each check returns ``{field: [message, ...]}``; empty means valid.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.cases.models import CameToNotice, MigrationStatus, Sex, YesNoUnknown
from childpath.lib import geo
from childpath.lib.text import clean_name

MAX_NAME = 200
MAX_ALIASES = 20
MAX_TEXT = 4000
MAX_OBSERVATIONS = 10000
MAX_PLACE = 300
MAX_AGE = 120

# Nothing in a child's life (an encounter, an assessment, a decision) is dated before this.
EARLIEST_DATE = date(1900, 1, 1)

Errors = dict[str, list[str]]


@dataclass
class ChildData:
    """What a professional records about the child."""

    sex: str = Sex.UNKNOWN
    given_names: str = ""
    family_name: str = ""
    aliases: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    claimed_age: int | None = None
    age_disputed: bool = False
    citizenship: str = ""
    languages: list[str] = field(default_factory=list)
    migration_status: str = MigrationStatus.UNKNOWN
    unaccompanied: str = YesNoUnknown.UNKNOWN
    documents: str = ""
    contacts: str = ""

    def __post_init__(self) -> None:
        # Names are stored and indexed as NFC without invisible characters (lib/text.py), so
        # a zero-width space pasted into a name cannot make the child unfindable.
        self.given_names = clean_name(self.given_names)
        self.family_name = clean_name(self.family_name)
        self.aliases = [name for name in map(clean_name, self.aliases) if name]


@dataclass
class EncounterData:
    """How the child came to notice."""

    came_to_notice: str
    occurred_on: date
    place: str = ""
    observations: str = ""


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _check_length(errors: Errors, name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        _add(errors, name, _("At most %(limit)d characters.") % {"limit": limit})


def check_child(data: ChildData) -> Errors:
    errors: Errors = {}
    today = timezone.localdate()
    for name in ("given_names", "family_name"):
        _check_length(errors, name, getattr(data, name), MAX_NAME)
    _check_length(errors, "documents", data.documents, MAX_TEXT)
    _check_length(errors, "contacts", data.contacts, MAX_TEXT)
    if len(data.aliases) > MAX_ALIASES:
        _add(errors, "aliases", _("At most %(limit)d names.") % {"limit": MAX_ALIASES})
    if any(len(alias) > MAX_NAME for alias in data.aliases):
        _add(
            errors,
            "aliases",
            _("Each name may have at most %(limit)d characters.") % {"limit": MAX_NAME},
        )
    if data.date_of_birth is not None:
        if data.date_of_birth > today:
            _add(errors, "date_of_birth", _("The date of birth cannot be in the future."))
        elif today.year - data.date_of_birth.year > MAX_AGE:
            _add(errors, "date_of_birth", _("The date of birth is more than 120 years ago."))
    if data.claimed_age is not None and not 0 <= data.claimed_age <= MAX_AGE:
        _add(errors, "claimed_age", _("Enter an age between 0 and 120."))
    if data.sex not in Sex.values:
        _add(errors, "sex", _("Choose one of the options."))
    if data.migration_status not in MigrationStatus.values:
        _add(errors, "migration_status", _("Choose one of the options."))
    if data.unaccompanied not in YesNoUnknown.values:
        _add(errors, "unaccompanied", _("Choose one of the options."))
    if data.citizenship and data.citizenship not in geo.country_codes():
        _add(
            errors,
            "citizenship",
            _("“%(code)s” is not a known country code (ISO 3166-1, for example SE).")
            % {"code": data.citizenship},
        )
    unknown = [code for code in data.languages if code not in geo.language_codes()]
    if unknown:
        _add(
            errors,
            "languages",
            _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    return errors


def check_life_date(name: str, value: date, born: date | None) -> Errors:
    """A date in the child's life: not before 1900 and not before the birth, when known."""
    if value < EARLIEST_DATE:
        return {name: [_("The date cannot be before 1900.")]}
    if born is not None and value < born:
        return {name: [_("The date cannot be before the child's date of birth.")]}
    return {}


def merge(errors: Errors, more: Errors) -> Errors:
    for name, messages in more.items():
        errors.setdefault(name, []).extend(messages)
    return errors


def check_encounter(data: EncounterData, born: date | None = None) -> Errors:
    errors: Errors = {}
    if data.came_to_notice not in CameToNotice.values:
        _add(errors, "came_to_notice", _("Choose one of the options."))
    if data.occurred_on > timezone.localdate():
        _add(errors, "occurred_on", _("The date cannot be in the future."))
    else:
        merge(errors, check_life_date("occurred_on", data.occurred_on, born))
    _check_length(errors, "place", data.place, MAX_PLACE)
    _check_length(errors, "observations", data.observations, MAX_OBSERVATIONS)
    return errors
