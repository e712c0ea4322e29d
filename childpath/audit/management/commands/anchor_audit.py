"""python manage.py anchor_audit [--loop --interval N]: anchor the audit shard heads."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from childpath.audit.services import anchor
from childpath.lib.loop import repeat


class Command(BaseCommand):
    help = (
        "Append a root anchor of every audit shard head if any moved since the last one. "
        "Writers anchor as they write; this covers the last events before a quiet spell. "
        "Safe to run in several processes at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep anchoring until stopped.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between anchors (with --loop)."
        )

    def handle(self, *args: Any, loop: bool, interval: float, **options: Any) -> None:
        def step() -> bool:
            made = anchor(force=not loop)
            if made or not loop:
                self.stdout.write(f"Anchor {made.pk}." if made else "Nothing to anchor.")
            return False

        repeat(step, loop=loop, interval=interval)
