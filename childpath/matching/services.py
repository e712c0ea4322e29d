"""Match queries, keys and encodings (DESIGN.md 6.6 "Match queries").

The federation transport (childpath.exchange) carries the payloads; it calls, for a match
query message:

* ``build_query(actor=..., case=..., peer=...)`` on the asking side: a ``QueryPayload``
  (the child's encoding under the key shared with that peer; no name) to send;
* ``answer_query(peer=..., payload=...)`` on the receiving side: an ``AnswerPayload`` to send
  back (candidate references, probabilities and agreeing fields, or a refusal with its
  reason);
* ``record_answer(peer=..., payload=...)`` on the asking side when the answer arrives.

Every payload is a plain JSON-ready dict. Each call is one transaction with its audit event.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from childpath import linkage
from childpath.accounts.models import Role, User
from childpath.audit.services import record as audit
from childpath.cases.models import Case, Identity, Sex
from childpath.linkage.encoding import ENCODING_BYTES, EncodingSet, check_encoding
from childpath.linkage.normalise import LANGUAGES
from childpath.matching.blocks import block_keys
from childpath.matching.models import (
    LOCAL,
    BlockKey,
    CaseEncoding,
    Direction,
    DuplicateFlag,
    MatchCandidate,
    MatchQuery,
    PeerKey,
    PeerPolicy,
    QueryStatus,
    ReencodeJob,
)

PAYLOAD_FORMAT = 1


class QueryPayload(TypedDict):
    format: int
    query_id: str
    key_id: str
    key_version: int
    normalisation: int
    encoding: str  # base64 of 160 bytes


class CandidatePayload(TypedDict):
    reference: str
    probability: float
    band: str
    agreeing: list[str]


class AnswerPayload(TypedDict):
    format: int
    query_id: str
    status: str  # "answered" or "refused"
    reason: str
    candidates: list[CandidatePayload]


class MatchingError(ValueError):
    """A payload that cannot be used; the message says why (and is sent back as the reason)."""


# --- keys --------------------------------------------------------------------------------


def current_key(peer: str) -> PeerKey | None:
    return PeerKey.objects.filter(peer=peer, retired_at__isnull=True).order_by("-version").first()


def linkage_key(key: PeerKey) -> linkage.LinkageKey:
    return linkage.key_from_dict(json.loads(key.key_file))


def _may_manage_keys(actor: User) -> bool:
    return actor.is_active and (actor.role == Role.ADMINISTRATOR or actor.is_superuser)


@transaction.atomic
def rotate_key(*, actor: User | None, peer: str, key_file: str | None = None) -> PeerKey:
    """A new key version for ``peer`` (a new key, or the key file the peer sent out of band).

    The previous version is retired at once, so queries under it are refused, and every
    case is re-encoded in the background (``ReencodeJob`` shows the progress).
    """
    if actor is not None and not _may_manage_keys(actor):
        raise PermissionDenied
    if key_file is None:
        key_file = linkage.generate_key().to_json()
    parsed = linkage.key_from_dict(json.loads(key_file))  # validates; raises KeyFileError
    previous = PeerKey.objects.select_for_update().filter(peer=peer).order_by("-version").first()
    version = (previous.version + 1) if previous else 1
    PeerKey.objects.filter(peer=peer, retired_at__isnull=True).update(retired_at=timezone.now())
    key = PeerKey.objects.create(
        peer=peer, version=version, key_file=key_file, key_id=parsed.key_id
    )
    job = ReencodeJob.objects.create(peer=peer, key_version=version, total=Case.objects.count())
    audit(actor=actor, action="matching.key.rotated", purpose=f"peer {peer}, version {version}")
    transaction.on_commit(lambda: _enqueue_reencode(job.pk))
    return key


def _enqueue_reencode(job_id: int) -> None:
    from childpath.matching.tasks import reencode

    reencode.enqueue(job_id)


# --- encodings ---------------------------------------------------------------------------

_SEXES: dict[str, str] = {Sex.FEMALE: "f", Sex.MALE: "m", Sex.OTHER: "x"}


def record_for(case: Case, identity: Identity | None) -> linkage.Record:
    """What is encoded of a case: names, date of birth (or an age range), sex, language."""
    date_of_birth = identity.date_of_birth if identity else ""
    if not date_of_birth and case.claimed_age is not None and case.claimed_on is not None:
        born = case.claimed_on.year - case.claimed_age
        date_of_birth = f"{born - 1}-{born}"
    language = next((code for code in case.languages or [] if code in LANGUAGES), "")
    return linkage.Record(
        id=case.reference,
        given_names=identity.given_names if identity else "",
        family_name=identity.family_name if identity else "",
        date_of_birth=date_of_birth,
        sex=_SEXES.get(case.sex, ""),
        language=language,
    )


def encode_case(case: Case, key: PeerKey) -> CaseEncoding | None:
    """Store the case's encoding under ``key``, with its blocking keys in the same
    transaction; None (and nothing stored) if it has no name."""
    identity = Identity.objects.filter(case=case).first()
    record = record_for(case, identity)
    if not record.given_names and not record.family_name:
        CaseEncoding.objects.filter(case=case, peer=key.peer).delete()  # and its keys
        return None
    try:
        blob = linkage.Encoder(linkage_key(key)).encode(record)
    except linkage.RecordError:
        return None  # an unusable date already refused at registration; nothing to match
    return store_encoding(case=case, key=key, blob=blob)


@transaction.atomic
def store_encoding(*, case: Case, key: PeerKey, blob: bytes) -> CaseEncoding:
    """Write a case's encoding under ``key`` and its blocking keys, together: the one place
    encodings are written, so a query never finds an encoding without its keys."""
    encoding = CaseEncoding.objects.select_for_update().filter(case=case, peer=key.peer).first()
    if encoding is not None and (encoding.key_version, bytes(encoding.encoding)) == (
        key.version,
        blob,
    ):
        return encoding  # unchanged, and so are its keys
    if encoding is None:
        encoding = CaseEncoding(case=case, peer=key.peer)
    encoding.key_version, encoding.encoding = key.version, blob
    encoding.save()
    one = EncodingSet.from_bytes([case.reference], [blob], key.key_id)
    (keys,) = block_keys(one, linkage_key(key))
    BlockKey.objects.filter(encoding=encoding).delete()
    BlockKey.objects.bulk_create(
        BlockKey(encoding=encoding, peer=key.peer, key_version=key.version, key=value)
        for value in keys
    )
    return encoding


def fetch_candidates(peer: str, key: PeerKey, blob: bytes) -> tuple[EncodingSet, list[int]]:
    """The stored encodings under ``key`` that share a blocking key with ``blob``, and their
    case ids, fetched by the index: never every stored encoding. One statement from the keys'
    index to the encodings; an encoding that shares several keys comes back once for each,
    and is kept once."""
    lk = linkage_key(key)
    (keys,) = block_keys(EncodingSet.from_bytes(["query"], [blob], lk.key_id), lk)
    shared = dict(
        BlockKey.objects.filter(peer=peer, key_version=key.version, key__in=keys).values_list(
            "encoding__case_id", "encoding__encoding"
        )
    )
    case_ids = sorted(shared)
    encodings = EncodingSet.from_bytes(
        [str(case_id) for case_id in case_ids],
        [bytes(shared[case_id]) for case_id in case_ids],
        lk.key_id,
    )
    return encodings, case_ids


def stored_count(peer: str, key: PeerKey) -> int:
    """How many encodings are stored under ``key``: a query's prior is one in this many."""
    return CaseEncoding.objects.filter(peer=peer, key_version=key.version).count()


