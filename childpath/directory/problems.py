"""Import problems (hsds/parse.py codes) as translated sentences for the import report."""

from django.utils.translation import gettext as _

from childpath.directory.hsds.parse import Problem


def _reason(problem: Problem) -> str:
    values = {"field": problem.field, "value": problem.value}
    texts = {
        "missing": _("%(field)s is required"),
        "not_uuid": _("%(field)s is not a UUID: %(value)s"),
        "not_text": _("%(field)s must be text: %(value)s"),
        "not_int": _("%(field)s must be a whole number: %(value)s"),
        "not_number": _("%(field)s must be a number: %(value)s"),
        "not_decimal": _("%(field)s must be an amount: %(value)s"),
        "not_date": _("%(field)s must be a date (YYYY-MM-DD): %(value)s"),
        "not_time": _("%(field)s must be a time (HH:MM or HH:MM:SS): %(value)s"),
        "not_datetime": _("%(field)s must be a date and time (ISO 8601): %(value)s"),
        "not_choice": _("%(field)s has a value HSDS does not allow: %(value)s"),
        "not_rule": _("%(field)s is not an iCalendar list (such as MO,TU or 1,15): %(value)s"),
        "out_of_range": _("%(field)s is out of range: %(value)s"),
        "age_range": _("minimum_age is greater than maximum_age"),
        "conflict": _("appears twice with different values for %(field)s"),
        "unknown_ref": _(
            "%(field)s points at %(value)s, which is neither in the import nor stored"
        ),
        "dangling_ref": _("%(field)s points at %(value)s, which is not known (kept)"),
        "dropped_coordinate": _("%(field)s %(value)s is not on Earth; stored without coordinates"),
        "not_object": _("is not a JSON object"),
        "not_list": _("%(field)s must be a list"),
        "unknown_kind": _("cannot tell which HSDS object this is"),
        "no_file": _("file not found"),
        "not_utf8": _("is not UTF-8 text"),
        "not_json": _("is not valid JSON"),
        "unknown_file": _("is not an HSDS table; skipped"),
    }
    return texts.get(problem.code, problem.code) % values


def describe(problem: Problem) -> str:
    """ "services.csv line 3: service 9f0c...: name is required"."""
    subject = " ".join(part for part in (problem.table, problem.record_id) if part)
    where = f"{problem.where}: {subject}" if subject else problem.where
    return f"{where}: {_reason(problem)}"
