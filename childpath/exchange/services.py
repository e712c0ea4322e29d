"""Every change of the federation: peers and cross-border referrals. One transaction each, its
audit event inside, the message to the peer in the same transaction (the outbox), e-mail on
commit (DESIGN.md 6.2, 6.6). Only national focal points send and receive; a caseworker asks
the focal point."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childpath.accounts.models import Organisation, Role, User
from childpath.audit.services import record
from childpath.cases import services as case_services
from childpath.cases.models import Case
from childpath.exchange import casework, config, envelope, keys, lifecycle, outbox
from childpath.exchange.models import (
    CrossBorderReferral,
    Direction,
    Entry,
    InformationRequest,
    Peer,
    PeerStatus,
    Status,
    Topic,
    Urgency,
)
from childpath.lib import geo

MAX_TEXT = 4000
# Requested response times by urgency (CBSS guidelines: an emergency is answered within a day).
RESPONSE_TIME = {
    Urgency.EMERGENCY: timedelta(days=1),
    Urgency.URGENT: timedelta(days=3),
    Urgency.ROUTINE: timedelta(days=10),
}
INFO_RESPONSE_TIME = timedelta(days=7)


def is_focal_point(user: User) -> bool:
    return (
        user.is_active
        and user.role == Role.FOCAL_POINT
        and user.organisation is not None
        and user.organisation.is_focal_point
    )


def require_focal_point(user: User) -> None:
    if not is_focal_point(user):
        raise PermissionDenied


def require_administrator(user: User) -> None:
    if not (user.is_active and user.role == Role.ADMINISTRATOR):
        raise PermissionDenied


def _errors(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _text(errors: dict[str, list[str]], name: str, value: str, *, required: str = "") -> None:
    if required and not value.strip():
        errors[name] = [required]
    elif len(value) > MAX_TEXT:
        errors[name] = [_("At most %(limit)d characters.") % {"limit": MAX_TEXT}]


# Peers ------------------------------------------------------------------------------------


def check_card(card: Any) -> dict[str, list[str]]:
    """Whether a pasted federation card is well formed; translated errors."""
    problem = {"card": [_("This is not a Childpath federation card.")]}
    if not isinstance(card, dict) or card.get("card") != keys.CARD_VERSION:
        return problem
    for name in ("instance", "country", "name", "address"):
        if not isinstance(card.get(name), str) or not card[name]:
            return problem
    if not envelope.INSTANCE_RE.match(card["instance"]):
        return problem
    if card["instance"] == config.instance_id():
        return {"card": [_("This is this instance's own card.")]}
    if not card["address"].startswith(("https://", "http://")):
        return {"card": [_("The card's address must be an https address.")]}
    entries = card.get("keys")
    if not isinstance(entries, list):
        return problem
    uses = set()
    try:
        for key in keys.public_keys_of(card):
            raw = envelope.b64decode(key.public)
            if key.use not in (keys.SIGNING, keys.ENCRYPTION) or envelope.key_id(raw) != key.id:
                return {"card": [_("A key on the card does not match its id.")]}
            key.ed25519() if key.use == keys.SIGNING else key.x25519()
            if key.accept_until is None:
                uses.add(key.use)
    except (KeyError, TypeError, ValueError):
        return problem
    if uses != {keys.SIGNING, keys.ENCRYPTION}:
        return {"card": [_("The card needs a current signing key and encryption key.")]}
    return {}


def import_peer(*, actor: User, card: Any) -> Peer:
    """Add a peer from its card; nothing is exchanged until its fingerprint is confirmed."""
    require_administrator(actor)
    _errors(check_card(card))
    if (
        Peer.objects.filter(instance_id=card["instance"])
        .exclude(status=PeerStatus.REMOVED)
        .exists()
    ):
        raise ValidationError({"card": [_("This peer is already known.")]})
    with transaction.atomic():
        peer, _created = Peer.objects.update_or_create(
            instance_id=card["instance"],
            defaults={
                "name": card["name"][:200],
                "country": card["country"][:2].upper(),
                "address": card["address"],
                "keys": card["keys"],
                "fingerprint": keys.fingerprint(card),
                "status": PeerStatus.PENDING,
                "imported_by": actor,
                "imported_at": timezone.now(),
                "confirmed_at": None,
                "confirmed_by": None,
                "status_changed_at": timezone.now(),
            },
        )
        record(actor=actor, action="federation.peer.import", purpose=f"peer={peer.instance_id}")
    return peer


def replace_card(*, actor: User | None, peer: Peer, card: Any) -> Peer:
    """Take a peer's new card (keys and address) after a new fingerprint was confirmed out of
    band; the demo pairing uses it when the paired demo's keys or port changed."""
    if actor is not None:
        require_administrator(actor)
    _errors(check_card(card))
    if card["instance"] != peer.instance_id:
        raise ValidationError({"card": [_("This is not a Childpath federation card.")]})
    with transaction.atomic():
        peer.keys, peer.address = card["keys"], card["address"]
        peer.fingerprint = keys.fingerprint(card)
        peer.save(update_fields=["keys", "address", "fingerprint"])
        record(actor=actor, action="federation.peer.card", purpose=f"peer={peer.instance_id}")
    return peer


