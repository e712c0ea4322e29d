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
import multiprocessing
import os
import random
import secrets
import sys
import time
import uuid
from dataclasses import dataclass
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
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

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
BENCH_PASSWORD = "bench-fictional-password-1"  # a synthetic benchmark account
BENCH_OTP_KEY = secrets.token_hex(20)  # a fresh authenticator key for each generated data set
BENCH_ORGANISATION = "Bench Social Services 01 (fictional)"
SHARE_OF_BENCH_ORGANISATION = 0.30
CHUNK = 2_500

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
SEXES = [Sex.FEMALE.value] * 6 + [Sex.MALE.value] * 3 + [Sex.UNKNOWN.value]
MIGRATION = [m.value for m in MigrationStatus]
UNACCOMPANIED = [y.value for y in YesNoUnknown]
LANGUAGES = ["sv", "en", "ro", "bg", "sr", "uk", "ar", "es", "so", "ti"]
CITIZENSHIP = ["SE", "SE", "SE", "RO", "BG", "RS", "UA", "SY", "SO", "ER", ""]


@dataclass(frozen=True)
class Person:
    id: int
    organisation_id: uuid.UUID
    role: str


@dataclass(frozen=True)
class World:
    """What every chunk needs to know, shared with the worker processes by fork."""

    bench: Person
    social: list[uuid.UUID]  # the benchmarked office first
    reporter_organisations: list[uuid.UUID]
    extra_organisations: list[uuid.UUID]
    people: dict[uuid.UUID, list[Person]]
    leads: dict[uuid.UUID, list[Person]]
    now: datetime
    today: date


_WORLD: World | None = None


def organisations_and_users() -> World:
    """Organisations and their people, and the benchmarked caseworker."""
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
    users: list[User] = []
    for _pattern, _count, sector, _identify, _provider, per_org in ORGANISATIONS:
        for org in by_sector[sector]:
            for k in range(per_org):
                if sector == Sector.SOCIAL_SERVICES:
                    role = Role.COORDINATOR if k < 3 else Role.CASEWORKER
                else:
                    role = ROLE_BY_SECTOR[sector]
                short = org.name.split(" (")[0].lower().replace(" ", "-").replace("'", "")
                users.append(
                    User(
                        username=f"{short}-{k + 1:02d}",
                        first_name="Bench",
                        last_name=f"Person {len(users) + 1}",
                        organisation=org,
                        role=role,
                        password=unusable,
                    )
                )
    User.objects.bulk_create(users)
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
    # Pages need the second factor: the bench user has an authenticator app whose key the
    # benchmark keeps, so it can sign in like a person (bench/otp.py computes the codes).
    TOTPDevice.objects.create(user=bench, name="Bench authenticator", key=BENCH_OTP_KEY)
    people: dict[uuid.UUID, list[Person]] = {}
    for user in users:
        assert user.organisation_id is not None
        people.setdefault(user.organisation_id, []).append(
            Person(user.pk, user.organisation_id, user.role)
        )
    leads = {
        org: [p for p in members if p.role in (Role.COORDINATOR, Role.CASEWORKER)]
        for org, members in people.items()
    }
    social = [org.pk for org in by_sector[Sector.SOCIAL_SERVICES]]
    return World(
        bench=Person(bench.pk, bench_org.pk, Role.CASEWORKER),
        social=social,
        reporter_organisations=[
            org.pk
            for sector in (Sector.EDUCATION, Sector.POLICE, Sector.HEALTH, Sector.NGO)
            for org in by_sector[sector]
        ]
        + social,
        extra_organisations=[
            org.pk
            for sector in (Sector.SHELTER, Sector.BARNAHUS, Sector.GUARDIAN)
            for org in by_sector[sector]
        ],
        people=people,
        leads=leads,
        now=timezone.now(),
        today=timezone.localdate(),
    )


_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference(number: int) -> str:
    """A distinct, random-looking reference for each case number (an odd multiplier is a
    bijection modulo 2**40), so parallel chunks never collide."""
    x = (number * 0x9E3779B97F + 0x5DEECE66D) % (1 << 40)
    chars = "".join(_ALPHABET[(x >> (5 * k)) & 31] for k in range(8))
    return f"CP-{chars[:4]}-{chars[4:]}"


