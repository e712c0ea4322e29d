"""Fill a benchmark database with synthetic, clearly fictional cases, fast (COPY).

The entry point for anyone who needs a large database (``bench/run.py``, the statistics
benchmarks); DATABASE_URL must name a dedicated, empty PostgreSQL database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_perf_bench \
        python bench/dataset.py --cases 1000000 --out var/bench/dataset-1000000.json

or, from Python, ``generate(total, processes=2)`` after ``prepare()`` (see ``main``).

How: the database is migrated and the fictional demo is loaded through the real services
(``load_demo``): its seven children, with their screenings (evaluated by the engine),
identification decisions and panel members, rights information, guardians and provisions,
referrals and their changes, age assessments, encounters, team and timeline, are the
*templates*. Every generated case is one template cloned: each row that belongs to the
template case (found through the models' foreign keys, so a new app's rows are cloned too)
is copied with new ids, the new case, foreign keys to the other cloned rows remapped, and
every date and time moved by the distance between the two cases' registrations. Encrypted
values are copied as they are (the demo's fictional text under the configured keys), so only
what must differ per case is encrypted here: the identity (names, date of birth, documents,
contacts), with its blind-index search tokens and month of turning 18. On top of the
template's team every case gets the team ``services.register_child`` would give it in the
benchmark's world (below), which decides who can see it. Rows are written with PostgreSQL's
``COPY`` from two processes, 2,500 cases per transaction, then ``VACUUM ANALYZE``.

The benchmark's world: 50 fictional organisations with 265 people, and ``bench-caseworker``
of "Bench Social Services 01 (fictional)". That office is the lead organisation, on the team
as a whole organisation, of about 30% of cases; the caseworker also coordinates some of them
and is on the team in person of a few cases of other offices. Not generated: audit events of
past activity, notifications, sessions. Cloned referrals have nothing due (``due_at`` empty),
so the overdue sweep finds nothing to do.
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

import psycopg  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import (  # noqa: E402
    connection,
    connections,
    models,
    transaction,
)
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from psycopg.types.json import Jsonb  # noqa: E402

from childpath.accounts.models import Organisation, Role, Sector, User  # noqa: E402
from childpath.cases.models import (  # noqa: E402
    Access,
    CameToNotice,
    Case,
    MigrationStatus,
    Sex,
    Stage,
    YesNoUnknown,
)
from childpath.cases.search import tokens_for  # noqa: E402
from childpath.lib.fields import EncryptedJSONField, EncryptedTextField  # noqa: E402
from childpath.lib.pagination import cursor_for  # noqa: E402

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


# --- the templates --------------------------------------------------------------------------

# Generated here per case, or not generated at all (see the module docstring).
NOT_CLONED = {
    "cases.Identity",
    "cases.SearchToken",
    "age_assessment.TurningEighteen",
    "audit.AuditEvent",
    "referrals.Notification",
    # Derived statistics keyed by the case (no id of their own): rebuilt by the stats app.
    "stats.CaseFact",
    # Linkage encodings copied as stored would make every clone of a template the same
    # person (a quarter of a million duplicates each), and their blocking keys are about 43
    # rows per encoding; matching at scale is measured with distinct synthetic people
    # (bench/bench_matching.py, childpath/linkage's benchmarks).
    "matching.CaseEncoding",
    "matching.BlockKey",
    "matching.DuplicateFlag",
}
# Values set on every clone: the sweep must not find a million referrals due.
OVERRIDES = {"referrals_referral": {"due_at": None}}


@dataclass
class Table:
    """A table whose rows are cloned with each case."""

    label: str
    name: str
    columns: list[str]
    pk: int  # index of the primary key in columns
    uuid_pk: bool
    case: int | None  # index of the column pointing at the case, if any
    parent: tuple[int, str] | None  # (column index, table) of the owner when not the case
    remap: dict[int, str]  # column index -> table of another cloned row it points at
    overrides: dict[int, Any]
    slots: int = 1  # the most rows any template case has here
    base: int = 0  # ids of clones start above every existing id


@dataclass
class Template:
    case_id: int
    stage: str
    created_at: datetime
    rows: dict[str, list[tuple[Any, ...]]]


def cloned_tables() -> list[Table]:
    """Every model owned by a case (through its foreign keys), owners first."""
    owned: dict[str, tuple[type[models.Model], models.ForeignKey[Any, Any] | None]] = {}
    order: list[type[models.Model]] = []
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model._meta.label in NOT_CLONED or model._meta.label in owned or model is Case:
                continue
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.ForeignKey):
                    continue
                target = field.related_model
                if target is Case:
                    owned[model._meta.label] = (model, None)
                elif (
                    isinstance(target, type) and target._meta.label in owned and target is not model
                ):
                    owned[model._meta.label] = (model, field)
                else:
                    continue
                order.append(model)
                changed = True
                break
    tables: list[Table] = []
    names = {m._meta.label: m._meta.db_table for m in order}
    for model in order:
        meta = model._meta
        columns = [f.column for f in meta.concrete_fields]
        case_col = parent = None
        remap: dict[int, str] = {}
        for k, field in enumerate(meta.concrete_fields):
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model
            assert isinstance(target, type)
            if target is Case:
                case_col = k
            elif target._meta.label in names:
                remap[k] = names[target._meta.label]
        if case_col is None:
            parent_field = owned[meta.label][1]
            assert parent_field is not None
            k = columns.index(parent_field.column)
            parent = (k, names[parent_field.related_model._meta.label])  # type: ignore[union-attr]
        assert meta.pk is not None
        tables.append(
            Table(
                label=meta.label,
                name=meta.db_table,
                columns=columns,
                pk=columns.index(meta.pk.column),
                uuid_pk=isinstance(meta.pk, models.UUIDField),
                case=case_col,
                parent=parent,
                remap=remap,
                overrides={
                    columns.index(c): v for c, v in OVERRIDES.get(meta.db_table, {}).items()
                },
            )
        )
    return tables


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def read_templates(conn: psycopg.Connection[Any], tables: list[Table]) -> list[Template]:
    """The demo's cases and everything they own, as raw database values."""
    templates = []
    cases = conn.execute("SELECT id, stage, created_at FROM cases_case ORDER BY id").fetchall()
    for case_id, stage, created_at in cases:
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            if table.case is not None:
                where, values = f'"{table.columns[table.case]}" = %s', [case_id]
            else:
                assert table.parent is not None
                k, owner = table.parent
                owner_table = next(t for t in tables if t.name == owner)
                values = [[row[owner_table.pk] for row in rows[owner]]]
                where = f'"{table.columns[k]}" = ANY(%s)'
            found = conn.execute(
                f"SELECT {_quoted(table.columns)} FROM {table.name} WHERE {where} ORDER BY 1",
                values,
            ).fetchall()
            rows[table.name] = [
                tuple(Jsonb(v) if isinstance(v, (dict, list)) else v for v in row) for row in found
            ]
        templates.append(Template(case_id, stage, created_at, rows))
    if not templates:
        raise RuntimeError("No template cases: load_demo must run first.")
    for table in tables:
        table.slots = max(1, *(len(t.rows[table.name]) for t in templates))
        if not table.uuid_pk:
            row = conn.execute(
                f'SELECT COALESCE(MAX("{table.columns[table.pk]}"), 0) FROM {table.name}'
            ).fetchone()
            assert row is not None
            table.base = int(row[0]) + 1
    return templates


