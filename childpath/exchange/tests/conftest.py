"""Federation fixtures: this instance ("childpath-se-test") with keys in a temporary file, and
a simulated peer ("childpath-rs-test") that writes envelopes to it and reads its outbox."""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from django.utils import timezone

from childpath.accounts.models import Organisation, Role, Sector, User
from childpath.exchange import envelope, keys
from childpath.exchange.models import Peer, PeerStatus

HERE = "childpath-se-test"
THERE = "childpath-rs-test"


class PeerSim:
    """The other instance, as far as this one can tell: its keys and its envelopes."""

    def __init__(self, our_ring: keys.KeyRing) -> None:
        now = datetime.now(UTC)
        self.ring = keys.new_ring(THERE, now)
        self.our_ring = our_ring
        self.card = keys.card(
            instance=THERE,
            country="RS",
            name="Childpath RS (test)",
            address="http://127.0.0.1:8129/federation/inbox",
            keys=self.ring.public_keys(now),
        )

    def seal(
        self,
        message_type: str,
        payload: dict[str, Any],
        *,
        conversation: str | None = None,
        seq: int = 1,
        reply_to: str | None = None,
        time: datetime | None = None,
        message_id: str | None = None,
        recipient: str = HERE,
        signer: keys.PrivateKey | None = None,
    ) -> bytes:
        our_enc = self.our_ring.current(keys.ENCRYPTION)
        head = envelope.Header(
            id=message_id or str(uuid.uuid4()),
            type=message_type,
            sender=THERE,
            recipient=recipient,
            conversation=conversation or str(uuid.uuid4()),
            seq=seq,
            reply_to=reply_to,
            recipient_key=our_enc.id,
        )
        ciphertext = envelope.encrypt_payload(head, payload, our_enc.public().x25519())
        signing = signer or self.ring.current(keys.SIGNING)
        return envelope.sign(
            head,
            payload=ciphertext,
            time=time or timezone.now(),
            signing_key=signing.signing(),
            signing_key_id=signing.id,
        )

    def open(self, body: bytes) -> tuple[envelope.Envelope, dict[str, Any]]:
        """Read an envelope this instance sent to the peer."""
        parsed = envelope.parse(body)
        key = self.ring.find(keys.ENCRYPTION, parsed.header.recipient_key, timezone.now())
        assert key is not None
        return parsed, envelope.decrypt(parsed, key.decryption())

    def deliveries(self, body: bytes) -> list[bytes]:
        """The envelopes of one delivery from this instance: one, or a batch's."""
        members = json.loads(body)
        if envelope.is_batch(members):
            return [envelope.canonical(one) for one in members["envelopes"]]
        return [body]

    def answer(self, body: bytes, results: list[bytes]) -> tuple[int, bytes]:
        """The peer's answer to a delivery: its results, in the form the delivery had."""
        if envelope.is_batch(json.loads(body)):
            return 200, envelope.batch_answer(results)
        [result] = results
        return (200 if b"receipt_for" in result else 422), result

    def receipt(self, body: bytes) -> bytes:
        parsed = envelope.parse(body)
        signing = self.ring.current(keys.SIGNING)
        return envelope.make_receipt(
            parsed,
            receiver=THERE,
            time=timezone.now(),
            signing_key=signing.signing(),
            signing_key_id=signing.id,
        )


@pytest.fixture
def ring(settings: Any, tmp_path: Any) -> keys.KeyRing:
    path = tmp_path / f"{HERE}.json"
    created = keys.new_ring(HERE, datetime.now(UTC))
    keys.save(created, path)
    settings.CHILDPATH_INSTANCE_ID = HERE
    settings.FEDERATION_KEYS_FILE = str(path)
    settings.FEDERATION_ADDRESS = "http://127.0.0.1:8128/federation/inbox"
    settings.FEDERATION_RETRY_BASE = 1.0
    return created


@pytest.fixture
def sim(ring: keys.KeyRing) -> PeerSim:
    return PeerSim(ring)


@pytest.fixture
def peer(db: None, sim: PeerSim) -> Peer:
    return Peer.objects.create(
        instance_id=THERE,
        name=sim.card["name"],
        country="RS",
        address=sim.card["address"],
        keys=sim.card["keys"],
        fingerprint=keys.fingerprint(sim.card),
        status=PeerStatus.ACTIVE,
    )


@pytest.fixture
def focal_org(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Test Focal Point", sector=Sector.GOVERNMENT, country="SE", is_focal_point=True
    )


@pytest.fixture
def focal(focal_org: Organisation) -> User:
    return User.objects.create_user(
        username="fiona",
        password="fictional-password-1",
        first_name="Fiona",
        organisation=focal_org,
        role=Role.FOCAL_POINT,
        email="fiona@example.org",
    )


def request_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "reference": "CP-TEST-RS01",
        "country": "SE",
        "urgency": "urgent",
        "reason": "Fictional: the child's family may be in Sweden.",
        "child_views": "Fictional: wants to see her aunt.",
        "facts": {"sex": "female", "age_years": 15, "languages": ["sr"]},
        "share_fields": ["given_names", "family_name"],
        "respond_by": envelope.format_time(timezone.now() + timezone.timedelta(days=3)),
    }
    return payload | overrides
