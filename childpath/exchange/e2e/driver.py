"""One instance's side of the end-to-end run: ``python -m childpath.exchange.e2e.driver CMD``.

Runs in the instance's own environment (its database and keys) and acts only through the
services, as focal points and caseworkers would. Everything here is fictional.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "childpath.settings")
django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from childpath.accounts.models import Organisation, Role, Sector, User  # noqa: E402
from childpath.cases import services as case_services  # noqa: E402
from childpath.cases.models import CaseEvent  # noqa: E402
from childpath.cases.validation import ChildData, EncounterData  # noqa: E402
from childpath.exchange import config, lifecycle, services  # noqa: E402
from childpath.exchange.models import (  # noqa: E402
    CrossBorderReferral,
    Delivery,
    Direction,
    Entry,
    InboxMessage,
    InboxOutcome,
    InformationRequest,
    OutboxMessage,
    Peer,
    Status,
)

PASSWORD = "fictional-e2e-password"


def totp_key(username: str) -> str:
    """The fictional users' authenticator secret (hex), known to the browser test."""
    return hashlib.sha256(f"childpath-e2e:{username}".encode()).hexdigest()[:40]


def _user(username: str, organisation: Organisation, role: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username, defaults={"organisation": organisation, "role": role}
    )
    user.set_password(PASSWORD)
    user.save()
    # Everyone signs in with two factors (DESIGN.md section 7).
    TOTPDevice.objects.get_or_create(
        user=user, name="E2E authenticator", defaults={"key": totp_key(username), "confirmed": True}
    )
    return user


def setup(card_path: str, address: str, linkage_key: str = "") -> None:
    """The instance's organisations and people, the peer paired through the proxy, and the
    record-linkage key both share for match queries (the peer may ask without a limit that
    the run would reach)."""
    country = str(config.own_card(timezone.now())["country"])
    focal = Organisation.objects.create(
        name=f"E2E focal point {country}",
        sector=Sector.GOVERNMENT,
        country=country,
        is_focal_point=True,
    )
    social = Organisation.objects.create(
        name=f"E2E social services {country}",
        sector=Sector.SOCIAL_SERVICES,
        country=country,
        may_identify=True,
    )
    system = Organisation.objects.create(
        name=f"E2E system {country}", sector=Sector.GOVERNMENT, country=country
    )
    _user("e2e.focal", focal, Role.FOCAL_POINT)
    _user("e2e.caseworker", social, Role.CASEWORKER)
    _user("e2e.admin", system, Role.ADMINISTRATOR)
    card = json.loads(Path(card_path).read_text())
    card["address"] = address  # through the fault-injecting proxy
    admin = User.objects.get(username="e2e.admin")
    peer = services.import_peer(actor=admin, card=card)
    from childpath.exchange.keys import fingerprint

    services.confirm_peer(actor=admin, peer=peer, fingerprint=fingerprint(card))
    if linkage_key:
        from childpath.matching.models import PeerPolicy
        from childpath.matching.services import rotate_key

        rotate_key(actor=None, peer=peer.instance_id, key_file=Path(linkage_key).read_text())
        PeerPolicy.objects.create(peer=peer.instance_id, may_ask=True, queries_per_hour=10**6)


def focal() -> User:
    return User.objects.get(username="e2e.focal")


def requests(count: int) -> None:
    caseworker = User.objects.get(username="e2e.caseworker")
    peer = Peer.objects.get()
    for n in range(count):
        case = case_services.register_child(
            actor=caseworker,
            child=ChildData(
                sex="female",
                given_names=f"Testa{n}",
                family_name="Exempel",
                date_of_birth=date(2011, 1, 1 + n % 28),
                languages=["sr"],
                citizenship="RS",
            ),
            encounter=EncounterData(came_to_notice="social_services", occurred_on=date(2026, 1, 5)),
            lead_organisation=caseworker.organisation,
        )
        referral = services.request_referral(
            actor=caseworker,
            case=case,
            data=services.RequestData(
                country=peer.country,
                reason=f"Fictional reason {n}.",
                urgency="urgent",
                share_fields=["given_names", "family_name"],
                child_views="Fictional views.",
            ),
        )
        services.send(actor=focal(), referral=referral, peer=peer)


def child() -> str:
    """A case for the browser test, registered by the caseworker; its reference."""
    caseworker = User.objects.get(username="e2e.caseworker")
    case = case_services.register_child(
        actor=caseworker,
        child=ChildData(
            sex="male",
            given_names="Testo",
            family_name="Primer",
            date_of_birth=date(2011, 5, 2),
            languages=["sr"],
            citizenship="RS",
            unaccompanied="yes",
        ),
        encounter=EncounterData(came_to_notice="police", occurred_on=date(2026, 1, 5)),
        lead_organisation=caseworker.organisation,
    )
    return case.reference


def known_child(given_names: str, family_name: str, born: str, language: str) -> str:
    """A child registered by the caseworker, the focal point on the team (to ask about the
    child from the case page); its reference. For the match query in the browser test."""
    from childpath.cases.models import Access
    from childpath.cases.team import add_team_member

    caseworker = User.objects.get(username="e2e.caseworker")
    case = case_services.register_child(
        actor=caseworker,
        child=ChildData(
            sex="male",
            given_names=given_names,
            family_name=family_name,
            date_of_birth=date.fromisoformat(born),
            languages=[language],
            unaccompanied="yes",
        ),
        encounter=EncounterData(came_to_notice="police", occurred_on=date(2026, 1, 5)),
        lead_organisation=caseworker.organisation,
    )
    add_team_member(
        actor=caseworker,
        case=case,
        organisation=focal().organisation,  # type: ignore[arg-type]
        user=focal(),
        access=Access.VIEW,
    )
    return case.reference