def clone(
    template: Template,
    tables: list[Table],
    *,
    number: int,
    case_id: int,
    created: datetime,
    rng: random.Random,
    out: dict[str, list[tuple[Any, ...]]],
) -> dict[str, list[Any]]:
    """Append the template's rows, made the new case's, to ``out``; returns the new ids."""
    shift = created - template.created_at
    days = timedelta(days=shift.days)
    ids: dict[str, dict[Any, Any]] = {}
    for table in tables:
        mapping: dict[Any, Any] = {}
        ids[table.name] = mapping
        rows = template.rows[table.name]
        for k, row in enumerate(rows):
            mapping[row[table.pk]] = (
                uuid.UUID(int=rng.getrandbits(128), version=4)
                if table.uuid_pk
                else table.base + number * table.slots + k
            )
    for table in tables:
        target = out.setdefault(table.name, [])
        mapping = ids[table.name]
        for row in template.rows[table.name]:
            new = []
            for k, value in enumerate(row):
                if k == table.pk:
                    value = mapping[value]
                elif k == table.case:
                    value = case_id
                elif table.parent is not None and k == table.parent[0]:
                    value = ids[table.parent[1]][value]
                elif k in table.remap and value is not None:
                    value = ids[table.remap[k]].get(value, value)
                elif k in table.overrides:
                    value = table.overrides[k]
                elif isinstance(value, datetime):
                    value = value + shift
                elif isinstance(value, date):
                    value = value + days
                new.append(value)
            target.append(tuple(new))
    return {name: list(mapping.values()) for name, mapping in ids.items()}