# --- asking --------------------------------------------------------------------------------


def may_ask(actor: User) -> bool:
    """Focal points ask other countries (DESIGN.md 6.6: the national focal point)."""
    organisation = actor.organisation
    return actor.is_active and (
        actor.role == Role.FOCAL_POINT or bool(organisation and organisation.is_focal_point)
    )


@transaction.atomic
def build_query(*, actor: User, case: Case, peer: str) -> QueryPayload:
    """The match query for ``case`` to send to ``peer``: an encoding, never a name."""
    if not may_ask(actor) or not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    key = current_key(peer)
    if key is None:
        raise MatchingError(f"no linkage key is shared with {peer}")
    encoding = encode_case(case, key)
    if encoding is None:
        raise MatchingError("the case has no name to compare")
    query = MatchQuery.objects.create(
        direction=Direction.OUTGOING,
        peer=peer,
        case=case,
        asked_by=actor,
        key_version=key.version,
        status=QueryStatus.WAITING,
    )
    audit(
        actor=actor,
        action="matching.query.sent",
        case_reference=case.reference,
        fields=["given_names", "family_name", "date_of_birth", "sex"],
        purpose=f"is this child known in {peer}",
    )
    return QueryPayload(
        format=PAYLOAD_FORMAT,
        query_id=str(query.query_id),
        key_id=key.key_id,
        key_version=key.version,
        normalisation=linkage.NORMALISATION_VERSION,
        encoding=base64.b64encode(bytes(encoding.encoding)).decode(),
    )


