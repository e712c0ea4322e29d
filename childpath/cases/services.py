"""Every change to a case: one transaction, its audit event inside (DESIGN.md 6.2, 6.4)."""

from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import fields as dataclass_fields
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.audit.services import record
from childpath.cases.access import may_edit
from childpath.cases.changes import record_change
from childpath.cases.models import (
    ORGANISATION_WIDE_ROLES,
    Access,
    Case,
    CaseMember,
    CaseQuerySet,
    Encounter,
    Identity,
    SearchToken,
)
from childpath.cases.references import new_reference
from childpath.cases.search import query_tokens, reference_in, tokens_for
from childpath.cases.team import add_team_member as add_team_member
from childpath.cases.team import remove_team_member as remove_team_member
from childpath.cases.team import require_team as require_team
from childpath.cases.team import set_coordinator as set_coordinator
from childpath.cases.team import transfer_lead as transfer_lead
from childpath.cases.validation import ChildData, EncounterData, check_child, check_encounter
from childpath.jurisdiction.active import current_profile

IDENTITY_FIELDS = (
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "documents",
    "contacts",
)
# What a search result shows of the child beside the reference (cases/table.html).
RESULT_FIELDS = ("given_names", "family_name", "aliases", "date_of_birth")
CASE_FIELDS = (
    "sex",
    "claimed_age",
    "age_disputed",
    "citizenship",
    "languages",
    "migration_status",
    "unaccompanied",
)


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _write_identity(case: Case, identity: Identity, child: ChildData) -> None:
    identity.given_names = child.given_names.strip()
    identity.family_name = child.family_name.strip()
    identity.aliases = [alias.strip() for alias in child.aliases if alias.strip()]
    identity.date_of_birth = child.date_of_birth.isoformat() if child.date_of_birth else ""
    identity.documents = child.documents
    identity.contacts = child.contacts
    identity.save()
    index_names(case, identity)


def register_child(
    *,
    actor: User,
    child: ChildData,
    encounter: EncounterData,
    lead_organisation: Organisation | None = None,
) -> Case:
    """Record a concern and open a case for the child.

    The reporter joins the team with edit access; a lead organisation (for example the
    municipal social services) joins as a whole organisation.
    """
    if not actor.may_register or actor.organisation is None:
        raise PermissionDenied
    _raise_if(check_child(child) | check_encounter(encounter, born=child.date_of_birth))
    if lead_organisation is None and _leads_itself(actor):
        # A caseworker of an agency that may lead (social services) leads what it opens.
        lead_organisation = actor.organisation
    with transaction.atomic():
        case = _create_case(actor, child)
        Identity.objects.create(case=case)
        _write_identity(case, case.identity, child)
        Encounter.objects.create(
            case=case,
            recorded_by=actor,
            organisation=actor.organisation,
            **asdict(encounter),
        )
        CaseMember.objects.create(
            case=case, organisation=actor.organisation, user=actor, access=Access.EDIT
        )
        if lead_organisation is not None:
            CaseMember.objects.update_or_create(
                case=case,
                organisation=lead_organisation,
                user=None,
                defaults={"access": Access.EDIT},
            )
            case.lead_organisation = lead_organisation
            case.save(update_fields=["lead_organisation"])
        record_change(
            actor=actor,
            case=case,
            kind="case.registered",
            data={"came_to_notice": encounter.came_to_notice},
            action="case.create",
            fields=[f.name for f in dataclass_fields(ChildData)] + ["encounter"],
        )
    return case


def _leads_itself(actor: User) -> bool:
    assert actor.organisation is not None
    lead_sectors = current_profile().case_team.lead_sectors
    return actor.role in ORGANISATION_WIDE_ROLES and actor.organisation.sector in lead_sectors


def _create_case(actor: User, child: ChildData) -> Case:
    assert actor.organisation is not None
    values = {name: getattr(child, name) for name in CASE_FIELDS}
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(
                    reference=new_reference(),
                    created_by=actor,
                    created_by_organisation=actor.organisation,
                    claimed_on=timezone.localdate() if child.claimed_age is not None else None,
                    **values,
                )
        except IntegrityError:
            # 40 random bits: a collision is rare; draw again.
            continue
    raise RuntimeError("Could not draw a free case reference.")


def require_edit(actor: User, case: Case) -> None:
    """403 for a member of the team whose access is read-only (asked once: ``case_for``
    keeps its answer on the case)."""
    if not may_edit(actor, case):
        raise PermissionDenied


class StaleVersion(Exception):
    """Someone else changed the case since ``expected`` (a lost update avoided)."""

    def __init__(self, *, current: int, changed: list[str]) -> None:
        super().__init__(f"the case is at version {current}")
        self.current = current
        self.changed = changed


def changed_since(case: Case, version: int) -> list[str]:
    """The fields of the child's details changed after ``version`` (from the timeline)."""
    fields: list[str] = []
    for event in case.events.filter(kind="child.updated").order_by("id"):
        if int(event.data.get("version", 0)) > version:
            fields += [name for name in event.data.get("fields", []) if name not in fields]
    return fields


