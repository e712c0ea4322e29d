"""Pages of the referrals app under a case (cases/<reference>/referrals/)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