# --- answering -----------------------------------------------------------------------------


def _refusal(query_id: str, reason: str) -> AnswerPayload:
    return AnswerPayload(
        format=PAYLOAD_FORMAT, query_id=query_id, status="refused", reason=reason, candidates=[]
    )


def _check_payload(payload: Any) -> tuple[str, int, bytes]:
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        raise MatchingError("not a match query of format 1")
    query_id = payload.get("query_id")
    if not isinstance(query_id, str) or not 0 < len(query_id) <= 64:
        raise MatchingError("query_id is missing")
    version = payload.get("key_version")
    if not isinstance(version, int):
        raise MatchingError("key_version is missing")
    if payload.get("normalisation") != linkage.NORMALISATION_VERSION:
        raise MatchingError(
            f"normalisation {payload.get('normalisation')}, this instance uses "
            f"{linkage.NORMALISATION_VERSION}"
        )
    try:
        blob = base64.b64decode(str(payload.get("encoding", "")), validate=True)
        check_encoding(blob)
    except ValueError as error:
        raise MatchingError(f"encoding: {error} (expected {ENCODING_BYTES} bytes)") from None
    return query_id, version, blob


@transaction.atomic
def answer_query(*, peer: str, payload: Any, limit: int = 10) -> AnswerPayload:
    """Compare a peer's encoding with this instance's cases; candidates, never names.

    Refused (with the reason, and nothing but the refusal stored) when the peer may not
    ask, is over its rate, or used a key version that is not the current one.
    """
    query_id = str(payload.get("query_id", "")) if isinstance(payload, dict) else ""
    policy = PeerPolicy.objects.filter(peer=peer).first()
    key = current_key(peer)
    reason = ""
    if policy is None or not policy.may_ask:
        reason = f"{peer} may not ask match queries of this instance"
    elif (
        MatchQuery.objects.filter(
            direction=Direction.INCOMING,
            peer=peer,
            asked_at__gte=timezone.now() - timedelta(hours=1),
        ).count()
        >= policy.queries_per_hour
    ):
        reason = f"over the rate of {policy.queries_per_hour} queries an hour; try again later"
    elif key is None:
        reason = f"no linkage key is shared with {peer}"
    blob = b""
    version = 0
    if not reason:
        assert key is not None
        try:
            query_id, version, blob = _check_payload(payload)
        except MatchingError as error:
            reason = str(error)
        else:
            if version != key.version or payload.get("key_id") != key.key_id:
                reason = (
                    f"key version {version} is not the current one ({key.version}); "
                    "use the key file of the latest rotation"
                )
    if reason:
        audit(actor=None, action="matching.query.refused", purpose=f"from {peer}: {reason}")
        if policy is not None and policy.may_ask and "rate" not in reason:
            MatchQuery.objects.create(
                direction=Direction.INCOMING,
                peer=peer,
                key_version=version,
                status=QueryStatus.REFUSED,
                reason=reason[:200],
            )
        return _refusal(query_id, reason)
    assert key is not None
    lk = linkage_key(key)
    stored, case_ids = fetch_candidates(peer, key, blob)
    one = EncodingSet.from_bytes(["query"], [blob], lk.key_id)
    # The prior is one in all the stored encodings, not one in the candidates fetched.
    prior = 1.0 / max(stored_count(peer, key), 1)
    matches = linkage.query(one, stored, prior=prior, limit=limit)
    references = dict(
        Case.objects.filter(pk__in=[case_ids[m.index] for m in matches]).values_list(
            "pk", "reference"
        )
    )
    incoming = MatchQuery.objects.create(
        direction=Direction.INCOMING,
        peer=peer,
        key_version=version,
        status=QueryStatus.ANSWERED,
        answered_at=timezone.now(),
    )
    candidates: list[CandidatePayload] = []
    for match in matches:
        reference = references[case_ids[match.index]]
        agreeing = linkage.agreeing_fields(match.levels)
        candidate = CandidatePayload(
            reference=reference,
            probability=round(match.probability, 4),
            band=linkage.band(match.probability),
            agreeing=agreeing,
        )
        candidates.append(candidate)
        MatchCandidate.objects.create(query=incoming, **candidate)
        audit(
            actor=None,
            action="matching.query.answered",
            case_reference=reference,
            fields=agreeing,
            purpose=f"candidate for a query from {peer}",
        )
    if not candidates:
        audit(actor=None, action="matching.query.answered", purpose=f"from {peer}: no candidate")
    return AnswerPayload(
        format=PAYLOAD_FORMAT,
        query_id=query_id,
        status="answered",
        reason="",
        candidates=candidates,
    )


