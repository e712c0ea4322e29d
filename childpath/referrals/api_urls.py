"""API of the referrals app, under /api/v1/."""

from django.urls import URLPattern, URLResolver, path

from childpath.referrals import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<str:reference>/referrals", api.case_referrals, name="api-case-referrals"),
    path("referrals/incoming", api.IncomingList.as_view(), name="api-referrals-incoming"),
    path("referrals/<uuid:referral_id>", api.referral_detail, name="api-referral"),
    path("referrals/<uuid:referral_id>/status", api.referral_status, name="api-referral-status"),
    path("pathways", api.PathwayList.as_view(), name="api-pathways"),
]
