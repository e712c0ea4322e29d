"""Pages of the referrals app under a case (cases/<reference>/referrals/)."""

from django.urls import URLPattern, URLResolver, path

from childpath.referrals import case_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", case_views.referral_new, name="referral-new"),
]