# --- the cases ----------------------------------------------------------------------------


@dataclass
class Plan:
    tables: list[Table]
    templates: list[Template]
    case_base: int
    identity_base: int
    token_base: int
    member_base: int


_PLAN: Plan | None = None
# At most 2 names whole and 5 distinct words (given, family, number, alias given, "Alias"),
# each with and without the date of birth.
TOKEN_SLOTS = 16
MEMBER_SLOTS = 6
CASE_COLUMNS = [
    "id", "reference", "stage", "created_at", "updated_at", "sex", "claimed_age", "claimed_on",
    "age_disputed", "citizenship", "languages", "migration_status", "unaccompanied",
    "coordinator_id", "created_by_id", "created_by_organisation_id", "last_activity_at",
    "version", "lead_organisation_id",
]  # fmt: skip
IDENTITY_COLUMNS = [
    "id", "case_id", "given_names", "family_name", "aliases", "date_of_birth", "documents",
    "contacts",
]  # fmt: skip
_ENCRYPT_TEXT = EncryptedTextField().get_prep_value
_ENCRYPT_JSON = EncryptedJSONField().get_prep_value


def _last_activity(number: int, created: datetime, now: datetime) -> datetime:
    """Some time between the registration and now. From its own generator (seeded by the
    case's number), so the main sequence, and every other column, is as before."""
    span = max(1, int((now - created).total_seconds()))
    return created + timedelta(seconds=random.Random(number).randrange(span))


