"""The age part of the fictional demo, through the services; loading it again adds nothing."""

from dataclasses import replace
from datetime import timedelta

from django.utils import timezone

from childpath.accounts.models import Organisation, User
from childpath.age_assessment.models import AgeAssessment, Method, Outcome
from childpath.age_assessment.services import record_assessment
from childpath.age_assessment.validation import AssessmentData
from childpath.cases.age import ADULT_AGE, add_years
from childpath.cases.models import Case
from childpath.cases.services import child_data, update_child

# Leyla's 18th birthday falls this many days after the first load: inside the notice period
# of every shipped profile (180 days), so the warning and the home card show.
LEYLA_TURNS_18_IN_DAYS = 100


def load(
    *, users: dict[str, User], organisations: dict[str, Organisation], cases: dict[str, Case]
) -> dict[str, int]:
    today = timezone.localdate()
    caseworker = users["caseworker.sara"]
    assessed = 0
    oleksandr = cases.get("Oleksandr")
    if oleksandr is not None and not AgeAssessment.objects.filter(case=oleksandr).exists():
        # Says 16, disputed: the range 15 to 17, so 15 counts (benefit of the doubt).
        record_assessment(
            actor=caseworker,
            case=oleksandr,
            assessment=AssessmentData(
                method=Method.MULTIDISCIPLINARY,
                assessed_on=today,
                outcome=Outcome.CHILD,
                concluded=True,
                minimum_age=15,
                maximum_age=17,
                notes="Social worker, psychologist and school nurse met him three times with "
                "an interpreter; school history and development fit 15 to 17. (Fictional.)",
            ),
        )
        assessed = 1
    dated = 0
    leyla = cases.get("Leyla")
    if leyla is not None and leyla.identity.birth_date is None:
        born = add_years(today + timedelta(days=LEYLA_TURNS_18_IN_DAYS), -ADULT_AGE)
        details = replace(child_data(leyla, leyla.identity), date_of_birth=born)
        update_child(actor=caseworker, case=leyla, child=details)
        dated = 1
    return {"age_assessments": assessed, "dates_of_birth_found": dated}
