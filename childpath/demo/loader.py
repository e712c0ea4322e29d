"""Load the fictional demo through the same services users go through, idempotently."""

import importlib
from datetime import timedelta
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from childpath.accounts.models import Organisation, Role, User
from childpath.cases import services
from childpath.cases.models import Case, SearchToken
from childpath.cases.search import token
from childpath.cases.validation import ChildData, EncounterData
from childpath.demo import data
from childpath.screening.services import screen_at_once

# Apps that add their part of the demo, in this order. Each has a module ``demo`` with
# ``load(*, users, organisations, cases) -> dict[str, int]``, idempotent like this loader; cases
# are keyed by the fictional child's given name.
EXTENSIONS = (
    "identification",
    "age_assessment",
    "rights",
    "directory",
    "referrals",
    "signin",
    "exchange",
    "matching",
    "help",
)


def dataset(country: str | None = None) -> ModuleType:
    """The demo of this instance's country: Sweden, or the paired Serbian instance."""
    country = country or settings.CHILDPATH_COUNTRY
    if country == "RS":
        from childpath.demo import data_rs

        return data_rs
    return data


def load(*, country: str | None = None) -> dict[str, int]:
    country = country or settings.CHILDPATH_COUNTRY
    source = dataset(country)
    with transaction.atomic():
        organisations = _organisations(country, source)
        users = _users(organisations, source)
    cases: dict[str, Case] = {}
    created = 0
    for spec in source.CHILDREN:
        case, new = _child(spec, users, organisations)
        cases[spec["child"]["given_names"]] = case
        created += new
    counts = {"organisations": len(organisations), "users": len(users), "new_cases": created}
    for app in getattr(source, "EXTENSIONS", EXTENSIONS):
        try:
            module = importlib.import_module(f"childpath.{app}.demo")
        except ModuleNotFoundError:
            continue
        counts |= module.load(users=users, organisations=organisations, cases=cases)
    return counts


def _organisations(country: str, source: ModuleType) -> dict[str, Organisation]:
    result = {}
    for key, name, sector, may_identify, focal, provider in source.ORGANISATIONS:
        result[key], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "sector": sector,
                "country": country,
                "may_identify": may_identify,
                "is_focal_point": focal,
                "is_service_provider": provider,
            },
        )
    return result


def _contact(user: User, index: int, source: ModuleType) -> None:
    """Fictional addresses and work phones, so the demo's e-mails reach someone (a file: the
    demo has no mail server) and a referral can share the lead's contact. A value the tester
    changed on the profile page is kept."""
    domain = getattr(source, "MAIL_DOMAIN", "demo.childpath.invalid")
    user.email = user.email or f"{user.username}@{domain}"
    user.work_email = user.work_email or f"{user.username}@work.{domain}"
    user.work_phone = (
        user.work_phone or f"{getattr(source, 'PHONE_PREFIX', '+46 00 000')} {index:02d}"
    )


def _users(organisations: dict[str, Organisation], source: ModuleType) -> dict[str, User]:
    result = {}
    for index, (username, first, last, org_key, role) in enumerate(source.USERS, start=1):
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first, last
        user.organisation = organisations[org_key]
        user.role = role
        user.is_staff = role == Role.ADMINISTRATOR
        user.is_active = True
        if not user.has_usable_password() or not user.check_password(data.PASSWORD):
            user.set_password(data.PASSWORD)
        _contact(user, index, source)
        user.save()
        result[username] = user
    return result


def _existing(child: dict[str, Any]) -> Case | None:
    """Found through the blind index, like any user would find the child."""
    names = [f"{child.get('given_names', '')} {child.get('family_name', '')}".strip()]
    names += child.get("aliases", [])
    tokens = [token(name, child.get("date_of_birth")) for name in names if name]
    found = SearchToken.objects.filter(token__in=tokens).values_list("case_id", flat=True).first()
    return None if found is None else Case.objects.get(pk=found)


def _child(
    spec: dict[str, Any], users: dict[str, User], orgs: dict[str, Organisation]
) -> tuple[Case, int]:
    if (existing := _existing(spec["child"])) is not None:
        return existing, 0
    encounter = dict(spec["encounter"])
    encounter["occurred_on"] = timezone.localdate() - timedelta(days=encounter.pop("days_ago"))
    actor = users[spec["by"]]
    case = services.register_child(
        actor=actor,
        child=ChildData(**spec["child"]),
        encounter=EncounterData(**encounter),
        lead_organisation=orgs[spec["lead"]] if spec["lead"] else None,
    )
    if spec["coordinator"]:
        coordinator = users[spec["coordinator"]]
        # The lead agency's caseworker names the coordinator, as in practice.
        assigner = (
            coordinator
            if Case.objects.editable_by(coordinator).filter(pk=case.pk).exists()
            else actor
        )
        services.set_coordinator(actor=assigner, case=case, coordinator=coordinator)
    if "screening" in spec:
        screening = spec["screening"]
        screen_at_once(
            actor=users[screening["by"]],
            case=case,
            observations=screening["observations"],
            notes={},
            age_at_exploitation=screening["age_at_exploitation"],
            age_uncertain=case.age(date_of_birth=case.identity.birth_date).presumed,
        )
    return case, 1
