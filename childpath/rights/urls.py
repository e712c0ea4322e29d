"""Pages of the rights app, under /cases/<reference>/rights/."""

from django.urls import URLPattern, URLResolver, path

from childpath.rights import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.rights_page, name="rights-page"),
    path("deliveries/", views.delivery_new, name="rights-delivery-new"),
    path("provisions/<str:code>/", views.provision_new, name="rights-provision-new"),
    path("guardian/request/", views.guardian_request, name="rights-guardian-request"),
    path("guardian/appoint/", views.guardian_appoint, name="rights-guardian-appoint"),
    path("child/", views.child_page, name="rights-child"),
    path("handout/", views.handout_page, name="rights-handout"),
]
