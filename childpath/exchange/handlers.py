"""How this instance applies each message a peer sends (registered in ``registry``).

Each handler runs inside the inbox transaction, after the envelope was verified, decrypted and
found in order. It checks the payload and the referral's status with the same rules the sender
used (``lifecycle``), and refuses with INVALID_PAYLOAD or INVALID_STATE otherwise: then nothing
it wrote is kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils import timezone

from childpath.exchange import casework, envelope, keys, lifecycle, outbox
from childpath.exchange.envelope import Refused
from childpath.exchange.models import (
    CrossBorderReferral,
    Direction,
    Entry,
    InformationRequest,
    Status,
    Topic,
    Urgency,
)
from childpath.exchange.registry import AUDITED, Incoming, handles

MAX_TEXT = 4000


def _invalid(detail: str) -> Refused:
    return Refused(envelope.INVALID_PAYLOAD, detail)


def _str(
    payload: dict[str, Any], name: str, *, limit: int = MAX_TEXT, required: bool = False
) -> str:
    value = payload.get(name, "")
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise _invalid(name)
    return value


def _time(payload: dict[str, Any], name: str) -> datetime:
    try:
        return envelope.parse_time(_str(payload, name, limit=20, required=True))
    except ValueError as error:
        raise _invalid(name) from error


def _referral(message: Incoming) -> CrossBorderReferral:
    # The conversation row is locked already (inbox): the referral changes one at a time.
    # Read once per batch: the messages of a conversation that follow use the same object.
    referral = message.memo.get("referral")
    if referral is None:
        try:
            referral = CrossBorderReferral.objects.select_related("case").get(
                conversation=message.conversation
            )
        except CrossBorderReferral.DoesNotExist:
            raise Refused(envelope.UNKNOWN_CONVERSATION) from None
        message.memo["referral"] = referral
    side = lifecycle.SENDER if referral.direction == Direction.OUTGOING else lifecycle.RECEIVER
    if not lifecycle.may_send(
        message.header.type, side=lifecycle.other(side), status=referral.status
    ):
        raise Refused(envelope.INVALID_STATE, f"{message.header.type} while {referral.status}")
    return referral


def _entry(referral: CrossBorderReferral, message: Incoming, text: str = "", **data: Any) -> None:
    Entry.objects.create(
        referral=referral,
        message_id=UUID(message.header.id),
        outgoing=False,
        type=message.header.type,
        text=text,
        data=data,
    )


def _move(referral: CrossBorderReferral, message: Incoming, *changed: str) -> None:
    status = lifecycle.after(message.header.type, referral.status)
    if status != referral.status:
        referral.status = status
        referral.status_changed_at = timezone.now()
    referral.remote_status = status
    # Only what changed: the other encrypted fields are not encrypted again.
    referral.save(update_fields=["status", "status_changed_at", "remote_status", *changed])
    if referral.case is not None:
        casework.add_event(
            case=referral.case,
            actor=None,
            kind="crossborder.status",
            referral_id=str(referral.pk),
            country=message.peer.country,
            status=referral.status,
        )


@handles(lifecycle.REQUEST, kind="referral", starts=True)
def referral_request(message: Incoming) -> None:
    payload = message.payload
    facts = payload.get("facts")
    shared = payload.get("share_fields")
    if not isinstance(facts, dict) or not isinstance(shared, list):
        raise _invalid("facts or share_fields")
    if any(name not in casework.SHAREABLE for name in shared):
        raise _invalid("share_fields")
    urgency = _str(payload, "urgency", limit=12)
    if urgency not in Urgency.values:
        raise _invalid("urgency")
    reason = _str(payload, "reason", required=True)
    referral = CrossBorderReferral.objects.create(
        direction=Direction.INCOMING,
        conversation=message.conversation,
        peer=message.peer,
        remote_reference=_str(payload, "reference", limit=20, required=True),
        country=message.peer.country,
        reason=reason,
        urgency=urgency,
        share_fields=shared,
        child_views=_str(payload, "child_views"),
        facts={k: v for k, v in facts.items() if k in FACT_KEYS},
        status=Status.SENT,
        remote_status=Status.SENT,
        respond_by=_time(payload, "respond_by"),
        sent_at=timezone.now(),
    )
    _entry(referral, message, reason)


FACT_KEYS = frozenset(
    {
        "sex",
        "age_years",
        "treated_as_child",
        "age_disputed",
        "citizenship",
        "languages",
        "unaccompanied",
        "migration_status",
    }
)


@handles(lifecycle.ACKNOWLEDGE, kind="referral")
def referral_acknowledge(message: Incoming) -> None:
    referral = _referral(message)
    _entry(referral, message)
    _move(referral, message)


@handles(lifecycle.ACCEPT, kind="referral")
def referral_accept(message: Incoming) -> None:
    """Accepted abroad: note their reference and lead agency, and send the ticked identity."""
    referral = _referral(message)
    referral.remote_reference = _str(message.payload, "reference", limit=20, required=True)
    referral.remote_lead_agency = _str(message.payload, "lead_agency", limit=200, required=True)
    _entry(referral, message, lead_agency=referral.remote_lead_agency)
    _move(referral, message, "remote_reference", "remote_lead_agency")
    if referral.share_fields and referral.case is not None:
        identity = casework.read_identity(
            case=referral.case, fields=referral.share_fields, peer=message.peer.instance_id
        )
        assert referral.conversation is not None
        sent = outbox.enqueue(
            conversation=referral.conversation,
            message_type=lifecycle.IDENTITY,
            payload={"identity": identity},
            reply_to=UUID(message.header.id),
            case_reference=referral.case.reference,
            remote_reference=referral.remote_reference,
        )
        Entry.objects.create(
            referral=referral,
            message_id=sent.pk,
            outgoing=True,
            type=lifecycle.IDENTITY,
            data={"fields": sorted(identity)},
        )


def _identity(referral: CrossBorderReferral, message: Incoming) -> dict[str, Any]:
    identity = message.payload.get("identity", {})
    if not isinstance(identity, dict) or any(k not in referral.share_fields for k in identity):
        # Only what the sender ticked may travel (DESIGN.md 6.6).
        raise _invalid("identity fields not ticked")
    return identity


def _write_identity(referral: CrossBorderReferral, identity: dict[str, Any]) -> None:
    if not identity:
        return
    if referral.case is None or referral.focal_point is None:
        raise Refused(envelope.INVALID_STATE, "no local case yet")
    try:
        # Written on behalf of the focal point who accepted the child.
        casework.write_identity(actor=referral.focal_point, case=referral.case, values=identity)
    except (ValidationError, ValueError, TypeError) as error:
        raise _invalid("identity values") from error


@handles(lifecycle.IDENTITY, kind="referral")
def referral_identity(message: Incoming) -> None:
    referral = _referral(message)
    identity = _identity(referral, message)
    _write_identity(referral, identity)
    _entry(referral, message, fields=sorted(identity))


@handles(lifecycle.TRANSFER, kind="referral")
def case_transfer(message: Incoming) -> None:
    referral = _referral(message)
    identity = _identity(referral, message)
    _write_identity(referral, identity)
    _entry(referral, message, _str(message.payload, "note"), fields=sorted(identity))
    _move(referral, message)


def _with_reason(message: Incoming) -> None:
    referral = _referral(message)
    reason = _str(message.payload, "reason", required=True)
    changed = []
    if message.header.type == lifecycle.DECLINE:
        referral.decline_reason = reason
        changed.append("decline_reason")
    _entry(referral, message, reason)
    _move(referral, message, *changed)


handles(lifecycle.DECLINE, kind="referral")(_with_reason)
handles(lifecycle.WITHDRAW, kind="referral")(_with_reason)
handles(lifecycle.CLOSE, kind="referral")(_with_reason)


@handles(lifecycle.STATUS_UPDATE, kind="referral")
def status_update(message: Incoming) -> None:
    referral = _referral(message)
    _entry(referral, message, _str(message.payload, "text", required=True))
    if referral.case is not None:
        # The most frequent message: its timeline entry's audit event is also the event of
        # the message received (peer, type and references), so it costs one event, not two.
        casework.add_event(
            case=referral.case,
            actor=None,
            kind="crossborder.update",
            action="federation.receive",
            purpose=message.audit_purpose(),
            referral_id=str(referral.pk),
            country=message.peer.country,
        )
        message.memo[AUDITED] = message.header.id


@handles(lifecycle.INFO_REQUEST, kind="referral")
def info_request(message: Incoming) -> None:
    referral = _referral(message)
    payload = message.payload
    topic = _str(payload, "topic", limit=24)
    if topic not in Topic.values:
        raise _invalid("topic")
    try:
        request_id = UUID(_str(payload, "request", limit=36, required=True))
    except ValueError as error:
        raise _invalid("request") from error
    if InformationRequest.objects.filter(pk=request_id).exists():
        raise _invalid("request id reused")
    question = _str(payload, "question", required=True)
    InformationRequest.objects.create(
        id=request_id,
        referral=referral,
        asked_here=False,
        topic=topic,
        question=question,
        due_by=_time(payload, "due_by"),
    )
    _entry(referral, message, question, request=str(request_id), topic=topic)
    if referral.case is not None:
        casework.add_event(
            case=referral.case,
            actor=None,
            kind="crossborder.info_requested",
            referral_id=str(referral.pk),
            topic=topic,
            asked_here=False,
        )


@handles(lifecycle.INFO_ANSWER, kind="referral")
def info_answer(message: Incoming) -> None:
    referral = _referral(message)
    request_id = _str(message.payload, "request", limit=36, required=True)
    try:
        request = InformationRequest.objects.select_for_update().get(
            pk=UUID(request_id), referral=referral, asked_here=True, answered_at__isnull=True
        )
    except (ValueError, InformationRequest.DoesNotExist) as error:
        raise Refused(envelope.INVALID_STATE, "no such open request") from error
    request.answer = _str(message.payload, "answer", required=True)
    request.answered_at = timezone.now()
    request.save()
    _entry(referral, message, request.answer, request=request_id, topic=request.topic)
    if referral.case is not None:
        casework.add_event(
            case=referral.case,
            actor=None,
            kind="crossborder.info_answered",
            referral_id=str(referral.pk),
            topic=request.topic,
            asked_here=True,
        )


@handles("peer.keys", kind="peer", starts=True)
def peer_keys(message: Incoming) -> None:
    """A peer announces rotated keys, signed with a key this instance already trusts."""
    from childpath.exchange.services import check_card

    card = message.payload.get("card")
    if not isinstance(card, dict) or card.get("instance") != message.peer.instance_id:
        raise _invalid("card")
    if check_card(card):
        raise _invalid("card")
    peer = message.peer
    peer.keys = card["keys"]
    peer.fingerprint = keys.fingerprint(card)
    peer.save(update_fields=["keys", "fingerprint"])