def _chunk(task: tuple[int, int, int]) -> dict[str, Any]:
    """Write cases ``first`` .. ``first + size - 1``; returns counts and visible samples."""
    first, size, seed = task
    world = _WORLD
    assert world is not None
    rng = random.Random(seed * 1_000_003 + first)
    bench = world.bench
    with connection.cursor() as cursor:
        # Synthetic rows only: losing the last commits in a crash would not matter.
        cursor.execute("SET synchronous_commit = off")
    cases: list[Case] = []
    plans: list[dict[str, Any]] = []
    for number in range(first, first + size):
        lead = (
            world.social[0]
            if rng.random() < SHARE_OF_BENCH_ORGANISATION
            else rng.choice(world.social[1:])
        )
        reporter_org = rng.choice(world.reporter_organisations)
        reporter = rng.choice(world.people[reporter_org])
        coordinator: Person | None = None
        if rng.random() < 0.7:
            coordinator = rng.choice(world.leads[lead])
            if lead == bench.organisation_id and rng.random() < 0.05:
                coordinator = bench
        created = world.now - timedelta(seconds=rng.randrange(5 * 365 * 86400))
        claimed_age = rng.choice([None, None, 14, 15, 16, 17, 17, 13, 12])
        cases.append(
            Case(
                reference=reference(number),
                stage=rng.choice(STAGES),
                created_at=created,
                created_by_id=reporter.id,
                created_by_organisation_id=reporter_org,
                coordinator_id=coordinator.id if coordinator else None,
                sex=rng.choice(SEXES),
                claimed_age=claimed_age,
                claimed_on=created.date() if claimed_age is not None else None,
                age_disputed=rng.random() < 0.15,
                citizenship=rng.choice(CITIZENSHIP),
                languages=rng.sample(LANGUAGES, rng.choice([1, 1, 2, 3])),
                migration_status=rng.choice(MIGRATION),
                unaccompanied=rng.choice(UNACCOMPANIED),
            )
        )
        plans.append(
            {
                "lead": lead,
                "reporter": reporter,
                "coordinator": coordinator,
                "extra": rng.choice(world.extra_organisations) if rng.random() < 0.2 else None,
                "bench_in_person": lead != bench.organisation_id and rng.random() < 0.005,
                "encounters": rng.choice([1, 1, 1, 2, 2, 3]),
            }
        )
    identities: list[Identity] = []
    tokens: list[SearchToken] = []
    members: list[CaseMember] = []
    encounters: list[Encounter] = []
    events: list[CaseEvent] = []
    samples: list[tuple[str, str]] = []
    with transaction.atomic():
        Case.objects.bulk_create(cases, batch_size=1000)
        for case, plan in zip(cases, plans, strict=True):
            n, created = case.pk, case.created_at
            born: date | None = None
            if rng.random() < 0.7:
                born = world.today - timedelta(days=rng.randrange(12 * 365, 18 * 365))
            identity = Identity(
                case_id=n,
                given_names=rng.choice(GIVEN),
                family_name=f"{rng.choice(FAMILY)} {n}",
                aliases=[f"{rng.choice(GIVEN)} Alias {n}"] if rng.random() < 0.2 else [],  # type: ignore[misc]
                date_of_birth=born.isoformat() if born else "",
                documents=f"Fictional passport XX{n:07d}" if rng.random() < 0.3 else "",
                contacts="Fictional phone +46 70 000 00 00" if rng.random() < 0.2 else "",
            )
            identities.append(identity)
            tokens.extend(
                SearchToken(case_id=n, token=t) for t in tokens_for(identity.all_names(), born)
            )
            reporter, coordinator, extra = plan["reporter"], plan["coordinator"], plan["extra"]
            team = [(reporter.organisation_id, reporter.id, Access.EDIT)]
            if plan["lead"] != reporter.organisation_id:
                team.append((plan["lead"], None, Access.EDIT))
            if extra is not None:
                team.append((extra, None, Access.VIEW))
            if coordinator is not None and coordinator != reporter:
                team.append((coordinator.organisation_id, coordinator.id, Access.EDIT))
            if plan["bench_in_person"] and bench not in (coordinator, reporter):
                team.append((bench.organisation_id, bench.id, Access.VIEW))
            members.extend(
                CaseMember(
                    case_id=n, organisation_id=org, user_id=user, access=access, added_at=created
                )
                for org, user, access in team
            )
            at: datetime = created
            for k in range(plan["encounters"]):
                how = rng.choice(HOW)
                encounters.append(
                    Encounter(
                        case_id=n,
                        came_to_notice=how,
                        occurred_on=(at - timedelta(days=rng.randrange(0, 30))).date(),
                        place="Fictional place" if rng.random() < 0.6 else "",
                        observations="Fictional observation for the benchmark.",
                        recorded_by_id=reporter.id,
                        organisation_id=reporter.organisation_id,
                        recorded_at=at,
                    )
                )
                kind = "case.registered" if k == 0 else "encounter.recorded"
                events.append(
                    CaseEvent(
                        case_id=n,
                        at=at,
                        actor_id=reporter.id,
                        kind=kind,
                        data={"came_to_notice": how},
                    )
                )
                at += timedelta(days=rng.randrange(1, 60))
            actor = coordinator or reporter
            if coordinator is not None:
                events.append(
                    CaseEvent(
                        case_id=n,
                        at=created + timedelta(hours=2),
                        actor_id=coordinator.id,
                        kind="coordinator.assigned",
                        data={"user_id": coordinator.id},
                    )
                )
            if extra is not None:
                events.append(
                    CaseEvent(
                        case_id=n,
                        at=created + timedelta(days=3),
                        actor_id=actor.id,
                        kind="team.added",
                        data={"organisation_id": str(extra), "user_id": None, "access": "view"},
                    )
                )
            if rng.random() < 0.25:
                events.append(
                    CaseEvent(
                        case_id=n,
                        at=created + timedelta(days=5),
                        actor_id=actor.id,
                        kind="child.updated",
                        data={"fields": ["date_of_birth", "languages"]},
                    )
                )
            # As Case.objects.visible_to decides for the benchmarked caseworker.
            visible = coordinator == bench or any(
                user == bench.id or (org == bench.organisation_id and user is None)
                for org, user, _access in team
            )
            if visible and len(samples) < 200:
                samples.append((case.reference, f"{identity.given_names} {identity.family_name}"))
        Identity.objects.bulk_create(identities, batch_size=1000)
        SearchToken.objects.bulk_create(tokens, batch_size=5000)
        CaseMember.objects.bulk_create(members, batch_size=5000)
        Encounter.objects.bulk_create(encounters, batch_size=2000)
        CaseEvent.objects.bulk_create(events, batch_size=5000)
    return {
        "counts": {
            "cases": len(cases),
            "identities": len(identities),
            "search_tokens": len(tokens),
            "members": len(members),
            "encounters": len(encounters),
            "events": len(events),
        },
        "samples": samples,
    }