def _normal(fingerprint: str) -> str:
    return "".join(fingerprint.split()).upper()


def confirm_peer(*, actor: User, peer: Peer, fingerprint: str) -> Peer:
    """The administrator compared the fingerprint with the peer's, out of band."""
    require_administrator(actor)
    if peer.status != PeerStatus.PENDING:
        raise ValidationError({"fingerprint": [_("This peer is not waiting for confirmation.")]})
    if _normal(fingerprint) != _normal(peer.fingerprint):
        raise ValidationError(
            {"fingerprint": [_("The fingerprint does not match the card. Do not confirm.")]}
        )
    return _set_peer_status(actor, peer, PeerStatus.ACTIVE, "federation.peer.confirm")


def suspend_peer(*, actor: User, peer: Peer) -> Peer:
    require_administrator(actor)
    if peer.status != PeerStatus.ACTIVE:
        raise ValidationError({"status": [_("Only an active peer can be suspended.")]})
    return _set_peer_status(actor, peer, PeerStatus.SUSPENDED, "federation.peer.suspend")


def resume_peer(*, actor: User, peer: Peer) -> Peer:
    require_administrator(actor)
    if peer.status != PeerStatus.SUSPENDED:
        raise ValidationError({"status": [_("Only a suspended peer can be resumed.")]})
    return _set_peer_status(actor, peer, PeerStatus.ACTIVE, "federation.peer.resume")


def remove_peer(*, actor: User, peer: Peer) -> Peer:
    """The peer is forgotten for exchange; its past conversations stay on record."""
    require_administrator(actor)
    return _set_peer_status(actor, peer, PeerStatus.REMOVED, "federation.peer.remove")


def _set_peer_status(actor: User, peer: Peer, status: str, action: str) -> Peer:
    with transaction.atomic():
        peer.status = status
        peer.status_changed_at = timezone.now()
        if status == PeerStatus.ACTIVE and peer.confirmed_at is None:
            peer.confirmed_at, peer.confirmed_by = timezone.now(), actor
        peer.save()
        record(actor=actor, action=action, purpose=f"peer={peer.instance_id}")
    return peer


def announce_keys(*, actor: User | None) -> int:
    """Send this instance's card (new keys, old ones with their end date) to every active peer.
    Run after ``scripts/ensure_keys.py --rotate``. Returns the number of peers told."""
    if actor is not None:
        require_administrator(actor)
    card = config.own_card(timezone.now())
    peers = list(Peer.objects.filter(status=PeerStatus.ACTIVE))
    with transaction.atomic():
        for peer in peers:
            conversation = outbox.start_conversation(peer=peer, kind="peer")
            outbox.enqueue(
                conversation=conversation,
                message_type="peer.keys",
                payload={"card": card},
                actor=actor,
            )
    return len(peers)


# Cross-border referrals: the caseworker's request ------------------------------------------


@dataclass(frozen=True)
class RequestData:
    """What the caseworker asks the focal point to send."""

    country: str
    reason: str
    urgency: str
    share_fields: list[str] = field(default_factory=list)
    child_views: str = ""


def check_request(data: RequestData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.country not in geo.country_codes():
        errors["country"] = [_("Choose the country the child should be referred to.")]
    _text(errors, "reason", data.reason, required=_("Say why the child should be referred."))
    _text(errors, "child_views", data.child_views)
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("Choose one of the options.")]
    unknown = [name for name in data.share_fields if name not in casework.SHAREABLE]
    if unknown:
        errors["share_fields"] = [_("Unknown item: %(items)s.") % {"items": ", ".join(unknown)}]
    return errors


def request_referral(*, actor: User, case: Case, data: RequestData) -> CrossBorderReferral:
    """A caseworker on the case asks the national focal point to refer the child abroad."""
    case_services.require_edit(actor, case)
    _errors(check_request(data))
    with transaction.atomic():
        referral = CrossBorderReferral.objects.create(
            direction=Direction.OUTGOING,
            case=case,
            country=data.country,
            reason=data.reason.strip(),
            urgency=data.urgency,
            share_fields=list(dict.fromkeys(data.share_fields)),
            child_views=data.child_views.strip(),
            status=Status.REQUESTED,
            requested_by=actor,
        )
        casework.add_event(
            case=case,
            actor=actor,
            kind="crossborder.requested",
            action="federation.request",
            fields=("country", "reason", "urgency", "share_fields", "child_views"),
            referral_id=str(referral.pk),
            country=data.country,
        )
    return referral


