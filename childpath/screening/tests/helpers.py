"""Shared answers and a helper for the screening tests. All data are fictional."""

from collections.abc import Mapping

from childpath.accounts.models import User
from childpath.cases.models import Case
from childpath.screening import services
from childpath.screening.models import Screening

# Sold for sex, living where exploited, cannot refuse: exploitation plus a strong indicator,
# so a presumed victim under the child rule (RULES.md section 6).
PRESUMED = {
    "cse_sold_for_sex": "reported",
    "cse_lives_where_exploited": "reported",
    "cse_cannot_refuse": "reported",
}
# One risk factor and nothing else: at risk.
AT_RISK = {"risk_running_away": "observed"}


def screen(
    actor: User,
    case: Case,
    observations: Mapping[str, str],
    *,
    age: tuple[int | None, bool] = (15, False),
) -> Screening:
    """Start, answer and complete a screening through the services, as a professional would."""
    screening = services.start_screening(actor=actor, case=case)
    services.save_answers(actor=actor, screening=screening, observations=observations, age=age)
    return services.complete_screening(actor=actor, screening=screening)
