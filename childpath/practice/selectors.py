"""Progress: a professional's own, and anonymous totals for their organisation."""

from dataclasses import dataclass

from django.db.models import Count, Q

from childpath.accounts.models import User
from childpath.practice.models import Attempt

# Organisation totals are shown only when at least this many people have practised, so that
# nobody's progress can be read off the totals (the same idea as small-cell suppression).
MIN_PEOPLE_FOR_TOTALS = 3


@dataclass(frozen=True)
class Progress:
    done: int  # situations with at least one completed attempt
    attempts: int
    agreeing: int  # completed attempts whose result was the expected one

    @property
    def agreement_percent(self) -> int | None:
        return round(100 * self.agreeing / self.attempts) if self.attempts else None


@dataclass(frozen=True)
class Latest:
    situation_id: str
    agrees: bool | None
    attempt_id: int


def own_progress(user: User) -> Progress:
    row = Attempt.objects.filter(user=user, completed_at__isnull=False).aggregate(
        attempts=Count("id"),
        agreeing=Count("id", filter=Q(agrees=True)),
        done=Count("situation_id", distinct=True),
    )
    return Progress(done=row["done"], attempts=row["attempts"], agreeing=row["agreeing"])


def latest_by_situation(user: User) -> dict[str, Latest]:
    """The user's latest completed attempt per situation (one query)."""
    latest: dict[str, Latest] = {}
    rows = (
        Attempt.objects.filter(user=user, completed_at__isnull=False)
        .order_by("situation_id", "-completed_at", "-id")
        .values_list("situation_id", "agrees", "id")
    )
    for situation_id, agrees, pk in rows:
        latest.setdefault(situation_id, Latest(situation_id, agrees, pk))
    return latest


@dataclass(frozen=True)
class Totals:
    people: int
    attempts: int
    agreeing: int

    @property
    def agreement_percent(self) -> int | None:
        return round(100 * self.agreeing / self.attempts) if self.attempts else None


def organisation_totals(user: User) -> Totals | None:
    """Anonymous totals of the user's organisation; None while too few people practised."""
    if user.organisation_id is None:
        return None
    row = Attempt.objects.filter(
        organisation_id=user.organisation_id, completed_at__isnull=False
    ).aggregate(
        people=Count("user", distinct=True),
        attempts=Count("id"),
        agreeing=Count("id", filter=Q(agrees=True)),
    )
    if row["people"] < MIN_PEOPLE_FOR_TOTALS:
        return None
    return Totals(people=row["people"], attempts=row["attempts"], agreeing=row["agreeing"])
