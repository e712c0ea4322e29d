from django.urls import URLPattern, URLResolver, path

from childpath.exchange import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("new/", views.request_new, name="federation-request"),
]
