from django.urls import path

from childpath.matching import views

urlpatterns = [
    path("duplicates/", views.duplicates, name="matching-duplicates"),
    path("duplicates/<int:pk>/decide/", views.decide, name="matching-decide"),
    path("keys/", views.keys, name="matching-keys"),
    path("cases/<str:reference>/ask/", views.ask, name="matching-ask"),
]
