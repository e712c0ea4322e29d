"""Pages of the identification app, under cases/<reference>/identification/."""

from django.urls import URLPattern, URLResolver, path

from childpath.identification import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", views.decision_new, name="identification-new"),
    path("review/", views.decision_review, name="identification-review"),
]
