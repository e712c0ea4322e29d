"""Expected answers of the directory app's routes (tests/access_matrix.py)."""

from tests.access_matrix import OWN_ITEM, SIGNED_IN

ROUTES = {
    "directory-search": SIGNED_IN,
    "directory-service": SIGNED_IN,
    "api-hsds": SIGNED_IN,
    "api-hsds-services": SIGNED_IN,
    "api-hsds-service": SIGNED_IN,
    "api-hsds-organizations": SIGNED_IN,
    "api-hsds-organization": OWN_ITEM,
    "api-hsds-service-at-locations": SIGNED_IN,
    "api-hsds-service-at-location": OWN_ITEM,
    "api-hsds-taxonomies": SIGNED_IN,
    "api-hsds-taxonomy": OWN_ITEM,
    "api-hsds-taxonomy-terms": SIGNED_IN,
    "api-hsds-taxonomy-term": OWN_ITEM,
}
