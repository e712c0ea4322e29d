"""The barrier indicators: the reports' findings (DESIGN.md section 1) as measures, each
defined once with its definition beside it. Times are medians and 90th percentiles in days;
shares are a numerator over a denominator of children (or referrals). Figures under the
threshold are suppressed the same way as the tables: a time needs at least ``threshold``
children, a share needs both the children it counts and those it does not to reach it, in the
period and in every atom of it (disclosure.py), so neither part can point to a child.
"""

from __future__ import annotations

import statistics as pystats
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, FloatField, Q
from django.db.models.functions import Extract
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from childpath.accounts.models import Organisation
from childpath.stats import disclosure
from childpath.stats.models import CaseFact, ReferralFact
from childpath.stats.periods import Period
from childpath.stats.selectors import Protection

DAY = 86400.0


@dataclass(frozen=True)
class Duration:
    name: str
    title: Promise
    definition: Promise
    end: str  # the CaseFact time the clock stops at; it starts at the concern


@dataclass(frozen=True)
class Share:
    name: str
    title: Promise
    definition: Promise
    unit: str  # "children" or "referrals"
    denominator: Callable[[], Q]
    numerator: Callable[[], Q]
    # Which month a child counts in: the concern's, or the month of turning 18.
    month_field: str = "month"


DURATIONS = (
    Duration(
        "to_presumed",
        _("Concern to presumed victim"),
        _(
            "Days from the recorded concern to the first presumed-victim decision, for the "
            "children presumed."
        ),
        "presumed_at",
    ),
    Duration(
        "to_informed",
        _("Concern to information in the child's language"),
        _(
            "Days from the concern to the first time the child was told about rights in a "
            "language the child speaks (or, if no language is recorded, with understanding "
            "recorded)."
        ),
        "informed_at",
    ),
    Duration(
        "to_accepted_referral",
        _("Concern to the first accepted referral"),
        _("Days from the concern to the first referral a service accepted."),
        "accepted_referral_at",
    ),
    Duration(
        "to_identified",
        _("Concern to formal identification"),
        _("Days from the concern to the first formal identification."),
        "identified_at",
    ),
)


def _now() -> Any:
    return timezone.now()


SHARES = (
    Share(
        "informed_in_language",
        _("Presumed victims informed in their language"),
        _(
            "Of the children presumed victims, the share told about their rights in a language "
            "they speak."
        ),
        "children",
        lambda: Q(presumed_at__isnull=False),
        lambda: Q(informed_at__isnull=False),
    ),
    Share(
        "answered_in_time",
        _("Referrals answered in time"),
        _(
            "Of the referrals whose answer was due by now, the share accepted or declined by "
            "the deadline of the profile."
        ),
        "referrals",
        lambda: Q(respond_by__lte=_now()) | Q(answered_at__isnull=False),
        lambda: Q(answered_at__lte=F("respond_by")),
    ),
    Share(
        "no_follow_up",
        _("No follow-up 30 days after the first contact"),
        _(
            "Of the children whose first contact was at least 30 days ago, the share with "
            "nothing recorded after it within 30 days (no screening, referral, information, "
            "age assessment or further contact)."
        ),
        "children",
        lambda: Q(concern_at__lte=_now() - timedelta(days=30)),
        lambda: (
            Q(followed_up_at__isnull=True)
            | Q(followed_up_at__gt=F("concern_at") + timedelta(days=30))
        ),
    ),
    Share(
        "psychosocial_offered",
        _("Presumed victims offered psychosocial or trauma support"),
        _(
            "Of the children presumed victims, the share referred to psychosocial or trauma "
            "support, or recorded as offered psychological support."
        ),
        "children",
        lambda: Q(presumed_at__isnull=False),
        lambda: Q(support_offered_at__isnull=False),
    ),
    Share(
        "without_pathway_7_days",
        _("Without a pathway for more than 7 days"),
        _(
            "Of the children presumed at least 7 days ago, the share with no referral accepted "
            "within 7 days of the presumption."
        ),
        "children",
        lambda: Q(presumed_at__lte=_now() - timedelta(days=7)),
        lambda: (
            Q(accepted_referral_at__isnull=True)
            | Q(accepted_referral_at__gt=F("presumed_at") + timedelta(days=7))
        ),
    ),
    Share(
        "age_disputed",
        _("Children whose age was disputed"),
        _("Of the children, the share whose age was in doubt or assessed."),
        "children",
        lambda: Q(),
        lambda: ~Q(age_dispute="none"),
    ),
    Share(
        "handover_in_time",
        _("Turning-18 handovers made in time"),
        _(
            "Of the young people who turned 18 in the period (by the month, the only part of "
            "the date kept in clear), the share with a handover plan agreed before that "
            "month."
        ),
        "children",
        lambda: Q(turns_18_month__isnull=False, turns_18_month__lte=timezone.localdate()),
        lambda: Q(handover_on__lt=F("turns_18_month")),
        month_field="turns_18_month",
    ),
)

AGE_OUTCOMES = (
    ("open", _("Still open")),
    ("child", _("Found a child")),
    ("adult", _("Found an adult")),
    ("undetermined", _("Undetermined")),
)


