"""The live class view: thirty learners on loopback, untrusted input, a server that goes away,
and the page in a real browser. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from test_class_report import MANIFEST, MISTAKES, report  # noqa: E402 - the same reports

from kata.manifest import KataError
from kata.workshop import class_client, class_serve

ROOT = Path(__file__).resolve().parents[2]
# Subprocesses and a browser on a busy machine: a bound against hangs, not a speed test.
pytestmark = pytest.mark.timeout(60)
BY_TOPIC = {ex.topic: (k, ex) for k, ex in enumerate(MANIFEST.exercises)}


def known(topic: str, answer: str) -> tuple[int, str, str]:
    """(index of the exercise, a failure message naming the mistake, the mistake's name)."""
    k, ex = BY_TOPIC[topic]
    entry = next(m for m in MISTAKES.exercises[ex.number]["mistakes"] if m["answer"] == answer)
    return k, f"got 2.0, expected 1.0: {entry['phrase']}", entry["mistake"]


def classroom() -> list[dict]:
    """Thirty learners in the states a workshop has after an hour."""
    n = len(MANIFEST.exercises)
    softmax, softmax_message, _ = known("softmax", "no_max_shift")
    relu, relu_message, _ = known("relu", "in_place")
    learners = []
    for i in range(3):
        learners.append(report(f"Finished {i}", n))
    for i in range(6):
        learners.append(report(f"Softmax {i}", softmax, partial=2, message=softmax_message))
    for i in range(4):
        learners.append(report(f"Relu {i}", relu, partial=3, message=relu_message))
    for i in range(3):
        learners.append(report(f"Other {i}", 2, partial=1, message="something unusual"))
    for i in range(6):
        learners.append(report(f"Waiting {i}", 0))
    for i in range(4):
        learners.append(report(f"Between {i}", 3))
    for i in range(2):
        broken = report(f"Broken {i}", 1)
        broken["exercises"][1]["state"] = "broken"
        learners.append(broken)
    edited = report("Edited 0", 4)
    files = edited["integrity"]["files"]
    files[MANIFEST.exercises[0].spec_path] = "0" * 64
    from kata.integrity import combined_digest

    edited["integrity"]["combined"] = combined_digest(files)
    learners.append(edited)
    hostile = report("<script>alert('x')</script><img src=x onerror=alert(1)>", softmax,
                     partial=1, message="<b>bold</b> " + softmax_message)
    learners.append(hostile)
    assert len(learners) == 30
    return learners


@pytest.fixture
def server(tmp_path: Path) -> Iterator[class_serve.ClassServer]:
    srv = class_serve.make_server("127.0.0.1", 0, db=tmp_path / "class.sqlite3",
                                  manifest=MANIFEST, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    srv.room.store.close()


def post(srv: class_serve.ClassServer, data: dict | bytes, client: str = "client-0001",
         code: str | None = None) -> tuple[int, str]:
    body = data if isinstance(data, bytes) else json.dumps(data).encode()
    return class_client.post_report(srv.url, srv.room.code if code is None else code, client,
                                    body, timeout=5)


def get(srv: class_serve.ClassServer, path: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(srv.url + path, timeout=5) as answer:
        return answer.status, dict(answer.headers), answer.read().decode()


def fill(srv: class_serve.ClassServer) -> list[dict]:
    learners = classroom()
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(lambda ix: post(srv, ix[1], client=f"learner-{ix[0]:04d}"),
                                enumerate(learners)))
    assert [status for status, _ in answers] == [200] * 30, answers
    return learners


def test_thirty_learners_report_at_once_and_the_class_is_seen_by_mistake(server):
    fill(server)
    _, _, text = get(server, "/api/class")
    seen = json.loads(text)
    assert len(seen["learners"]) == 30
    statuses = [x["status"] for x in seen["learners"]]
    assert statuses.count("finished") == 3 and statuses.count("not started") == 6
    assert statuses.count("ready") == 4
    assert seen["learners"][0]["name"] == "Edited 0" and seen["learners"][0]["flagged"]
    _, _, softmax_mistake = known("softmax", "no_max_shift")
    _, _, relu_mistake = known("relu", "in_place")
    groups = {(g["exercise"], g["trouble"]): len(g["learners"]) for g in seen["stuck"]}
    assert groups[(BY_TOPIC["softmax"][1].number, softmax_mistake)] == 7
    assert groups[(BY_TOPIC["relu"][1].number, relu_mistake)] == 4
    assert groups[(MANIFEST.exercises[1].number, "broken")] == 2
    assert all(x["seconds_in_state"] < 60 for x in seen["learners"])


def test_history_knows_how_long_each_learner_has_been_in_a_state(server):
    n = len(MANIFEST.exercises)
    store = server.room.store
    assert post(server, report("Ada", 1, partial=1, message="x"), client="ada-00000001")[0] == 200
    first = store.latest()[0][4]
    time.sleep(0.05)
    assert post(server, report("Ada", 1, partial=1, message="x"), client="ada-00000001")[0] == 200
    assert store.latest()[0][4] == first, "the same state keeps its start"
    assert post(server, report("Ada", n), client="ada-00000001")[0] == 200
    states = store.history("ada-00000001")
    assert [s.split("|")[0] for s, _ in states] == ["stuck", "finished"]
    assert states[1][1] > states[0][1]


def test_the_page_is_escaped_compact_and_locked_down(server):
    fill(server)
    status, headers, page = get(server, "/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<tr") == 31  # the header and thirty learners
    assert '<meta http-equiv="refresh" content="5">' in page
    assert str(ROOT) not in page and "/tmp" not in page, "no absolute path on the page"
    _, _, only = get(server, "/?show=not_started&sort=name")
    assert only.count("<tr") == 7
    _, _, found = get(server, "/?q=relu")
    assert found.count("<tr") == 5
    _, _, odd = get(server, "/?sort=%3Cx%3E&show=nope&q=%3Cscript%3E")
    assert "<script>" not in odd and odd.count("<tr") == 2  # "No learner matches."


def test_untrusted_requests_are_refused(server):
    good = report("Ada", 1)
    assert post(server, good, code="WRONG1")[0] == 403
    assert post(server, good, code="")[0] == 403
    status, text = post(server, b'{"schema": "kata-report/1", "learner": ')
    assert status == 400 and "truncated" in text
    assert post(server, b'{"name": "left-pad"}')[0] == 400
    assert post(server, b"\xff\xfe")[0] == 400
    # without the header, the code may come in the report; without either, 403
    raw = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    raw.request("POST", "/api/report", body=json.dumps({**good, "class_code": server.room.code}),
                headers={"Content-Type": "application/json"})
    assert raw.getresponse().status == 200
    raw = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    raw.request("POST", "/api/report", body=json.dumps(good))
    assert raw.getresponse().status == 403
    # oversize: refused from the header, before reading a byte of it
    raw = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    raw.putrequest("POST", "/api/report")
    raw.putheader("Content-Length", str(3 * 2**20))
    raw.putheader("X-Class-Code", server.room.code)
    raw.endheaders()
    assert raw.getresponse().status == 413
    # one learner sending in a loop is slowed down; the others are not
    answers = [post(server, good, client="hasty-00001")[0] for _ in range(12)]
    assert answers[:6] == [200] * 6 and 429 in answers[6:]
    assert post(server, good, client="calm-000001")[0] == 200
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(server, "/nothing/here")
    assert missing.value.code == 404


def test_it_listens_on_loopback_unless_asked(tmp_path):
    srv = class_serve.make_server(port=0, db=tmp_path / "c.sqlite3", manifest=MANIFEST)
    try:
        assert srv.server_address[0] == "127.0.0.1"
    finally:
        srv.server_close()
        srv.room.store.close()


def test_the_command_prints_the_code_and_the_join_line(tmp_path):
    command = [sys.executable, "-m", "kata.workshop.class_serve", "--port", "0", "--db",
               str(tmp_path / "c.sqlite3")]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        lines = [child.stdout.readline() for _ in range(7)]
    finally:
        child.terminate()
        child.wait(timeout=5)
    text = "".join(lines)
    code = re.search(r"Class code: ([A-Z0-9]{6})", text)
    assert code and "nox -s join -- http://127.0.0.1:" in text, text
    assert "Listening on 127.0.0.1 only" in text
    (tmp_path / "bad.sqlite3").write_text("not a database, just text " * 10)
    for bad in (["--port", "-1"], ["--refresh", "0"], ["--reference", str(tmp_path)],
                ["--db", str(tmp_path / "bad.sqlite3")]):
        done = subprocess.run([*command, *bad], cwd=ROOT, capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    for host in ("999.1.1.1", "192.0.2.7"):  # no such address at all; not this machine's
        done = subprocess.run([*command, "--host", host], cwd=ROOT, capture_output=True,
                              text=True, timeout=30)
        assert done.returncode == 2 and "no such address" in done.stderr, done.stderr
        assert "--port" not in done.stderr, "the port is not what is wrong"


# ---------------------------------------------------------------------------- learners' side

def test_join_remembers_the_class_and_refuses_a_wrong_code(server, tmp_path):
    config = tmp_path / ".kata" / "class.json"
    message = class_client.join(server.url + "/", server.room.code.lower(), config=config)
    assert message.startswith("Joined Bare-metal") and "background" in message
    saved = class_client.load_config(config)
    assert saved["url"] == server.url and saved["code"] == server.room.code
    class_client.join(server.url, server.room.code, config=config)
    assert class_client.load_config(config)["client"] == saved["client"], "one id per copy"
    with pytest.raises(KataError, match="does not accept the code"):
        class_client.join(server.url, "ABCDEF", config=tmp_path / "other.json")
    with pytest.raises(KataError, match="not a web address"):
        class_client.join("file:///etc/passwd", "ABCDEF", config=tmp_path / "x.json")
    with pytest.raises(KataError, match="not a class code"):
        class_client.join(server.url, "12", config=tmp_path / "x.json")
    with pytest.raises(KataError, match="there is no 0, 1, I or O"):  # misread from a screen
        class_client.join(server.url, "K0PQ2M", config=tmp_path / "x.json")


def test_a_sent_report_arrives(server, tmp_path):
    ada, bob = tmp_path / "ada.json", tmp_path / "bob.json"  # two copies of the kata
    for config in (ada, bob):
        class_client.join(server.url, server.room.code, config=config)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report("Ada", 2)))
    class_client.send_report_in_background(path, config=ada)
    class_client.send_report(report("Bob", 1), config=bob)
    deadline = time.monotonic() + 8
    while len(server.room.store.latest()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(row[1] for row in server.room.store.latest()) == ["Ada", "Bob"]


@pytest.mark.timeout(30)
def test_a_server_that_is_gone_or_hangs_changes_nothing_for_learners(tmp_path):
    """Stopped mid-class (refused) or frozen (accepts, never answers): sending returns at
    once, and the child that tries gives up within its bound."""
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report("Ada", 2)))
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        gone = closed.getsockname()[1]  # nothing listens here once closed
    frozen = socket.socket()
    frozen.bind(("127.0.0.1", 0))
    frozen.listen(1)  # accepts connections into the backlog, never reads them
    try:
        for port in (gone, frozen.getsockname()[1]):
            config = tmp_path / f"class-{port}.json"
            config.write_text(json.dumps({"url": f"http://127.0.0.1:{port}", "code": "ABCDEF",
                                          "client": "learner-0001"}))
            started = time.perf_counter()
            class_client.send_report_in_background(path, config=config)
            class_client.send_report(report("Ada", 2), config=config)
            assert time.perf_counter() - started < 0.2
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "kata.workshop.class_client", "--send",
                                   str(path), "--config", str(config)], cwd=ROOT, timeout=20)
            assert done.returncode != 0
            assert time.perf_counter() - started < class_client.TIMEOUT + 3
    finally:
        frozen.close()
    started = time.perf_counter()
    class_client.send_report_in_background(path, config=tmp_path / "never-joined.json")
    assert time.perf_counter() - started < 0.01, "not joined: nothing is started"


