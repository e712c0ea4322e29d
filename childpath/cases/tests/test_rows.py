"""The case table written in Python (cases/rows.py) says what the template said, escaped
the same way: compared with the template it replaced (``table_reference.html``)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from childpath.age_assessment.services import record_assessment
from childpath.age_assessment.validation import AssessmentData
from childpath.cases import services
from childpath.cases.models import Case

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "table_reference.html").read_text()
)


def _tags_only(html: str) -> str:
    # Whitespace between tags is not shown; the text of each cell is compared as it is.
    return re.sub(r">\s+<", "><", html).strip()


@pytest.fixture
def cases(make_case, caseworker, coordinator) -> list[Case]:
    named = make_case(
        given_names='<b>Ann & "Mo"</b>', family_name="O'Neil", aliases=["<i>Mira</i>", "Mi & Ra"]
    )
    services.set_coordinator(actor=caseworker, case=named, coordinator=coordinator)
    make_case(given_names="", family_name="", date_of_birth=None, claimed_age=15)
    make_case(date_of_birth=None, claimed_age=16, age_disputed=True, sex="male")
    assessed = make_case(date_of_birth=None, sex="other")
    assessment = AssessmentData(
        method="multidisciplinary",
        assessed_on=date(2026, 1, 5),
        outcome="child",
        concluded=False,
        minimum_age=15,
        maximum_age=17,
        notes="Fictional.",
    )
    record_assessment(actor=caseworker, case=assessed, assessment=assessment)
    make_case(date_of_birth=date(2000, 1, 1))
    return list(Case.objects.for_listing(names=True).order_by("-created_at", "-id"))


@pytest.mark.parametrize("language", ["en", "sv", "uk"])
@pytest.mark.parametrize("names", [False, True])
def test_it_writes_the_table_the_template_wrote(cases, language, names) -> None:
    context = {"cases": cases, "show_names": names}
    with translation.override(language):
        expected = REFERENCE.render(context)
        written = render_to_string("cases/table.html", context)
    assert _tags_only(written) == _tags_only(expected)
    # The cases above show each kind of cell.
    for part in ("&lt;b&gt;Ann &amp; &quot;Mo&quot;", "&lt;i&gt;Mira&lt;/i&gt;, Mi &amp; Ra"):
        assert (part in written) is names
    assert 'class="warn"' in written and "<br>" in written


def test_it_reads_the_newest_assessments_in_one_query(cases, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        render_to_string("cases/table.html", {"cases": cases, "show_names": True})
