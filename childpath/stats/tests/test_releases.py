"""Releases: frozen, versioned, signed; CSV and JSON; corrections; the privacy budget; and
peers' releases combined into one table, protected again."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from childpath.accounts.models import User
from childpath.exchange import keys
from childpath.exchange.envelope import b64encode
from childpath.exchange.models import Peer, PeerStatus
from childpath.indicators.catalogue import load_catalogue
from childpath.lib import instance_key
from childpath.stats import documents, services, signing
from childpath.stats.models import Method, PrivacyBudget, Release
from childpath.stats.periods import year
from childpath.stats.services import ReleaseError, ReleaseRequest

pytestmark = pytest.mark.usefixtures("dataset")
ANNUAL = ReleaseRequest(title="Annual figures 2025", period=year(2025))


def test_it_publishes_a_signed_release_of_every_table(analyst: User) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    assert len(document["tables"]) == 18
    assert document["catalogue_version"] == load_catalogue().version
    assert signing.verify(document, release.signature, release.public_key)


def test_it_never_changes_a_published_release(analyst: User) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    release.title = "Changed"
    with pytest.raises(ValueError, match="never changes"):
        release.save()


def test_it_publishes_a_correction_as_the_next_version(analyst: User) -> None:
    first = services.publish_release(actor=analyst, request=ANNUAL)
    second = services.publish_release(actor=analyst, request=replace(ANNUAL, corrects=first))
    assert second.version == 2 and second.corrects == first
    with pytest.raises(ReleaseError, match="already_corrected"):
        services.publish_release(actor=analyst, request=replace(ANNUAL, corrects=first))


def test_it_refuses_a_release_to_anyone_but_an_analyst(coordinator: User) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.publish_release(actor=coordinator, request=ANNUAL)


def test_it_spends_and_enforces_the_privacy_budget_per_year(analyst: User) -> None:
    dp = replace(ANNUAL, method=Method.DIFFERENTIAL, epsilon=0.6)
    services.publish_release(actor=analyst, request=dp)
    assert PrivacyBudget.objects.get(year=2025).spent == pytest.approx(0.6)
    with pytest.raises(ReleaseError, match="epsilon_budget"):
        services.publish_release(actor=analyst, request=dp)
    assert Release.objects.count() == 1


def test_it_rounds_a_rounded_release(analyst: User) -> None:
    release = services.publish_release(
        actor=analyst, request=replace(ANNUAL, method=Method.ROUNDED, rounding=5)
    )
    counts = [c["count"] for t in json.loads(release.document)["tables"] for c in t["categories"]]
    assert all(c is None or c % 5 == 0 for c in counts)


def test_it_downloads_json_and_csv_with_suppressed_cells_named(
    login: Callable[[User], Client], analyst: User
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    client = login(analyst)
    wrapper = client.get(f"/statistics/releases/{release.id}/download.json").json()
    assert signing.verify(
        wrapper["document"], wrapper["signature"], wrapper["document"]["instance"]["public_key"]
    )
    csv = client.get(f"/api/v1/statistics/releases/{release.id}?as=csv").content.decode()
    assert "suppressed" in csv and csv.startswith("release,version")


def test_it_publishes_through_the_page(login: Callable[[User], Client], analyst: User) -> None:
    response = login(analyst).post(
        "/statistics/releases/", {"title": "Q1", "quarter": "2025-Q1", "method": "suppression"}
    )
    assert response.status_code == 302 and Release.objects.get().title == "Q1"


def test_it_refuses_a_release_without_a_title_on_the_page(
    login: Callable[[User], Client], analyst: User
) -> None:
    response = login(analyst).post(
        "/statistics/releases/", {"title": " ", "year": "2025", "method": "suppression"}
    )
    assert response.status_code == 400 and b"Give the release a title" in response.content
    assert not Release.objects.exists()


def _fake_peer(
    document: dict[str, object],
    country: str,
    scale: int,
    key: Ed25519PrivateKey | None = None,
) -> bytes:
    """Another instance's release: the same layout, other counts, its own key."""
    peer = json.loads(json.dumps(document))
    peer["instance"]["country"] = country
    peer["instance"]["id"] = f"childpath-{country.lower()}-test"
    for t in peer["tables"]:
        for c in t["categories"]:
            c["count"] = (
                7 * scale if c["code"] == "female" else (2 if c["code"] == "male" else None)
            )
        t["total"] = 40 * scale
    key = key or Ed25519PrivateKey.generate()
    peer["instance"]["public_key"] = signing.text(_raw(key))
    signature = base64.b64encode(key.sign(signing.canonical(peer))).decode()
    return json.dumps({"document": peer, "signature": signature}).encode()


def _raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _register_peer(country: str, key: Ed25519PrivateKey, status: str) -> None:
    """The peer as the exchange's registry holds it after importing its federation card."""
    Peer.objects.create(
        instance_id=f"childpath-{country.lower()}-test",
        name=f"Childpath {country} (fictional)",
        country=country,
        address="https://example.invalid/federation/inbox",
        keys=[{"id": "k1", "use": "sig", "public": b64encode(_raw(key))}],
        fingerprint="0000",
        status=status,
    )


