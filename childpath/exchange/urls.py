"""Federation pages under /federation/ and the inbox peers post to."""

from django.urls import URLPattern, URLResolver, path

from childpath.exchange import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox", views.inbox_view, name="federation-inbox"),
    path("", views.home, name="federation-home"),
    path("failures/seen/", views.failure_seen, name="federation-failures-seen"),
    path("referrals/<uuid:referral_id>/", views.detail, name="federation-referral"),
    path(
        "referrals/<uuid:referral_id>/questions/<uuid:request_id>/answer/",
        views.answer,
        name="federation-answer",
    ),
    path("referrals/<uuid:referral_id>/<slug:name>/", views.action, name="federation-action"),
    path("peers/", views.peers, name="federation-peers"),
    path("peers/import/", views.peer_import, name="federation-peer-import"),
    path("peers/announce/", views.announce, name="federation-announce"),
    path("peers/<uuid:peer_id>/<slug:name>/", views.peer_action, name="federation-peer-action"),
]
