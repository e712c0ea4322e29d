"""Recompute the statistics roll-up of every case (after a bulk import, or to repair)."""

from typing import Any

from django.core.management.base import BaseCommand

from childpath.stats import facts


class Command(BaseCommand):
    help = "Recompute the statistical facts of every case and referral."

    def handle(self, *args: Any, **options: Any) -> None:
        total = facts.rebuild()
        self.stdout.write(f"Statistics: facts of {total} cases recomputed.")