def generate(total: int, *, processes: int, seed: int = 2026) -> dict[str, Any]:
    global _WORLD
    started = time.perf_counter()
    with transaction.atomic():
        _WORLD = organisations_and_users()
    bench = User.objects.get(username=BENCH_USERNAME)
    tasks = [(first, min(CHUNK, total - first), seed) for first in range(0, total, CHUNK)]
    if processes > 1 and len(tasks) > 1:
        # Each forked worker opens its own connection; none may inherit ours.
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_chunk, tasks, chunksize=1)
    else:
        results = [_chunk(task) for task in tasks]
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would give a database of this size in production.
        cursor.execute("VACUUM ANALYZE")
    counts: dict[str, int] = {}
    samples: list[tuple[str, str]] = []
    for result in results:
        for key, value in result["counts"].items():
            counts[key] = counts.get(key, 0) + value
        samples.extend(result["samples"])
    random.Random(seed).shuffle(samples)
    samples = samples[:2000]
    return {
        "cases": total,
        "rows": counts,
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "visible_to_bench_user": Case.objects.visible_to(bench).count(),
        "processes": processes,
        "generate_seconds": round(generated, 1),
        "analyse_seconds": round(time.perf_counter() - started - generated, 1),
        "username": BENCH_USERNAME,
        "password": BENCH_PASSWORD,
        "otp_key": BENCH_OTP_KEY,
        "references": [ref for ref, _name in samples],
        "names": [name for _ref, name in samples[:50]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2, help="parallel writers")
    args = parser.parse_args()
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - started
    result = generate(args.cases, processes=args.processes)
    result["migrate_seconds"] = round(migrated, 1)
    args.out.write_text(json.dumps(result, indent=2))
    print(
        f"  {args.cases:,} cases: migrate {migrated:.1f} s, generate "
        f"{result['generate_seconds']} s, VACUUM ANALYZE {result['analyse_seconds']} s; "
        f"{result['visible_to_bench_user']:,} visible to {BENCH_USERNAME}"
    )


if __name__ == "__main__":
    main()