# ---------------------------------------------------------------------------- a real browser

def chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                       "google-chrome")) if p), None)


@pytest.mark.timeout(120)
def test_thirty_learners_fit_a_projector_in_a_real_browser(server):
    browser = chromium()
    if browser is None:
        pytest.skip("no Chromium here (Debian: apt-get install chromium); .ci/run installs it")
    fill(server)
    with tempfile.TemporaryDirectory(prefix="kata-chromium-") as profile:
        flags = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--window-size=1280,720", "--hide-scrollbars"]
        shot = Path(os.environ.get("KATA_SCREENSHOT_DIR", profile)) / "class_view.png"
        done = subprocess.run([*flags, f"--screenshot={shot}", server.url + "/"],
                              capture_output=True, text=True, timeout=90)
        assert shot.is_file(), done.stderr[-2000:]
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (1280, 720)
        dom = subprocess.run([*flags, "--dump-dom", server.url + "/"], capture_output=True,
                             text=True, timeout=90).stdout
    rows = re.findall(r"<tr[ >]", dom)
    assert len(rows) == 31, dom[:2000]
    assert "<script" not in dom.replace("&lt;script", "")
    assert "softmax" in dom.lower() or "row maximum" in dom


def test_a_stalled_sender_costs_only_its_own_request(server, capsys):
    server.RequestHandlerClass.timeout = 0.5
    stalled = socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5)
    try:
        stalled.sendall(b"POST /api/report HTTP/1.0\r\nContent-Length: 1000\r\n"
                        b"X-Class-Code: " + server.room.code.encode() + b"\r\n\r\n{")
        assert post(server, report("Ada", 1))[0] == 200, "others are served meanwhile"
        assert stalled.recv(4096) == b"", "the stalled one is dropped after the timeout"
    finally:
        stalled.close()
    assert "Traceback" not in capsys.readouterr().err


