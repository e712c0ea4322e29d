"""Log filters."""

import logging


class OneLineForbidden(logging.Filter):
    """A 403 is logged in one line: who asked for what is enough; the traceback of a
    ``PermissionDenied`` raised on purpose tells nothing and floods the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
