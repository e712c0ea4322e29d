"""The catalogue this instance screens with: the shared core plus its country's extension."""

from pathlib import Path

from django.conf import settings

from childpath.indicators import catalogue as catalogue_module
from childpath.indicators.catalogue import Catalogue, load_catalogue

_EXTENSIONS = Path(catalogue_module.__file__).parent / "catalogue" / "extensions"


def current_catalogue() -> Catalogue:
    """Core catalogue plus the jurisdiction's extension when one exists (the loader caches)."""
    country = settings.CHILDPATH_COUNTRY.upper()
    has_extension = (_EXTENSIONS / f"{country}.yaml").exists()
    return load_catalogue(extension=country if has_extension else None)