def _copy(cursor: psycopg.Cursor[Any], table: str, columns: list[str], rows: list[Any]) -> None:
    if not rows:
        return
    with cursor.copy(f"COPY {table} ({_quoted(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _turns_18(born: date | None) -> date | None:
    if born is None:
        return None
    try:
        day = born.replace(year=born.year + 18)
    except ValueError:  # 29 February
        day = born.replace(year=born.year + 18, day=28)
    return day.replace(day=1)


def _chunk(task: tuple[int, int, int]) -> dict[str, Any]:
    """Write cases ``first`` .. ``first + size - 1``; returns counts and visible samples."""
    first, size, seed = task
    world, plan = _WORLD, _PLAN
    assert world is not None and plan is not None
    rng = random.Random(seed * 1_000_003 + first)
    bench = world.bench
    cases: list[tuple[Any, ...]] = []
    identities: list[tuple[Any, ...]] = []
    tokens: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    turning: list[tuple[Any, ...]] = []
    cloned: dict[str, list[tuple[Any, ...]]] = {}
    samples: list[dict[str, Any]] = []
    for number in range(first, first + size):
        case_id = plan.case_base + number
        template = rng.choice(plan.templates)
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
        stage = Stage.CLOSED.value if rng.random() < 0.05 else template.stage
        cases.append(
            (
                case_id, reference(number), stage, created, created, rng.choice(SEXES),
                claimed_age, created.date() if claimed_age is not None else None,
                rng.random() < 0.15, rng.choice(CITIZENSHIP),
                Jsonb(rng.sample(LANGUAGES, rng.choice([1, 1, 2, 3]))), rng.choice(MIGRATION),
                rng.choice(UNACCOMPANIED), coordinator.id if coordinator else None, reporter.id,
                reporter_org, _last_activity(number, created, world.now), 1, lead,
            )
        )  # fmt: skip
        born: date | None = None
        if rng.random() < 0.7:
            born = world.today - timedelta(days=rng.randrange(12 * 365, 18 * 365))
        given, family = rng.choice(GIVEN), f"{rng.choice(FAMILY)} {number}"
        aliases = [f"{rng.choice(GIVEN)} Alias {number}"] if rng.random() < 0.2 else []
        identities.append(
            (
                plan.identity_base + number, case_id, _ENCRYPT_TEXT(given), _ENCRYPT_TEXT(family),
                _ENCRYPT_JSON(aliases), _ENCRYPT_TEXT(born.isoformat() if born else ""),
                _ENCRYPT_TEXT(f"Fictional passport XX{number:07d}" if rng.random() < 0.3 else ""),
                _ENCRYPT_TEXT("Fictional phone +46 70 000 00 00" if rng.random() < 0.2 else ""),
            )
        )  # fmt: skip
        names = [f"{given} {family}", *aliases]
        case_tokens = sorted(tokens_for(names, born))
        assert len(case_tokens) <= TOKEN_SLOTS
        tokens.extend(
            (plan.token_base + number * TOKEN_SLOTS + k, case_id, t)
            for k, t in enumerate(case_tokens)
        )
        turning.append((case_id, _turns_18(born)))
        team: list[tuple[uuid.UUID, int | None, str]] = [
            (reporter.organisation_id, reporter.id, Access.EDIT.value)
        ]
        if lead != reporter.organisation_id:
            team.append((lead, None, Access.EDIT.value))
        if rng.random() < 0.2:
            team.append((rng.choice(world.extra_organisations), None, Access.VIEW.value))
        if coordinator is not None and coordinator != reporter:
            team.append((coordinator.organisation_id, coordinator.id, Access.EDIT.value))
        if (
            lead != bench.organisation_id
            and rng.random() < 0.005
            and bench not in (coordinator, reporter)
        ):
            team.append((bench.organisation_id, bench.id, Access.VIEW.value))
        members.extend(
            (plan.member_base + number * MEMBER_SLOTS + k, case_id, org, user, access, created)
            for k, (org, user, access) in enumerate(team)
        )
        new_ids = clone(
            template, plan.tables, number=number, case_id=case_id, created=created, rng=rng,
            out=cloned,
        )  # fmt: skip
        # As Case.objects.visible_to decides for the benchmarked caseworker.
        visible = coordinator == bench or any(
            user == bench.id or (org == bench.organisation_id and user is None)
            for org, user, _access in team
        )
        if visible and len(samples) < 200:
            samples.append(
                {
                    "reference": reference(number),
                    "name": f"{given} {family}",
                    "screenings": new_ids.get("screening_screening", []),
                }
            )
    with psycopg.connect(DSN) as conn, conn.cursor() as cursor:
        # Synthetic rows only: losing the last commits in a crash would not matter.
        cursor.execute("SET synchronous_commit = off")
        _copy(cursor, "cases_case", CASE_COLUMNS, cases)
        _copy(cursor, "cases_identity", IDENTITY_COLUMNS, identities)
        _copy(cursor, "cases_searchtoken", ["id", "case_id", "token"], tokens)
        _copy(cursor, "age_assessment_turningeighteen", ["case_id", "month"], turning)
        _copy(
            cursor,
            "cases_casemember",
            ["id", "case_id", "organisation_id", "user_id", "access", "added_at"],
            members,
        )
        for table in plan.tables:
            _copy(cursor, table.name, table.columns, cloned.get(table.name, []))
    counts = {
        "cases_case": len(cases),
        "cases_identity": len(identities),
        "cases_searchtoken": len(tokens),
        "age_assessment_turningeighteen": len(turning),
        "cases_casemember (the benchmark's team)": len(members),
    }
    counts.update({name: len(rows) for name, rows in cloned.items()})
    return {"counts": counts, "samples": samples}


DSN = ""


# Tables written by every chunk besides the cloned ones.
LOADED_TABLES = [
    "cases_case", "cases_identity", "cases_searchtoken", "age_assessment_turningeighteen",
    "cases_casemember",
]  # fmt: skip


def _drop_indexes_and_constraints(
    conn: psycopg.Connection[Any], tables: list[str]
) -> list[list[list[str]]]:
    """Drop the secondary indexes, unique and foreign-key constraints of ``tables`` (primary
    keys stay) and return the statements that make them again: steps, run one after the
    other, of groups that run side by side (``_restore``).

    Maintaining a dozen indexes row by row and checking the deferred foreign keys at every
    commit cost most of the load's time (issue 17); building each index once over the loaded
    rows is one sort, and validating a foreign key one join. The statements are also written
    to ``var/bench/dataset-restore.sql``, to repair a scratch database by hand if the run is
    interrupted.
    """
    constraints = conn.execute(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)"
        " FROM pg_constraint c WHERE c.conrelid::regclass::text = ANY(%s)"
        " AND c.contype IN ('u', 'f') ORDER BY c.contype DESC, 1, 2",
        [tables],
    ).fetchall()
    indexes = conn.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [tables],
    ).fetchall()
    foreign = [(t, name, d) for t, name, kind, d in constraints if kind == "f"]
    # Indexes and unique keys side by side; the foreign keys added one after the other without
    # their check (NOT VALID takes locks on two tables: side by side they could deadlock);
    # then every table's foreign keys validated, tables side by side.
    steps: list[list[list[str]]] = [
        [[definition] for _name, definition in indexes]
        + [
            [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}']
            for table, name, kind, definition in constraints
            if kind == "u"
        ],
        [[f'ALTER TABLE {t} ADD CONSTRAINT "{name}" {d} NOT VALID' for t, name, d in foreign]],
        [
            [
                f'ALTER TABLE {t} VALIDATE CONSTRAINT "{name}"'
                for t, name, _d in foreign
                if t == table
            ]
            for table in sorted({t for t, _name, _d in foreign})
        ],
    ]
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    statements = [statement for step in steps for group in step for statement in group]
    (out / "dataset-restore.sql").write_text("".join(f"{s};\n" for s in statements))
    for table, name, _kind, _definition in constraints:  # foreign keys first (ORDER BY)
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        conn.execute(f"DROP INDEX {name}")
    return steps


