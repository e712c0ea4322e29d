"""The maintained roll-up (``Rollup``): what each case's facts add to it, applying the
difference when facts change, rebuilding it, and reading it back for a period.

Each fact contributes one count to every breakdown it has ("t:<field>", under its status as
the universe, or "abroad" for a cross-border referral) and the parts of the barrier indicators
it takes part in. Times are kept twice: by whole day ("d:<name>", value the day) and, within
each day, by tenth of a day ("f:<name>:<day>", value the tenths), so a percentile reads the
few hundred day rows of the period and then the tenths of the one or two days that hold its
rank, instead of every tenth of every month (BENCHMARKS.md). Shares are kept by the day their
clock is due ("s:<name>", value "1" when the child counts in the numerator), so the time that
has passed since is applied when the figures are read, never frozen into the roll-up.

``rebuild`` recomputes the roll-up with one SQL ``INSERT ... SELECT ... GROUP BY`` on
PostgreSQL (the same keys as ``case_keys`` and ``referral_keys``, which the tests compare),
and in Python elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from childpath.stats.models import CaseFact, ReferralFact, Rollup
from childpath.stats.periods import Period

Key = tuple[date, str, str, str, str]  # month, organisation, name, universe, value
DAY = 86400.0
TENTH = timedelta(seconds=8640)
HALF_TENTH = timedelta(seconds=4320)
CASE_FIELDS = (
    "status", "sex", "age_group", "age_eurostat", "age_ctdc", "citizenship_group",
    "citizenship", "exploitation", "online", "path", "deciding_sector", "came_to_notice",
    "unaccompanied",
)  # fmt: skip
REFERRAL_FIELDS = ("service", "urgency", "outcome", "partner_country")
DURATION_ENDS = {
    "to_presumed": "presumed_at",
    "to_informed": "informed_at",
    "to_accepted_referral": "accepted_referral_at",
    "to_identified": "identified_at",
}


def tenths(start: datetime, stop: datetime) -> int:
    """The time between, in tenths of a day rounded to the nearest (half up), in exact integer
    arithmetic so that SQL computes the same (``rebuild``)."""
    return (stop - start + HALF_TENTH) // TENTH


def fine_name(name: str, day: int) -> str:
    return f"f:{name}:{day}"


def _day(moment: datetime) -> str:
    return timezone.localdate(moment).isoformat()


def _flag(condition: bool) -> str:
    return "1" if condition else "0"


def case_keys(f: CaseFact) -> Iterator[Key]:
    """Everything one case's facts count in."""
    org = str(f.organisation_id or "")
    month = f.month
    for field in CASE_FIELDS:
        yield month, org, f"t:{field}", f.status, str(getattr(f, field))
    for name, end in DURATION_ENDS.items():
        stop = getattr(f, end)
        if stop is not None:
            t = tenths(f.concern_at, stop)
            yield month, org, f"d:{name}", "", str(t // 10)
            yield month, org, fine_name(name, t // 10), "", str(t)
    if f.presumed_at is not None:
        yield month, org, "s:informed_in_language", "", _flag(f.informed_at is not None)
        yield month, org, "s:psychosocial_offered", "", _flag(f.support_offered_at is not None)
        late = f.accepted_referral_at is None or (
            f.accepted_referral_at > f.presumed_at + timedelta(days=7)
        )
        yield month, org, "s:without_pathway_7_days", _day(f.presumed_at), _flag(late)
    lonely = f.followed_up_at is None or f.followed_up_at > f.concern_at + timedelta(days=30)
    yield month, org, "s:no_follow_up", _day(f.concern_at), _flag(lonely)
    yield month, org, "s:age_disputed", "", _flag(f.age_dispute != "none")
    yield month, org, "a:age", "", f.age_dispute
    if f.turns_18_month is not None:
        in_time = f.handover_on is not None and f.handover_on < f.turns_18_month
        yield (
            f.turns_18_month,
            org,
            "s:handover_in_time",
            f.turns_18_month.isoformat(),
            _flag(in_time),
        )


def referral_keys(r: ReferralFact) -> Iterator[Key]:
    org = str(r.organisation_id or "")
    universe = "abroad" if r.partner_country else ""
    for field in REFERRAL_FIELDS:
        yield r.month, org, f"t:{field}", universe, str(getattr(r, field))
    answered = r.answered_at is not None
    in_time = answered and r.answered_at is not None and r.answered_at <= r.respond_by
    value = _flag(answered) + _flag(in_time)
    yield r.month, org, "s:answered_in_time", _day(r.respond_by), value


def delta(
    old: Iterable[CaseFact | ReferralFact], new: Iterable[CaseFact | ReferralFact]
) -> Counter[Key]:
    change: Counter[Key] = Counter()
    for sign, facts in ((-1, old), (1, new)):
        for fact in facts:
            keys = case_keys(fact) if isinstance(fact, CaseFact) else referral_keys(fact)
            for key in keys:
                change[key] += sign
    return change


def apply(change: Counter[Key]) -> None:
    """Add the differences to the roll-up: one upsert per key that changed."""
    rows = [(*key, n) for key, n in change.items() if n != 0]
    if not rows:
        return
    table = Rollup._meta.db_table
    sql = (
        f"INSERT INTO {table} (month, organisation, name, universe, value, n) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (month, organisation, name, universe, value) "
        f"DO UPDATE SET n = {table}.n + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def rebuild(batch: int = 20000) -> None:
    """Recompute the whole roll-up from the facts (in SQL on PostgreSQL)."""
    with transaction.atomic():
        Rollup.objects.all().delete()
        if connection.vendor == "postgresql":
            from childpath.stats import rollup_sql

            rollup_sql.rebuild()
            return
        models: tuple[type[CaseFact] | type[ReferralFact], ...] = (CaseFact, ReferralFact)
        for model in models:
            total: Counter[Key] = Counter()
            last: Any = None
            while True:
                qs = model.objects.order_by("pk")
                if last is not None:
                    qs = qs.filter(pk__gt=last)
                chunk: list[CaseFact | ReferralFact] = list(qs[:batch])  # type: ignore[arg-type]
                if not chunk:
                    break
                total.update(delta([], chunk))
                last = chunk[-1].pk
            apply(total)


def read(
    name: str, period: Period, organisation: Any = None, *, by_month: bool = True
) -> list[dict[str, Any]]:
    """The roll-up rows of one name in a period: {month, universe, value, n}, or without the
    month and universe ({value, n}) when the caller needs only the values (a time's
    histogram), which returns far fewer rows."""
    qs = Rollup.objects.filter(
        name=name, month__gte=period.start, month__lte=period.end.replace(day=1)
    )
    if organisation is not None:
        qs = qs.filter(organisation=str(organisation.pk))
    fields = ("month", "universe", "value") if by_month else ("value",)
    return list(qs.values(*fields).annotate(n=Sum("n")).order_by())


def read_many(
    names: Iterable[str], period: Period, organisation: Any = None
) -> dict[str, list[dict[str, Any]]]:
    """``read`` for several names in one query (the tables of one page or release)."""
    qs = Rollup.objects.filter(
        name__in=list(names), month__gte=period.start, month__lte=period.end.replace(day=1)
    )
    if organisation is not None:
        qs = qs.filter(organisation=str(organisation.pk))
    result: dict[str, list[dict[str, Any]]] = {}
    for row in qs.values("name", "month", "universe", "value").annotate(n=Sum("n")).order_by():
        result.setdefault(row["name"], []).append(row)
    return result


def histograms(
    names: Iterable[str], period: Period, organisation: Any = None, *, by_month: bool = False
) -> dict[str, dict[date | None, Counter[int]]]:
    """{name: {month (None: the whole period): {integer value: count}}} of several names in one
    query (the day or tenth histograms of the times)."""
    qs = Rollup.objects.filter(
        name__in=list(names), month__gte=period.start, month__lte=period.end.replace(day=1)
    )
    if organisation is not None:
        qs = qs.filter(organisation=str(organisation.pk))
    fields = ("name", "month", "value") if by_month else ("name", "value")
    result: dict[str, dict[date | None, Counter[int]]] = {}
    for row in qs.values(*fields).annotate(n=Sum("n")).order_by():
        per_month = result.setdefault(row["name"], {})
        per_month.setdefault(row.get("month"), Counter())[int(row["value"])] += row["n"]
    return result
