import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childpath.accounts.models import Role, User
from childpath.exchange import keys, services
from childpath.exchange.models import Peer, PeerStatus


class Command(BaseCommand):
    help = (
        "Demo only: import the paired demo instance's card and confirm its fingerprint. In "
        "production an administrator compares the fingerprint with the peer out of band."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("card", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        card = json.loads(options["card"].read_text())
        admin = User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Load the demo first: no administrator to pair with.")
        peer = Peer.objects.filter(instance_id=card.get("instance")).first()
        fingerprint = keys.fingerprint(card)
        if peer is not None and peer.status == PeerStatus.ACTIVE:
            if peer.fingerprint != fingerprint:
                # The demo peer's keys or port changed: take its new card.
                services.replace_card(actor=admin, peer=peer, card=card)
                self.stdout.write(f"Took the new card of {peer.instance_id} ({fingerprint}).")
            return
        if peer is None or peer.status == PeerStatus.REMOVED:
            peer = services.import_peer(actor=admin, card=card)
        if peer.status == PeerStatus.PENDING:
            services.confirm_peer(actor=admin, peer=peer, fingerprint=fingerprint)
        self.stdout.write(f"Paired with {peer.instance_id} (fingerprint {fingerprint}).")
