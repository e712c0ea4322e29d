"""The roll-up rebuilt in one SQL statement per fact table (PostgreSQL): the same keys as
``rollup.case_keys`` and ``rollup.referral_keys`` (test_rollup.py compares the two), computed
by the database instead of Python. For 1,000,000 cases this takes about a minute instead of
the quarter of an hour the Python rebuild needed (BENCHMARKS.md).

The two must agree exactly, or the differences ``facts.refresh`` applies would subtract from
keys the rebuild never wrote. So the times use integer arithmetic (``rollup.tenths``: tenths
of a day rounded half up), the days are local dates in ``TIME_ZONE``, and the 7 and 30 days
are 168 and 720 hours, as Python's ``timedelta`` counts them (an SQL ``interval '7 days'``
would follow summer time).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from childpath.stats.models import CaseFact, ReferralFact, Rollup
from childpath.stats.rollup import CASE_FIELDS, DURATION_ENDS, REFERRAL_FIELDS


def _tenths(stop: str) -> str:
    return f"floor((extract(epoch from ({stop} - f.concern_at)) + 4320) / 8640)::bigint"


def _day(moment: str) -> str:
    return f"to_char(({moment}) AT TIME ZONE %(tz)s, 'YYYY-MM-DD')"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN '1' ELSE '0' END"


def case_keys_sql() -> str:
    """(month, name, universe, value) rows of one case fact ``f``; NULL name: no key."""
    rows = [f"(f.month, 't:{field}', f.status, f.{field}::text)" for field in CASE_FIELDS]
    for name, end in DURATION_ENDS.items():
        t = _tenths(f"f.{end}")
        present = f"f.{end} IS NOT NULL"
        rows.append(f"(f.month, CASE WHEN {present} THEN 'd:{name}' END, '', "
                    f"floor({t} / 10.0)::bigint::text)")  # fmt: skip
        rows.append(f"(f.month, CASE WHEN {present} THEN 'f:{name}:' || floor({t} / 10.0)"
                    f"::bigint::text END, '', {t}::text)")  # fmt: skip
    presumed = "f.presumed_at IS NOT NULL"
    late = (
        "f.accepted_referral_at IS NULL OR "
        "f.accepted_referral_at > f.presumed_at + interval '168 hours'"
    )
    lonely = "f.followed_up_at IS NULL OR f.followed_up_at > f.concern_at + interval '720 hours'"
    in_time = "f.handover_on IS NOT NULL AND f.handover_on < f.turns_18_month"
    disputed = "f.age_dispute <> 'none'"
    rows += [
        f"(f.month, CASE WHEN {presumed} THEN 's:informed_in_language' END, '', "
        f"{_flag('f.informed_at IS NOT NULL')})",
        f"(f.month, CASE WHEN {presumed} THEN 's:psychosocial_offered' END, '', "
        f"{_flag('f.support_offered_at IS NOT NULL')})",
        f"(f.month, CASE WHEN {presumed} THEN 's:without_pathway_7_days' END, "
        f"{_day('f.presumed_at')}, {_flag(late)})",
        f"(f.month, 's:no_follow_up', {_day('f.concern_at')}, {_flag(lonely)})",
        f"(f.month, 's:age_disputed', '', {_flag(disputed)})",
        "(f.month, 'a:age', '', f.age_dispute)",
        "(f.turns_18_month, CASE WHEN f.turns_18_month IS NOT NULL "
        "THEN 's:handover_in_time' END, to_char(f.turns_18_month, 'YYYY-MM-DD'), "
        f"{_flag(in_time)})",
    ]
    return ",\n".join(rows)


def referral_keys_sql() -> str:
    universe = "CASE WHEN f.partner_country <> '' THEN 'abroad' ELSE '' END"
    rows = [f"(f.month, 't:{field}', {universe}, f.{field}::text)" for field in REFERRAL_FIELDS]
    answered = _flag("f.answered_at IS NOT NULL")
    in_time = _flag("f.answered_at IS NOT NULL AND f.answered_at <= f.respond_by")
    rows.append(f"(f.month, 's:answered_in_time', {_day('f.respond_by')}, {answered} || {in_time})")
    return ",\n".join(rows)


def _insert(source: str, keys: str) -> str:
    table = Rollup._meta.db_table
    return (
        f"INSERT INTO {table} (month, organisation, name, universe, value, n) "  # noqa: S608
        "SELECT k.month, coalesce(f.organisation_id::text, ''), k.name, k.universe, k.value, "
        f"count(*) FROM {source} f CROSS JOIN LATERAL (VALUES {keys}) "
        "AS k(month, name, universe, value) WHERE k.name IS NOT NULL "
        "GROUP BY 1, 2, 3, 4, 5"
    )


def rebuild() -> None:
    """Fill the (emptied) roll-up from the facts; the caller holds the transaction."""
    params = {"tz": settings.TIME_ZONE}
    with connection.cursor() as cursor:
        cursor.execute(_insert(CaseFact._meta.db_table, case_keys_sql()), params)
        cursor.execute(_insert(ReferralFact._meta.db_table, referral_keys_sql()), params)
