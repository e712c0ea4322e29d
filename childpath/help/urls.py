"""The public help pages, under /help/ (no sign-in; see notrace.py)."""

from django.urls import URLPattern, path

from childpath.help import views

urlpatterns: list[URLPattern] = [
    path("", views.choose, name="help-choose"),
    path("feedback/", views.feedback_choose, name="help-feedback-choose"),
    path("<str:lang>/", views.home, name="help-home"),
    path("<str:lang>/need/<str:code>/", views.need, name="help-need"),
    path("<str:lang>/staying-safe/", views.staying_safe, name="help-safe"),
    path("<str:lang>/feedback/", views.feedback, name="help-feedback"),
    path("<str:lang>/feedback/thanks/", views.feedback_thanks, name="help-feedback-thanks"),
]