def _locked(referral: CrossBorderReferral) -> CrossBorderReferral:
    return (
        # Only the referral's row: PostgreSQL cannot lock the nullable side of a join.
        CrossBorderReferral.objects.select_for_update(of=("self",))
        .select_related("case", "peer", "conversation")
        .get(pk=referral.pk)
    )


def return_request(*, actor: User, referral: CrossBorderReferral, reason: str) -> None:
    """The focal point sends the request back to the caseworker, saying why."""
    require_focal_point(actor)
    errors: dict[str, list[str]] = {}
    _text(errors, "reason", reason, required=_("Say why the request goes back."))
    _errors(errors)
    with transaction.atomic():
        referral = _locked(referral)
        if referral.direction != Direction.OUTGOING or referral.status != Status.REQUESTED:
            raise ValidationError({"status": [_("This request is no longer waiting.")]})
        _set_status(referral, Status.RETURNED, actor=actor)
        referral.focal_note = reason.strip()
        referral.focal_point = actor
        referral.save()
        _case_status_event(referral, actor, action="federation.return")


def send(*, actor: User, referral: CrossBorderReferral, peer: Peer) -> CrossBorderReferral:
    """The focal point sends the request to the chosen peer: minimum data, no name."""
    require_focal_point(actor)
    if not peer.is_active:
        raise ValidationError({"peer": [_("Choose an active peer instance.")]})
    with transaction.atomic():
        referral = _locked(referral)
        if referral.direction != Direction.OUTGOING or referral.status != Status.REQUESTED:
            raise ValidationError({"status": [_("This request is no longer waiting.")]})
        assert referral.case is not None
        now = timezone.now()
        referral.peer = peer
        referral.conversation = outbox.start_conversation(
            peer=peer, kind="referral", conversation_id=referral.pk
        )
        referral.focal_point = actor
        referral.sent_at = now
        referral.respond_by = now + RESPONSE_TIME[Urgency(referral.urgency)]
        referral.facts = casework.facts_of(referral.case)
        _set_status(referral, Status.SENT, actor=actor)
        referral.save()
        payload = {
            "reference": referral.case.reference,
            "country": referral.country,
            "urgency": referral.urgency,
            "reason": referral.reason,
            "child_views": referral.child_views,
            "facts": referral.facts,
            "share_fields": referral.share_fields,
            "respond_by": envelope.format_time(referral.respond_by),
        }
        _send(referral, actor, lifecycle.REQUEST, payload, text=referral.reason)
        _case_status_event(referral, actor)
    return referral


# Sending and applying, both sides ---------------------------------------------------------


def _case_reference(referral: CrossBorderReferral) -> str:
    return referral.case.reference if referral.case is not None else ""


def _side(referral: CrossBorderReferral) -> str:
    return lifecycle.SENDER if referral.direction == Direction.OUTGOING else lifecycle.RECEIVER


def _set_status(referral: CrossBorderReferral, status: str, *, actor: User | None) -> None:
    referral.status = status
    referral.status_changed_at = timezone.now()


def _case_status_event(
    referral: CrossBorderReferral, actor: User | None, *, action: str = "federation.status"
) -> None:
    if referral.case is not None:
        casework.add_event(
            case=referral.case,
            actor=actor,
            kind="crossborder.status",
            action=action,
            fields=("cross_border_referral",),
            referral_id=str(referral.pk),
            country=referral.peer.country if referral.peer else referral.country,
            status=referral.status,
        )


def _last_message_of(referral: CrossBorderReferral, message_type: str) -> uuid.UUID | None:
    entry = referral.entries.filter(type=message_type).order_by("-at", "-id").first()
    return entry.message_id if entry else None


def _send(
    referral: CrossBorderReferral,
    actor: User | None,
    message_type: str,
    payload: dict[str, Any],
    *,
    text: str = "",
    data: dict[str, Any] | None = None,
    reply_to: uuid.UUID | None = None,
) -> uuid.UUID:
    """Queue a message of this referral and keep its readable copy (``Entry``)."""
    assert referral.conversation is not None
    message = outbox.enqueue(
        conversation=referral.conversation,
        message_type=message_type,
        payload=payload,
        reply_to=reply_to,
        case_reference=_case_reference(referral),
        remote_reference=referral.remote_reference,
        actor=actor,
    )
    Entry.objects.create(
        referral=referral,
        message_id=message.pk,
        outgoing=True,
        type=message_type,
        actor=actor,
        text=text,
        data=data or {},
    )
    return message.pk


