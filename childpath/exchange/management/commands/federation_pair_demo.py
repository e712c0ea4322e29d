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
        parser.add_argument(
            "--linkage-key",
            type=Path,
            help="Demo only: the record-linkage key file both demo instances share for match "
            "queries (written from this instance's key if it does not exist yet).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        card = json.loads(options["card"].read_text())
        self._pair(card)
        if options["linkage_key"] is not None:
            self._share_linkage_key(str(card["instance"]), options["linkage_key"])

    def _pair(self, card: dict[str, Any]) -> None:
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

    def _share_linkage_key(self, peer: str, path: Path) -> None:
        """Both demo instances hold the same linkage key for each other, and let each other
        ask. Idempotent: a key already shared is not rotated again."""
        from childpath.matching.models import PeerPolicy
        from childpath.matching.services import current_key, rotate_key

        key = current_key(peer)
        if path.exists():
            text = path.read_text()
            if key is None or json.loads(text).get("key_id") != key.key_id:
                key = rotate_key(actor=None, peer=peer, key_file=text)
                self.stdout.write(f"Linkage key for {peer}: version {key.version}.")
        else:
            if key is None:
                key = rotate_key(actor=None, peer=peer)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(key.key_file)
        PeerPolicy.objects.get_or_create(
            peer=peer, defaults={"may_ask": True, "queries_per_hour": 30}
        )
