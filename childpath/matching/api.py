"""Match queries and possible duplicates, through the same access path and services as the pages.

Every read is audited like the page it mirrors; nothing here returns a name or an encoding.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from childpath.audit.services import record as audit
from childpath.cases.access import case_user, get_case_for_user
from childpath.matching import selectors, services
from childpath.matching.models import MatchQuery
from childpath.matching.serializers import (
    AskSerializer,
    DecisionSerializer,
    DuplicateSerializer,
    QuerySerializer,
)

# The lists answer {"results": [...]}, as the other list endpoints do.
DUPLICATES = inline_serializer("Duplicates", {"results": DuplicateSerializer(many=True)})
QUERIES = inline_serializer("MatchQueries", {"results": QuerySerializer(many=True)})


@extend_schema(responses={200: DUPLICATES})
@api_view(["GET"])
def duplicates(request: Request) -> Response:
    """Possible duplicates involving the caller's cases. Of a case held by another team only
    that it exists and which organisation holds it is said (``other_case`` is empty)."""
    user = case_user(request)
    views = selectors.duplicates_for(user)
    with transaction.atomic():
        audit(actor=user, action="matching.duplicates.viewed", purpose="possible duplicates (API)")
    return Response({"results": DuplicateSerializer(views, many=True).data})


@extend_schema(request=DecisionSerializer, responses={200: DuplicateSerializer})
@api_view(["POST"])
def decide(request: Request, pk: int) -> Response:
    """Say whether a possible duplicate is the same child (``same``) or not; only someone who
    may edit one of the two cases may decide."""
    user = case_user(request)
    flag = selectors.flag_for(user, pk)
    if flag is None:
        raise exceptions.NotFound()
    payload = DecisionSerializer(data=request.data)
    if not payload.is_valid():
        raise exceptions.ValidationError(
            {"same": [_("Say whether the two cases are the same child (same: true or false).")]}
        )
    try:
        flag = services.decide_duplicate(actor=user, flag=flag, same=payload.validated_data["same"])
    except DjangoPermissionDenied as error:  # sees the case but may not edit it
        raise exceptions.PermissionDenied() from error
    return Response(DuplicateSerializer(selectors.duplicate_views(user, [flag])[0]).data)


@extend_schema(methods=["GET"], responses={200: QUERIES})
@extend_schema(methods=["POST"], request=AskSerializer, responses={201: QuerySerializer})
@api_view(["GET", "POST"])
def case_queries(request: Request, reference: str) -> Response:
    """GET: the match queries asked about this case and the candidates each peer answered
    (the peer's references, probabilities and agreeing fields). POST: ask ``peer`` whether it
    knows this child; the question travels as an encoding, the answer arrives later.
    Focal points only."""
    user = case_user(request)
    case = get_case_for_user(user, reference)
    if not services.may_ask(user):
        raise exceptions.PermissionDenied()
    if request.method == "POST":
        payload = AskSerializer(data=request.data)
        peer = payload.validated_data["peer"] if payload.is_valid() else ""
        if peer not in selectors.peers():
            raise exceptions.ValidationError(
                {"peer": [_("Choose a country this instance shares a linkage key with.")]}
            )
        try:
            sent = services.build_query(actor=user, case=case, peer=peer)
        except services.MatchingError as error:
            raise exceptions.ValidationError(
                {"case": [_("This case has no name to compare yet.")]}
            ) from error
        query = MatchQuery.objects.prefetch_related("candidates").get(query_id=sent["query_id"])
        return Response(QuerySerializer(query).data, status=status.HTTP_201_CREATED)
    queries = selectors.queries_of_case(case)
    with transaction.atomic():
        audit(
            actor=user,
            action="matching.queries.viewed",
            case_reference=case.reference,
            purpose="match queries of the case (API)",
        )
    return Response({"results": QuerySerializer(queries, many=True).data})
