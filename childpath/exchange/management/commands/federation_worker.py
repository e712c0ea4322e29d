import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childpath.exchange import delivery


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
        stop = False

        def request_stop(signum: int, frame: object) -> None:
            nonlocal stop
            stop = True

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        while True:
            counts = delivery.run_once(limit=options["limit"], threads=options["threads"])
            if counts.total and options["verbosity"] > 1:
                self.stdout.write(
                    f"delivered {counts.delivered}, retried {counts.retried}, "
                    f"refused {counts.refused}, undeliverable {counts.undeliverable}"
                )
            if not options["loop"] or stop:
                return
            if not counts.total:
                # Idle: wait, but wake at once to stop.
                deadline = time.monotonic() + options["interval"]
                while not stop and time.monotonic() < deadline:
                    time.sleep(0.1)
                if stop:
                    return