class Percentile(Aggregate):
    """PostgreSQL's percentile_cont: the ``fraction`` percentile, interpolated."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


def _base(model: Any, period: Period, organisation: Organisation | None, month_field: str) -> Any:
    qs = model.objects.filter(
        **{f"{month_field}__gte": period.start, f"{month_field}__lte": period.end.replace(day=1)}
    )
    return qs.filter(organisation=organisation) if organisation is not None else qs


@dataclass
class Figure:
    name: str
    title: str
    definition: str
    n: int | None  # the children (or referrals) it is about; None: suppressed
    median: float | None = None
    p90: float | None = None
    share: float | None = None


def _durations(qs: Any) -> dict[str, tuple[int, float | None, float | None]]:
    """(children, median days, 90th percentile days) of every duration, in one scan."""
    if connection.vendor == "postgresql":
        aggregates: dict[str, Any] = {}
        for d in DURATIONS:
            seconds = Extract(
                ExpressionWrapper(F(d.end) - F("concern_at"), output_field=DurationField()),
                "epoch",
            )
            # NULL when the clock has not stopped: percentile_cont and COUNT skip it.
            aggregates[f"{d.name}_n"] = Count(d.end)
            aggregates[f"{d.name}_median"] = Percentile(seconds, 0.5)
            aggregates[f"{d.name}_p90"] = Percentile(seconds, 0.9)
        row = qs.aggregate(**aggregates)
        return {
            d.name: (
                row[f"{d.name}_n"],
                None if row[f"{d.name}_median"] is None else row[f"{d.name}_median"] / DAY,
                None if row[f"{d.name}_p90"] is None else row[f"{d.name}_p90"] / DAY,
            )
            for d in DURATIONS
        }
    # SQLite has no percentile function: the same interpolation in Python (small databases).
    result = {}
    for d in DURATIONS:
        pairs = qs.filter(**{f"{d.end}__isnull": False}).values_list("concern_at", d.end)
        days = sorted((b - a).total_seconds() / DAY for a, b in pairs)
        if len(days) < 2:
            result[d.name] = (len(days), days[0] if days else None, days[0] if days else None)
        else:
            cuts = pystats.quantiles(days, n=10, method="inclusive")
            result[d.name] = (len(days), pystats.median(days), cuts[8])
    return result


def _atom_index(period: Period, unit: str) -> tuple[int, dict[Any, int]]:
    atoms = period.atoms(unit)
    return len(atoms), {m: a for a, (f, last) in enumerate(atoms) for m in Period(f, last).months()}


def _share(s: Share, per_atom: list[list[int]], threshold: int) -> Figure:
    num = sum(a[0] for a in per_atom)
    other = sum(a[1] for a in per_atom)
    # Both parts must be publishable: a share of "all but 3" points to 3 children too.
    protected = disclosure.one_way([num, other], threshold, per_atom)
    ok = None not in protected.cells and num + other > 0
    return Figure(
        s.name,
        str(s.title),
        str(s.definition),
        num + other if ok else None,
        share=round(100 * num / (num + other), 1) if ok else None,
    )


def _shares(
    period: Period, organisation: Organisation | None, p: Protection
) -> tuple[list[Figure], list[int | None]]:
    """Every share, and the age-dispute outcomes: one scan per unit and month field."""
    count, atom_of = _atom_index(period, p.unit)
    by_source: dict[tuple[str, str], list[Share]] = {}
    for s in SHARES:
        by_source.setdefault((s.unit, s.month_field), []).append(s)
    figures: dict[str, Figure] = {}
    outcomes = [[0] * len(AGE_OUTCOMES) for _ in range(count)]
    for (unit, month), group in by_source.items():
        model = CaseFact if unit == "children" else ReferralFact
        aggregates: dict[str, Any] = {}
        for s in group:
            aggregates[f"{s.name}_den"] = Count("pk", filter=s.denominator())
            aggregates[f"{s.name}_num"] = Count("pk", filter=s.denominator() & s.numerator())
        if (unit, month) == ("children", "month"):
            for code, _label in AGE_OUTCOMES:
                aggregates[f"age_{code}"] = Count("pk", filter=Q(age_dispute=code))
        rows = _base(model, period, organisation, month).values(month).annotate(**aggregates)
        per_atom = {s.name: [[0, 0] for _ in range(count)] for s in group}
        for row in rows.order_by():
            a = atom_of.get(row[month])
            if a is None:
                continue
            for s in group:
                per_atom[s.name][a][0] += row[f"{s.name}_num"]
                per_atom[s.name][a][1] += row[f"{s.name}_den"] - row[f"{s.name}_num"]
            if (unit, month) == ("children", "month"):
                for i, (code, _label) in enumerate(AGE_OUTCOMES):
                    outcomes[a][i] += row[f"age_{code}"]
        for s in group:
            figures[s.name] = _share(s, per_atom[s.name], p.threshold)
    exact = [sum(atom[i] for atom in outcomes) for i in range(len(AGE_OUTCOMES))]
    protected = disclosure.one_way(exact, p.threshold, outcomes)
    return [figures[s.name] for s in SHARES], list(protected.cells)


def indicators(
    period: Period, organisation: Organisation | None = None, protection: Protection | None = None
) -> dict[str, list[Figure]]:
    """Every barrier indicator for the period (and organisation), protected, in four scans."""
    p = protection or Protection.default()
    cases = _base(CaseFact, period, organisation, "month")
    durations = _durations(cases)
    times = []
    for d in DURATIONS:
        n, median, p90 = durations[d.name]
        shown = n >= p.threshold and n > 0
        times.append(
            Figure(
                d.name,
                str(d.title),
                str(d.definition),
                n if shown else None,
                round(median, 1) if shown and median is not None else None,
                round(p90, 1) if shown and p90 is not None else None,
            )
        )
    shares, outcomes = _shares(period, organisation, p)
    return {
        "times": times,
        "shares": shares,
        "age_outcomes": [
            Figure(code, str(label), "", value)
            for (code, label), value in zip(AGE_OUTCOMES, outcomes, strict=True)
        ],
    }