def _restore(steps: list[list[list[str]]], processes: int) -> None:
    """Run each step's groups over ``processes`` connections at once, a group's statements in
    order on one connection."""
    from concurrent.futures import ThreadPoolExecutor

    def run(statements: list[str]) -> None:
        with psycopg.connect(DSN, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '256MB'")
            for statement in statements:
                conn.execute(statement)

    for groups in steps:
        lanes: list[list[str]] = [[] for _ in range(max(1, min(processes, len(groups))))]
        for k, group in enumerate(groups):
            lanes[k % len(lanes)].extend(group)
        with ThreadPoolExecutor(len(lanes)) as pool:
            list(pool.map(run, lanes))


def _next_id(conn: psycopg.Connection[Any], table: str, column: str = "id") -> int:
    row = conn.execute(f'SELECT COALESCE(MAX("{column}"), 0) + 1 FROM {table}').fetchone()
    assert row is not None
    return int(row[0])


def _reset_sequences(conn: psycopg.Connection[Any], tables: list[str]) -> None:
    """Identity columns continue above the ids written here."""
    for table in tables:
        has_id = conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'",
            [table],
        ).fetchone()
        if not has_id:  # keyed by its case (a one-to-one table): no sequence
            continue
        row = conn.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table]).fetchone()
        if row and row[0]:
            conn.execute(
                f"SELECT setval(%s, (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)",
                [row[0]],
            )


def dsn() -> str:
    settings = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )


def prepare() -> None:
    """Migrate and load the demo (the templates) into the empty database."""
    if connection.vendor != "postgresql":
        raise SystemExit("bench/dataset.py writes with COPY: DATABASE_URL must be PostgreSQL.")
    call_command("migrate", verbosity=0, interactive=False)
    if not Case.objects.exists():
        call_command("load_demo", verbosity=0)