def respond() -> None:
    lead = Organisation.objects.get(sector=Sector.SOCIAL_SERVICES)
    for referral in CrossBorderReferral.objects.filter(
        direction=Direction.INCOMING, status=Status.SENT
    ):
        services.acknowledge(actor=focal(), referral=referral)
        services.accept(actor=focal(), referral=referral, lead_organisation=lead)


def answer_questions() -> int:
    answered = 0
    for question in InformationRequest.objects.filter(asked_here=False, answered_at__isnull=True):
        services.answer(actor=focal(), request=question, text=f"Fictional answer {question.pk}.")
        answered += 1
    return answered


def chatter(count: int) -> None:
    """Status updates, with an information request every tenth message, round robin."""
    referrals = list(CrossBorderReferral.objects.filter(status=Status.ACCEPTED).order_by("pk"))
    for n in range(count):
        referral = referrals[n % len(referrals)]
        if n % 10 == 9:
            services.ask(
                actor=focal(),
                referral=referral,
                topic="family_tracing",
                question=f"Fictional question {n}?",
            )
        else:
            services.update_status(actor=focal(), referral=referral, text=f"Fictional update {n}.")


def finish() -> None:
    """Transfer every other referral, then close them all (the sender's side)."""
    referrals = CrossBorderReferral.objects.filter(
        direction=Direction.OUTGOING, status=Status.ACCEPTED
    ).order_by("pk")
    for n, referral in enumerate(referrals):
        if n % 2 == 0:
            services.transfer(actor=focal(), referral=referral, note="Fictional transfer.")
            referral.refresh_from_db()
        services.close(actor=focal(), referral=referral, reason="Fictional closure.")


def match(count: int) -> None:
    """The focal point asks the peer about the children of the first ``count`` referrals
    (it joins each case's team to see it, as a focal point would be added)."""
    from childpath.cases.models import Access
    from childpath.cases.team import add_team_member
    from childpath.exchange import matchquery

    caseworker = User.objects.get(username="e2e.caseworker")
    peer = Peer.objects.get()
    referrals = CrossBorderReferral.objects.filter(direction=Direction.OUTGOING).order_by("pk")
    for referral in referrals[:count]:
        assert referral.case is not None
        add_team_member(
            actor=caseworker,
            case=referral.case,
            organisation=focal().organisation,  # type: ignore[arg-type]
            user=focal(),
            access=Access.VIEW,
        )
        matchquery.ask(actor=focal(), case=referral.case, peer=peer.instance_id)


def matches() -> dict[str, Any]:
    from childpath.matching.models import MatchCandidate, MatchQuery

    queries = MatchQuery.objects.all()
    return {
        "asked": queries.filter(direction="outgoing").count(),
        "answered": queries.filter(direction="outgoing", status="answered").count(),
        "found": MatchCandidate.objects.filter(query__direction="outgoing")
        .values("query")
        .distinct()
        .count(),
        "incoming_answered": queries.filter(direction="incoming", status="answered").count(),
    }


def pending() -> dict[str, int]:
    states = dict(OutboxMessage.objects.values_list("state").annotate(n=Count("pk")))
    return {str(k): int(v) for k, v in states.items()}


def state() -> dict[str, Any]:
    referrals = {}
    for referral in CrossBorderReferral.objects.select_related("case"):
        entries = sorted(
            (str(e.message_id), e.type, e.outgoing) for e in Entry.objects.filter(referral=referral)
        )
        updates = (
            CaseEvent.objects.filter(
                case=referral.case, kind="crossborder.update", data__referral_id=str(referral.pk)
            ).count()
            if referral.case
            else 0
        )
        questions = sorted(
            (str(q.pk), q.asked_here, q.answered_at is not None)
            for q in referral.information_requests.all()
        )
        referrals[str(referral.conversation_id)] = {
            "status": referral.status,
            "entries": entries,
            "update_events": updates,
            "questions": questions,
        }
    return {
        "referrals": referrals,
        "sent": sorted(str(i) for i in OutboxMessage.objects.values_list("pk", flat=True)),
        "delivered": OutboxMessage.objects.filter(state=Delivery.DELIVERED).count(),
        "applied": sorted(
            str(i)
            for i in InboxMessage.objects.filter(outcome=InboxOutcome.APPLIED).values_list(
                "message_id", flat=True
            )
        ),
        "refused_inbox": InboxMessage.objects.filter(outcome=InboxOutcome.REFUSED).count(),
        "types": dict(OutboxMessage.objects.values_list("type").annotate(n=Count("pk"))),
        "updates_sent": OutboxMessage.objects.filter(type=lifecycle.STATUS_UPDATE).count(),
        "matches": matches(),
    }


def main(argv: list[str]) -> None:
    command, *args = argv
    result: Any = None
    if command == "setup":
        setup(*args)
    elif command == "requests":
        requests(int(args[0]))
    elif command == "child":
        result = child()
    elif command == "known_child":
        result = known_child(*args)
    elif command == "respond":
        respond()
    elif command == "answer":
        result = answer_questions()
    elif command == "chatter":
        chatter(int(args[0]))
    elif command == "match":
        match(int(args[0]))
    elif command == "finish":
        finish()
    elif command == "pending":
        result = pending()
    elif command == "state":
        result = state()
    else:
        raise SystemExit(f"unknown command {command}")
    if result is not None:
        sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
