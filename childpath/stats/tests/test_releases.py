"""Releases: frozen, versioned, signed; CSV and JSON; corrections; the privacy budget; and
peers' releases combined into one table, protected again."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from childpath.accounts.models import User
from childpath.indicators.catalogue import load_catalogue
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


def _fake_peer(document: dict[str, object], country: str, scale: int) -> bytes:
    """Another instance's release: the same layout, other counts, its own key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    peer = json.loads(json.dumps(document))
    peer["instance"]["country"] = country
    for t in peer["tables"]:
        for c in t["categories"]:
            c["count"] = (
                7 * scale if c["code"] == "female" else (2 if c["code"] == "male" else None)
            )
        t["total"] = 40 * scale
    key = Ed25519PrivateKey.generate()
    peer["instance"]["public_key"] = signing.public_key_text(key)
    signature = __import__("base64").b64encode(key.sign(signing.canonical(peer))).decode()
    return json.dumps({"document": peer, "signature": signature}).encode()


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
