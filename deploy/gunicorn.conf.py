"""Childpath's production gunicorn configuration (``gunicorn -c deploy/gunicorn.conf.py``).

Chosen by measurement (BENCHMARKS.md, "Under load"); ``make run`` uses it too. Every value
can be overridden from the environment, or on the command line (the command line wins).

- ``WEB_CONCURRENCY`` worker processes, by default one per core, each with
  ``GUNICORN_THREADS`` threads (``gthread``, 4 by default): a request spends much of its time
  waiting for PostgreSQL (and, for case reads, for the audit chain's lock), and threads fill
  that time without a process per connection. Measured against four sync workers on two
  cores, side by side, twice (BENCHMARKS.md): more requests per second on every page, and
  keep-alive connections. ``GUNICORN_THREADS=1`` gives the plain sync worker.
- Workers are recycled after ``GUNICORN_MAX_REQUESTS`` requests (with jitter, so they do not
  restart together), which bounds the memory a long-lived process can accumulate.
- Database connections are reused between requests (``CONN_MAX_AGE`` in the settings, with
  health checks), not opened per request.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count())
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Never log query strings or bodies: a search may carry a name (DESIGN.md 7).
# Never log the address or path of a visitor to the children's help pages (DESIGN.md 6.10).
logger_class = "childpath.help.notrace.GunicornLogger"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(D)sus'
# Gunicorn's control socket (one fixed path per user) is not used, and two instances on one
# machine (the paired demo) would take it from each other.
control_socket_disable = True