def _may(referral: CrossBorderReferral, message_type: str) -> None:
    if not lifecycle.may_send(message_type, side=_side(referral), status=referral.status):
        raise ValidationError(
            {
                "status": [
                    _("This cannot be done while the referral is “%(status)s”.")
                    % {"status": referral.get_status_display()}
                ]
            }
        )


def _transition(
    *,
    actor: User,
    referral: CrossBorderReferral,
    message_type: str,
    payload: dict[str, Any],
    text: str = "",
    reply_to_type: str = "",
) -> CrossBorderReferral:
    require_focal_point(actor)
    with transaction.atomic():
        referral = _locked(referral)
        _may(referral, message_type)
        reply_to = _last_message_of(referral, reply_to_type) if reply_to_type else None
        _set_status(referral, lifecycle.after(message_type, referral.status), actor=actor)
        referral.focal_point = referral.focal_point or actor
        referral.save()
        _send(referral, actor, message_type, payload, text=text, reply_to=reply_to)
        _case_status_event(referral, actor)
    return referral


def acknowledge(*, actor: User, referral: CrossBorderReferral) -> CrossBorderReferral:
    return _transition(
        actor=actor,
        referral=referral,
        message_type=lifecycle.ACKNOWLEDGE,
        payload={},
        reply_to_type=lifecycle.REQUEST,
    )


def accept(
    *, actor: User, referral: CrossBorderReferral, lead_organisation: Organisation | None
) -> CrossBorderReferral:
    """Accept for this country: a case opens here, with its own reference and the named local
    lead agency on its team; the sender is told the reference and the agency."""
    require_focal_point(actor)
    if lead_organisation is None:
        raise ValidationError(
            {"lead_organisation": [_("Name the lead agency that will take the child.")]}
        )
    with transaction.atomic():
        referral = _locked(referral)
        _may(referral, lifecycle.ACCEPT)
        case = casework.open_received_case(
            actor=actor,
            lead=lead_organisation,
            facts=referral.facts,
            country=referral.peer.country if referral.peer else referral.country,
            remote=referral.remote_reference,
        )
        referral.case = case
        referral.lead_organisation = lead_organisation
        _set_status(referral, Status.ACCEPTED, actor=actor)
        referral.focal_point = actor
        referral.save()
        _send(
            referral,
            actor,
            lifecycle.ACCEPT,
            {"reference": case.reference, "lead_agency": lead_organisation.name},
            data={"lead_agency": lead_organisation.name},
            reply_to=_last_message_of(referral, lifecycle.REQUEST),
        )
        _case_status_event(referral, actor)
    return referral


def _reason_required(reason: str, message: str) -> None:
    errors: dict[str, list[str]] = {}
    _text(errors, "reason", reason, required=message)
    _errors(errors)


def decline(*, actor: User, referral: CrossBorderReferral, reason: str) -> CrossBorderReferral:
    _reason_required(reason, _("Say why the referral is declined."))
    with transaction.atomic():
        referral = _transition(
            actor=actor,
            referral=referral,
            message_type=lifecycle.DECLINE,
            payload={"reason": reason.strip()},
            text=reason.strip(),
            reply_to_type=lifecycle.REQUEST,
        )
        referral.decline_reason = reason.strip()
        referral.save(update_fields=["decline_reason"])
    return referral


def withdraw(*, actor: User, referral: CrossBorderReferral, reason: str) -> CrossBorderReferral:
    _reason_required(reason, _("Say why the referral is withdrawn."))
    return _transition(
        actor=actor,
        referral=referral,
        message_type=lifecycle.WITHDRAW,
        payload={"reason": reason.strip()},
        text=reason.strip(),
    )


def close(*, actor: User, referral: CrossBorderReferral, reason: str) -> CrossBorderReferral:
    _reason_required(reason, _("Say why the referral is closed."))
    return _transition(
        actor=actor,
        referral=referral,
        message_type=lifecycle.CLOSE,
        payload={"reason": reason.strip()},
        text=reason.strip(),
    )


def update_status(*, actor: User, referral: CrossBorderReferral, text: str) -> CrossBorderReferral:
    """A status update for the other focal point (how the child is, what happens next)."""
    _reason_required(text, _("Write the update."))
    return _transition(
        actor=actor,
        referral=referral,
        message_type=lifecycle.STATUS_UPDATE,
        payload={"text": text.strip()},
        text=text.strip(),
    )


