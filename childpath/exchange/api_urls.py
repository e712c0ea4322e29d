"""API of the exchange app, under /api/v1/federation/."""

from django.urls import URLPattern, URLResolver, path

from childpath.exchange import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("federation/card", api.card, name="api-federation-card"),
    path("federation/peers", api.peers, name="api-federation-peers"),
    path("federation/peers/<uuid:peer_id>", api.peer_remove, name="api-federation-peer"),
    path(
        "federation/peers/<uuid:peer_id>/confirm",
        api.peer_confirm,
        name="api-federation-peer-confirm",
    ),
    path(
        "federation/peers/<uuid:peer_id>/suspend",
        api.peer_suspend,
        name="api-federation-peer-suspend",
    ),
    path(
        "federation/peers/<uuid:peer_id>/resume", api.peer_resume, name="api-federation-peer-resume"
    ),
    path("federation/referrals", api.referrals, name="api-federation-referrals"),
    path("federation/referrals/<uuid:referral_id>", api.referral, name="api-federation-referral"),
    *[
        path(
            f"federation/referrals/<uuid:referral_id>/{name}",
            view,
            name=f"api-federation-referral-{name}",
        )
        for name, view in api.action_views.items()
    ],
    path(
        "federation/referrals/<uuid:referral_id>/information-requests",
        api.information_requests,
        name="api-federation-information-requests",
    ),
    path(
        "federation/referrals/<uuid:referral_id>/information-requests/<uuid:request_id>/answer",
        api.information_answer,
        name="api-federation-information-answer",
    ),
    path("federation/messages", api.MessageList.as_view(), name="api-federation-messages"),
    path("federation/received", api.ReceivedList.as_view(), name="api-federation-received"),
]
