"""Checking links to other sites, politely, with a cache.

Standard library only: http.client per request, a thread pool for a bounded
number of requests at once, and per host at most `per_host` requests at once
and one new request every `delay` seconds. HEAD first; a 4xx to HEAD is
confirmed with GET (many servers refuse HEAD). 429 and 5xx are retried,
honouring Retry-After; redirects are followed and remembered so they can be
reported. Definite answers are cached in a JSON file for `ttl` seconds, so a
second run costs nothing; transient failures are not cached.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from ..atomicfile import write_atomic

USER_AGENT = "Mozilla/5.0 (compatible; congress-links/1.0; link checker)"  # headers are latin-1
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
CACHE_VERSION = 1


@dataclass
class Result:
    url: str
    status: int | None = None  # final HTTP status, None when no answer came
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, new location)
    error: str | None = None  # "timeout", "reset", "refused", "dns", "ssl", "protocol", "bad-url", "too-many-redirects", "redirect-loop"
    attempts: int = 0
    checked_at: float = 0.0
    cached: bool = False

    @property
    def definite(self) -> bool:
        """Worth caching: an answer that will not change on a retry soon."""
        return self.error is None and self.status is not None and self.status < 500 and self.status != 429


class LinkCache:
    """url -> last definite Result, in a JSON file, each entry with its time."""

    def __init__(self, path: Path | None, ttl: float):
        self.path = path
        self.ttl = ttl
        self.entries: dict[str, dict] = {}
        self.dirty = False
        if path and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
                    entries = data.get("entries")
                    self.entries = entries if isinstance(entries, dict) else {}
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a slower run

    def get(self, url: str, now: float) -> Result | None:
        entry = self.entries.get(url)
        if not isinstance(entry, dict):
            return None
        try:
            if now - float(entry["checked_at"]) > self.ttl:
                return None
            return Result(url=url, status=entry.get("status"), final_url=entry.get("final_url", url),
                          redirects=[(int(s), str(u)) for s, u in entry.get("redirects", [])],
                          error=entry.get("error"), attempts=0, checked_at=float(entry["checked_at"]),
                          cached=True)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, result: Result) -> None:
        if result.definite:
            data = asdict(result)
            data.pop("cached")
            data.pop("attempts")
            self.entries[result.url] = data
            self.dirty = True

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        payload = {"version": CACHE_VERSION, "entries": self.entries}
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True))
        self.dirty = False


class _HostGate:
    """At most `slots` requests to one host at a time, and starts spaced
    `delay` seconds apart; a Retry-After pushes the next start back."""

    def __init__(self, slots: int, delay: float):
        self._sem = threading.Semaphore(slots)
        self._lock = threading.Lock()
        self._next = 0.0
        self.delay = delay

    def __enter__(self):
        self._sem.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.delay
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(self, *exc):
        self._sem.release()

    def hold_off(self, seconds: float) -> None:
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)


@dataclass
class ExternalOptions:
    concurrency: int = 8
    per_host: int = 2
    delay: float = 0.5  # seconds between request starts to one host
    timeout: float = 10.0
    retries: int = 2  # extra attempts after a 429, 5xx, reset or timeout
    backoff: float = 1.0  # first wait between attempts, doubled each time
    max_wait: float = 30.0  # longest Retry-After we honour
    max_redirects: int = 10
    ttl: float = 7 * 24 * 3600.0  # cache lifetime


class ExternalChecker:
    def __init__(self, options: ExternalOptions | None = None, cache: LinkCache | None = None):
        self.opt = options or ExternalOptions()
        self.cache = cache or LinkCache(None, self.opt.ttl)
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._ssl = ssl.create_default_context()
        self.requests = 0  # HTTP requests actually sent, for the summary and tests

    def check_all(self, urls: list[str]) -> dict[str, Result]:
        now = time.time()
        results: dict[str, Result] = {}
        todo: list[str] = []
        for url in dict.fromkeys(urls):
            hit = self.cache.get(url, now)
            if hit is not None:
                results[url] = hit
            else:
                todo.append(url)
        if todo:
            with ThreadPoolExecutor(max_workers=max(1, self.opt.concurrency)) as pool:
                for result in pool.map(self.check, todo):
                    results[result.url] = result
                    self.cache.put(result)
        self.cache.save()
        return results

    def _gate(self, host: str) -> _HostGate:
        with self._gates_lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(max(1, self.opt.per_host), self.opt.delay)
            return gate

    def check(self, url: str) -> Result:
        result = Result(url=url, final_url=url)
        current = url
        seen = {url}
        for _ in range(self.opt.max_redirects + 1):
            status, location = self._fetch(current, result, "HEAD")
            if status is not None and 400 <= status < 500 and status != 429:
                status, location = self._fetch(current, result, "GET")
            result.status = status
            result.final_url = current
            if status in REDIRECTS and location:
                nxt = urljoin(current, location)
                result.redirects.append((status, nxt))
                if nxt in seen:
                    result.error = "redirect-loop"
                    break
                seen.add(nxt)
                current = nxt
                continue
            break
        else:
            result.error = "too-many-redirects"
        result.checked_at = time.time()
        return result

    def _fetch(self, url: str, result: Result, method: str) -> tuple[int | None, str | None]:
        """One request with retries; fills result.error on a failure."""
        host = (urlsplit(url).hostname or "").lower()
        gate = self._gate(host)
        wait = self.opt.backoff
        for attempt in range(self.opt.retries + 1):
            last = attempt == self.opt.retries
            result.attempts += 1
            try:
                with gate:
                    status, location, retry_after = self._request(url, method)
            except TimeoutError:
                result.error = "timeout"
            except ConnectionResetError:
                result.error = "reset"
            except ConnectionRefusedError:
                result.error = "refused"
            except socket.gaierror:
                result.error = "dns"
                return None, None  # a name that does not resolve will not on a retry
            except ssl.SSLError:
                result.error = "ssl"
                return None, None
            except ValueError:
                # a URL http.client cannot send (bad port, stray characters)
                result.error = "bad-url"
                return None, None
            except (http.client.HTTPException, OSError) as exc:
                # RemoteDisconnected and friends: the server dropped us mid-answer
                result.error = "reset" if isinstance(exc, http.client.RemoteDisconnected) else "protocol"
            else:
                result.error = None
                if (status == 429 or status >= 500) and not last:
                    pause = min(retry_after if retry_after is not None else wait, self.opt.max_wait)
                    gate.hold_off(pause)
                    time.sleep(pause)
                    wait *= 2
                    continue
                return status, location
            if last:
                return None, None
            time.sleep(wait)
            wait *= 2
        return None, None  # pragma: no cover - the loop always returns

    def _request(self, url: str, method: str) -> tuple[int, str | None, float | None]:
        self.requests += 1
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            host.encode("ascii")
        except UnicodeEncodeError:
            host = host.encode("idna").decode("ascii")
        timeout = self.opt.timeout
        if parts.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, parts.port, timeout=timeout, context=self._ssl)
        else:
            conn = http.client.HTTPConnection(host, parts.port, timeout=timeout)
        target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        try:
            conn.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*",
                                                   "Accept-Language": "zh-CN,zh;q=0.9"})
            resp = conn.getresponse()
            if method == "GET":
                resp.read(16384)  # enough to be an answer; never the whole file
            return resp.status, resp.getheader("Location"), _retry_after(resp.getheader("Retry-After"))
        finally:
            conn.close()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
