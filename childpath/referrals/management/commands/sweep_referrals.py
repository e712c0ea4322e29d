"""python manage.py sweep_referrals [--loop --interval N]: mark overdue referrals, notify."""

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

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
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        if loop:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while True:
            marked = sweep()
            if marked or not loop:
                self.stdout.write(f"{marked} referral(s) marked overdue.")
            if not loop:
                return
            # A long-lived worker must not keep a connection the database has dropped.
            close_old_connections()
            waited = 0.0
            while waited < interval and not stopping:
                time.sleep(min(1.0, interval - waited))
                waited += 1.0
            if stopping:
                return
