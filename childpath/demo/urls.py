"""Pages of the demo app, under /demo/ (they answer only on the demo instance)."""

from django.urls import URLPattern, URLResolver, path

from childpath.demo import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("mail/", views.mail_list, name="demo-mail"),
]
