"""The organisation's feedback results, /feedback/ (signed in)."""

from django.urls import URLPattern, path

from childpath.help import staff

urlpatterns: list[URLPattern] = [path("", staff.results, name="help-results")]
