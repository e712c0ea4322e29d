"""Pages of the referrals app under /pathways/."""

from django.urls import URLPattern, URLResolver, path

from childpath.referrals import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.pathway_list, name="pathways"),
    path("incoming/", views.incoming, name="referrals-incoming"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="referral-detail"),
    path("referrals/<uuid:referral_id>/status/", views.referral_status, name="referral-status"),
    path(
        "referrals/<uuid:referral_id>/decision/",
        views.referral_decision,
        name="referral-decision",
    ),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
]
