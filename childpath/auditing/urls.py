from django.urls import URLPattern, URLResolver, path

from childpath.auditing import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.events, name="audit-events"),
    path("export.csv", views.export, name="audit-export"),
    path("verify/", views.verify_chain, name="audit-verify"),
]
