"""The learner's side of the live class view: `nox -s join -- URL CODE`, then reports flow.

Joining saves the instructor's server, the class code and a random id for this copy of the
kata in .kata/class.json. After that, each grading run calls
`send_report_in_background(path)`, which returns at once: a detached child process posts
the report and gives up after a few seconds, so grading is never slowed or broken when the
server is away, slow or refuses. Standard library only; no proxy is used (the server is on
the room's network), and only http(s) URLs are accepted.

    nox -s join -- http://192.168.1.20:8765 K7PQ2M     # once
    nox -s join -- --leave                             # stop sending
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kata.files import read_json_state, read_state, write_atomic
from kata.manifest import ROOT, KataError, Manifest, Parser
from kata.text import escaped

if TYPE_CHECKING:
    import urllib.request

CONFIG = ROOT / ".kata" / "class.json"
REPORT = ROOT / ".kata" / "report.json"
TIMEOUT = 4.0  # seconds for the whole send, connecting included
MAX_BODY = 2 * 2**20
CODE_CHARS = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def load_config(config: Path = CONFIG) -> dict | None:
    """The joined class ({"url", "code", "client"}), or None when not joined."""
    data = read_json_state(config, 65536)  # every `nox` reads it: a FIFO must not hang it
    if isinstance(data, dict) and all(isinstance(data.get(k), str)
                                      for k in ("url", "code", "client")):
        return data
    return None


def _opener() -> urllib.request.OpenerDirector:
    import urllib.request  # here, not above: every `nox` imports this module, few send

    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post_report(url: str, code: str, client: str, body: bytes,
                timeout: float = TIMEOUT) -> tuple[int, str]:
    """POST one report; (HTTP status, the server's message), or (0, why it could not)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url.rstrip("/") + "/api/report", data=body, method="POST",
        headers={"Content-Type": "application/json", "X-Class-Code": code,
                 "X-Kata-Client": client})
    try:
        with _opener().open(request, timeout=timeout) as answer:
            return answer.status, answer.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(4096).decode("utf-8", "replace")
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out, bad URL
        return 0, str(exc)


def send_report(report: dict, *, config: Path = CONFIG) -> None:
    """Send `report` to the joined class in a daemon thread and return at once. Nothing
    happens when not joined; every failure is silent (grading must not notice)."""
    joined = load_config(config)
    if not joined:
        return
    body = json.dumps(report).encode("utf-8")
    if len(body) > MAX_BODY:
        return
    threading.Thread(target=post_report, daemon=True, name="kata-class-send",
                     args=(joined["url"], joined["code"], joined["client"], body)).start()


def send_report_in_background(path: Path | str, *, config: Path = CONFIG) -> None:
    """After writing the report at `path`: send it to the joined class from a detached child
    process and return at once (the child gives up after TIMEOUT seconds and is never
    waited for, so the grader can exit). Nothing happens when not joined."""
    if load_config(config) is None:
        return
    command = [sys.executable, "-m", "kata.workshop.class_client", "--send", str(path),
               "--config", str(config)]
    options: dict = {"cwd": ROOT, "stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
                     "stderr": subprocess.DEVNULL, "close_fds": True}
    if os.name == "nt":
        options["creationflags"] = (subprocess.DETACHED_PROCESS
                                    | subprocess.CREATE_NEW_PROCESS_GROUP
                                    | subprocess.CREATE_NO_WINDOW)
    else:
        options["start_new_session"] = True  # Ctrl-C in the learner's terminal is not ours
    try:
        subprocess.Popen(command, **options)  # noqa: S603 - our own module, fixed arguments
    except OSError:
        pass


def _send_file(path: Path, config: Path) -> int:
    """The detached child: post the file, within TIMEOUT seconds whatever happens."""
    watchdog = threading.Timer(TIMEOUT + 1, os._exit, (3,))
    watchdog.daemon = True
    watchdog.start()
    joined = load_config(config)
    body = read_state(path, MAX_BODY)  # None: absent, not a regular file, or too large
    if not joined or body is None:
        return 1
    status, _ = post_report(joined["url"], joined["code"], joined["client"], body)
    return 0 if status == 200 else 1


def _check_url(url: str) -> str:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:  # "http://[::1", "http://h:abc", "http://h:99999"
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise KataError(f"{url!r} is not a web address like http://192.168.1.20:8765: "
                        "copy the one your instructor shows.")
    return f"{parts.scheme}://{parts.netloc}"


def _title(body: bytes, url: str) -> str:
    """The class's title from the server's answer to /api/ping, shown safely; an answer
    that is not the class server's (a web page, a list) is refused."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("ok") is not True:
        raise KataError(f"The server at {url} answered, but not as a live class view, so "
                        "nothing was saved: check the address your instructor shows.")
    title = data.get("title")
    return escaped(title[:120]) if isinstance(title, str) and title.strip() else "the class"


def join(url: str, code: str, *, config: Path = CONFIG, timeout: float = TIMEOUT) -> str:
    """Check the server and the code, remember them; returns what to tell the learner."""
    url, code = _check_url(url), code.strip().upper()
    if len(code) != 6 or not set(code) <= CODE_CHARS:
        raise KataError(f"{code!r} is not a class code: six letters and digits, like K7PQ2M "
                        "(there is no 0, 1, I or O in one; they look too alike).")
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url + "/api/ping", headers={"X-Class-Code": code})
    try:
        with _opener().open(request, timeout=timeout) as answer:
            reached = f"Joined {_title(answer.read(4096), url)} at {url}."
    except urllib.error.HTTPError as exc:
        if exc.code == 403:
            raise KataError(f"The server at {url} does not accept the code {code}: check the "
                            "code your instructor shows.") from None
        reached = f"Saved; the server at {url} answered {exc.code}, so it may not be the class."
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        reached = (f"Saved; the server at {url} does not answer right now ({reason}). Your "
                   "reports will reach it whenever it does.")
    previous = load_config(config)
    client = previous["client"] if previous else uuid.uuid4().hex
    config.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(config, json.dumps({"url": url, "code": code, "client": client}) + "\n")
    return (f"{reached}\nFrom now on every grading run sends your report there in the "
            "background (it never slows grading). `nox -s join -- --leave` stops it.")


def main(argv: list[str], manifest: Manifest | None = None) -> int:
    parser = Parser(prog="nox -s join --",
                    description="Join your instructor's live class view.")
    parser.add_argument("url", nargs="?", help="the address your instructor shows")
    parser.add_argument("code", nargs="?", help="the class code your instructor shows")
    parser.add_argument("--leave", action="store_true", help="stop sending reports")
    parser.add_argument("--send", metavar="REPORT", help=argparse.SUPPRESS)
    parser.add_argument("--config", default=str(CONFIG), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    config = Path(args.config)
    if args.send:
        return _send_file(Path(args.send), config)
    if args.leave:
        config.unlink(missing_ok=True)
        print("Left the class: reports are no longer sent anywhere.")
        return 0
    if not (args.url and args.code):
        joined = load_config(config)
        if joined:
            print(f"Joined {joined['url']} with code {joined['code']}.")
            return 0
        raise KataError("Give the address and the class code your instructor shows: "
                        "nox -s join -- http://192.168.1.20:8765 K7PQ2M")
    print(join(args.url, args.code, config=config))
    if REPORT.is_file() and config == CONFIG:
        send_report_in_background(REPORT, config=config)  # the instructor sees you at once
    return 0


if __name__ == "__main__":
    from kata.manifest import run_command

    sys.exit(run_command("join", lambda: main(sys.argv[1:])))
