"""python manage.py sweep_referrals [--loop --interval N]: mark overdue referrals, notify."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childpath.lib.loop import repeat
from childpath.referrals.sweep import sweep


class Command(BaseCommand):
    help = (
        "Mark referrals whose acknowledgement or answer is overdue and notify the coordinator. "
        "Safe to run in several processes at once; running it twice changes nothing more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until stopped.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between sweeps (with --loop)."
        )

    def handle(self, *args: Any, loop: bool, interval: float, **options: Any) -> None:
        def step() -> bool:
            marked = sweep()
            if marked or not loop:
                self.stdout.write(f"{marked} referral(s) marked overdue.")
            return False

        repeat(step, loop=loop, interval=interval)
