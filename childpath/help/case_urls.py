"""Under /cases/<reference>/feedback-code/: give the child a feedback code."""

from django.urls import URLPattern, path

from childpath.help import staff

urlpatterns: list[URLPattern] = [path("", staff.issue_code, name="help-issue-code")]