def generate(total: int, *, processes: int, seed: int = 2026) -> dict[str, Any]:
    """Generate ``total`` cases into the prepared database (see ``prepare``)."""
    global _WORLD, _PLAN, DSN
    started = time.perf_counter()
    DSN = dsn()
    with transaction.atomic():
        _WORLD = organisations_and_users()
    bench = User.objects.get(username=BENCH_USERNAME)
    tables = cloned_tables()
    with psycopg.connect(DSN) as conn:
        templates = read_templates(conn, tables)
        _PLAN = Plan(
            tables=tables,
            templates=templates,
            case_base=_next_id(conn, "cases_case"),
            identity_base=_next_id(conn, "cases_identity"),
            token_base=_next_id(conn, "cases_searchtoken"),
            member_base=max(
                _next_id(conn, "cases_casemember"),
                # Above the clones' team rows too (they are one of the cloned tables).
                next(t for t in tables if t.name == "cases_casemember").base
                + (total + 1) * next(t for t in tables if t.name == "cases_casemember").slots,
            ),
        )
    tasks = [(first, min(CHUNK, total - first), seed) for first in range(0, total, CHUNK)]
    connections.close_all()
    loaded = [*LOADED_TABLES, *(t.name for t in tables)]
    with psycopg.connect(DSN, autocommit=True) as conn:
        restore = _drop_indexes_and_constraints(conn, loaded)
    dropped = time.perf_counter()
    if processes > 1 and len(tasks) > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_chunk, tasks, chunksize=1)
    else:
        results = [_chunk(task) for task in tasks]
    copied = time.perf_counter()
    _restore(restore, processes)
    restored = time.perf_counter()
    with psycopg.connect(DSN, autocommit=True) as conn:
        _reset_sequences(
            conn,
            ["cases_case", "cases_identity", "cases_searchtoken", "cases_casemember"]
            + [t.name for t in tables if not t.uuid_pk],
        )
        generated = time.perf_counter() - started
        # Fresh statistics and visibility maps, as autovacuum would give a database this old.
        conn.execute("VACUUM ANALYZE")
    counts: dict[str, int] = {}
    samples: list[dict[str, Any]] = []
    for result in results:
        for key, value in result["counts"].items():
            counts[key] = counts.get(key, 0) + value
        samples.extend(result["samples"])
    random.Random(seed).shuffle(samples)
    samples = samples[:2000]
    visible = Case.objects.visible_to(bench).order_by("-created_at", "-id")
    # The position of the middle page of the case list, for "every page as fast as the first".
    middle_page = max(1, visible.count() // 25 // 2)
    last_before = (middle_page - 1) * 25 - 1  # the last row of the page before it
    middle = (
        list(visible.only("created_at")[last_before : last_before + 1]) if last_before >= 0 else []
    )
    return {
        "middle_page": {
            "page": middle_page,
            "after": cursor_for(middle[0]) if middle_page > 1 and middle else "",
        },
        "cases": total,
        "rows": counts,
        "templates": len(templates),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "visible_to_bench_user": Case.objects.visible_to(bench).count(),
        "processes": processes,
        "generate_seconds": round(generated, 1),
        "copy_seconds": round(copied - dropped, 1),
        "index_and_constraint_seconds": round(restored - copied, 1),
        "analyse_seconds": round(time.perf_counter() - started - generated, 1),
        "username": BENCH_USERNAME,
        "password": BENCH_PASSWORD,
        "otp_key": BENCH_OTP_KEY,
        "references": [s["reference"] for s in samples],
        "names": [s["name"] for s in samples[:50]],
        "screenings": [[s["reference"], s["screenings"][0]] for s in samples if s["screenings"]][
            :200
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--processes", type=int, default=2, help="parallel writers")
    args = parser.parse_args()
    started = time.perf_counter()
    prepare()
    migrated = time.perf_counter() - started
    result = generate(args.cases, processes=args.processes)
    result["migrate_seconds"] = round(migrated, 1)
    args.out.write_text(json.dumps(result, indent=2))
    print(
        f"  {args.cases:,} cases: migrate and demo {migrated:.1f} s, generate "
        f"{result['generate_seconds']} s, VACUUM ANALYZE {result['analyse_seconds']} s; "
        f"{result['visible_to_bench_user']:,} visible to {BENCH_USERNAME}"
    )


if __name__ == "__main__":
    main()
