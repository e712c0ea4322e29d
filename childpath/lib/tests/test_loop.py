"""The background commands' loop: once without --loop; at once again while busy; stops on
SIGTERM."""

import os
import signal

from childpath.lib.loop import repeat


def test_it_runs_once_without_loop():
    calls: list[int] = []

    def step() -> bool:
        calls.append(1)
        return True

    repeat(step, loop=False, interval=60)
    assert calls == [1]


def test_it_runs_again_at_once_while_busy_and_stops_on_sigterm(monkeypatch):
    calls: list[int] = []
    closes: list[int] = []
    # The loop drops stale database connections between runs; this test has no database.
    monkeypatch.setattr("childpath.lib.loop.close_old_connections", lambda: closes.append(1))

    def step() -> bool:
        calls.append(1)
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGTERM)
        return True  # busy: never waits the hour

    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        repeat(step, loop=True, interval=3600)
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])
    assert len(calls) == 3
    assert len(closes) == 2  # between the runs, not after the last
