"""A small load generator (standard library only) for ``make bench`` (portal requests/s) and ``make soak``.

Each simulated user is a thread with its own keep-alive HTTP connection and cookie jar
(:class:`Session`); a *scenario* is a function ``scenario(session, stop_at)`` that repeats its
requests until ``time.monotonic() >= stop_at``. Every response is recorded (:class:`Recorder`):
latency, status, and whether the scenario judged it an error (a 5xx, a connection failure, an
unexpected status, a form answered with its error list). No third-party dependency: http.client,
threads, html.parser.
"""
from __future__ import annotations

import http.client
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Sample:
    at: float
    seconds: float
    status: int
    ok: bool
    label: str
    detail: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def summary(self, since: float | None = None, until: float | None = None) -> dict:
        s = [x for x in self.samples if (since is None or x.at >= since) and (until is None or x.at < until)]
        lat = sorted(x.seconds for x in s)
        errors = [x for x in s if not x.ok]
        span = (max(x.at + x.seconds for x in s) - min(x.at for x in s)) if s else 0.0
        return {
            "requests": len(s), "errors": len(errors), "rps": len(s) / span if span else 0.0,
            "p50": percentile(lat, 50), "p95": percentile(lat, 95), "p99": percentile(lat, 99),
            "max": lat[-1] if lat else 0.0,
            "error_examples": sorted({f"{e.label} {e.status} {e.detail}"[:200] for e in errors})[:10],
        }


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(min(rank, len(sorted_values))) - 1]


class Session:
    """One user: a keep-alive connection to ``host:port``, cookies, and a CSRF token helper."""

    def __init__(self, host: str, port: int, recorder: Recorder, timeout: float = 30.0):
        self.host, self.port, self.recorder, self.timeout = host, port, recorder, timeout
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def request(self, method: str, path: str, *, data: dict | list | None = None, label: str = "",
                expect: tuple[int, ...] = (200,), check: Callable[[int, str], str] | None = None,
                headers: dict | None = None) -> tuple[int, str, dict]:
        """Send one request; record it. ``check(status, body)`` returns an error text or "" (ok)."""
        hdrs = {"Host": f"{self.host}:{self.port}", "Accept-Language": "zh-hans"}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
            hdrs["Referer"] = f"http://{self.host}:{self.port}{path}"
            hdrs["Origin"] = f"http://{self.host}:{self.port}"
        hdrs.update(headers or {})
        start = time.monotonic()
        status, text, resp_headers, detail = 0, "", {}, ""
        for attempt in (1, 2):  # a keep-alive connection the server closed: reconnect once, transparently
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=hdrs)
                resp = conn.getresponse()
                raw = resp.read()
                status = resp.status
                resp_headers = {k.lower(): v for k, v in resp.getheaders()}
                for value in resp.msg.get_all("Set-Cookie") or []:
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
                text = raw.decode("utf-8", "replace")
                if resp_headers.get("connection", "").lower() == "close":
                    self.close()
                detail = ""
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                detail = f"{type(exc).__name__}: {exc}"
                if attempt == 2:
                    break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                detail = f"{type(exc).__name__}: {exc}"
                break
        elapsed = time.monotonic() - start
        if not detail:
            if status >= 500 or status not in expect:
                detail = f"unexpected status (expected {expect})"
            elif check is not None:
                detail = check(status, text)
        self.recorder.add(Sample(start, elapsed, status, not detail, label or f"{method} {path}", detail))
        return status, text, resp_headers

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None


# ------------------------------------------------------------------------------------------ HTML

class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {},
                          "options": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form["options"].setdefault(a["name"], []).append(a.get("value", "on"))
                return
            if kind not in ("submit", "button", "file"):
                self._form["fields"][a["name"]] = a.get("value", "")
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["fields"].setdefault(a["name"], "")
        elif self._form is not None and tag == "option" and self._select:
            value = a.get("value", "")
            if value:
                self._form["options"].setdefault(self._select, []).append(value)
            if "selected" in a:
                self._form["fields"][self._select] = value
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data


def parse(html: str) -> _Forms:
    p = _Forms()
    p.feed(html)
    return p


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html: str) -> str:
    m = CSRF_RE.search(html)
    return m.group(1) if m else ""


def run_users(scenarios: list[Callable[[Session, float], None]], *, host: str, port: int, seconds: float,
              recorder: Recorder | None = None, ramp: float = 0.0) -> Recorder:
    """Run one thread per scenario for ``seconds``; threads start spread over ``ramp`` seconds."""
    recorder = recorder or Recorder()
    stop_at = time.monotonic() + seconds
    errors: list[BaseException] = []

    def user(i: int, scenario):
        if ramp:
            time.sleep(ramp * i / max(len(scenarios), 1))
        session = Session(host, port, recorder)
        try:
            scenario(session, stop_at)
        except Exception as exc:  # a scenario bug is an error of the run, not a silent stop
            errors.append(exc)
            recorder.add(Sample(time.monotonic(), 0.0, 0, False, "scenario", f"{type(exc).__name__}: {exc}"))
        finally:
            session.close()

    threads = [threading.Thread(target=user, args=(i, s), daemon=True) for i, s in enumerate(scenarios)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    return recorder


def portal_links(session: Session, start: str = "/portal/", limit: int = 60) -> list[str]:
    """Portal pages reachable from ``start`` (same origin, under /portal/), breadth first."""
    seen, queue, out = {start}, [start], []
    while queue and len(out) < limit:
        path = queue.pop(0)
        status, html, _ = session.request("GET", path, label="crawl", expect=(200, 301, 302, 404))
        if status != 200:
            continue
        out.append(path)
        for href in parse(html).links:
            url = urllib.parse.urljoin(path, href)
            parts = urllib.parse.urlsplit(url)
            if parts.netloc or not parts.path.startswith("/portal/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return out
