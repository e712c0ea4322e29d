"""Match queries through the federation (DESIGN.md 6.6 "Match queries", issue 12).

"Is this child known in <peer>?": the asking focal point's question travels as a
``match.query`` message, in a conversation of its own, through the outbox; the peer answers
it with ``childpath.matching``'s ``answer_query`` (its per-peer allow list and rate limit, its
current key version) inside the inbox transaction and sends the result back as
``match.answer``; the asking side stores it with ``record_answer``. The payloads are
matching's (an encoding, candidate references: never a name). Both sides audit every step:
the federation its messages (``federation.send``/``receive``/``receipt``), matching the
query, the answer and each candidate.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.exchange import envelope, lifecycle, outbox
from childpath.exchange.envelope import Refused
from childpath.exchange.models import Peer, PeerStatus
from childpath.exchange.registry import Incoming, handles
from childpath.exchange.services import is_focal_point
from childpath.matching import services as matching
from childpath.matching import transport

KIND = "match"


def ask(*, actor: User, case: Case, peer: str) -> None:
    """Queue the match query for ``peer`` (an instance id), in one transaction with the
    query matching records. Raises ``transport.Unreachable`` (translated) when the peer is
    not an active peer of this instance, and matching's errors as they are."""
    if not is_focal_point(actor):
        raise transport.Unreachable(_("Only the national focal point asks other countries."))
    with transaction.atomic():
        partner = Peer.objects.filter(instance_id=peer).first()
        if partner is None or partner.status != PeerStatus.ACTIVE:
            raise transport.Unreachable(
                _("This instance is not paired with %(peer)s, or the pairing is suspended.")
                % {"peer": peer}
            )
        payload = matching.build_query(actor=actor, case=case, peer=peer)
        conversation = outbox.start_conversation(peer=partner, kind=KIND)
        outbox.enqueue(
            conversation=conversation,
            message_type=lifecycle.MATCH_QUERY,
            payload=dict(payload),
            case_reference=case.reference,
            actor=actor,
        )


def _side_check(message: Incoming, side: str) -> None:
    if not lifecycle.may_send_match(message.header.type, side=side, seq=message.header.seq):
        raise Refused(envelope.INVALID_STATE, f"{message.header.type} as message {side}")


@handles(lifecycle.MATCH_QUERY, kind=KIND, starts=True)
def match_query(message: Incoming) -> None:
    """Answer a peer's question at once, in the inbox transaction: the answer is queued with
    the query applied, or neither."""
    _side_check(message, lifecycle.ASKER)
    answer = matching.answer_query(peer=message.peer.instance_id, payload=message.payload)
    outbox.enqueue(
        conversation=message.conversation,
        message_type=lifecycle.MATCH_ANSWER,
        payload=dict(answer),
        reply_to=UUID(message.header.id),
    )


@handles(lifecycle.MATCH_ANSWER, kind=KIND)
def match_answer(message: Incoming) -> None:
    if not message.conversation.started_here:
        raise Refused(envelope.INVALID_STATE, "an answer to a question this instance never asked")
    _side_check(message, lifecycle.ANSWERER)
    if message.header.reply_to is None:
        raise Refused(envelope.INVALID_PAYLOAD, "an answer names the query it answers")
    try:
        matching.record_answer(peer=message.peer.instance_id, payload=message.payload)
    except matching.MatchingError as error:
        raise Refused(envelope.INVALID_PAYLOAD, str(error)[:100]) from None


def register() -> None:
    transport.register(ask)