@transaction.atomic
def record_answer(*, peer: str, payload: Any) -> MatchQuery:
    """Store a peer's answer on our query (candidates are the peer's references)."""
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMAT:
        raise MatchingError("not a match answer of format 1")
    try:
        query_id = uuid.UUID(str(payload.get("query_id")))
    except ValueError:
        raise MatchingError("query_id is not one of ours") from None
    query = (
        MatchQuery.objects.select_for_update()
        .filter(query_id=query_id, peer=peer, direction=Direction.OUTGOING)
        .first()
    )
    if query is None:
        raise MatchingError("no query of ours has this query_id for this peer")
    if query.status != QueryStatus.WAITING:
        return query  # an answer applied once; a repeat changes nothing
    status = payload.get("status")
    if status == "refused":
        query.status, query.reason = QueryStatus.REFUSED, str(payload.get("reason", ""))[:200]
    elif status == "answered":
        query.status = QueryStatus.ANSWERED
        for item in payload.get("candidates") or []:
            try:
                MatchCandidate.objects.create(
                    query=query,
                    reference=str(item["reference"])[:40],
                    probability=min(max(float(item["probability"]), 0.0), 1.0),
                    band=str(item.get("band", ""))[:12],
                    agreeing=[str(f) for f in item.get("agreeing", [])][:4],
                )
            except (KeyError, TypeError, ValueError):
                raise MatchingError("a candidate is malformed") from None
    else:
        raise MatchingError("status must be answered or refused")
    query.answered_at = timezone.now()
    query.save(update_fields=["status", "reason", "answered_at"])
    audit(
        actor=None,
        action="matching.answer.received",
        case_reference=query.case.reference if query.case else "",
        purpose=f"from {peer}: {query.status}",
    )
    return query


# --- duplicates within this instance -------------------------------------------------------


def local_key() -> PeerKey:
    key = current_key(LOCAL)
    if key is not None:
        try:
            linkage_key(key)
        except linkage.KeyFileError:
            # Made under an older normalisation: this instance's own key is simply replaced
            # (and every case re-encoded); a peer's key needs a new key file from the peer.
            key = None
    if key is None:
        key = rotate_key(actor=None, peer=LOCAL)
    return key


@transaction.atomic
def flag_duplicates(*, case: Case) -> list[DuplicateFlag]:
    """Encode ``case`` under the instance's own key and flag the cases it may duplicate."""
    key = local_key()
    encoding = encode_case(case, key)
    if encoding is None:
        return []
    blob = bytes(encoding.encoding)
    stored, case_ids = fetch_candidates(LOCAL, key, blob)
    one = EncodingSet.from_bytes([case.reference], [blob], stored.key_id)
    flags = []
    for match in linkage.query(one, stored, prior=0.01):
        other = case_ids[match.index]
        if other == case.pk:
            continue
        first, second = sorted((case.pk, other))
        flag, created = DuplicateFlag.objects.get_or_create(
            first_id=first,
            second_id=second,
            defaults={
                "probability": round(match.probability, 4),
                "agreeing": linkage.agreeing_fields(match.levels),
            },
        )
        if created:
            audit(
                actor=None,
                action="matching.duplicate.flagged",
                case_reference=case.reference,
                purpose="possible duplicate within this instance",
            )
        flags.append(flag)
    return flags


@transaction.atomic
def decide_duplicate(*, actor: User, flag: DuplicateFlag, same: bool) -> DuplicateFlag:
    visible = Case.objects.editable_by(actor).filter(pk__in=[flag.first_id, flag.second_id])
    if not visible.exists():
        raise PermissionDenied
    flag.status = "confirmed" if same else "dismissed"
    flag.save(update_fields=["status"])
    audit(
        actor=actor,
        action="matching.duplicate.decided",
        case_reference=visible.first().reference,  # type: ignore[union-attr]
        purpose=flag.status,
    )
    return flag
