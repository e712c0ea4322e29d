"""The federation over REST (/api/v1/federation/), through the same services as the pages.

Only national focal points handle cross-border referrals; a caseworker on the case asks for
one (POST /referrals); administrators manage peers. The peers' own endpoint is
``POST /federation/inbox`` (``views.inbox_view``), authenticated by the envelope's signature.
"""

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied as DrfPermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.accounts.models import Organisation, User
from childpath.cases.access import case_user, get_case_for_user
from childpath.exchange import config, keys, selectors, services
from childpath.exchange.models import (
    CrossBorderReferral,
    InboxMessage,
    InformationRequest,
    OutboxMessage,
    Peer,
)
from childpath.exchange.serializers import (
    AcceptSerializer,
    AnswerSerializer,
    AskSerializer,
    CardInputSerializer,
    FingerprintSerializer,
    InboxSerializer,
    InformationRequestSerializer,
    NoteSerializer,
    OutboxSerializer,
    PeerSerializer,
    ReasonSerializer,
    ReferralSerializer,
    RequestCreateSerializer,
    SendSerializer,
    TextSerializer,
)

CARD = inline_serializer(
    "FederationCard",
    {
        "card": serializers.JSONField(),
        "fingerprint": serializers.CharField(),
    },
)


def _user(request: Request) -> User:
    user = request.user
    if not isinstance(user, User):
        raise DrfPermissionDenied
    return user


def _focal(request: Request) -> User:
    user = _user(request)
    if not services.is_focal_point(user):
        raise DrfPermissionDenied
    return user


def _admin(request: Request) -> User:
    user = _user(request)
    services.require_administrator(user)
    return user


def _referral(referral_id: UUID) -> CrossBorderReferral:
    return get_object_or_404(selectors.all_referrals(), pk=referral_id)


@extend_schema(responses={200: CARD})
@api_view(["GET"])
def card(request: Request) -> Response:
    """This instance's federation card and fingerprint (administrators and focal points)."""
    user = _user(request)
    if not services.is_focal_point(user):
        services.require_administrator(user)
    own = config.own_card(timezone.now())
    return Response({"card": own, "fingerprint": keys.fingerprint(own)})


@extend_schema(methods=["GET"], responses={200: PeerSerializer(many=True)})
@extend_schema(methods=["POST"], request=CardInputSerializer, responses={201: PeerSerializer})
@api_view(["GET", "POST"])
def peers(request: Request) -> Response:
    """The peers; POST imports a peer's card (nothing is exchanged until it is confirmed)."""
    user = _admin(request)
    if request.method == "POST":
        payload = CardInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        peer = services.import_peer(actor=user, card=payload.validated_data["card"])
        return Response(PeerSerializer(peer).data, status=status.HTTP_201_CREATED)
    return Response(PeerSerializer(selectors.peers(), many=True).data)


def _peer(peer_id: UUID) -> Peer:
    return get_object_or_404(selectors.peers(), pk=peer_id)


@extend_schema(request=FingerprintSerializer, responses={200: PeerSerializer})
@api_view(["POST"])
def peer_confirm(request: Request, peer_id: UUID) -> Response:
    """Confirm the fingerprint compared with the peer out of band; the peer becomes active."""
    user = _admin(request)
    payload = FingerprintSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    peer = services.confirm_peer(
        actor=user, peer=_peer(peer_id), fingerprint=payload.validated_data["fingerprint"]
    )
    return Response(PeerSerializer(peer).data)


@extend_schema(request=None, responses={200: PeerSerializer})
@api_view(["POST"])
def peer_suspend(request: Request, peer_id: UUID) -> Response:
    peer = services.suspend_peer(actor=_admin(request), peer=_peer(peer_id))
    return Response(PeerSerializer(peer).data)


@extend_schema(request=None, responses={200: PeerSerializer})
@api_view(["POST"])
def peer_resume(request: Request, peer_id: UUID) -> Response:
    peer = services.resume_peer(actor=_admin(request), peer=_peer(peer_id))
    return Response(PeerSerializer(peer).data)


@extend_schema(request=None, responses={204: None})
@api_view(["DELETE"])
def peer_remove(request: Request, peer_id: UUID) -> Response:
    services.remove_peer(actor=_admin(request), peer=_peer(peer_id))
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(methods=["GET"], responses={200: ReferralSerializer(many=True)})
@extend_schema(
    methods=["POST"],
    request=RequestCreateSerializer,
    responses={
        201: ReferralSerializer,
        404: OpenApiResponse(description="No case with this reference that the user may see."),
    },
)
@api_view(["GET", "POST"])
def referrals(request: Request) -> Response:
    """GET: every cross-border referral (focal points). POST: a caseworker on the case asks the
    focal point to refer the child abroad. Identity never travels with the request."""
    if request.method == "POST":
        user = case_user(request)
        if "identity" in request.data:
            raise serializers.ValidationError(
                {"identity": [_("Identity travels only after the referral is accepted.")]}
            )
        payload = RequestCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        case = get_case_for_user(user, data.pop("case_reference"))
        referral = services.request_referral(
            actor=user, case=case, data=services.RequestData(**data)
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)
    user = _focal(request)
    services.record_view(actor=user, referral=None)
    return Response(ReferralSerializer(selectors.all_referrals()[:500], many=True).data)


