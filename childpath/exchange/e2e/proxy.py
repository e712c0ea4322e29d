"""A fault-injecting HTTP proxy for the two-instance end-to-end test and benchmark.

It stands between one instance's worker and the other instance's inbox and, at random (seeded),
drops a request before it reaches the peer, drops the answer after the peer applied it (so the
sender retries a message the peer already has), delays, duplicates a delivery a moment later
(so an old message arrives after newer ones), and can take the peer down for a while.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Faults:
    drop_request: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    delay_max: float = 0.0
    # Held back a little longer than the rest, so deliveries overtake each other.
    hold: float = 0.0
    hold_seconds: float = 0.5


@dataclass
class Counters:
    requests: int = 0
    forwarded: int = 0
    dropped_requests: int = 0
    dropped_responses: int = 0
    duplicates: int = 0
    refused_while_down: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + 1)

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, int)}


class FaultProxy:
    def __init__(self, *, port: int, upstream: int, faults: Faults, seed: int) -> None:
        self.port = port
        self.upstream = upstream
        self.faults = faults
        self.down = False
        self.counters = Counters()
        self._random = random.Random(seed)
        self._random_lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def chance(self, probability: float) -> bool:
        with self._random_lock:
            return self._random.random() < probability

    def uniform(self, high: float) -> float:
        with self._random_lock:
            return self._random.uniform(0, high)

    def forward(
        self, path: str, body: bytes, connection: http.client.HTTPConnection | None = None
    ) -> tuple[int, bytes]:
        """Pass a delivery on; over the caller's kept-alive upstream connection if it has one."""
        own = connection is None
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", self.upstream, timeout=30)
        try:
            connection.request("POST", path, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            raise
        finally:
            if own:
                connection.close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as the senders use it: one handler (and one upstream connection)
            # per sender connection.
            protocol_version = "HTTP/1.1"
            upstream: http.client.HTTPConnection | None = None

            def log_message(self, format: str, *args: object) -> None:
                return

            def _drop(self) -> None:
                # No answer at all: the sender sees the connection closed.
                self.close_connection = True

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.counters.add("requests")
                faults = proxy.faults
                if proxy.down:
                    proxy.counters.add("refused_while_down")
                    return self._drop()
                if proxy.chance(faults.drop_request):
                    proxy.counters.add("dropped_requests")
                    return self._drop()
                delay = proxy.uniform(faults.delay_max)
                if proxy.chance(faults.hold):
                    delay += faults.hold_seconds
                if delay:
                    time.sleep(delay)
                if self.upstream is None:
                    self.upstream = http.client.HTTPConnection(
                        "127.0.0.1", proxy.upstream, timeout=30
                    )
                try:
                    status, answer = proxy.forward(self.path, body, self.upstream)
                except (OSError, http.client.HTTPException):
                    return self._drop()
                proxy.counters.add("forwarded")
                if proxy.chance(faults.duplicate):
                    proxy.counters.add("duplicates")
                    threading.Thread(
                        target=proxy._late_copy, args=(self.path, body), daemon=True
                    ).start()
                if proxy.chance(faults.drop_response):
                    proxy.counters.add("dropped_responses")
                    return self._drop()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    # The sender gave up waiting (its timeout): it will retry.
                    self.close_connection = True

        return Handler

    def _late_copy(self, path: str, body: bytes) -> None:
        time.sleep(self.uniform(1.0))
        with contextlib.suppress(OSError, http.client.HTTPException):
            self.forward(path, body)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
