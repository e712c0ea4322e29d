"""Fill the benchmark database with synthetic, clearly fictional cases, fast.

Run by ``bench/run.py`` (DATABASE_URL must name the dedicated benchmark database):

    python bench/dataset.py --cases 100000 --out var/bench/dataset-100000.json

The shape mirrors what ``childpath.cases.services`` writes for a real case: the reporter on
the team as a person with edit access, a lead social services office as a whole organisation,
a coordinator (also a person on the team) for most cases, sometimes a shelter or Barnahus as a
whole organisation with view access, one or more encounters, a timeline and the blind-index
search tokens. Rows are written with ``bulk_create`` (the encrypted fields encrypt in
``get_prep_value``, so identities are stored encrypted as usual); the audit service is not
called per row: this is synthetic data, not user activity.

The benchmarked person is ``bench-caseworker`` of "Bench Social Services 01 (fictional)".
That office is the lead organisation, on the team as a whole organisation, of about 30% of
cases; the caseworker also coordinates some of them and is on the team in person of a few
cases of other offices.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from childpath.accounts.models import Organisation, Role, Sector, User  # noqa: E402
from childpath.cases.models import (  # noqa: E402
    Access,
    CameToNotice,
    Case,
    CaseEvent,
    CaseMember,
    Encounter,
    Identity,
    MigrationStatus,
    SearchToken,
    Sex,
    Stage,
    YesNoUnknown,
)
from childpath.cases.search import tokens_for  # noqa: E402

BENCH_USERNAME = "bench-caseworker"
BENCH_PASSWORD = "bench-fictional-password-1"  # noqa: S105  (synthetic benchmark account)
BENCH_ORGANISATION = "Bench Social Services 01 (fictional)"
SHARE_OF_BENCH_ORGANISATION = 0.30
CHUNK = 5_000

# (name pattern, how many, sector, may_identify, is_service_provider, users per organisation)
ORGANISATIONS = [
    ("Bench Social Services {:02d} (fictional)", 12, Sector.SOCIAL_SERVICES, True, True, 10),
    ("Bench Upper School {:02d} (fictional)", 20, Sector.EDUCATION, False, False, 3),
    ("Bench Police District {:02d} (fictional)", 5, Sector.POLICE, True, False, 6),
    ("Bench Children's Hospital {:02d} (fictional)", 3, Sector.HEALTH, False, True, 4),
    ("Bench Children's Rights NGO {:02d} (fictional)", 4, Sector.NGO, True, True, 5),
    ("Bench Shelter {:02d} (fictional)", 3, Sector.SHELTER, False, True, 4),
    ("Bench Barnahus {:02d} (fictional)", 2, Sector.BARNAHUS, True, True, 4),
    ("Bench Guardian Service {:02d} (fictional)", 1, Sector.GUARDIAN, False, True, 3),
]
ROLE_BY_SECTOR = {
    Sector.EDUCATION: Role.FRONTLINE,
    Sector.POLICE: Role.FRONTLINE,
    Sector.HEALTH: Role.FRONTLINE,
    Sector.NGO: Role.CASEWORKER,
    Sector.SHELTER: Role.SERVICE_PROVIDER,
    Sector.BARNAHUS: Role.DECISION_PANEL,
    Sector.GUARDIAN: Role.SERVICE_PROVIDER,
}
# Invented names; family names say "example" or "test" so nobody mistakes them for real data.
GIVEN = ["Testa", "Proba", "Ejemplo", "Mostra", "Primera", "Muestra", "Provna", "Exa", "Lina"]
FAMILY = ["Exempel", "Primerova", "Ejemplar", "Testova", "Probni", "Exempelsson", "Muestral"]
STAGES = ([Stage.CONCERN] * 8 + [Stage.SCREENED] * 5 + [Stage.PRESUMED] * 4
          + [Stage.IDENTIFIED] * 2 + [Stage.CLOSED])  # fmt: skip
HOW = [c.value for c in CameToNotice]
LANGUAGES = ["sv", "en", "ro", "bg", "sr", "uk", "ar", "es", "so", "ti"]
CITIZENSHIP = ["SE", "SE", "SE", "RO", "BG", "RS", "UA", "SY", "SO", "ER", ""]


def organisations_and_users() -> tuple[dict[str, list[Organisation]], dict[str, list[User]], User]:
    """Organisations by sector and their people; returns the benchmarked caseworker too."""
    by_sector: dict[str, list[Organisation]] = {}
    for pattern, count, sector, may_identify, provider, _users in ORGANISATIONS:
        by_sector[sector] = Organisation.objects.bulk_create(
            Organisation(
                name=pattern.format(n),
                sector=sector,
                country="SE",
                may_identify=may_identify,
                is_service_provider=provider,
            )
            for n in range(1, count + 1)
        )
    unusable = make_password(None)
    people: list[User] = []
    for _pattern, _count, sector, _identify, _provider, per_org in ORGANISATIONS:
        for org in by_sector[sector]:
            for k in range(per_org):
                if sector == Sector.SOCIAL_SERVICES:
                    role = Role.COORDINATOR if k < 3 else Role.CASEWORKER
                else:
                    role = ROLE_BY_SECTOR[sector]
                short = org.name.split(" (")[0].lower().replace(" ", "-").replace("'", "")
                people.append(
                    User(
                        username=f"{short}-{k + 1:02d}",
                        first_name="Bench",
                        last_name=f"Person {len(people) + 1}",
                        organisation=org,
                        role=role,
                        password=unusable,
                    )
                )
    User.objects.bulk_create(people)
    bench_org = by_sector[Sector.SOCIAL_SERVICES][0]
    assert bench_org.name == BENCH_ORGANISATION
    bench = User.objects.create_user(
        username=BENCH_USERNAME,
        password=BENCH_PASSWORD,
        first_name="Bench",
        last_name="Caseworker",
        organisation=bench_org,
        role=Role.CASEWORKER,
    )
    users_by_org: dict[str, list[User]] = {}
    for user in User.objects.exclude(pk=bench.pk).select_related("organisation"):
        assert user.organisation is not None
        users_by_org.setdefault(str(user.organisation.pk), []).append(user)
    return by_sector, users_by_org, bench


def reference(rng: random.Random, seen: set[str]) -> str:
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    while True:
        chars = "".join(rng.choice(alphabet) for _ in range(8))
        ref = f"CP-{chars[:4]}-{chars[4:]}"
        if ref not in seen:
            seen.add(ref)
            return ref


def generate(total: int, seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.perf_counter()
    by_sector, users_by_org, bench = organisations_and_users()
    social = by_sector[Sector.SOCIAL_SERVICES]
    bench_org = social[0]
    reporters_orgs = (
        by_sector[Sector.EDUCATION]
        + by_sector[Sector.POLICE]
        + by_sector[Sector.HEALTH]
        + by_sector[Sector.NGO]
        + social
    )
    extra_orgs = by_sector[Sector.SHELTER] + by_sector[Sector.BARNAHUS] + by_sector[Sector.GUARDIAN]
    now = timezone.now()
    today = timezone.localdate()
    seen: set[str] = set()
    counts = dict.fromkeys(
        ["cases", "identities", "search_tokens", "members", "encounters", "events"], 0
    )
    visible_sample: list[str] = []
    name_sample: list[str] = []

    for start in range(0, total, CHUNK):
        size = min(CHUNK, total - start)
        cases: list[Case] = []
        plans: list[dict[str, Any]] = []
        for _ in range(size):
            lead = bench_org if rng.random() < SHARE_OF_BENCH_ORGANISATION else rng.choice(social[1:])
            reporter_org = rng.choice(reporters_orgs)
            reporter = rng.choice(users_by_org[str(reporter_org.pk)])
            coordinator: User | None = None
            if rng.random() < 0.7:
                candidates = [
                    u for u in users_by_org[str(lead.pk)] if u.role in (Role.COORDINATOR, Role.CASEWORKER)
                ]
                coordinator = rng.choice(candidates)
                if lead == bench_org and rng.random() < 0.05:
                    coordinator = bench
            created = now - timedelta(seconds=rng.randrange(5 * 365 * 86400))
            claimed_age = rng.choice([None, None, 14, 15, 16, 17, 17, 13, 12])
            case = Case(
                reference=reference(rng, seen),
                stage=rng.choice(STAGES),
                created_at=created,
                created_by=reporter,
                created_by_organisation=reporter_org,
                coordinator=coordinator,
                sex=rng.choice([Sex.FEMALE] * 6 + [Sex.MALE] * 3 + [Sex.UNKNOWN]),
                claimed_age=claimed_age,
                claimed_on=created.date() if claimed_age is not None else None,
                age_disputed=rng.random() < 0.15,
                citizenship=rng.choice(CITIZENSHIP),
                languages=rng.sample(LANGUAGES, rng.choice([1, 1, 2, 3])),
                migration_status=rng.choice([m.value for m in MigrationStatus]),
                unaccompanied=rng.choice([y.value for y in YesNoUnknown]),
            )
            cases.append(case)
            plans.append(
                {
                    "lead": lead,
                    "reporter": reporter,
                    "reporter_org": reporter_org,
                    "coordinator": coordinator,
                    "extra": rng.choice(extra_orgs) if rng.random() < 0.2 else None,
                    "bench_in_person": lead != bench_org and rng.random() < 0.005,
                    "encounters": rng.choice([1, 1, 1, 2, 2, 3]),
                }
            )
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=1000)
            identities: list[Identity] = []
            tokens: list[SearchToken] = []
            members: list[CaseMember] = []
            encounters: list[Encounter] = []
            events: list[CaseEvent] = []
            for case, plan in zip(cases, plans, strict=True):
                n = case.pk
                born: date | None = None
                if rng.random() < 0.7:
                    born = today - timedelta(days=rng.randrange(12 * 365, 18 * 365))
                identity = Identity(
                    case=case,
                    given_names=rng.choice(GIVEN),
                    family_name=f"{rng.choice(FAMILY)} {n}",
                    aliases=[f"{rng.choice(GIVEN)} Alias {n}"] if rng.random() < 0.2 else [],
                    date_of_birth=born.isoformat() if born else "",
                    documents=f"Fictional passport XX{n:07d}" if rng.random() < 0.3 else "",
                    contacts="Fictional phone +46 70 000 00 00" if rng.random() < 0.2 else "",
                )
                identities.append(identity)
                tokens.extend(
                    SearchToken(case=case, token=t) for t in tokens_for(identity.all_names(), born)
                )
                reporter, reporter_org = plan["reporter"], plan["reporter_org"]
                members.append(
                    CaseMember(
                        case=case,
                        organisation=reporter_org,
                        user=reporter,
                        access=Access.EDIT,
                        added_at=case.created_at,
                    )
                )
                if plan["lead"] != reporter_org:
                    members.append(
                        CaseMember(
                            case=case,
                            organisation=plan["lead"],
                            user=None,
                            access=Access.EDIT,
                            added_at=case.created_at,
                        )
                    )
                if plan["extra"] is not None:
                    members.append(
                        CaseMember(
                            case=case,
                            organisation=plan["extra"],
                            user=None,
                            access=Access.VIEW,
                            added_at=case.created_at,
                        )
                    )
                coordinator = plan["coordinator"]
                if coordinator is not None and coordinator != reporter:
                    members.append(
                        CaseMember(
                            case=case,
                            organisation=coordinator.organisation,
                            user=coordinator,
                            access=Access.EDIT,
                            added_at=case.created_at,
                        )
                    )
                if plan["bench_in_person"] and bench not in (coordinator, reporter):
                    members.append(
                        CaseMember(
                            case=case,
                            organisation=bench.organisation,
                            user=bench,
                            access=Access.VIEW,
                            added_at=case.created_at,
                        )
                    )
                at: datetime = case.created_at
                for k in range(plan["encounters"]):
                    how = rng.choice(HOW)
                    encounters.append(
                        Encounter(
                            case=case,
                            came_to_notice=how,
                            occurred_on=(at - timedelta(days=rng.randrange(0, 30))).date(),
                            place="Fictional place" if rng.random() < 0.6 else "",
                            observations="Fictional observation for the benchmark.",
                            recorded_by=reporter,
                            organisation=reporter_org,
                            recorded_at=at,
                        )
                    )
                    kind = "case.registered" if k == 0 else "encounter.recorded"
                    events.append(
                        CaseEvent(
                            case=case, at=at, actor=reporter, kind=kind, data={"came_to_notice": how}
                        )
                    )
                    at += timedelta(days=rng.randrange(1, 60))
                if coordinator is not None:
                    events.append(
                        CaseEvent(
                            case=case,
                            at=case.created_at + timedelta(hours=2),
                            actor=coordinator,
                            kind="coordinator.assigned",
                            data={"user_id": coordinator.pk},
                        )
                    )
                if plan["extra"] is not None:
                    events.append(
                        CaseEvent(
                            case=case,
                            at=case.created_at + timedelta(days=3),
                            actor=coordinator or reporter,
                            kind="team.added",
                            data={
                                "organisation_id": str(plan["extra"].pk),
                                "user_id": None,
                                "access": Access.VIEW,
                            },
                        )
                    )
                if rng.random() < 0.25:
                    events.append(
                        CaseEvent(
                            case=case,
                            at=case.created_at + timedelta(days=5),
                            actor=coordinator or reporter,
                            kind="child.updated",
                            data={"fields": ["date_of_birth", "languages"]},
                        )
                    )
                if (
                    plan["lead"] == bench_org
                    or coordinator == bench
                    or plan["bench_in_person"]
                ) and len(visible_sample) < 2_000:
                    visible_sample.append(case.reference)
                    if len(name_sample) < 50:
                        name_sample.append(f"{identity.given_names} {identity.family_name}")
            Identity.objects.bulk_create(identities, batch_size=1000)
            SearchToken.objects.bulk_create(tokens, batch_size=5000)
            CaseMember.objects.bulk_create(members, batch_size=5000)
            Encounter.objects.bulk_create(encounters, batch_size=2000)
            CaseEvent.objects.bulk_create(events, batch_size=5000)
        counts["cases"] += len(cases)
        counts["identities"] += len(identities)
        counts["search_tokens"] += len(tokens)
        counts["members"] += len(members)
        counts["encounters"] += len(encounters)
        counts["events"] += len(events)

    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would give a database of this size in production.
        cursor.execute("VACUUM ANALYZE")
    visible = Case.objects.visible_to(bench).count()
    rng.shuffle(visible_sample)
    return {
        "cases": total,
        "rows": counts,
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "visible_to_bench_user": visible,
        "generate_seconds": round(generated, 1),
        "analyse_seconds": round(time.perf_counter() - started - generated, 1),
        "username": BENCH_USERNAME,
        "password": BENCH_PASSWORD,
        "references": visible_sample,
        "names": name_sample,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - started
    result = generate(args.cases)
    result["migrate_seconds"] = round(migrated, 1)
    args.out.write_text(json.dumps(result, indent=2))
    print(
        f"  {args.cases:,} cases: migrate {migrated:.1f} s, generate "
        f"{result['generate_seconds']} s, VACUUM ANALYZE {result['analyse_seconds']} s; "
        f"{result['visible_to_bench_user']:,} visible to {BENCH_USERNAME}"
    )


if __name__ == "__main__":
    main()