def test_it_combines_peers_releases_and_suppresses_again(
    login: Callable[[User], Client], analyst: User
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    files = [
        SimpleUploadedFile("bg.json", _fake_peer(document, "BG", 1)),
        SimpleUploadedFile("rs.json", _fake_peer(document, "RS", 2)),
    ]
    response = login(analyst).post("/statistics/combine/", {"releases": files, "table": "sex"})
    assert response.status_code == 200
    # Neither instance is in the federation registry: combined, but said to be unverified.
    assert b"this instance is not in the federation registry" in response.content
    assert response.context["all_verified"] is False
    combined = response.context["combined"]
    values = {code: value for code, _label, value in combined.categories}
    # 7 + 14 girls: published; 2 + 2 boys: under 10, suppressed, with its partner.
    assert values["female"] == 21 and values["male"] is None and combined.total == 120


def test_it_refuses_a_release_whose_signature_does_not_match(analyst: User) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    wrapper = {"document": json.loads(release.document), "signature": release.signature}
    wrapper["document"]["tables"][0]["total"] = 999
    with pytest.raises(documents.DocumentError, match="signature"):
        documents.read(json.dumps(wrapper).encode())


def test_it_signs_a_release_with_the_instances_federation_key(
    analyst: User, login: Callable[[User], Client]
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    current = instance_key.current()
    assert document["instance"]["key_id"] == current.id
    assert base64.b64decode(release.public_key) == current.public_raw()
    assert signing.trust(document) == signing.Trust(signing.OWN)
    page = login(analyst).get(f"/statistics/releases/{release.id}/")
    assert b"Signed with this instance&#x27;s federation key" in page.content


def test_it_still_verifies_a_release_signed_with_the_earlier_statistics_key(
    analyst: User, login: Callable[[User], Client], signing_key: Path
) -> None:
    """Releases published before keep verifying: each names the key it was signed with."""
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    old = serialization.load_pem_private_key(signing_key.read_bytes(), password=None)
    assert isinstance(old, Ed25519PrivateKey)
    document["instance"] = {"country": "SE", "profile": "se", "public_key": signing.text(_raw(old))}
    earlier = Release.objects.create(
        title="Before", version=1, period_start=release.period_start,
        period_end=release.period_end, method=release.method, threshold=release.threshold,
        catalogue_version=release.catalogue_version,
        document=json.dumps(document), sha256="", public_key=signing.text(_raw(old)),
        signature=base64.b64encode(old.sign(signing.canonical(document))).decode(),
    )  # fmt: skip
    assert signing.trust(document) == signing.Trust(signing.OWN_EARLIER)
    page = login(analyst).get(f"/statistics/releases/{earlier.id}/")
    assert b"earlier statistics key" in page.content and b"Does not match" not in page.content


def test_it_verifies_a_peers_release_against_the_key_in_the_federation_registry(
    login: Callable[[User], Client], analyst: User
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    bg, rs = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    _register_peer("BG", bg, PeerStatus.ACTIVE)
    _register_peer("RS", rs, PeerStatus.PENDING)
    files = [
        SimpleUploadedFile("bg.json", _fake_peer(document, "BG", 1, bg)),
        SimpleUploadedFile("rs.json", _fake_peer(document, "RS", 2, rs)),
    ]
    response = login(analyst).post("/statistics/combine/", {"releases": files, "table": "sex"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Verified: signed with the key the federation registry holds for Childpath BG" in content
    assert "the fingerprint of Childpath RS (fictional) has not been confirmed" in content


def test_it_refuses_a_peers_release_signed_with_a_key_its_card_does_not_list(
    login: Callable[[User], Client], analyst: User
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    _register_peer("BG", Ed25519PrivateKey.generate(), PeerStatus.ACTIVE)
    files = [
        SimpleUploadedFile("bg.json", _fake_peer(document, "BG", 1)),  # another key
        SimpleUploadedFile("rs.json", _fake_peer(document, "RS", 2)),
    ]
    response = login(analyst).post("/statistics/combine/", {"releases": files, "table": "sex"})
    assert response.status_code == 400 and response.context["combined"] is None
    assert b"the federation registry does not list for that instance" in response.content


def test_it_refuses_to_combine_two_releases_of_one_instance(
    login: Callable[[User], Client], analyst: User
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    document = json.loads(release.document)
    key = Ed25519PrivateKey.generate()
    files = [
        SimpleUploadedFile("a.json", _fake_peer(document, "BG", 1, key)),
        SimpleUploadedFile("b.json", _fake_peer(document, "BG", 2, key)),
    ]
    response = login(analyst).post("/statistics/combine/", {"releases": files, "table": "sex"})
    assert response.status_code == 400
    assert b"releases of the same instance" in response.content


def test_a_release_signed_before_a_key_rotation_is_still_this_instances(
    analyst: User, settings: Any
) -> None:
    release = services.publish_release(actor=analyst, request=ANNUAL)
    ring = Path(settings.FEDERATION_KEYS_FILE)
    now = datetime.now(UTC)
    keys.save(keys.load(ring).rotated(now, now + timedelta(days=30)), ring)
    document = json.loads(release.document)
    assert instance_key.current().id != document["instance"]["key_id"]
    assert signing.trust(document) == signing.Trust(signing.OWN)


def test_it_refuses_to_sign_with_another_instances_keys(analyst: User, settings: Any) -> None:
    settings.CHILDPATH_INSTANCE_ID = "childpath-xx-other"
    with pytest.raises(ImproperlyConfigured, match="another instance"):
        services.publish_release(actor=analyst, request=ANNUAL)
    assert not Release.objects.exists()