@extend_schema(responses={200: ReferralSerializer})
@api_view(["GET"])
def referral(request: Request, referral_id: UUID) -> Response:
    user = _focal(request)
    found = _referral(referral_id)
    services.record_view(actor=user, referral=found)
    return Response(ReferralSerializer(found).data)


ACTIONS: dict[str, Any] = {
    "send": SendSerializer,
    "return": ReasonSerializer,
    "acknowledge": None,
    "accept": AcceptSerializer,
    "decline": ReasonSerializer,
    "withdraw": ReasonSerializer,
    "close": ReasonSerializer,
    "status": TextSerializer,
    "transfer": NoteSerializer,
}


def _act(user: User, referral: CrossBorderReferral, name: str, data: dict[str, Any]) -> None:
    if name == "send":
        peer = selectors.active_peers().filter(instance_id=data["peer"]).first()
        if peer is None:
            raise ValidationError({"peer": [_("Choose an active peer instance.")]})
        services.send(actor=user, referral=referral, peer=peer)
    elif name == "return":
        services.return_request(actor=user, referral=referral, reason=data["reason"])
    elif name == "acknowledge":
        services.acknowledge(actor=user, referral=referral)
    elif name == "accept":
        lead = Organisation.objects.filter(pk=data["lead_organisation"]).first()
        services.accept(actor=user, referral=referral, lead_organisation=lead)
    elif name == "decline":
        services.decline(actor=user, referral=referral, reason=data["reason"])
    elif name == "withdraw":
        services.withdraw(actor=user, referral=referral, reason=data["reason"])
    elif name == "close":
        services.close(actor=user, referral=referral, reason=data["reason"])
    elif name == "status":
        services.update_status(actor=user, referral=referral, text=data["text"])
    elif name == "transfer":
        services.transfer(actor=user, referral=referral, note=data["note"])


def _action_view(name: str) -> Any:
    serializer = ACTIONS[name]

    @extend_schema(
        operation_id=f"federation_referral_{name}",
        request=serializer,
        responses={200: ReferralSerializer},
    )
    @api_view(["POST"])
    def view(request: Request, referral_id: UUID) -> Response:
        user = _focal(request)
        referral = _referral(referral_id)
        data: dict[str, Any] = {}
        if serializer is not None:
            payload = serializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
        _act(user, referral, name, data)
        return Response(ReferralSerializer(_referral(referral_id)).data)

    view.__doc__ = f"{name.capitalize()} the cross-border referral (national focal points)."
    return view


action_views = {name: _action_view(name) for name in ACTIONS}


@extend_schema(methods=["GET"], responses={200: InformationRequestSerializer(many=True)})
@extend_schema(
    methods=["POST"], request=AskSerializer, responses={201: InformationRequestSerializer}
)
@api_view(["GET", "POST"])
def information_requests(request: Request, referral_id: UUID) -> Response:
    """Information requests of a referral; POST asks the other focal point (family tracing,
    risk and safety assessment before any return, best-interests determination, guardian)."""
    user = _focal(request)
    referral = _referral(referral_id)
    if request.method == "POST":
        payload = AskSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        question = services.ask(actor=user, referral=referral, **payload.validated_data)
        return Response(InformationRequestSerializer(question).data, status=status.HTTP_201_CREATED)
    # The questions and answers are about the child: reading them is audited like the referral.
    services.record_view(actor=user, referral=referral)
    return Response(
        InformationRequestSerializer(referral.information_requests.all(), many=True).data
    )


@extend_schema(request=AnswerSerializer, responses={200: InformationRequestSerializer})
@api_view(["POST"])
def information_answer(request: Request, referral_id: UUID, request_id: UUID) -> Response:
    user = _focal(request)
    question = get_object_or_404(InformationRequest, pk=request_id, referral=_referral(referral_id))
    payload = AnswerSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    answered = services.answer(actor=user, request=question, text=payload.validated_data["answer"])
    return Response(InformationRequestSerializer(answered).data)


class MessageList(generics.ListAPIView[OutboxMessage]):
    """Messages sent to peers with their delivery state, newest first (focal points).
    ``?referral=<id>`` narrows to one referral."""

    serializer_class = OutboxSerializer

    @extend_schema(parameters=[OpenApiParameter("referral", str, required=False)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[OutboxMessage]:
        _focal(self.request)
        rows = OutboxMessage.objects.select_related("peer").order_by("-created_at", "-seq")
        wanted = self.request.query_params.get("referral")
        if wanted:
            try:
                referral = _referral(UUID(wanted))
            except ValueError:
                raise Http404 from None
            rows = rows.filter(conversation=referral.conversation)
        return rows


class ReceivedList(generics.ListAPIView[InboxMessage]):
    """Messages received from peers, applied or refused, newest first (focal points)."""

    serializer_class = InboxSerializer

    def get_queryset(self) -> QuerySet[InboxMessage]:
        _focal(self.request)
        return InboxMessage.objects.select_related("peer").order_by("-received_at", "-id")
