"""Opening hours as a sentence for the pages: "Monday, Friday: 10:00-18:00"."""

from django.utils.formats import time_format
from django.utils.translation import gettext as _

from childpath.directory.hours import DAYS, is_always_open
from childpath.directory.models import Schedule, Weekday


def _days(schedule: Schedule) -> str:
    codes = [item.strip().upper()[-2:] for item in schedule.byday.split(",") if item.strip()]
    names = [str(Weekday(code).label) for code in DAYS if code in codes]
    if schedule.freq == "MONTHLY" and schedule.bymonthday:
        return _("Days %(days)s of each month") % {"days": schedule.bymonthday}
    return ", ".join(names) if names else _("Every day")


def schedule_text(schedule: Schedule) -> str:
    if is_always_open(schedule.as_rule()):
        return _("Open 24/7")
    if schedule.opens_at is None or schedule.closes_at is None:
        return schedule.description or _("Opening hours not given")
    return _("%(days)s: %(opens)s–%(closes)s") % {  # noqa: RUF001
        "days": _days(schedule),
        "opens": time_format(schedule.opens_at, "H:i"),
        "closes": time_format(schedule.closes_at, "H:i"),
    }
