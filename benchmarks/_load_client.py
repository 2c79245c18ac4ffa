"""A small HTTP load client for ``bench_load``: keep-alive connections, a cookie jar per client,
threads in several processes (so the client is not the bottleneck), no dependencies.

Every virtual client is one thread with its own connection and its own session (cookies). It
sends its next request as soon as the previous answer is read (a closed loop, no think time).
Latencies are measured from sending the request to reading the whole answer.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode


class Session:
    """One client: a keep-alive connection to 127.0.0.1:port and its cookies."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes, dict[str, str]]:
        all_headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()  # the next request opens a new connection
            raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.will_close:
            self.conn.close()
        return response.status, data, dict(response.headers.items())

    def get(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)

    def close(self) -> None:
        self.conn.close()


def csrf_from_form(html: bytes) -> str:
    """The value of the page's first ``csrfmiddlewaretoken`` field."""
    text = html.decode("utf-8", "replace")
    start = text.index('name="csrfmiddlewaretoken"')
    value = text.index('value="', start) + len('value="')
    return text[value : text.index('"', value)]


def staff_login(port: int, username: str, password: str) -> dict[str, str]:
    """Sign in through the login form; return the session's cookies."""
    session = Session(port)
    _status, page, _headers = session.get("/login/")
    status, _body, headers = session.post_form(
        "/login/",
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_from_form(page),
        },
    )
    session.close()
    if status != 302 or "login" in headers.get("Location", "/login/"):
        raise RuntimeError(f"login of {username} failed: {status} {headers.get('Location')}")
    return session.cookies


def portal_sign_in(port: int, link_path: str) -> dict[str, str]:
    """Open a personal-page link and press its button (the POST signs in); return the cookies."""
    session = Session(port)
    _status, page, _headers = session.get(link_path)
    status, _body, _headers = session.post_form(
        link_path, {"csrfmiddlewaretoken": csrf_from_form(page)}
    )
    session.close()
    if status != 302:
        raise RuntimeError(f"personal link sign-in failed: {status}")
    return session.cookies


@dataclass
class ClientSpec:
    """What one virtual client does: ``kind`` is get or scan; ``paths`` (get) or ``tokens``
    (scan: badge tokens taken in turn, each one arrived then undone)."""

    kind: str
    path: str
    cookies: dict[str, str]
    tokens: list[str] = field(default_factory=list)
    #: Seconds from one request's start to the next (a desk scanning a badge every few
    #: seconds); 0: the next request at once (a closed loop without think time).
    pace: float = 0.0
    #: Seconds before the first request (spreads paced clients over one pace).
    offset: float = 0.0


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def _scan_body(token: str, kind: str) -> bytes:
    tap = {"key": uuid.uuid4().hex, "kind": kind, "token": token}
    return json.dumps({"taps": [tap]}).encode()


def _one_request(session: Session, spec: ClientSpec, n: int) -> tuple[int, bytes, str]:
    """Send the client's ``n``-th request; return status, body and the expected outcome."""
    if spec.kind == "get":
        status, body, _headers = session.get(spec.path)
        return status, body, ""
    token = spec.tokens[(n // 2) % len(spec.tokens)]
    kind = "arrive" if n % 2 == 0 else "undo"
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": session.cookies.get("csrftoken", ""),
    }
    status, body, _headers = session.request("POST", spec.path, _scan_body(token, kind), headers)
    return status, body, "done"


def _run_client(port: int, spec: ClientSpec, start: float, stop: float, tally: Tally) -> None:
    session = Session(port, spec.cookies)
    n = 0
    due = time.time() + spec.offset
    while True:
        if spec.pace:
            time.sleep(max(0.0, due - time.time()))
            due += spec.pace
        began = time.time()
        if began >= stop:
            break
        try:
            status, body, expected = _one_request(session, spec, n)
        except Exception as exc:  # counted (in the warm-up too), never raised: the run goes on
            tally.error(type(exc).__name__)
            n += 1
            continue
        ended = time.time()
        n += 1
        if began >= start:  # after the warm-up: timed
            tally.latencies_ms.append((ended - began) * 1000)
            tally.statuses[str(status)] = tally.statuses.get(str(status), 0) + 1
        if status != 200:
            tally.error(f"HTTP {status}")
        elif expected:
            outcome = json.loads(body)["results"][0].get("outcome")
            if outcome != expected:
                tally.error(f"scan {outcome}")
    if spec.kind == "scan" and n % 2 == 1:  # the last arrival is undone (untimed)
        with contextlib.suppress(Exception):  # best effort; the next run would count it
            _one_request(session, spec, n)
    session.close()


def run_clients(
    port: int, specs: list[dict[str, Any]], start: float, stop: float
) -> dict[str, Any]:
    """Run one process's share of the clients (a thread each) from ``start`` (epoch seconds,
    the end of the warm-up) to ``stop``; return the tally and this process's CPU seconds."""
    cpu = time.process_time()
    tallies = [Tally() for _spec in specs]  # one per thread: no shared counters
    threads = [
        threading.Thread(
            target=_run_client, args=(port, ClientSpec(**spec), start, stop, tally), daemon=True
        )
        for spec, tally in zip(specs, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tally = Tally()
    for one in tallies:
        tally.latencies_ms += one.latencies_ms
        for status, count in one.statuses.items():
            tally.statuses[status] = tally.statuses.get(status, 0) + count
        for what, count in one.errors.items():
            tally.errors[what] = tally.errors.get(what, 0) + count
    return {
        "latencies_ms": tally.latencies_ms,
        "statuses": tally.statuses,
        "errors": tally.errors,
        "cpu_s": time.process_time() - cpu,
    }
