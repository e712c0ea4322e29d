from typing import Any

from django.core.management.base import BaseCommand

from childpath.exchange import services


class Command(BaseCommand):
    help = "Send this instance's federation card (after a key rotation) to every active peer."

    def handle(self, *args: Any, **options: Any) -> None:
        told = services.announce_keys(actor=None)
        self.stdout.write(f"Announced the federation keys to {told} peer(s).")
