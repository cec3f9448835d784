"""`nox -s class_serve`: the live class view, on the instructor's laptop.

Learners join once (`nox -s join -- URL CODE`); from then on every grading run sends their
report here in the background. This server checks each one as `class_report` does, keeps
it in SQLite with the time each learner's state changed, and serves one page that refreshes
itself: who is stuck on which known mistake and for how long, who has not started, who is
flagged, how old each report is. Standard library only (http.server, sqlite3, threading).

Everything a learner sends is untrusted: a class code is required (403 without it), a body
is at most 2 MB, each address and each learner is rate-limited, a report must pass the
same reader `class_report` uses, and nothing from a report reaches the page unescaped (the
page has no script at all, and a Content-Security-Policy that allows only its own style).
It listens on 127.0.0.1 unless `--host` asks for more, and shows the class to
another computer only with the code.

A bigger course: `Store` is the one seam between the server and its database (five
methods, plain SQL); a subclass over another DB-API driver (PostgreSQL, say) passed to
`make_server(store=...)` is all it takes, and `--db PATH` picks another SQLite file.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import ipaddress
import json
import os
import re
import secrets
import socket
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kata.files import inside_kata
from kata.judge.report import Unreadable, parse_report
from kata.manifest import ROOT, KataError, Manifest, Parser
from kata.text import clean
from kata.workshop import class_report as cr
from kata.workshop.mistakes import load as load_mistakes

DEFAULT_PORT = 8765
DEFAULT_DB = ROOT / ".kata" / "class.sqlite3"
MAX_BODY = 2 * 2**20
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 6
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_REQUESTS = 64  # handled at once; more are turned away with 503
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database


class Store:
    """The class's reports in SQLite: the latest report of each learner, and one history
    row per change of a learner's state (so "in this state for 12 min" is known)."""

    SCHEMA = """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS learners (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, report TEXT NOT NULL,
        received REAL NOT NULL, state TEXT NOT NULL, since REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS history (
        learner TEXT NOT NULL, state TEXT NOT NULL, since REAL NOT NULL,
        done INTEGER NOT NULL, specs_passed INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS history_learner ON history (learner, since);
    """

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None,
                                  timeout=5)
        self.lock = threading.Lock()  # one writer at a time, from the handler threads
        with self.lock:
            self.db.executescript(self.SCHEMA)

    def code(self, new: bool = False) -> str:
        """The class code, made once and kept (a restarted server keeps its learners)."""
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
            if row and not new:
                return row[0]
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (code,))
            return code

    def add(self, learner: str, name: str, report: str, state: str, done: int,
            specs_passed: int, now: float) -> float:
        """Keep a learner's latest report; returns since when they are in `state`."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                row = self.db.execute("SELECT state, since FROM learners WHERE id = ?",
                                      (learner,)).fetchone()
                since = row[1] if row and row[0] == state else now
                self.db.execute("INSERT OR REPLACE INTO learners VALUES (?, ?, ?, ?, ?, ?)",
                                (learner, name, report, now, state, since))
                if since == now:
                    self.db.execute("INSERT INTO history VALUES (?, ?, ?, ?, ?)",
                                    (learner, state, now, done, specs_passed))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            return since

    def latest(self) -> list[tuple[str, str, str, float, float]]:
        """(id, name, report JSON, received, in this state since) of every learner."""
        with self.lock:
            return self.db.execute(
                "SELECT id, name, report, received, since FROM learners ORDER BY id").fetchall()

    def history(self, learner: str) -> list[tuple[str, float]]:
        """(state, since) of each state a learner has been in, oldest first."""
        with self.lock:
            return self.db.execute("SELECT state, since FROM history WHERE learner = ? "
                                   "ORDER BY since", (learner,)).fetchall()

    def close(self) -> None:
        with self.lock:
            self.db.close()


class RateLimit:
    """Token buckets: `burst` requests at once, then one per `every` seconds, per key."""

    def __init__(self, burst: float, every: float) -> None:
        self.burst, self.every = burst, every
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self.lock:
            tokens, last = self.buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) / self.every)
            allowed = tokens >= 1
            self.buckets[key] = (tokens - 1 if allowed else tokens, now)
            if len(self.buckets) > 10_000:  # forget the oldest: memory stays bounded
                for old in sorted(self.buckets, key=lambda k: self.buckets[k][1])[:5_000]:
                    del self.buckets[old]
            return allowed


@dataclass
class Class:
    """What the handlers share: the store, the code, the kata it judges against."""

    store: Store
    code: str
    manifest: Manifest
    references: list[cr.Reference]
    refresh: int = 5
    join_hint: str = ""
    per_learner: RateLimit = field(default_factory=lambda: RateLimit(burst=6, every=2.0))
    per_address: RateLimit = field(default_factory=lambda: RateLimit(burst=120, every=0.1))
    busy: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(MAX_REQUESTS))
    quiet: bool = False

    def judge(self, learner: str, report: dict, received: float, since: float,
              now: float) -> cr.Learner:
        x = cr.judge(learner, report, self.references, self.manifest.version,
                     spec_paths={ex.spec_path for ex in self.manifest.exercises},
                     mistakes=load_mistakes(), now=now, manifest=self.manifest)
        x.age, x.since = now - received, now - since
        return x

    def receive(self, learner: str, report: dict, raw: str) -> cr.Learner:
        now = time.time()
        x = self.judge(learner, report, now, now, now)
        state = "|".join([x.status, *(x.first or ()), x.trouble, x.integrity])
        since = self.store.add(learner, x.name, raw, state, x.done, x.specs_passed, now)
        x.since = now - since
        return x

    def report(self) -> cr.ClassReport:
        now = time.time()
        learners = []
        for learner, _, raw, received, since in self.store.latest():
            try:
                learners.append(self.judge(learner, json.loads(raw), received, since, now))
            except (ValueError, KeyError, TypeError):
                continue  # checked on the way in; a row edited by hand is left out
        return cr.assemble(self.manifest, learners, [])


def _json(handler: BaseHTTPRequestHandler, status: int, data: dict) -> None:
    body = json.dumps(data).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    _security_headers(handler, "default-src 'none'")
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def _security_headers(handler: BaseHTTPRequestHandler, policy: str) -> None:
    handler.send_header("Content-Security-Policy", policy)
    handler.send_header("X-Content-Type-Options", "nosniff")
    handler.send_header("Referrer-Policy", "no-referrer")
    handler.send_header("X-Frame-Options", "DENY")
    handler.send_header("Cache-Control", "no-store")


class Handler(BaseHTTPRequestHandler):
    server_version = "kata-class"
    sys_version = ""
    timeout = 10  # seconds a client may take to send its request: no slow-loris
    protocol_version = "HTTP/1.0"
    room: Class  # set on the subclass make_server builds

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass  # the instructor sees one line per report instead (below)

    def handle_one_request(self) -> None:
        if not self.room.busy.acquire(blocking=False):
            self.close_connection = True
            try:
                self.rfile.readline(65537)
                self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "busy: try again")
            except OSError:
                pass
            return
        try:
            super().handle_one_request()
        finally:
            self.room.busy.release()

    # ------------------------------------------------------------------ the page

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path in ("/", "/api/class") and not self._may_see(query):
            return _json(self, 403, {"error": "from another computer, open this page with "
                                              "?code=CLASSCODE (the class code)"})
        if url.path == "/":
            return self._page(query)
        if url.path == "/api/class":
            return _json(self, 200, self._summary())
        if url.path == "/api/ping":
            if not self._code_ok(self.headers.get("X-Class-Code", "")):
                return _json(self, 403, {"error": "wrong class code"})
            return _json(self, 200, {"ok": True, "title": self.room.manifest.title})
        return _json(self, 404, {"error": "no such page"})

    do_HEAD = do_GET

    def _local(self) -> bool:
        """Whether the request comes from this computer: from a loopback address in any of
        its forms (127.x.y.z, ::1, and ::ffff:127.0.0.1 on a socket that takes both IPv4 and
        IPv6), or from the very address it reached (this computer's LAN address: another
        computer cannot connect from it)."""
        client = str(self.client_address[0])
        try:
            here = str(self.connection.getsockname()[0])
        except (OSError, AttributeError, IndexError):
            here = ""
        return is_loopback(client) or (client != "" and _plain(client) == _plain(here))

    def _may_see(self, query: dict[str, list[str]]) -> bool:
        """The class is shown on this computer (the projector's), and elsewhere only to
        someone who gives the class code: names and progress are not for the whole network."""
        given = (query.get("code") or [""])[0] or self.headers.get("X-Class-Code", "")
        return self._local() or self._code_ok(given)

    def _page(self, query: dict[str, list[str]]) -> None:
        def one(key: str, allowed: dict[str, str], default: str) -> str:
            value = (query.get(key) or [default])[0]
            return value if value in allowed else default

        view = cr.View(sort=one("sort", cr.SORTS, "attention"), show=one("show", cr.SHOWS, "all"),
                       query=(query.get("q") or [""])[0][:40], refresh=self.room.refresh,
                       made=f"Updated {datetime.now():%H:%M:%S}", note=self.room.join_hint,
                       code="" if self._local() else self.room.code)
        report = self.room.report()
        body = cr.render_html(report, view).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        _security_headers(self, "default-src 'none'; style-src "
                          f"'{cr.style_source(len(report.numbers))}'; form-action 'self'; "
                          "base-uri 'none'; frame-ancestors 'none'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _summary(self) -> dict:
        report = self.room.report()
        return {"title": report.title, "learners": [
            {"name": x.name, "status": x.status, "done": x.done, "exercises": x.exercises,
             "at": x.first[0] if x.first else None, "trouble": x.trouble,
             "flagged": x.flagged, "integrity": x.integrity,
             "seconds_in_state": round(x.since or 0), "report_age": round(x.age or 0)}
            for x in cr.arrange(report.learners)],
            "stuck": [{"exercise": n, "trouble": t, "learners": [x.name for x in people]}
                      for n, t, people in report.stuck()]}

    # ------------------------------------------------------------------ reports

    def _code_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.strip().upper().encode(), self.room.code.encode())

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self.close_connection = True
        if urlsplit(self.path).path != "/api/report":
            return _json(self, 404, {"error": "no such endpoint"})
        address = self.client_address[0]
        if not self.room.per_address.allow(address):
            return _json(self, 429, {"error": "too many requests: slow down"})
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return _json(self, 411, {"error": "a Content-Length is needed"})
        if length > MAX_BODY or length < 0:
            return _json(self, 413, {"error": f"a report is at most {MAX_BODY // 2**20} MB"})
        header_code = self.headers.get("X-Class-Code")
        if header_code is not None and not self._code_ok(header_code):
            return _json(self, 403, {"error": "wrong class code"})
        raw = self.rfile.read(length)  # bounded by `timeout`: a slow sender is dropped
        if len(raw) != length:
            return _json(self, 400, {"error": "the report stopped before its end"})
        try:
            report = parse_report(raw)
        except Unreadable as exc:
            if header_code is None:  # strangers learn nothing about what we accept
                return _json(self, 403, {"error": "wrong class code"})
            return _json(self, 400, {"error": str(exc)})
        if header_code is None and not self._code_ok(str(report.get("class_code", ""))):
            return _json(self, 403, {"error": "wrong class code"})
        client = self.headers.get("X-Kata-Client") or str(report.get("client", ""))
        learner = client if CLIENT_ID.match(client) else \
            "name:" + report["learner"].strip().casefold()[:60]
        if not self.room.per_learner.allow(f"{address} {learner}"):
            return _json(self, 429, {"error": "too many reports: one every few seconds is "
                                              "plenty"})
        try:
            x = self.room.receive(learner, report, raw.decode("utf-8-sig"))
        except sqlite3.Error as exc:  # a full disk, a locked file: the learner retries later
            print(f"Could not store a report: {exc}", flush=True)
            return _json(self, 503, {"error": "the class database is unavailable"})
        if not self.room.quiet:
            state = x.first[2].replace("_", " ") if x.first else ""
            where = f"{x.first[0]} {state}" if x.first else "all done"
            trouble = x.trouble if x.trouble != state else ""  # not "01 copied: copied"
            print(f"{datetime.now():%H:%M:%S} {x.name}: {x.done}/{x.exercises} done, {where}"
                  f"{': ' + trouble if trouble else ''}"
                  f"{'  FLAGGED ' + x.integrity if x.flagged else ''}", flush=True)
        return _json(self, 200, {"ok": True, "learner": x.name, "status": x.status})


class ClassServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a room's worth of learners connecting at once (default: 5)
    allow_reuse_address = True
    room: Class

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up or stalls past the timeout costs its own request only;
        the instructor's console stays readable (one line, never a traceback)."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):  # network trouble (timeouts included) is routine
            print(f"A request failed: {type(exc).__name__}: {clean(exc, 200)}", flush=True)

    @property
    def url(self) -> str:
        return web_address(*self.server_address[:2])


class ClassServer6(ClassServer):
    """The same server on an IPv6 address (--host ::1, or :: for every interface, IPv4's
    included, as the README says, whatever the system's default)."""

    address_family = socket.AF_INET6

    def server_bind(self) -> None:
        bound = _parsed(str(self.server_address[0]))
        if bound is not None and bound.is_unspecified:  # "::": both families
            with contextlib.suppress(AttributeError, OSError):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def _parsed(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address `address` names (without an IPv6 zone, %eth0), or None."""
    try:
        return ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return None


def _plain(address: str) -> str:
    """An address as one form: ::ffff:10.0.0.5 (IPv4 on an IPv6 socket) is 10.0.0.5."""
    parsed = _parsed(address)
    if parsed is None:
        return address
    mapped = getattr(parsed, "ipv4_mapped", None)
    return str(mapped or parsed)


def is_loopback(address: str) -> bool:
    """127.0.0.0/8 and ::1, also as an IPv4-mapped IPv6 address (::ffff:127.0.0.1)."""
    try:
        return ipaddress.ip_address(_plain(address)).is_loopback
    except ValueError:
        return address == "localhost"


def local_address(bound: str, port: int) -> str:
    """The page's address on this computer, for a server bound to `bound`: the loopback of
    its family when it listens on every interface, else the address it is bound to (a
    server on ::1 or 127.0.0.2 cannot be reached at 127.0.0.1)."""
    address = _parsed(bound)
    if address is None:
        return web_address(bound, port)
    if address.is_unspecified:
        return web_address("::1" if address.version == 6 else "127.0.0.1", port)
    return web_address(str(address), port)


def web_address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def make_server(host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
                db: Path | str = DEFAULT_DB, manifest: Manifest, store: Store | None = None,
                references: list[Path] | None = None, refresh: int = 5,
                new_code: bool = False, quiet: bool = False) -> ClassServer:
    """A server bound to (host, port) and ready to `serve_forever()` (port 0: any free one)."""
    store = store or Store(db)
    room = Class(store, store.code(new=new_code), manifest,
                 cr.references_of(references or [ROOT]), refresh=refresh, quiet=quiet)
    handler = type("RoomHandler", (Handler,), {"room": room})
    try:
        server = (ClassServer6 if ":" in host else ClassServer)((host, port), handler)
    except OSError as exc:
        store.close()
        if exc.errno == errno.EADDRINUSE:
            why = "another server is using that port; try --port 8766"
        elif isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
            why = ("this machine has no such address; --host 0.0.0.0 listens on all of "
                   "them, 127.0.0.1 on this machine only")
        else:
            why = "try another --port, or --host 0.0.0.0"
        raise KataError(f"Cannot listen on {host}:{port} ({exc.strerror or exc}): "
                        f"{why}.") from None
    server.room = room
    return server


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that others on the network may reach (no packet sent:
    connecting a UDP socket only picks the outgoing interface)."""
    found = set()
    try:
        found.update(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return sorted(a for a in found if not a.startswith("127."))


def who_can_reach(host: str, bound: str, port: int) -> tuple[str, str]:
    """(who can reach a server asked to listen on `host` and bound to `bound`, the address
    learners join). `--host 0` binds 0.0.0.0 as `0.0.0.0` does: every interface."""
    address = ipaddress.ip_address(bound.split("%")[0])
    if address.is_unspecified:
        urls = [web_address(h, port) for h in lan_addresses()] or [
            f"http://<this computer's address>:{port}"]
        return ("Listening on every network interface: learners on your network use "
                + " or ".join(urls)), urls[0]
    url = web_address(host, port)
    if address.is_loopback:
        return (f"Listening on {host} only: learners on other computers cannot reach it; "
                "restart with --host 0.0.0.0 to let them in."), url
    return f"Listening on {host}: learners on your network use {url}", url


def check_db(db: Path) -> None:
    """The class database may be a new file or an earlier one: never a file of the kata's
    own folders, nor any other file (sqlite3 would turn an empty one into a database)."""
    try:
        folder = inside_kata(db)
    except (OSError, RuntimeError):  # a folder that loops: sqlite3 says so below
        folder = None
    if folder is not None:
        raise KataError(f"--db {db} is inside the kata's {folder}/ folder, which holds the "
                        "kata's own files: give a path outside it.")
    if not os.path.lexists(db):
        return
    header = None
    if db.is_file():  # a FIFO or a device is never opened: it could hang us
        try:
            with open(db, "rb") as file:
                header = file.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise KataError(f"Cannot use {db} as the class database "
                            f"({exc.strerror or exc}).") from None
    if header != SQLITE_HEADER:
        raise KataError(f"--db {db} already exists and is not a SQLite database, so it is not "
                        "turned into one: give a new file name, or an earlier class database.")


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s class_serve --",
                    description="Serve a live class view that learners' reports reach.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only; "
                             "0.0.0.0 lets learners on your network in)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default 8765")
    parser.add_argument("--db", default=None, metavar="PATH",
                        help="the SQLite file (default .kata/class.sqlite3)")
    parser.add_argument("--reference", metavar="DIR", action="append", default=None,
                        help="a kata tree handed out (repeat for each version; default: this)")
    parser.add_argument("--refresh", type=int, default=5, help="page refresh in seconds")
    parser.add_argument("--new-code", action="store_true", help="make a new class code")
    args = parser.parse_args(argv)
    if not args.host.strip():  # (`--host "$HOST"` unset): never every interface unasked
        raise KataError(f"--host needs an address ({args.host!r} was given): 127.0.0.1 is "
                        "this computer only, 0.0.0.0 every network interface.")
    if not 0 <= args.port <= 65535:
        raise KataError(f"--port {args.port}: give a port from 1 to 65535 (0: any free one).")
    if not 2 <= args.refresh <= 600:
        raise KataError(f"--refresh {args.refresh}: give 2 to 600 seconds.")
    roots = [cr.check_reference(r, manifest) for r in args.reference or []]
    if args.db is not None and not args.db.strip():
        raise KataError("--db needs a file name (default .kata/class.sqlite3).")
    memory = args.db == ":memory:"
    db = Path(args.db or DEFAULT_DB).absolute()
    if not memory:
        check_db(db)
    try:
        store = Store(":memory:" if memory else db)
    except (sqlite3.Error, OSError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise KataError(f"Cannot use {db} as the class database ({reason}).") from None
    server = make_server(args.host, args.port, manifest=manifest, store=store,
                         references=roots or None, refresh=args.refresh,
                         new_code=args.new_code)
    port = server.server_address[1]
    room = server.room
    reach, url = who_can_reach(args.host, server.server_address[0], port)
    room.join_hint = f"Join: nox -s join -- {url} {room.code}"
    page = local_address(str(server.server_address[0]), port)
    print(f"Live class view of {manifest.title}: open {page}/ "
          f"(it refreshes itself; from another computer add ?code={room.code})")
    print(reach)
    print(f"\n  Class code: {room.code}\n  Learners run: nox -s join -- {url} {room.code}\n")
    if memory:
        print("Reports are kept in memory only: they are gone when the server stops. Ctrl-C "
              "stops it; learners' grading is not affected.", flush=True)
    else:
        shown = db.relative_to(ROOT) if db.is_relative_to(ROOT) else db
        print(f"Reports are kept in {shown} (SQLite). Ctrl-C stops the server; learners' "
              "grading is not affected.", flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        print("\nStopped. " + ("The reports were in memory only and are gone." if memory else
                               "Restart the same way to carry on with the same code and "
                               "reports."))
    finally:
        server.server_close()
        store.close()
    return 0


if __name__ == "__main__":
    from kata.manifest import load, run_command

    sys.exit(run_command("class_serve", lambda: main(sys.argv[1:], load())))
