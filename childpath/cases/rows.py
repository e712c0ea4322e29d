"""The rows of a table of cases (``cases/table.html``), worked out and written in Python.

The template asked each case for its age (``localdate()`` and the age rules), its labels,
its address (``{% url %}``) and its formatted dates, and printed a dozen variables, row by
row: half a millisecond a row, a quarter of the case list's CPU (BENCHMARKS.md, issue 17).
Here today's date, the address and the date format are found once for the page, the newest
age assessment of every row in one query, and each row is one ``format_html``: every value
escaped as the template escaped it (``tests/test_rows.py`` compares it with the template).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from childpath.cases.age import AgeStatus
from childpath.cases.models import Case, Identity, newest_assessments

# ``reverse`` quotes a path argument so (django.urls.resolvers); a reference never needs it.
_URL_SAFE = "!$&'()*+,;=/~:@"
_PLACEHOLDER = "REFERENCE"


@dataclass(frozen=True)
class CaseRow:
    """One row of the table: the values it prints, not yet escaped (the template does)."""

    reference: str
    url: str
    stage: str
    sex: str
    age: AgeStatus
    # The coordinator's name; None when the case has none yet.
    coordinator: str | None
    registered: str
    # Search results only (``names``): the decrypted identity and the date of birth shown.
    identity: Identity | None = None
    birth_date: str = ""


def case_rows(cases: Iterable[Case], *, names: bool = False) -> list[CaseRow]:
    """The rows for ``cases`` (read with ``Case.objects.for_listing``, ``names=True`` for the
    names too)."""
    cases = list(cases)
    assessed = newest_assessments([case.pk for case in cases])
    zone = timezone.get_current_timezone()
    today = timezone.localdate(timezone=zone)
    before, _placeholder, after = reverse("case-detail", args=[_PLACEHOLDER]).partition(
        _PLACEHOLDER
    )
    dates: dict[date, str] = {}
    # Each label translated once for the page, not once a row.
    stages: dict[str, str] = {}
    sexes: dict[str, str] = {}

    def short(value: date | datetime) -> str:
        # ``|date:"SHORT_DATE_FORMAT"``: a moment in the current time zone; a date format
        # gives the same for every moment of a day.
        aware = isinstance(value, datetime) and timezone.is_aware(value)
        local = timezone.localtime(value, zone) if aware else value  # type: ignore[arg-type]
        day = local.date() if isinstance(local, datetime) else local
        if day not in dates:
            dates[day] = date_format(local, "SHORT_DATE_FORMAT")
        return dates[day]

    rows = []
    for case in cases:
        identity = _identity(case)
        born = identity.birth_date if identity is not None else None
        coordinator = case.coordinator
        rows.append(
            CaseRow(
                reference=case.reference,
                url=f"{before}{quote(case.reference, safe=_URL_SAFE)}{after}",
                stage=stages.get(case.stage)
                or stages.setdefault(case.stage, case.get_stage_display()),
                sex=sexes.get(case.sex) or sexes.setdefault(case.sex, case.get_sex_display()),
                age=case.age_given(assessed.get(case.pk), date_of_birth=born, today=today),
                coordinator=None if coordinator is None else coordinator.display_name,
                registered=short(case.created_at),
                identity=identity if names else None,
                birth_date=short(born) if names and born is not None else "",
            )
        )
    return rows


def _identity(case: Case) -> Identity | None:
    try:
        return case.identity
    except Identity.DoesNotExist:
        return None


# The words of the table, translated once for the page by the template that shows it
# (``{% translate ... as ... %}`` in cases/table.html): they stay in its catalogue.
LABELS = (
    "names_label",
    "birth_label",
    "stage_label",
    "age_label",
    "sex_label",
    "coordinator_label",
    "registered_label",
    "not_known",
    "as_claimed",
    "in_doubt",
    "treated_as_child",
    "none_yet",
    "no_name",
    "also_known_as",
)


def rows_html(rows: list[CaseRow], labels: dict[str, str], *, names: bool) -> SafeString:
    """The ``<tr>`` of each row; ``labels``: the words of ``LABELS``, translated. Every value
    is escaped here as the template escaped it (``{{ value }}``)."""
    e = conditional_escape
    words: dict[str, str] = {name: e(labels[name]) for name in LABELS}
    stage, age, sex = words["stage_label"], words["age_label"], words["sex_label"]
    coordinator, registered = words["coordinator_label"], words["registered_label"]
    nobody = f'<span class="warn">{words["none_yet"]}</span>'
    html = []
    for row in rows:
        reference = f'<a href="{e(row.url)}">{e(row.reference)}</a>'
        identified = _names_cells(row, words) if names else ""
        coordinated = nobody if row.coordinator is None else e(row.coordinator)
        html.append(
            f"""
    <tr>
      <th scope="row">{reference}</th>{identified}
      <td data-label="{stage}">{e(row.stage)}</td>
      <td data-label="{age}">{_age(row.age, words)}</td>
      <td data-label="{sex}">{e(row.sex)}</td>
      <td data-label="{coordinator}">{coordinated}</td>
      <td data-label="{registered}">{e(row.registered)}</td>
    </tr>"""
        )
    return mark_safe("".join(html))  # noqa: S308


def _names_cells(row: CaseRow, words: dict[str, str]) -> str:
    e = conditional_escape
    identity = row.identity
    full_name = identity.full_name if identity is not None else ""
    aliases = identity.aliases if identity is not None else None
    also = ""
    if aliases:
        listed = ", ".join(e(alias) for alias in aliases)
        also = f'<br><span class="meta">{words["also_known_as"]} {listed}</span>'
    named = e(full_name) if full_name else words["no_name"]
    born = e(row.birth_date) if row.birth_date else words["not_known"]
    return f"""
      <td data-label="{words["names_label"]}" class="names">{named}{also}</td>
      <td data-label="{words["birth_label"]}">{born}</td>"""


def _age(age: AgeStatus, words: dict[str, str]) -> str:
    """The age cell: the years and their basis and doubt, or "Not known"; and whether the
    child status rests on the presumption of minority."""
    if age.years is None:
        text = words["not_known"]
    else:
        claimed = f" ({words['as_claimed']})" if age.basis == "claimed_age" else ""
        doubt = f", {words['in_doubt']}" if age.disputed else ""
        text = f"{age.years}{claimed}{doubt}"
    if age.presumed:
        return f'{text}<br><span class="meta">{words["treated_as_child"]}</span>'
    return text
