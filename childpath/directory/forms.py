"""The search form: the query string parameters of search.py, validated, as a ranking.Query."""

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from childpath.directory.cities import CITIES
from childpath.directory.models import TaxonomyTerm
from childpath.directory.ranking import Query, language_key
from childpath.directory.search import parse_point
from childpath.directory.taxonomy_data import BY_CODE, service_type_choices
from childpath.lib.geo import language_choices

DEFAULT_RADIUS_KM = 50
CASE_REFERENCE = RegexValidator(r"^CP-[A-Z0-9]{4}-[A-Z0-9]{4}$", _("This is not a case reference."))


def _need_choices() -> list[tuple[str, str]]:
    """Our service types, then the terms of any taxonomy imported with the directory."""
    imported = (
        TaxonomyTerm.objects.exclude(code="")
        .exclude(code__in=BY_CODE)
        .order_by("name")
        .values_list("code", "name")
    )
    return [("", str(_("Any service type"))), *service_type_choices(), *imported]


def _place_choices() -> list[tuple[str, str]]:
    places = [("", str(_("Anywhere")))]
    for city in CITIES.values():
        label = (
            str(_("%(city)s (fictional)") % {"city": city.name}) if city.fictional else city.name
        )
        places.append((city.key, label))
    return places


def _language_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any language"))), *language_choices()]


class PlaceField(forms.ChoiceField):
    """A demo city, or any point written as "latitude,longitude"."""

    def valid_value(self, value: Any) -> bool:
        return super().valid_value(value) or parse_point(str(value)) is not None


class LanguageField(forms.ChoiceField):
    """Any spelling HSDS data uses for a language ("sv-SE", "swe") means the same language."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return language_key(text) if text else ""


class SearchForm(forms.Form):
    need = forms.ChoiceField(label=_("Need"), choices=_need_choices, required=False)
    near = PlaceField(
        label=_("Near"),
        choices=_place_choices,
        required=False,
        help_text=_("A city, or a point written as latitude,longitude."),
    )
    radius = forms.IntegerField(label=_("Within (km)"), min_value=1, max_value=2000, required=False)
    language = LanguageField(
        label=_("Language the child speaks"), choices=_language_choices, required=False
    )
    age = forms.IntegerField(
        label=_("Age of the child"), min_value=0, max_value=120, required=False
    )
    gender = forms.ChoiceField(
        label=_("The child is"),
        choices=[("", _("Not relevant")), ("female", _("A girl")), ("male", _("A boy"))],
        required=False,
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    emergency = forms.BooleanField(label=_("Takes emergencies"), required=False)
    lat = forms.FloatField(widget=forms.HiddenInput, required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(widget=forms.HiddenInput, required=False, min_value=-180, max_value=180)
    case = forms.CharField(widget=forms.HiddenInput, required=False, validators=[CASE_REFERENCE])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        near = self.data.get("near", "") if self.is_bound else ""
        if near and near not in CITIES and parse_point(near):
            # Show the point the link asked for as the selected choice.
            self.fields["near"].choices = [*_place_choices(), (near, near)]  # type: ignore[attr-defined]

    def point(self) -> tuple[float, float] | None:
        data = self.cleaned_data
        near = data.get("near") or ""
        if near in CITIES:
            return CITIES[near].point
        if near:
            return parse_point(near)
        if data.get("lat") is not None and data.get("lon") is not None:
            return (data["lat"], data["lon"])
        return None

    def to_query(self) -> Query:
        data = self.cleaned_data
        return Query(
            need=data["need"],
            point=self.point(),
            radius_km=float(data["radius"] or DEFAULT_RADIUS_KM),
            language=data["language"],
            age=data["age"],
            open_now=data["open_now"],
            emergency=data["emergency"],
            gender=data["gender"],
        )
