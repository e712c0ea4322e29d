"""The loop of the background commands (sweep, anchor, federation worker): one run, or a run
every ``interval`` seconds until SIGTERM or SIGINT, stopping within a second."""

import signal
import time
from collections.abc import Callable

from django.db import close_old_connections


def repeat(step: Callable[[], bool], *, loop: bool, interval: float) -> None:
    """Call ``step`` once, or with ``loop`` until stopped. ``step`` returns True when it had
    more work than it did (a full batch): it then runs again at once instead of waiting."""
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    if loop:
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    while True:
        busy = step()
        if not loop or stopping:
            return
        # A long-lived worker must not keep a connection the database has dropped.
        close_old_connections()
        if busy:
            continue
        deadline = time.monotonic() + interval
        while not stopping and time.monotonic() < deadline:
            time.sleep(min(0.1, interval))
        if stopping:
            return
