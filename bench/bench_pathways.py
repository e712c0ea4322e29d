"""*Children without a pathway*: the cost of the list's query on a generated data set.

Since a child at risk with a declined, overdue or unanswered referral stays on the list (not
only presumed and identified victims), the query looks at every open case the user sees, not
only those of two stages. This measures the count (the home card) and the first page (the
list) with the rule as it is (``selectors.without_pathway``) and, for the ratio, the rule as it
was (two stages only), on the same database, in the same run.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/childpath_pathways
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/bench_pathways.py --generate 20000 --repeat 30

``--generate N`` adds N fictional cases (a stage mix, 70% with a coordinator, 0-2 referrals
each in any status, deadlines around now) seen by one caseworker's organisation, with bulk
inserts; without it the data already there is measured.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Exists, OuterRef, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from childpath.accounts.models import Organisation, Role, Sector, User  # noqa: E402
from childpath.cases.models import Access, Case, CaseMember  # noqa: E402
from childpath.referrals import lifecycle, pathways, selectors  # noqa: E402
from childpath.referrals.models import Referral  # noqa: E402


def before(user: User) -> Any:
    """The rule before: presumed and identified victims only (for the ratio)."""
    now = timezone.now()
    referrals = Referral.objects.filter(case=OuterRef("pk"))
    later = Referral.objects.filter(
        case=OuterRef("case"), need=OuterRef("need"), sent_at__gt=OuterRef("status_changed_at")
    )
    supported = Exists(referrals.filter(status__in=lifecycle.SUPPORTING))
    overdue = Exists(
        referrals.filter(
            Q(status=lifecycle.SENT, acknowledge_by__lte=now)
            | Q(status__in=lifecycle.PENDING, respond_by__lte=now)
        )
    )
    unresolved = Exists(referrals.filter(status__in=lifecycle.UNANSWERED).filter(~Exists(later)))
    return (
        Case.objects.visible_to(user)
        .filter(stage__in=pathways.SUPPORT_STAGES)
        .filter(Q(coordinator__isnull=True) | ~supported | overdue | unresolved)
    )


# Roughly the demo's mix: most cases never get past a concern or a screening.
STAGES = ["concern"] * 30 + ["screened"] * 30 + ["presumed"] * 25 + ["identified"] * 10
STAGES += ["closed"] * 5
USERNAME = "bench-pathways"


def generate(total: int, seed: int = 2026) -> None:
    """``total`` fictional cases for one social services office, and their referrals."""
    from childpath.referrals.tests.conftest import make_place

    rng = random.Random(seed)
    office, _ = Organisation.objects.get_or_create(
        name="Bench Social Services (fictional)",
        defaults={"sector": Sector.SOCIAL_SERVICES, "country": "SE"},
    )
    shelter, _ = Organisation.objects.get_or_create(
        name="Bench Shelter (fictional)",
        defaults={"sector": Sector.SHELTER, "country": "SE", "is_service_provider": True},
    )
    user = User.objects.filter(username=USERNAME).first() or User.objects.create_user(
        username=USERNAME, organisation=office, role=Role.CASEWORKER
    )
    place = make_place(f"Bench Beds {Case.objects.count()}", shelter, need="safe_accommodation")
    now = timezone.now()
    start = Case.objects.count()
    cases = [
        Case(
            reference=f"CP-BNCH-{start + n:07d}",
            stage=rng.choice(STAGES),
            created_at=now - timedelta(days=rng.randrange(1, 900)),
            sex="female",
            created_by_organisation=office,
            lead_organisation=office,
            coordinator=user if rng.random() < 0.7 else None,
        )
        for n in range(total)
    ]
    Case.objects.bulk_create(cases, batch_size=2000)
    CaseMember.objects.bulk_create(
        [CaseMember(case=case, organisation=office, access=Access.EDIT) for case in cases],
        batch_size=2000,
    )
    referrals = []
    for case in cases:
        for _r in range(rng.randrange(0, 3)):
            hours = rng.randrange(-72, 72)
            referrals.append(
                Referral(
                    case=case,
                    service_at_location=place,
                    to_organisation=shelter,
                    from_organisation=office,
                    need=rng.choice(["", "safe_accommodation"]),
                    reason="Fictional.",
                    urgency="urgent",
                    status=rng.choice(lifecycle.STATUSES),
                    sent_at=now - timedelta(hours=abs(hours) + 1),
                    status_changed_at=now - timedelta(hours=rng.randrange(0, 96)),
                    acknowledge_by=now + timedelta(hours=hours),
                    respond_by=now + timedelta(hours=hours + 20),
                    settled_at=now if rng.random() < 0.05 else None,
                )
            )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default=USERNAME)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--generate", type=int, default=0, help="add this many cases first")
    args = parser.parse_args()
    if args.generate:
        started = time.perf_counter()
        generate(args.generate)
        print(f"generated {args.generate:,} cases in {time.perf_counter() - started:.1f} s")
    user = User.objects.get(username=args.user)
    rules: dict[str, Callable[[User], Any]] = {
        "before (two stages)": before,
        "now (any open case)": selectors.without_pathway,
    }
    print(
        f"{connection.vendor}; {Case.objects.count():,} cases, {Referral.objects.count():,} "
        f"referrals; {Case.objects.visible_to(user).count():,} visible to {args.user}"
    )
    results: dict[str, tuple[int, float, float]] = {}
    for label, rule in rules.items():
        count = rule(user).count()

        def counted(rule: Callable[[User], Any] = rule) -> object:
            return rule(user).count()

        def first_page(rule: Callable[[User], Any] = rule) -> object:
            return list(rule(user).order_by("created_at", "id")[:50])

        results[label] = (
            count,
            median_ms(counted, args.repeat),
            median_ms(first_page, args.repeat),
        )
        print(
            f"  {label}: {count:,} listed; count {results[label][1]:.1f} ms, "
            f"first page {results[label][2]:.1f} ms (medians of {args.repeat})"
        )
    old, new = results.values()
    print(f"  ratio now/before: count {new[1] / old[1]:.2f}, first page {new[2] / old[2]:.2f}")


if __name__ == "__main__":
    main()
