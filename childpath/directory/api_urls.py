"""API of the directory app, under /api/v1/: the HSDS v3 API under hsds/."""

from django.urls import URLPattern, URLResolver, path

from childpath.directory import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("hsds", api.root, name="api-hsds"),
    path("hsds/services", api.services, name="api-hsds-services"),
    path("hsds/services/<uuid:pk>", api.service, name="api-hsds-service"),
    path("hsds/organizations", api.organizations, name="api-hsds-organizations"),
    path("hsds/organizations/<uuid:pk>", api.organization, name="api-hsds-organization"),
    path(
        "hsds/service_at_locations", api.service_at_locations, name="api-hsds-service-at-locations"
    ),
    path(
        "hsds/service_at_locations/<uuid:pk>",
        api.service_at_location,
        name="api-hsds-service-at-location",
    ),
    path("hsds/taxonomies", api.taxonomies, name="api-hsds-taxonomies"),
    path("hsds/taxonomies/<uuid:pk>", api.taxonomy, name="api-hsds-taxonomy"),
    path("hsds/taxonomy_terms", api.taxonomy_terms, name="api-hsds-taxonomy-terms"),
    path("hsds/taxonomy_terms/<uuid:pk>", api.taxonomy_term, name="api-hsds-taxonomy-term"),
]
