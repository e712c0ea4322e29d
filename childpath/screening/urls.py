from django.urls import path

from childpath.screening import views

urlpatterns = [
    path("new/", views.screening_new, name="screening-new"),
    path("<int:pk>/", views.screening_detail, name="screening-detail"),
    path("<int:pk>/age/", views.screening_age, name="screening-age"),
    path("<int:pk>/theme/<slug:theme>/", views.screening_theme, name="screening-theme"),
    path("<int:pk>/complete/", views.screening_complete, name="screening-complete"),
    path("<int:pk>/rescreen/", views.screening_rescreen, name="screening-rescreen"),
]
