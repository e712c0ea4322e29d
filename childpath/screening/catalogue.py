"""The catalogue this instance screens with: the shared core plus its country's extension.

``current_catalogue()`` is the newest published version; ``catalogue_of(version)`` is any
published one, so a stored screening is shown in the words of the version it was made with.
"""

from django.conf import settings

from childpath.indicators.catalogue import (
    Catalogue,
    UnknownVersion,
    has_extension,
    load_catalogue,
    published_versions,
)


def _country(version: str | None = None) -> str | None:
    country = settings.CHILDPATH_COUNTRY.upper()
    return country if has_extension(country, version) else None


def current_catalogue() -> Catalogue:
    """Core catalogue plus the jurisdiction's extension when one exists (the loader caches)."""
    return load_catalogue(extension=_country())


def catalogue_of(version: str | None) -> Catalogue:
    """The published catalogue of ``version``; the current one for a blank or unknown version.

    A screening saved before versions were kept, or a test catalogue, has no published version:
    it is shown with today's texts (the stored result never changes either way).
    """
    current = current_catalogue()
    if not version or version == current.version or version not in published_versions():
        return current
    try:
        return load_catalogue(version=version, extension=_country(version))
    except UnknownVersion:
        return current


def is_outdated(version: str) -> bool:
    """Whether a screening made with ``version`` was made with an older published catalogue."""
    return bool(version) and version != current_catalogue().version