def test_from_another_computer_the_class_is_shown_only_with_the_code(server):
    fill(server)
    server.RequestHandlerClass._local = lambda self: False  # as if from across the room
    for path in ("/", "/api/class", "/?code=WRONG1"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            get(server, path)
        assert refused.value.code == 403
    status, _, page = get(server, f"/?code={server.room.code.lower()}")
    assert status == 200 and page.count("<tr") == 31
    assert f"code={server.room.code}" in page.split("<nav>", 1)[1], "links keep the code"
    request = urllib.request.Request(server.url + "/api/class",
                                     headers={"X-Class-Code": server.room.code})
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert len(json.loads(answer.read())["learners"]) == 30


# ---------------------------------------------------------------------------- red team (rtG)

def test_every_interface_is_said_so_whichever_way_it_is_asked():
    """`--host 0` binds 0.0.0.0 like `--host 0.0.0.0`: never "only", never http://0:PORT."""
    for host, bound in (("0", "0.0.0.0"), ("0.0.0.0", "0.0.0.0"), ("::", "::")):
        reach, url = class_serve.who_can_reach(host, bound, 8765)
        assert reach.startswith("Listening on every network interface"), reach
        assert "only" not in reach and url not in ("http://0:8765", "http://[::]:8765")
    reach, url = class_serve.who_can_reach("127.0.0.1", "127.0.0.1", 8765)
    assert "127.0.0.1 only" in reach and url == "http://127.0.0.1:8765"
    assert class_serve.who_can_reach("::1", "::1", 8765)[1] == "http://[::1]:8765"


@pytest.mark.parametrize("host", ["", "  "])
def test_a_blank_host_is_refused_not_taken_as_every_interface(host):
    """An empty --host (a script's `--host "$HOST"` with HOST unset) bound every interface:
    the class view was open to the network without being asked."""
    done = subprocess.run([sys.executable, "-m", "kata.workshop.class_serve", "--port", "0",
                           "--host", host], cwd=ROOT, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 2 and "Listening" not in done.stdout, done.stdout
    assert done.stderr.strip() == f"--host needs an address ({host!r} was given): 127.0.0.1 " \
        "is this computer only, 0.0.0.0 every network interface.", done.stderr


def serve_until_stopped(*args: str) -> str:
    """What the command prints from its start to its stop (Ctrl-C)."""
    child = subprocess.Popen([sys.executable, "-m", "kata.workshop.class_serve", "--port", "0",
                              *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    lines = [child.stdout.readline()]
    try:
        while lines[-1] and not lines[-1].startswith("Reports are kept"):
            lines.append(child.stdout.readline())
    finally:
        child.send_signal(signal.SIGINT)  # as Ctrl-C
        try:
            out, err = child.communicate(timeout=10)
        finally:
            child.kill()  # never left running, whatever happened
    return "".join(lines) + out + err


def test_the_database_is_never_a_file_of_the_kata_nor_another_file(tmp_path):
    command = [sys.executable, "-m", "kata.workshop.class_serve", "--port", "0"]
    empty = tmp_path / "notes.txt"
    empty.write_text("")
    for db in (["exercises/class.db"], [str(empty)], [""]):
        done = subprocess.run([*command, "--db", *db], cwd=ROOT, capture_output=True,
                              text=True, timeout=30)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (ROOT / "exercises" / "class.db").exists()
    assert empty.read_bytes() == b"", "an empty file was turned into a database"
    deep = tmp_path / "new" / "deep" / "class.sqlite3"
    text = serve_until_stopped("--db", str(deep))
    assert f"Reports are kept in {deep} (SQLite)" in text, text
    text = serve_until_stopped("--db", ":memory:")
    assert "in memory only" in text and "Restart the same way" not in text, text
    assert "are gone" in text, text


class _Odd(http.server.BaseHTTPRequestHandler):
    body = b"[]"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def test_join_refuses_a_malformed_address_or_a_server_that_is_not_a_class(tmp_path):
    config = tmp_path / "class.json"
    for url in ("http://[::1", "http://h:abc", "http://h:99999"):
        with pytest.raises(KataError, match="not a web address"):
            class_client.join(url, "K7PQ2M", config=config)
    assert not config.exists()
    odd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Odd)
    threading.Thread(target=odd.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    url = f"http://127.0.0.1:{odd.server_address[1]}"
    try:
        for body in (b"[]", b'"str"', b"<!DOCTYPE html><html></html>", b'{"title": "x"}'):
            _Odd.body = body
            with pytest.raises(KataError, match="not as a live class view"):
                class_client.join(url, "K7PQ2M", config=config)
        assert not config.exists()
        _Odd.body = b'{"ok": true, "title": null}'
        assert class_client.join(url, "K7PQ2M", config=config).startswith("Joined the class")
        _Odd.body = json.dumps({"ok": True, "title": "\x1b[2J\u202eEVIL"}).encode()
        assert class_client.join(url, "K7PQ2M", config=config).startswith(
            "Joined \\x1b[2J\\u202eEVIL at")
    finally:
        odd.shutdown()
        odd.server_close()


# ---------------------------------------------------------------------------- red team (rtD)

def _can_bind(host: str) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family) as probe:
            probe.bind((host, 0))
        return True
    except OSError:
        return False


@pytest.mark.parametrize("host", ["::1", "127.0.0.2", "::", "0.0.0.0"])
def test_the_page_address_it_prints_reaches_it_and_shows_the_class_here(host):
    """The address printed to open is one the server is bound to, and this computer sees the
    class there without the code, over IPv4 and IPv6 alike (`::` takes both)."""
    if not _can_bind(host):
        pytest.skip(f"this machine cannot listen on {host}")
    child = subprocess.Popen([sys.executable, "-m", "kata.workshop.class_serve", "--host", host,
                              "--port", "0", "--db", ":memory:"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = child.stdout.readline()
        page = re.search(r"open (http://\S+?)/ ", first)
        assert page, first
        urls = [page[1] + "/"]
        if host == "::":
            urls.append(f"http://127.0.0.1:{page[1].rsplit(':', 1)[1]}/")
        for url in urls:
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200, url
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.communicate(timeout=10)
        finally:
            child.kill()


def test_loopback_in_every_form_is_this_computer():
    for address in ("127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1", "localhost"):
        assert class_serve.is_loopback(address), address
    for address in ("10.0.0.5", "::ffff:10.0.0.5", "fe80::1%eth0", "2001:db8::1", ""):
        assert not class_serve.is_loopback(address), address


def test_the_console_says_each_thing_once(server, capsys):
    server.room.quiet = False
    copied = report("Cy", 1)
    first = MANIFEST.exercises[0]
    copied["exercises"][0]["tokens"] = server.room.references[0].answers[first.module]
    assert post(server, copied)[0] == 200
    line = next(line for line in capsys.readouterr().out.splitlines() if " Cy: " in line)
    assert f"{first.number} copied" in line and "copied: copied" not in line, line