def transfer(*, actor: User, referral: CrossBorderReferral, note: str) -> CrossBorderReferral:
    """Transfer the case: the ticked identity travels, and the case here closes as transferred
    abroad, keeping the link to the peer's reference."""
    require_focal_point(actor)
    errors: dict[str, list[str]] = {}
    _text(errors, "note", note)
    _errors(errors)
    with transaction.atomic():
        referral = _locked(referral)
        _may(referral, lifecycle.TRANSFER)
        assert referral.case is not None and referral.peer is not None
        identity = casework.read_identity(
            case=referral.case, fields=referral.share_fields, peer=referral.peer.instance_id
        )
        _set_status(referral, Status.TRANSFERRED, actor=actor)
        referral.save()
        _send(
            referral,
            actor,
            lifecycle.TRANSFER,
            {"note": note.strip(), "identity": identity},
            text=note.strip(),
            data={"fields": sorted(identity)},
        )
        _case_status_event(referral, actor)
        casework.close_transferred(
            actor=actor,
            case=referral.case,
            country=referral.peer.country,
            remote=referral.remote_reference,
        )
    return referral


def ask(
    *, actor: User, referral: CrossBorderReferral, topic: str, question: str
) -> InformationRequest:
    """An information request: family tracing, a risk and safety assessment before any
    return, a best-interests determination, a guardian."""
    require_focal_point(actor)
    errors: dict[str, list[str]] = {}
    if topic not in Topic.values:
        errors["topic"] = [_("Choose one of the options.")]
    _text(errors, "question", question, required=_("Write the question."))
    _errors(errors)
    with transaction.atomic():
        referral = _locked(referral)
        _may(referral, lifecycle.INFO_REQUEST)
        request = InformationRequest.objects.create(
            referral=referral,
            asked_here=True,
            topic=topic,
            question=question.strip(),
            due_by=timezone.now() + INFO_RESPONSE_TIME,
        )
        assert request.due_by is not None
        _send(
            referral,
            actor,
            lifecycle.INFO_REQUEST,
            {
                "request": str(request.pk),
                "topic": topic,
                "question": question.strip(),
                "due_by": envelope.format_time(request.due_by),
            },
            text=question.strip(),
            data={"request": str(request.pk), "topic": topic},
        )
        if referral.case is not None:
            casework.add_event(
                case=referral.case,
                actor=actor,
                kind="crossborder.info_requested",
                referral_id=str(referral.pk),
                topic=topic,
                asked_here=True,
            )
    return request


def answer(*, actor: User, request: InformationRequest, text: str) -> InformationRequest:
    require_focal_point(actor)
    _reason_required(text, _("Write the answer."))
    with transaction.atomic():
        referral = _locked(request.referral)
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.asked_here or request.answered_at is not None:
            raise ValidationError({"answer": [_("This request is already answered.")]})
        _may(referral, lifecycle.INFO_ANSWER)
        request.answer = text.strip()
        request.answered_at = timezone.now()
        request.save()
        asked = referral.entries.filter(type=lifecycle.INFO_REQUEST, data__request=str(request.pk))
        first = asked.first()
        _send(
            referral,
            actor,
            lifecycle.INFO_ANSWER,
            {"request": str(request.pk), "answer": text.strip()},
            text=text.strip(),
            data={"request": str(request.pk), "topic": request.topic},
            reply_to=first.message_id if first else None,
        )
        if referral.case is not None:
            casework.add_event(
                case=referral.case,
                actor=actor,
                kind="crossborder.info_answered",
                referral_id=str(referral.pk),
                topic=request.topic,
                asked_here=False,
            )
    return request


READ_FIELDS = ("reason", "child_views", "facts", "decline_reason", "information_requests")


def record_view(*, actor: User, referral: CrossBorderReferral | None) -> None:
    """A focal point read a referral (or the list of them, ``referral=None``): audited, as
    every read of what is written about a child (DESIGN.md 6.4)."""
    with transaction.atomic():
        record(
            actor=actor,
            action="federation.read",
            case_reference=_case_reference(referral) if referral else "",
            fields=READ_FIELDS,
            purpose=outbox.audit_purpose(
                peer=referral.peer.instance_id if referral and referral.peer else "-",
                conversation=str(referral.conversation_id or "") if referral else "",
                remote=referral.remote_reference if referral else "",
            ),
        )


def mark_failures_seen() -> int:
    """The focal point has seen the failed deliveries (they stay in each referral's history)."""
    from childpath.exchange.selectors import failed_messages

    with transaction.atomic():
        return failed_messages().update(failure_seen_at=timezone.now())
