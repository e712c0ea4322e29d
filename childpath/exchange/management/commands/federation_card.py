import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from childpath.exchange import config, keys


class Command(BaseCommand):
    help = "Print this instance's federation card (to hand to a peer's administrator)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, help="Write the card to this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        card = config.own_card(timezone.now())
        text = json.dumps(card, indent=2)
        if options["out"]:
            options["out"].write_text(text)
            self.stdout.write(f"Card of {card['instance']}: fingerprint {keys.fingerprint(card)}")
        else:
            self.stdout.write(text)
