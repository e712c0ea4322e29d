from typing import Any

from django.core.management.base import BaseCommand

from childpath.demo.loader import load


class Command(BaseCommand):
    help = "Load the fictional demo instance (Sweden). Safe to run again: nothing is duplicated."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load()
        self.stdout.write(
            f"Demo: {counts['organisations']} organisations, {counts['users']} users, "
            f"{counts['new_cases']} new fictional cases."
        )
