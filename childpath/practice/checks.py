"""System check: practice data that do not validate stop the instance at start."""

from typing import Any

from django.core import checks

from childpath.practice.catalogue import situations
from childpath.practice.situations import SituationError


@checks.register()
def check_situations(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        situations()
    except SituationError as error:
        return [checks.Error(str(error), hint="Fix childpath/practice/situations.", id="cp.E101")]
    return []
