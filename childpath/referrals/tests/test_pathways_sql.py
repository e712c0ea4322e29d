"""The pathway list in SQL (selectors.without_pathway) agrees with the rule in Python
(pathways.needs_attention) on the same data."""

import random
from datetime import timedelta

from django.utils import timezone

from childpath.cases.models import Case
from childpath.referrals import lifecycle, pathways, selectors
from childpath.referrals.models import Referral


def test_it_finds_the_same_cases_as_the_rule_in_python(
    make_case, send, caseworker, coordinator, shelter_place
):
    rng = random.Random(5)  # fixed: the same fictional mix on every run
    now = timezone.now()
    cases = []
    for n in range(40):
        case = make_case(given_names=f"Testa{n}")
        Case.objects.filter(pk=case.pk).update(
            stage=rng.choice(["concern", "screened", "presumed", "identified", "closed"]),
            coordinator=coordinator if rng.random() < 0.7 else None,
        )
        for _r in range(rng.randrange(0, 3)):
            referral = send(case, need=rng.choice(["", "safe_accommodation"]))
            hours = rng.randrange(-72, 72)
            Referral.objects.filter(pk=referral.pk).update(
                status=rng.choice(lifecycle.STATUSES),
                sent_at=now - timedelta(hours=abs(hours) + 1),
                status_changed_at=now - timedelta(hours=rng.randrange(0, 96)),
                acknowledge_by=now + timedelta(hours=hours),
                respond_by=now + timedelta(hours=hours + 20),
                settled_at=now if rng.random() < 0.2 else None,
            )
        cases.append(case)
    listed = set(selectors.without_pathway(caseworker, now).values_list("pk", flat=True))
    expected = set()
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        facts = [selectors.facts(r) for r in Referral.objects.filter(case=case)]
        if pathways.needs_attention(
            stage=case.stage,
            has_coordinator=case.coordinator_id is not None,
            referrals=facts,
            now=now,
        ):
            expected.add(case.pk)
    assert listed == expected
    assert 0 < len(listed) < len(cases)
