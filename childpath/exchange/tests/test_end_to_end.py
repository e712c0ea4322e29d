"""Two real instances (gunicorn, separate SQLite databases and keys) on loopback, with a
fault-injecting proxy each way: a few hundred messages of every type; nothing lost, nothing
applied twice, the same state on both sides, both audit chains intact. ``make bench`` runs
the same with 10,000 messages (bench/bench_federation.py)."""

import pytest
from django.db import connection

from childpath.exchange.e2e import harness
from childpath.exchange.e2e.proxy import Faults

# A few hundred messages go in a few dozen batches: faults per delivery are set higher than
# the benchmark's so that every kind of fault happens in this short run.
FAULTS = Faults(drop_request=0.1, drop_response=0.1, duplicate=0.1, delay_max=0.02, hold=0.05)


@pytest.mark.django_db
def test_it_loses_nothing_and_applies_nothing_twice_between_two_instances():
    if connection.vendor != "sqlite":
        # The two instances bring their own SQLite databases: once per `make test` is enough.
        pytest.skip("runs on the SQLite pass of make test only")
    result = harness.run(messages=300, base_port=8132, faults=FAULTS)
    assert result.messages >= 280
    assert result.proxy["to_rs"]["dropped_responses"] + result.proxy["to_se"]["dropped_responses"]
    assert result.differences == []
    assert (result.lost, result.applied_twice, result.audit_intact) == (0, 0, True)
