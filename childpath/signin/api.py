"""API tokens: issued after both factors, hashed, expiring, listed and revoked by their user."""

from typing import Any

from django.contrib.auth import authenticate, user_logged_in, user_login_failed
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from childpath.lib.api import ERROR_BODY
from childpath.signin import selectors, services
from childpath.signin.views import locked_out

WRONG = "The user name, password or code is not right."


class TokenRequest(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=20, help_text="The current code of the authenticator app, or a recovery code."
    )


class TokenAnswer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(help_text="The token's public handle, for revoking it.")
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField()


class TokenInfo(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="The token of this request.")


def _json(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        description=description,
        response=inline_serializer("Error", {"detail": serializers.CharField()}),
    )


THROTTLED = _json(
    "Too many sign-in attempts from this address or overall, or the account is locked "
    "(with `locked_until`); see Retry-After."
)


class _ByMethod(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method == "POST":
            return True
        return bool(IsAuthenticated().has_permission(request, view))


class TokenView(APIView):
    permission_classes = [_ByMethod]

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenRequest,
        responses={
            200: TokenAnswer,
            400: _json(WRONG),
            403: _json("The user has not set up two-factor sign-in yet (in the browser)."),
            429: THROTTLED,
        },
        auth=[],
        description="Sign in with the user name, the password and the second factor; "
        "answers a new token that expires (8 hours by default).",
    )
    def post(self, request: Request) -> Response:
        form = TokenRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        django_request = request._request
        user = authenticate(django_request, username=data["username"], password=data["password"])
        if getattr(django_request, "axes_locked_out", False):
            return locked_out(django_request, None, {"username": data["username"]})  # type: ignore[return-value]
        if user is None:
            return Response({"detail": WRONG}, status=status.HTTP_400_BAD_REQUEST)
        if not selectors.has_authenticator(user):  # type: ignore[arg-type]
            return Response(
                {"detail": "Set up two-factor sign-in in the browser first."},
                status=status.HTTP_403_FORBIDDEN,
            )
        if services.verify_second_factor(user=user, code=data["otp"]) is None:  # type: ignore[arg-type]
            credentials = {"username": user.get_username()}
            user_login_failed.send(sender=__name__, credentials=credentials, request=django_request)
            if getattr(django_request, "axes_locked_out", False):
                return locked_out(django_request, None, credentials)  # type: ignore[return-value]
            return Response({"detail": WRONG}, status=status.HTTP_400_BAD_REQUEST)
        # Resets django-axes' failure count (AXES_RESET_ON_SUCCESS) and sets last_login.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        instance, token = services.issue_token(user=user)  # type: ignore[arg-type]
        return Response(
            {"id": selectors.token_id(instance), "token": token, "expiry": instance.expiry}
        )

    @extend_schema(
        operation_id="auth_token_destroy",
        request=None,
        responses={204: None, 400: _json("Not signed in with a token.")},
        description="Revoke the token this request is signed in with.",
    )
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, AuthToken):
            return Response(
                {"detail": "This request is not signed in with a token."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        services.revoke_token(actor=request.user, token=request.auth)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


def _info(token: AuthToken, request: Request) -> dict[str, Any]:
    current = isinstance(request.auth, AuthToken) and request.auth.digest == token.digest
    return {
        "id": selectors.token_id(token),
        "created": token.created,
        "expiry": token.expiry,
        "current": current,
    }


class TokenListView(APIView):
    @extend_schema(operation_id="auth_tokens_list", responses={200: TokenInfo(many=True)})
    def get(self, request: Request) -> Response:
        """The signed-in user's API tokens (never the tokens themselves)."""
        tokens = selectors.tokens(request.user)  # type: ignore[arg-type]
        return Response([_info(token, request) for token in tokens])


class TokenDetailView(APIView):
    @extend_schema(
        operation_id="auth_tokens_destroy",
        responses={204: None, 404: OpenApiResponse(response=ERROR_BODY)},
    )
    def delete(self, request: Request, token_id: str) -> Response:
        """Revoke one of the signed-in user's tokens."""
        token = selectors.token_by_id(request.user, token_id)  # type: ignore[arg-type]
        if token is None:
            return Response({"detail": "No such token."}, status=status.HTTP_404_NOT_FOUND)
        services.revoke_token(actor=request.user, token=token)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
