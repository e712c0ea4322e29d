from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import SimpleRouter

from childpath.cases.api import CaseViewSet

router = SimpleRouter(trailing_slash=False)
router.register("cases", CaseViewSet, basename="case")


urlpatterns = [
    path("", include(router.urls)),
    path("auth/token", ObtainAuthToken.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
