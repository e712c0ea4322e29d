"""Nothing identifying in a log line (DESIGN.md 7): error reports never carry a request body.

Django's error report (the e-mail to ADMINS, the debug page) lists POST data and the local
variables of every frame, where a child's name or date of birth may be. Childpath hides them
all, not only the ones a view marked sensitive.
"""

import logging
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "[hidden]"


class NoBodyReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request: Any) -> dict[str, str]:
        return {} if request is None else dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return {name: HIDDEN for name in tb_frame.f_locals}.items()


class NoRequest(logging.Filter):
    """Drop the request a log record carries, so no handler can print its body or query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True
