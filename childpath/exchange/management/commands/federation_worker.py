from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childpath.exchange import delivery
from childpath.lib.loop import repeat


class Command(BaseCommand):
    help = (
        "Deliver the federation outbox: sign, send, store receipts; retry with backoff until "
        "each message's deadline. Safe to run several at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="Seconds between idle sweeps."
        )
        parser.add_argument("--threads", type=int, default=4, help="Deliveries at a time.")
        parser.add_argument("--limit", type=int, default=200, help="Messages per sweep.")

    def handle(self, *args: Any, **options: Any) -> None:
        def step() -> bool:
            counts = delivery.run_once(limit=options["limit"], threads=options["threads"])
            if counts.total and options["verbosity"] > 1:
                self.stdout.write(
                    f"delivered {counts.delivered}, retried {counts.retried}, "
                    f"refused {counts.refused}, undeliverable {counts.undeliverable}"
                )
            # Busy: the next sweep at once; idle: wait the interval.
            return bool(counts.total)

        repeat(step, loop=options["loop"], interval=options["interval"])