def update_child(
    *, actor: User, case: Case, child: ChildData, expected_version: int | None = None
) -> Case:
    """Replace the child's recorded details; audit names the fields that changed.

    With ``expected_version`` (the version the editor saw), a change made meanwhile by
    someone else raises StaleVersion instead of being overwritten.
    """
    require_edit(actor, case)
    _raise_if(check_child(child))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and expected_version != case.version:
            raise StaleVersion(current=case.version, changed=changed_since(case, expected_version))
        identity = case.identity
        before = child_data(case, identity)
        changed = [
            f.name
            for f in dataclass_fields(ChildData)
            if getattr(before, f.name) != getattr(child, f.name)
        ]
        if not changed:
            return case
        for name in CASE_FIELDS:
            setattr(case, name, getattr(child, name))
        if "claimed_age" in changed:
            case.claimed_on = timezone.localdate() if child.claimed_age is not None else None
        case.version += 1
        case.save()
        if set(changed) & set(IDENTITY_FIELDS):
            _write_identity(case, identity, child)
        record_change(
            actor=actor,
            case=case,
            kind="child.updated",
            data={"fields": changed, "version": case.version},
            action="case.update",
            fields=changed,
        )
    return case


def child_data(case: Case, identity: Identity) -> ChildData:
    return ChildData(
        sex=case.sex,
        given_names=identity.given_names,
        family_name=identity.family_name,
        aliases=list(identity.aliases or []),
        date_of_birth=identity.birth_date,
        claimed_age=case.claimed_age,
        age_disputed=case.age_disputed,
        citizenship=case.citizenship,
        languages=list(case.languages),
        migration_status=case.migration_status,
        unaccompanied=case.unaccompanied,
        documents=identity.documents,
        contacts=identity.contacts,
    )


def record_encounter(*, actor: User, case: Case, encounter: EncounterData) -> Encounter:
    """A later contact with a child already known."""
    require_edit(actor, case)
    assert actor.organisation is not None
    _raise_if(check_encounter(encounter, born=case.identity.birth_date))
    with transaction.atomic():
        row = Encounter.objects.create(
            case=case, recorded_by=actor, organisation=actor.organisation, **asdict(encounter)
        )
        record_change(
            actor=actor,
            case=case,
            kind="encounter.recorded",
            data={"came_to_notice": encounter.came_to_notice},
            action="encounter.create",
            fields=[f.name for f in dataclass_fields(EncounterData)],
        )
    return row


def record_read(
    *, actor: User, case: Case, fields: Iterable[str] = IDENTITY_FIELDS, purpose: str = ""
) -> None:
    """Reads of identifying data are audited too (DESIGN.md 6.4): one event per read."""
    with transaction.atomic():
        record(
            actor=actor,
            action="case.read",
            case_reference=case.reference,
            fields=fields,
            purpose=purpose,
        )


def index_names(case: Case, identity: Identity) -> None:
    """Rewrite the blind-index tokens of ``case`` from its (decrypted) identity: the whole
    names and every word of them. Called by every change of a name (``_write_identity``)
    and by ``manage.py reindex_names`` for cases indexed before the words were."""
    case.search_tokens.all().delete()
    SearchToken.objects.bulk_create(
        SearchToken(case=case, token=token)
        for token in tokens_for(identity.all_names(), identity.birth_date)
    )


def search(
    *, actor: User, cases: CaseQuerySet, name: str, date_of_birth: date | None
) -> CaseQuerySet:
    """Narrow ``cases`` (already limited to what ``actor`` may see) to those that have every
    word of ``name`` among their names (each word exact, through the blind index), or whose
    reference ``name`` is.

    The search is audited, with the fields used and never the values searched for; the
    names shown in the results are audited as reads by the caller (``record_results``).
    """
    reference = reference_in(name)
    tokens = query_tokens(name, date_of_birth)
    with transaction.atomic():
        fields = ["name", "date_of_birth"] if date_of_birth else ["name"]
        if reference is not None:
            fields.append("reference")
        record(actor=actor, action="case.search", fields=fields)
    by_name = Q()
    for each in tokens:
        # One small set of cases per word (the token index); the case must be in all of them.
        by_name &= Q(pk__in=SearchToken.objects.filter(token=each).values("case_id"))
    found = by_name if tokens else Q(pk__in=[])
    if reference is not None and date_of_birth is None:
        found |= Q(reference=reference)
    return cases.filter(found)


def record_results(*, actor: User, cases: Iterable[Case]) -> None:
    """The names shown in a list of search results are a read of each case's identity
    (DESIGN.md 6.4): one audit event per case shown, with the fields shown."""
    with transaction.atomic():
        for case in cases:
            record(
                actor=actor,
                action="case.read",
                case_reference=case.reference,
                fields=RESULT_FIELDS,
                purpose="search",
            )
