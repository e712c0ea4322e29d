"""Pages of the age_assessment app, under cases/<reference>/age/."""

from django.urls import URLPattern, URLResolver, path

from childpath.age_assessment import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.assessments, name="age-assessments"),
    path("handover/", views.handover, name="age-handover"),
]
