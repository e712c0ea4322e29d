from django.urls import path

from childpath.practice import views

urlpatterns = [
    path("", views.index, name="practice-index"),
    path("situations/<slug:situation_id>/", views.situation_detail, name="practice-situation"),
    path("situations/<slug:situation_id>/start/", views.attempt_start, name="practice-start"),
    path("attempts/<int:pk>/", views.attempt_detail, name="practice-attempt"),
    path("attempts/<int:pk>/age/", views.attempt_age, name="practice-age"),
    path("attempts/<int:pk>/theme/<slug:theme>/", views.attempt_theme, name="practice-theme"),
    path("attempts/<int:pk>/complete/", views.attempt_complete, name="practice-complete"),
]
