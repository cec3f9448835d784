"""The grader survives what learners' code does to it.

Each test copies the reference solutions of exercises 01-03 into a scratch tree,
plants one fault in exercise 01 or 03, grades the tree in a child process, and checks
the whole report: the faulty exercise is reported with its cause, every other one is
graded exactly as if nothing had happened, and no learner file was touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
GRADED = ["ex01_neuron", "ex02_layer", "ex03_neuron_backprop"]


def grade(tree: Path, *args: str, env: dict[str, str] | None = None) -> tuple[dict, str, float]:
    report = tree.parent / "report.json"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kata", "grade", "01", "02", "03", "--tree", str(tree),
         "--report", str(report), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**os.environ, "KATA_TIMEOUT": "2", "KATA_GRACE_SECONDS": "1",
             "KATA_PYTHON": sys.executable, **(env or {})})
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.rstrip().splitlines()[-1].endswith(" exercises done")
    return json.loads(report.read_text()), done.stdout, elapsed


def states(report: dict) -> dict[str, str]:
    return {e["module"]: e["state"] for e in report["exercises"]}


def digest(tree: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(tree.iterdir())}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    for module in GRADED:
        (folder / f"{module}.py").write_text((ROOT / "solutions" / f"{module}.py").read_text())
    return folder


def plant(tree: Path, module: str, code: str, *, at_import: bool = False) -> None:
    """Make the first function of `module` run `code` (or run it when the module is imported)."""
    path = tree / f"{module}.py"
    text = path.read_text()
    if at_import:
        text += "\n" + code + "\n"
    else:
        marker = "    ### BEGIN SOLUTION\n"
        text = text.replace(marker, marker + "    " + code + "\n", 1)
    path.write_text(text)


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("clean") / "exercises"
    folder.mkdir()
    for module in GRADED:
        (folder / f"{module}.py").write_text((ROOT / "solutions" / f"{module}.py").read_text())
    return grade(folder)[0]


def assert_rest_exact(report: dict, clean: dict, faulty: str) -> None:
    """Every exercise but `faulty` is graded exactly as in the clean run."""
    for mine, ref in zip(report["exercises"], clean["exercises"]):
        if mine["module"] != faulty:
            assert mine == ref, f"{mine['module']} was graded differently beside a faulty {faulty}"


def test_solutions_are_all_done(clean_report):
    assert set(states(clean_report).values()) == {"done"}
    assert clean_report["summary"]["done"] == 3


@pytest.mark.parametrize("fault, at_import, state, cause", [
    ("def broken(:", True, "broken", "syntax error at line"),
    ("import numpy as np", True, "in_progress", "imports numpy (line"),
    ("raise RuntimeError('boom at import')", True, "broken", "RuntimeError while being imported"),
    ("import sys; sys.exit(3)", True, "broken", "called sys.exit(3) while being imported"),
    ("while True: pass", False, "timed_out", "Timeout"),
    ("import signal; signal.signal(signal.SIGALRM, signal.SIG_IGN)\n    while True: pass",
     False, "timed_out", "did not finish in time and was stopped"),
    ("import sys; sys.exit(4)", False, "in_progress", "sys.exit(4)"),
    ("import os; os._exit(3)", False, "crashed", "exit status 3"),
    ("import faulthandler; faulthandler._sigsegv()", False, "crashed", "segmentation fault"),
    ("return neuron(inputs, weights, bias)", False, "in_progress", "RecursionError"),
    ("hog = [bytearray(2**26) for _ in range(10**6)]", False, "in_progress", "MemoryError"),
    ("input('press Enter')", False, "in_progress", "nobody types while it is graded"),
    ("import pdb; pdb.set_trace()", False, "in_progress", "stops in the debugger"),
    ("name = input('your name? ')", True, "broken", "nobody types while it is graded"),
    ("return 10 ** 5000", False, "in_progress", "an integer of more than 4,000 digits"),
    ("import sys; sys.set_int_max_str_digits(0)\n    return 10 ** 5000", False,
     "in_progress", "an integer of more than 4,000 digits"),
    ("import pdb; pdb.set_trace()", True, "broken", "stops in the debugger"),
    ("x = 1\x00", True, "broken", "cannot be read as Python"),
    ("class E(Exception):\n    def __str__(self): raise RuntimeError\nraise E()", True,
     "broken", "E while being imported: (which could not be shown"),
    ("class C:\n    def __repr__(self): raise RuntimeError\nraise SystemExit(C())", True,
     "broken", "called sys.exit((which could not be shown"),
    # A learner's object claims to be an array of the right numbers: shown as what it is.
    ("class Liar:\n        shape, dtype, size = (1,), 'float64', 1\n"
     "        def tolist(self): return [4.8]\n    return Liar()",
     False, "in_progress", "got <ex01_neuron.neuron.<locals>.Liar object"),
    # Learner code stopped where the judge's code swallows the timeout or crash: repr()
    # of a handle, for the failure message.
    ("class Loop:\n        def __repr__(self):\n            while True: pass\n"
     "    return Loop()", False, "timed_out", "did not finish in time and was stopped"),
    ("class Gone:\n        def __repr__(self):\n            import os; os._exit(3)\n"
     "    return Gone()", False, "crashed", "exit status 3"),
])
def test_a_fault_in_one_exercise_leaves_the_others_graded(tree, clean_report, fault, at_import,
                                                          state, cause):
    plant(tree, "ex01_neuron", fault, at_import=at_import)
    before = digest(tree)
    # Filling 2 GB takes this machine a few seconds, more than the 2 s bound used elsewhere.
    env = {"KATA_MEMORY_LIMIT_MB": "2048", "KATA_TIMEOUT": "20" if cause == "MemoryError" else "2"}
    report, output, elapsed = grade(tree, env=env)
    ex01 = report["exercises"][0]
    assert ex01["state"] == state, output
    messages = " ".join(s["message"] for s in ex01["specs"])
    assert cause in messages, output
    assert_rest_exact(report, clean_report, "ex01_neuron")
    assert digest(tree) == before, "the grader changed a learner file"
    assert elapsed < 60


def test_a_module_nested_too_deeply_to_parse_is_broken_in_a_sentence(tree, clean_report):
    """Python's parser gives up on an expression of hundreds of thousands of terms with
    RecursionError or MemoryError, not SyntaxError: the grader stopped with a traceback."""
    plant(tree, "ex01_neuron", "x = 1" + " + 1" * 300_000, at_import=True)
    plant(tree, "ex03_neuron_backprop", "x = " + "-" * 200_000 + "1", at_import=True)
    report, output, _ = grade(tree)
    for ex in (report["exercises"][0], report["exercises"][2]):
        assert ex["state"] == "broken", output
        assert "nested too deeply" in ex["specs"][0]["message"], output
    assert report["exercises"][1] == clean_report["exercises"][1]


def test_a_byte_order_mark_and_a_breakpoint_left_in_are_no_mistakes(tree, clean_report):
    """Python imports a file an editor saved with a BOM; breakpoint() does nothing here."""
    plant(tree, "ex01_neuron", "breakpoint()")
    path = tree / "ex02_layer.py"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report, output, _ = grade(tree)
    graded = [{k: v for k, v in e.items() if k != "tokens"} for e in report["exercises"]]
    clean = [{k: v for k, v in e.items() if k != "tokens"} for e in clean_report["exercises"]]
    assert graded == clean, output  # the files differ (tokens), their verdicts do not


def test_a_fault_in_the_last_exercise_is_charged_to_it(tree, clean_report):
    plant(tree, "ex03_neuron_backprop", "import os; os._exit(9)")
    report, output, _ = grade(tree)
    assert states(report) == {"ex01_neuron": "done", "ex02_layer": "done",
                              "ex03_neuron_backprop": "crashed"}, output


def test_a_renamed_function_is_one_sentence(tree):
    path = tree / "ex01_neuron.py"
    path.write_text(path.read_text().replace("def relu(", "def rectify("))
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    assert ex01["state"] == "in_progress"
    missing = [s for s in ex01["specs"] if s["kind"] == "missing"]
    assert missing and "has no function relu - was it renamed or deleted?" in missing[0]["message"]


def test_a_deleted_exercise_is_broken_with_the_way_back(tree):
    (tree / "ex02_layer.py").unlink()
    report, output, _ = grade(tree)
    assert states(report)["ex02_layer"] == "broken"
    assert "nox -s reset -- 02" in output


def test_code_written_above_the_stubs_own_definition_is_pointed_out(tree):
    """A learner who writes neuron() above the stub's, which still raises, is told that
    Python keeps the last one, not just to replace the NotImplementedError."""
    path = tree / "ex01_neuron.py"
    stub = (ROOT / "exercises" / "ex01_neuron.py").read_text()
    path.write_text("def neuron(inputs, weights, bias):\n    return 0.0\n\n\n" + stub)
    report, output, _ = grade(tree)
    assert states(report)["ex01_neuron"] == "not_started"
    assert "defines neuron (lines 1 and" in output and "more than once" in output, output


def test_an_exercise_that_is_a_link_to_itself_is_broken_in_a_sentence(tree):
    """Path.resolve() raises on a link that loops (Python 3.10-3.12): not the learner's
    traceback to read."""
    (tree / "ex02_layer.py").unlink()
    (tree / "ex02_layer.py").symlink_to("ex02_layer.py")
    report, output, _ = grade(tree)
    assert states(report)["ex02_layer"] == "broken"
    assert "is a link that leads to no file" in output and "RuntimeError" not in output


def test_pristine_stubs_are_not_started(tmp_path):
    from kata import manifest
    from kata.authoring import stubs

    folder = tmp_path / "exercises"
    folder.mkdir()
    for rel, text in stubs.generated_stubs(manifest.load()).items():
        (folder / Path(rel).name).write_text(text)
    report, output, _ = grade(folder, "--junit", str(tmp_path / "junit.xml"))
    assert set(states(report).values()) == {"not_started"}
    assert output.rstrip().splitlines()[-1] == "0/3 exercises done"
    assert "<testsuite" in (tmp_path / "junit.xml").read_text()


def test_strict_exits_non_zero_until_done(tmp_path, tree):
    plant(tree, "ex01_neuron", "return 0.0")
    done = subprocess.run(
        [sys.executable, "-m", "kata", "grade", "01", "--tree", str(tree), "--strict",
         "--report", str(tmp_path / "report.json")],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "KATA_PYTHON": sys.executable})
    assert done.returncode == 1
    assert done.stdout.rstrip().splitlines()[-1] == "0/1 exercises done"


# ---------------------------------------------------------------------------- sealed grading
# Issue 9's red team: honest mistakes that used to wreck other exercises, and cheats that
# used to be counted. Each is planted in exercise 01's neuron() (or at its import); the
# other exercises must be graded exactly as in a clean run, the cheat must not count, no
# learner file may change, nothing may be left running, and the run stays bounded.

WRONG = "return 0.0"  # the cheats below also return a wrong answer: they must not pass

FAULTS = {
    "str_raises": "class E(Exception):\n        def __str__(self): raise ValueError\n"
                  "    raise E()",
    "str_returns_none": "class E(Exception):\n        def __str__(self): return None\n"
                        "    raise E()",
    "keyboard_interrupt": "raise KeyboardInterrupt",
    "pytest_exit": "import pytest; pytest.exit('bye')",
    "endless_thread": "import threading, time\n"
                      "    threading.Thread(target=lambda: time.sleep(10**6)).start()",
    "seterr_raise": "import numpy as np; np.seterr(all='raise')",
    "patch_sys_modules": "import sys, types; sys.modules['numpy'] = types.ModuleType('numpy')",
    "print_flood": "import sys\n    while True: sys.stdout.write('x' * 65536)",
    "stderr_flood": "import os\n    while True: os.write(2, b'x' * 65536)",
    "huge_message": "raise ValueError('m' * 10_000_000)",
    "ansi_message": "raise ValueError('\\x1b[2J\\x1b[31mred\\x07')",
    # C1's CSI, a bidi override, a zero-width space, and a lone surrogate, which no UTF-8
    # encoder writes: printed, and in the message
    "unicode_message": "print('\\udcff \\x9b2J')\n"
                       "    raise ValueError('\\x9b31m \\u202eevil \\u200b \\udcff')",
    "fork_and_linger": "import os, time\n    if os.fork() == 0:\n        os.setsid()\n"
                       "        time.sleep(8)\n"
                       "        open(os.environ['KATA_MARK'], 'w').close()\n"
                       "        os._exit(0)",
}

RAISES = ("str_raises", "str_returns_none", "keyboard_interrupt", "pytest_exit", "print_flood",
          "stderr_flood", "huge_message", "ansi_message", "unicode_message")
UNSHOWN = "\x1b\x07\x9b\u202e\u200b\udcff"  # must never reach the terminal as they are

CHEATS = {
    "patch_expect_fail": "import kata.judge.expect as e; e.fail = lambda *a, **k: None\n"
                         f"    {WRONG}",
    "patch_numpy_allclose": "import numpy as np; np.allclose = lambda *a, **k: True\n"
                            "    np.testing.assert_allclose = lambda *a, **k: None\n"
                            f"    {WRONG}",
    "patch_json": "import json; json.dumps = lambda *a, **k: '{}'\n    " + WRONG,
    "fake_events": "import os, sys, json, glob\n"
                   "    for p in glob.glob('/proc/%d/fd/*' % os.getppid()):\n"
                   "        try:\n"
                   "            fd = os.open(p, os.O_WRONLY | os.O_APPEND)\n"
                   "            os.write(fd, b'{\"event\": \"finished\", \"exitstatus\": 0}\\n')\n"
                   "        except OSError: pass\n"
                   f"    {WRONG}",
    "kill_the_judge_quietly": "import os, signal; os.kill(os.getppid(), signal.SIGTERM)\n"
                              f"    {WRONG}",
}


@pytest.mark.parametrize("name", sorted(FAULTS))
@pytest.mark.timeout(180)
def test_a_sealed_fault_leaves_the_others_exact(tree, clean_report, tmp_path, name):
    mark = tmp_path / "forked-process-was-still-running"
    plant(tree, "ex01_neuron", FAULTS[name])
    before = digest(tree)
    report, output, elapsed = grade(tree, env={"KATA_MARK": str(mark)})
    assert_rest_exact(report, clean_report, "ex01_neuron")
    ex01 = report["exercises"][0]
    if name in RAISES:  # the others still compute the right answer, and may be done
        assert ex01["state"] != "done", output
    assert digest(tree) == before, "the grader changed a learner file"
    assert elapsed < 90
    assert len(json.dumps(report)) < 2_000_000, "a learner's message made the report huge"
    assert not set(UNSHOWN) & set(output), "control characters reached the terminal"
    if name == "fork_and_linger":
        time.sleep(9)
        assert not mark.exists(), "a process forked by learner code outlived grading"


@pytest.mark.parametrize("name", sorted(CHEATS))
@pytest.mark.timeout(180)
def test_a_cheat_is_not_counted(tree, clean_report, name):
    plant(tree, "ex01_neuron", CHEATS[name])
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    assert ex01["state"] != "done" and ex01["passed"] < ex01["total"], output
    assert_rest_exact(report, clean_report, "ex01_neuron")


REFERENCE = ROOT / "solutions" / "ex01_neuron.py"

# Ways to hand in exercise 01's reference answer instead of code of one's own.
COPIES = {
    "import_it": "from solutions.ex01_neuron import *  # noqa: F403\n",
    "import_it_as_given": "from kata.given.ex01_neuron import *  # noqa: F403\n",
    "import_it_late": "def __getattr__(name):\n    import importlib\n"
                      "    answer = importlib.import_module('solutions.ex01_neuron')\n"
                      "    return getattr(answer, name)\n",
    "exec_its_text": f"exec(open({str(REFERENCE)!r}).read())\n",
    "load_it_by_path": "import importlib.util as u, sys\n"
                       f"spec = u.spec_from_file_location('copied', {str(REFERENCE)!r})\n"
                       "module = u.module_from_spec(spec); spec.loader.exec_module(module)\n"
                       "neuron, relu, layer_output = module.neuron, module.relu, "
                       "module.layer_output\n",
    "its_folder_on_the_path": f"import sys; sys.path.insert(0, {str(REFERENCE.parent)!r})\n"
                              "sys.modules.pop('ex01_neuron')  # this very module, half imported\n"
                              "import importlib; m = importlib.import_module('ex01_neuron')\n"
                              "neuron, relu = m.neuron, m.relu\n",
    "read_it_with_ctypes": "import ctypes, os\n"
                           f"fd = ctypes.CDLL(None).open({str(REFERENCE).encode()!r}, 0)\n"
                           "exec(os.read(fd, 10**6).decode())\n",
    "read_it_with_the_graders_ctypes": "import os\n"
                                       "from kata.learner.confine import _libc\n"
                                       "fd = _libc().syscall(2, "
                                       f"{str(REFERENCE).encode()!r}, 0)\n"
                                       "exec(os.read(fd, 10**6).decode())\n",
    "find_it_in_memory": "import gc\nfor o in gc.get_objects():\n"
                         "    if getattr(o, '__name__', '') == 'neuron' and callable(o):\n"
                         "        neuron = o\n",
    "symlink_to_it": None,  # the exercise file is a link to the reference
}

# Ways round the audit hook (kata.learner.answers) that only the kernel stops (Landlock).
SEP = "\n"
BEHIND_THE_HOOK = {
    "open_it_beside_a_folder": "import os\n"
                               f"fd = os.open({str(REFERENCE.parent)!r}, os.O_RDONLY)\n"
                               "exec(os.read(os.open('ex01_neuron.py', os.O_RDONLY, dir_fd=fd),"
                               " 10**6).decode())\n",
    "a_link_opened_beside_its_folder": "import os, tempfile\n"
                                       "folder = tempfile.mkdtemp()\n"
                                       f"os.symlink({str(REFERENCE)!r}, folder + '/notes.txt')\n"
                                       "fd = os.open('notes.txt', os.O_RDONLY, "
                                       "dir_fd=os.open(folder, os.O_RDONLY))\n"
                                       "exec(os.read(fd, 10**6).decode())\n",
    "readline_reads_it": "import readline\n"
                         f"readline.read_history_file({str(REFERENCE)!r})\n"
                         "exec(SEP.join(readline.get_history_item(i) for i in range(1, "
                         "readline.get_current_history_length() + 1)))\n",
    "a_str_that_lies": "class Lying(str):\n"
                       "    def __getitem__(self, i): return str.__getitem__('/dev/null', i)\n"
                       "    def rfind(self, *a): return '/dev/null'.rfind(*a)\n"
                       "    def startswith(self, *a): return '/dev/null'.startswith(*a)\n"
                       f"exec(open(Lying({str(REFERENCE)!r})).read())\n",
    "realpath_replaced": "import os.path\nos.path.realpath = lambda p, *a, **k: '/nowhere'\n"
                         f"exec(open({str(REFERENCE)!r}).read())\n",
    "the_hook_emptied": "import gc\nfor f in gc.get_objects():\n"
                        "    if getattr(f, '__qualname__', '') == 'close.<locals>.refuse':\n"
                        "        for cell in f.__closure__:\n"
                        "            if isinstance(cell.cell_contents, (set, dict)):\n"
                        "                cell.cell_contents.clear()\n"
                        "            elif isinstance(cell.cell_contents, frozenset):\n"
                        "                cell.cell_contents = frozenset()\n"
                        f"exec(open({str(REFERENCE)!r}).read())\n",
}


@pytest.mark.parametrize("name", sorted(COPIES))
@pytest.mark.timeout(180)
def test_the_reference_answer_cannot_be_handed_in(tree, clean_report, name):
    """In a learner's tree the reference of the exercise graded (and of later ones) is
    closed: an exercise that loads it is not done, and the message says why."""
    path = tree / "ex01_neuron.py"
    path.unlink()
    if COPIES[name] is None:
        path.symlink_to(REFERENCE)
    else:
        path.write_text(COPIES[name])
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    assert ex01["state"] != "done" and ex01["passed"] == 0, output
    messages = " ".join(s["message"] for s in ex01["specs"])
    said = ("has no function" if name == "find_it_in_memory" else  # nothing left to find
            "ctypes" if "ctypes" in name else "is the reference answer of exercise 01")
    assert said in messages, output
    assert_rest_exact(report, clean_report, "ex01_neuron")


def test_an_earlier_exercise_is_still_given_and_a_variant_may_build_on_the_reference(tmp_path):
    """Grading exercise 02 leaves exercise 01's reference open (what kata.given is for);
    --open-answers (the kata's own variants) opens them all."""
    tree = tmp_path / "exercises"
    tree.mkdir()
    (tree / "ex02_layer.py").write_text(
        "from kata.given.ex01_neuron import neuron as _neuron\n"
        "from solutions.ex02_layer import *  # noqa: F403\n")
    args = ["-q", "-p", "no:cacheprovider", "--tree", str(tree), "tests/test_ex02_layer.py"]
    env = {**os.environ, "KATA_TIMEOUT": "20"}
    closed = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    assert closed.returncode == 1 and "is the reference answer of exercise 02" in closed.stdout
    assert "ex01_neuron" not in closed.stdout.split("reference answer")[0].rsplit("\n", 1)[-1]
    opened = subprocess.run([sys.executable, "-m", "pytest", *args, "--open-answers"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert opened.returncode == 0, opened.stdout


def python_c(script: str, *args: str,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -c script args...` in the kata, as a learner's process is confined in one."""
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)


def plain_pytest(tree: Path, *args: str, timeout: float = 180,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The Classroom path: plain `python -m pytest` of the specs in `args` on `tree`."""
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--tree", str(tree), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=env)


def test_under_plain_pytest_a_learner_process_reads_and_writes_its_own_folder(tmp_path):
    """Classroom grades with plain pytest, whose folder sits beside earlier sessions' and a
    link to itself (pytest-current): closing the folders of other learner processes must
    leave its own open, where exercise 17 saves and loads its models."""
    tree = tmp_path / "exercises"
    tree.mkdir()
    shutil.copy(ROOT / "solutions" / "ex17_persistence.py", tree)
    done = plain_pytest(tree, "tests/test_ex17_persistence.py")
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.timeout(180)
def test_an_exercise_that_keeps_crashing_is_given_up_after_a_few_crashes(tree, clean_report):
    """Each crash may come just before a spec's bound: a few crashes say all there is."""
    plant(tree, "ex01_neuron", "import os, time; time.sleep(0.5); os._exit(1)")
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    kinds = [spec.get("kind") for spec in ex01["specs"]]
    assert ex01["state"] == "crashed" and kinds.count("crashed") == 3, kinds
    assert kinds.count("skipped") == len(kinds) - 3, kinds
    assert_rest_exact(report, clean_report, "ex01_neuron")


DISK_FILLERS = {
    "big_files": "import os, tempfile\n    for i in range(10**6):\n"
                 "        with open(os.path.join(tempfile.gettempdir(), f'f{i}'), 'wb') as f:\n"
                 "            f.write(b'x' * (8 << 20))",
    "many_files": "import os, tempfile\n    for i in range(10**7):\n"
                  "        open(os.path.join(tempfile.gettempdir(), f'f{i}'), 'wb').close()",
}


@pytest.mark.parametrize("name", sorted(DISK_FILLERS))
@pytest.mark.timeout(180)
def test_learner_code_cannot_fill_the_disk(tree, clean_report, name):
    """Files are bounded one by one (RLIMIT_FSIZE); their total is bounded per run. (The
    bounds are lowered here so that the test writes little.)"""
    plant(tree, "ex01_neuron", DISK_FILLERS[name])
    report, output, elapsed = grade(tree, env={"KATA_DISK_LIMIT_MB": "64",
                                               "KATA_FILES_LIMIT": "2000", "KATA_TIMEOUT": "20"})
    ex01 = report["exercises"][0]
    messages = " ".join(s.get("message", "") for s in ex01["specs"])
    assert ex01["state"] == "crashed" and "before the disk filled up" in messages, output
    assert_rest_exact(report, clean_report, "ex01_neuron")
    assert elapsed < 60


PLANT_TMP_PATHS = (  # every name pytest would try for each tmp_path of exercise 17's specs
    "import os, re, tempfile\n"
    "spec = os.path.join(os.getcwd(), 'tests', 'test_ex17_persistence.py')\n"
    "for name in ['saved', *re.findall(r'\\ndef (test_\\w+)', open(spec).read())]:\n"
    "    name = name[:30]\n"
    "    for number in [*map(str, range(10)), '9' * (255 - len(name))]:\n"
    "        try:\n"
    "            os.mkdir(os.path.join(tempfile.gettempdir(), name + number))\n"
    "        except OSError:\n"
    "            pass\n")


@pytest.mark.parametrize("path", ["grader", "plain pytest"])
@pytest.mark.timeout(240)
def test_an_exercise_cannot_stop_pytest_making_a_later_ones_tmp_path(tree, tmp_path, path):
    """The learner processes of a judge shared its pytest folder, where pytest makes each
    spec's tmp_path as NAME0, NAME1, ...: exercise 02's planted NAME0-NAME9 and NAME99...9,
    one digit short of too long a name, and every spec of exercise 17 with a tmp_path
    failed "could not create numbered dir". Each exercise has a folder of its own now."""
    plant(tree, "ex02_layer", PLANT_TMP_PATHS, at_import=True)
    shutil.copy(ROOT / "solutions" / "ex17_persistence.py", tree)
    env = {**os.environ, "KATA_PYTHON": sys.executable, "KATA_GRACE_SECONDS": "1"}
    if path == "grader":
        report = tmp_path / "report.json"
        done = subprocess.run(  # two judges, the files shared in turn: 02 and 17 in one
            [sys.executable, "-m", "kata", "grade", "01", "02", "03", "17", "--tree",
             str(tree), "--report", str(report)], cwd=ROOT, capture_output=True, text=True,
            timeout=200, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert set(states(json.loads(report.read_text())).values()) == {"done"}, done.stdout
    else:
        done = plain_pytest(tree, "tests/test_ex02_layer.py", "tests/test_ex17_persistence.py",
                            timeout=200, env=env)
        assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Landlock is Linux's")
@pytest.mark.timeout(240)
def test_without_a_fork_server_a_learner_process_started_ahead_saves_in_its_exercises_folder(
        tree):
    """Without the fork server a learner process is started ahead, while the exercise
    before is graded: started with that one's folder, exercise 17's could not save in its
    own tmp_path."""
    for module in ("ex16_batches", "ex17_persistence"):
        shutil.copy(ROOT / "solutions" / f"{module}.py", tree)
    done = plain_pytest(tree, "tests/test_ex16_batches.py", "tests/test_ex17_persistence.py",
                        timeout=200, env={**os.environ, "KATA_NO_FORK_SERVER": "1"})
    assert done.returncode == 0, done.stdout[-3000:]


DEEP_FOLDERS = ("import os, tempfile\n    os.chdir(tempfile.gettempdir())\n"
                "    for _ in range(2500):\n        os.mkdir('d'); os.chdir('d')\n"
                "    open('f', 'w').close()\n    return 0.0")


@pytest.mark.timeout(180)
def test_folders_nested_thousands_deep_are_graded_and_removed(tree, clean_report, tmp_path):
    """shutil.rmtree and Python 3.11's os.walk call themselves once per level, and a path
    that deep is longer than the system takes: the run's clean-up raised RecursionError and
    lost the whole report. Under plain pytest, the next session's clean-up did."""
    plant(tree, "ex01_neuron", DEEP_FOLDERS)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    report, output, _ = grade(tree, env={"TMPDIR": str(scratch)})
    assert report["exercises"][0]["state"] != "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")
    assert list(scratch.iterdir()) == [], "the run's folder was left behind"
    for _ in range(2):  # the second session removes the first one's folder, as pytest does
        done = plain_pytest(tree, "--basetemp", str(tmp_path / "pytest"),
                            "tests/test_ex01_neuron.py")
        assert done.returncode == 1 and "INTERNALERROR" not in done.stdout, done.stdout[-3000:]


def test_pytest_addopts_from_the_shell_do_not_reach_grading(tree, clean_report):
    plant(tree, "ex01_neuron", WRONG)
    report, output, _ = grade(tree, env={"PYTEST_ADDOPTS": "--deselect tests/test_ex01_neuron.py",
                                         "PYTEST_PLUGINS": "nonexistent_plugin"})
    assert report["exercises"][0]["total"] == clean_report["exercises"][0]["total"], output
    assert report["exercises"][0]["state"] != "done"


def test_under_plain_pytest_a_learners_control_characters_are_shown_escaped(tree):
    """The Classroom path prints pytest's own failure lines: the exception's type name,
    message and warnings are the learner's, and must not clear or retitle the terminal."""
    plant(tree, "ex01_neuron", "import warnings; warnings.warn('\\x1b[2Jwarned')\n"
          "    Bad = type('Bad\\x1b[31mName', (ValueError,), {})\n"
          "    raise Bad('\\x1b[31mRED \\x1b]0;pwned\\x07 \\u202eevil')")
    done = plain_pytest(tree, "tests/test_ex01_neuron.py")
    assert done.returncode == 1 and "RED" in done.stdout, done.stdout[-2000:]
    assert not set(UNSHOWN) & set(done.stdout + done.stderr), "raw control characters"


def test_under_plain_pytest_a_returned_objects_repr_is_shown_escaped(tree):
    """A learner object that comes back where a number was expected is shown by its
    __repr__ (and its class name), asked of the learner's process: pytest printed them
    as they were, control characters and all."""
    plant(tree, "ex01_neuron", "class Shown:\n"
          "        def __repr__(self): return '\\x1b[2J\\x1b]0;pwned\\x07 REPR \\u202eevil'\n"
          "        def __str__(self): return '\\x1b[31mSTR'\n"
          "    return type('Bad\\x1b[31mName', (Shown,), {})()")
    done = plain_pytest(tree, "tests/test_ex01_neuron.py")
    assert done.returncode == 1 and "REPR" in done.stdout, done.stdout[-2000:]
    assert not set(UNSHOWN) & set(done.stdout + done.stderr), "raw control characters"


FORGED_FRAME = ("import kata.wire as wire\n"
                "    _pack = wire.pack\n"
                "    def pack(header, buffers):\n"
                "        header.pop('value', None)\n"
                "        header['error'] = {'type': 'NotImplementedError', 'frames': [{}],\n"
                "                           'bases': ['NotImplementedError']}\n"
                "        return _pack(header, buffers)\n"
                "    wire.pack = pack\n"
                "    return 0.0")


def test_under_plain_pytest_a_forged_reply_fails_only_its_own_exercise(tree):
    """Learner code that rewrites its process' kata.wire.pack describes its exceptions as
    it likes: a frame without a file raised KeyError in the plugin's report hook, and
    pytest ended the session there, with no verdict for any later exercise."""
    plant(tree, "ex01_neuron", FORGED_FRAME)
    done = plain_pytest(tree, "tests/test_ex01_neuron.py", "tests/test_ex02_layer.py")
    assert "INTERNALERROR" not in done.stdout, done.stdout[-3000:]
    passed = int(done.stdout.rstrip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 25, done.stdout[-2000:]  # exercise 02's specs, all of them


def test_printed_output_is_kept_with_the_failure(tree):
    plant(tree, "ex01_neuron", "print('debugging: z is', 42)\n    return 0.0")
    report, output, _ = grade(tree)
    printed = [s.get("printed", "") for s in report["exercises"][0]["specs"]]
    assert any("debugging: z is 42" in p for p in printed), report["exercises"][0]["specs"][0]


def _confine(call: str) -> str:
    """What `kata.learner.confine.<call>` prints, run in an interpreter of its own (it
    confines that interpreter for good)."""
    name = call.split("(")[0]
    done = subprocess.run([sys.executable, "-c",
                           f"from kata.learner.confine import {name}; print({call})"],
                          cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


# What this machine's kernel can do, asked once: Landlock, its ABI, seccomp filters.
CONFINABLE = _confine("confine_writes('/tmp')") == "True"
LANDLOCK_ABI = int(_confine("abi_version()") or 0)
FORBIDDABLE = _confine("forbid_processes_and_metadata()") == "True"


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
def test_learner_code_changes_no_file_outside_its_own_folders(tree, clean_report):
    """A learner process could otherwise plant code that a later run of the judge reads,
    or change another exercise: wherever the kata is (here, as in a clone in /tmp, the
    learner's tree is in the temporary folder), it may save only where the specs say."""
    planted = [ROOT / "kata" / "planted_by_a_learner.py",
               Path(sys.executable).parent.parent / "pycache" / "planted_by_a_learner.pyc",
               tree / "planted_by_a_learner.py", tree / "ex02_layer.py"]
    code = "from pathlib import Path\n" + "".join(
        f"    Path({str(path)!r}).write_text('x')\n" for path in planted)
    plant(tree, "ex01_neuron", code.removeprefix("    ").rstrip())
    before = digest(tree)
    try:
        report, output, _ = grade(tree)
        assert not any(path.exists() for path in planted[:3]), "learner code wrote a file"
    finally:
        for path in planted[:3]:
            path.unlink(missing_ok=True)
    assert digest(tree) == before, "learner code changed another exercise"
    ex01 = report["exercises"][0]
    assert ex01["state"] != "done", output
    messages = " ".join(s.get("message", "") for s in ex01["specs"])
    assert "PermissionError" in messages and "where the specs tell it to save" in messages, \
        messages[:500]
    assert_rest_exact(report, clean_report, "ex01_neuron")


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
def test_a_confined_process_and_its_children_write_only_where_allowed(tmp_path):
    allowed, outside = tmp_path / "allowed", tmp_path / "outside"
    allowed.mkdir()
    outside.mkdir()
    (outside / "readable.txt").write_text("still readable")
    script = (
        "import os, subprocess, sys\n"
        "from kata.learner.confine import confine_writes\n"
        "allowed, outside = sys.argv[1:]\n"
        "print(confine_writes(allowed))\n"
        "open(os.path.join(allowed, 'kept.txt'), 'w').write('saved')\n"
        "print(open(os.path.join(outside, 'readable.txt')).read())\n"
        "for action in (lambda: open(os.path.join(outside, 'new.txt'), 'w'),\n"
        "               lambda: open(os.path.join(outside, 'readable.txt'), 'a'),\n"
        "               lambda: os.remove(os.path.join(outside, 'readable.txt'))):\n"
        "    try:\n"
        "        action()\n"
        "        print('allowed')\n"
        "    except PermissionError:\n"
        "        print('refused')\n"
        "print(subprocess.run(['touch', os.path.join(outside, 'by-a-child')]).returncode)\n")
    done = python_c(script, str(allowed), str(outside))
    lines = done.stdout.split("\n")
    assert lines[:5] == ["True", "still readable", "refused", "refused", "refused"], done
    assert lines[5] != "0" and not (outside / "by-a-child").exists()
    assert (allowed / "kept.txt").read_text() == "saved"
    assert (outside / "readable.txt").read_text() == "still readable"


@pytest.mark.skipif(LANDLOCK_ABI < 2, reason="Linux Landlock before ABI 2 moves nothing")
def test_a_confined_process_saves_atomically_between_its_own_folders(tmp_path):
    """A learner's careful save: a temporary file in TMPDIR, renamed into the folder the
    spec gave. Landlock denies moving a file to another folder in every layer that does not
    grant it, so the layer that closes the answers failed it with "Invalid cross-device
    link" (red team). Moving a closed file, or out of the learner's folder, stays refused."""
    own, answers = tmp_path / "own", tmp_path / "answers"
    (own / "saved").mkdir(parents=True)
    answers.mkdir()
    (answers / "ex05.py").write_text("the answer")
    (tmp_path / "notes.txt").write_text("mine")
    script = (
        "import os, sys, tempfile\n"
        "from kata.learner.confine import confine_reads, confine_writes\n"
        "own, answers, notes = sys.argv[1:]\n"
        "print(confine_writes(own), confine_reads([os.path.join(answers, 'ex05.py')]))\n"
        "handle, temporary = tempfile.mkstemp(dir=own)\n"
        "os.write(handle, b'weights'); os.close(handle)\n"
        "os.replace(temporary, os.path.join(own, 'saved', 'model.npz'))\n"
        "print(open(os.path.join(own, 'saved', 'model.npz')).read())\n"
        "for move in ((os.path.join(answers, 'ex05.py'), os.path.join(own, 'ex05.py')),\n"
        "             (notes, os.path.join(own, 'notes.txt'))):\n"
        "    for how in (os.link, os.replace):\n"
        "        try:\n"
        "            how(*move)\n"
        "            print('moved')\n"
        "        except OSError:\n"
        "            print('refused')\n")
    done = python_c(script, str(own), str(answers), str(tmp_path / "notes.txt"))
    assert done.stdout.split("\n")[:6] == ["True True", "weights", "refused", "refused",
                                           "refused", "refused"], done
    assert (answers / "ex05.py").read_text() == "the answer"


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
def test_a_process_that_may_not_read_some_files_reads_everything_else(tmp_path):
    """confine_reads: the closed file and folder cannot be read by any path or link; their
    neighbours, the rest of the machine and the names in a closed folder still can."""
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "ex05.py").write_text("the answer")
    (tmp_path / "answers" / "ex04.py").write_text("given")
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "blob").write_text("the answer, packed")
    (tmp_path / "link.py").symlink_to(tmp_path / "answers" / "ex05.py")
    script = (
        "import os, sys\n"
        "from kata.learner.confine import confine_reads\n"
        "root = sys.argv[1]\n"
        "print(confine_reads([root + '/answers/ex05.py', root + '/history']))\n"
        "for path in ('answers/ex04.py', 'answers/ex05.py', 'history/blob', 'link.py',\n"
        "             'answers/../answers/ex05.py', '/etc/hostname'):\n"
        "    try:\n"
        "        open(os.path.join(root, path)).read()\n"
        "        print('read')\n"
        "    except PermissionError:\n"
        "        print('refused')\n"
        "print(sorted(os.listdir(root + '/answers')))\n")
    done = python_c(script, str(tmp_path))
    assert done.stdout.split("\n")[:8] == [
        "True", "read", "refused", "refused", "refused", "refused", "read",
        "['ex04.py', 'ex05.py']"], done


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
def test_under_plain_pytest_a_basetemp_elsewhere_is_where_learner_code_may_save():
    """Classroom may run `pytest --basetemp=DIR`: exercise 17 saves into tmp_path there."""
    basetemp = ROOT / ".kata" / "basetemp-of-a-tools-test"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tree",
             "solutions", "tests/test_ex17_persistence.py", f"--basetemp={basetemp}"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(basetemp, ignore_errors=True)
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.timeout(180)
def test_files_planted_beside_the_kata_never_reach_the_judge(kata_copy, clean_report, tmp_path):
    """Learner code cannot write there (Landlock), but a learner at the keyboard, or learner
    code where Landlock is missing, could: a module beside the kata would be imported in
    place of a real one, a conftest.py or an ini file would change what the judge runs.
    (Planted in a copy of the kata: other tests run pytest in this one.)"""
    import importlib.machinery
    import py_compile

    marks = tmp_path / "marks"
    marks.mkdir()
    planted_code = tmp_path / "planted.py"
    planted_code.write_text(  # each run leaves a mark naming the module and its process
        "import os\n"
        f"with open(os.path.join({str(marks)!r}, f'{{__name__}}-{{os.getpid()}}'), 'wb') as m:\n"
        "    m.write(open('/proc/self/cmdline', 'rb').read())\n")
    pythonpath = tmp_path / "pythonpath"
    pythonpath.mkdir()
    shutil.copy(planted_code, pythonpath / "sitecustomize.py")
    tree = kata_copy / "exercises"
    for module in GRADED:
        shutil.copy(ROOT / "solutions" / f"{module}.py", tree)
    plant(tree, "ex01_neuron", WRONG)
    for path in (kata_copy / "conftest.py", tree / "conftest.py"):
        shutil.copy(planted_code, path)
    (kata_copy / "tests" / "pytest.ini").write_text(
        "[pytest]\naddopts = --deselect tests/test_ex01_neuron.py\n")
    py_compile.compile(str(planted_code), cfile=str(kata_copy / "pytest_timeout.pyc"),
                       doraise=True)
    # an extension module beside a kata module is preferred to it (here it would not load)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (kata_copy / "kata" / "judge" / f"expect{suffix}").write_bytes(b"not a shared object")
    report_file = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "kata", "grade", "01", "02", "03", "--report", str(report_file)],
        cwd=kata_copy, capture_output=True, text=True, timeout=180,
        env={**os.environ, "KATA_PYTHON": sys.executable, "PYTHONPATH": str(pythonpath)})
    assert done.returncode == 0, done.stdout + done.stderr
    # (the grader itself runs in the learner's shell, with its PYTHONPATH: not a judge)
    in_judges = [p.name for p in marks.iterdir() if b"--kata-events-fd" in p.read_bytes()]
    assert in_judges == [], "a judge ran a planted file"
    report = json.loads(report_file.read_text())
    ex01, *rest = report["exercises"]
    assert ex01["state"] != "done", done.stdout
    assert ex01["total"] == clean_report["exercises"][0]["total"], done.stdout
    assert [(e["state"], e["passed"]) for e in rest] == \
        [(e["state"], e["passed"]) for e in clean_report["exercises"][1:]]


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
def test_a_process_that_may_not_start_processes_still_starts_threads():
    script = (
        "import os, subprocess, threading\n"
        "from kata.learner.confine import forbid_processes_and_metadata\n"
        "print(forbid_processes_and_metadata())\n"
        "ran = []\n"
        "thread = threading.Thread(target=lambda: ran.append(sum(range(10))))\n"
        "thread.start(); thread.join(); print(ran)\n"
        "import numpy as np; print(int((np.ones((200, 200)) @ np.ones((200, 200)))[0, 0]))\n"
        "for start in (os.fork, lambda: subprocess.run(['true']),\n"
        "              lambda: os.posix_spawn('/bin/true', ['true'], {})):\n"
        "    try:\n"
        "        print('started', start())\n"
        "    except PermissionError:\n"
        "        print('refused')\n"
        "print(os.system('true') != 0)\n")
    done = python_c(script)
    assert done.stdout.split("\n")[:7] == ["True", "[45]", "200", "refused", "refused",
                                            "refused", "True"], done


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
def test_a_process_that_may_not_start_processes_signals_only_itself():
    """Landlock scopes signals from Linux 6.12 on (ABI 6): before that (Ubuntu 24.04's 6.8,
    Debian 12's 6.1) learner code killed the judge of another exercise, which was charged
    with the crash, or the grader, and no report was written. The seccomp filter allows
    signals to the process itself and its own group only; nor may it make another process
    the one that SIGIO goes to."""
    script = (
        "import ctypes, fcntl, os, signal, threading\n"
        "from kata.learner.confine import forbid_processes_and_metadata\n"
        "parent = os.getppid()\n"
        "os.setsid()  # as a learner process, which leads a session of its own\n"
        "print(forbid_processes_and_metadata())\n"
        "got = []\n"
        "signal.signal(signal.SIGUSR1, lambda *a: got.append(1))\n"
        "read, write = os.pipe()\n"
        "for send in (lambda: os.kill(os.getpid(), signal.SIGUSR1),\n"
        "             lambda: signal.raise_signal(signal.SIGUSR1),\n"
        "             lambda: signal.pthread_kill(threading.get_ident(), signal.SIGUSR1),\n"
        "             lambda: os.killpg(os.getpgid(0), 0), lambda: os.kill(0, 0),\n"
        "             lambda: os.kill(parent, 0), lambda: os.kill(-1, 0),\n"
        "             lambda: os.killpg(os.getpgid(parent), 0),\n"
        "             lambda: signal.pidfd_send_signal(os.pidfd_open(parent), 0),\n"
        "             lambda: fcntl.fcntl(write, fcntl.F_SETOWN, parent),\n"
        "             lambda: fcntl.fcntl(write, fcntl.F_GETFL)):\n"
        "    try:\n"
        "        send()\n"
        "        print('sent')\n"
        "    except PermissionError:\n"
        "        print('refused')\n"
        "print(len(got))\n")
    done = python_c(script)
    assert done.stdout.split() == ["True", *["sent"] * 5, *["refused"] * 5, "sent", "3"], done


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
def test_a_process_that_may_not_start_processes_sets_only_its_own_resource_limits():
    """prlimit64 reaches any process of the same user, whatever Landlock: learner code set
    the grader's open-file limit to 0 ("Could not grade: Too many open files")."""
    script = (
        "import os, resource\n"
        "from kata.learner.confine import forbid_processes_and_metadata\n"
        "parent = os.getppid()\n"
        "print(forbid_processes_and_metadata())\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_CORE)\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, hard))\n"
        "for pid in (0, os.getpid(), parent):\n"
        "    try:\n"
        "        print(resource.prlimit(pid, resource.RLIMIT_CORE)[0])\n"
        "    except PermissionError:\n"
        "        print('refused')\n")
    done = python_c(script)
    assert done.stdout.split() == ["True", "0", "0", "refused"], done


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
def test_a_process_that_may_not_start_processes_truncates_only_what_it_opened_to_write(
        tmp_path):
    """Landlock checks truncation from Linux 6.2 on (ABI 3): before that (Ubuntu 22.04,
    Debian 12) os.truncate() or a read-only open with O_TRUNC emptied any file, the
    grader's own included."""
    for name in ("truncated", "opened", "written"):
        (tmp_path / name).write_text("precious")
    script = (
        "import os, sys\n"
        "from kata.learner.confine import forbid_processes_and_metadata\n"
        "folder = sys.argv[1]\n"
        "print(forbid_processes_and_metadata())\n"
        "for cut in (lambda: os.truncate(os.path.join(folder, 'truncated'), 0),\n"
        "            lambda: os.open(os.path.join(folder, 'opened'), os.O_RDONLY | os.O_TRUNC),\n"
        "            lambda: open(os.path.join(folder, 'written'), 'w').close()):\n"
        "    try:\n"
        "        cut()\n"
        "        print('cut')\n"
        "    except OSError:\n"
        "        print('refused')\n")
    done = python_c(script, str(tmp_path))
    assert done.stdout.split() == ["True", "refused", "refused", "cut"], done
    assert [(tmp_path / name).read_text() for name in ("truncated", "opened", "written")] == \
        ["precious", "precious", ""]


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
@pytest.mark.timeout(180)
def test_learner_code_cannot_change_the_permissions_or_times_of_files(tree, clean_report):
    """Landlock leaves a file's metadata open: chmod 000 on another exercise (or a spec
    file) would have outlived the run and stopped the next one from reading it."""
    other = tree / "ex02_layer.py"
    code = (f"import os\n    os.utime({str(other)!r}, (0, 0))\n"
            f"    os.chmod({str(other)!r}, 0)")
    plant(tree, "ex01_neuron", code)
    before = other.stat()
    report, output, _ = grade(tree)
    after = other.stat()
    assert (after.st_mode, after.st_mtime_ns) == (before.st_mode, before.st_mtime_ns)
    ex01 = report["exercises"][0]
    messages = " ".join(s.get("message", "") for s in ex01["specs"])
    assert ex01["state"] != "done" and "may not change a file's permissions" in messages, output
    assert_rest_exact(report, clean_report, "ex01_neuron")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="not root")
def test_graded_as_root_learner_code_still_reads_a_tree_another_user_owns(tree, clean_report):
    """Learner processes give up root's capabilities, all but reading (`sudo nox` in a
    learner's own checkout, or a container grading a mounted folder)."""
    for path in (tree, *tree.iterdir()):
        os.chown(path, 4321, 4321)
        path.chmod(0o700 if path.is_dir() else 0o600)
    report, output, _ = grade(tree)
    assert report["exercises"] == clean_report["exercises"], output


REFUSED = {  # what seccomp refuses a learner process (kata.learner.confine)
    "fork_bomb": "import os\n    while True: os.fork()",
    "subprocess": "import subprocess; subprocess.run(['sleep', '1000'])",
    "posix_spawn": "import os; os.posix_spawn('/bin/sleep', ['sleep', '1000'], {})",
    # exec starts afresh in the same process, without the grader's set-up (kata.learner.answers)
    "exec": "import os, sys; os.execv(sys.executable, [sys.executable, '-c', 'pass'])",
    "inet_socket": "import socket; socket.socket()",
    "unix_socket": "import socket; socket.socket(socket.AF_UNIX).bind('\\0kata-leak')",
    "memfd": "import os; os.memfd_create('hidden')",
}


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
@pytest.mark.parametrize("name", sorted(REFUSED))
@pytest.mark.timeout(180)
def test_learner_code_cannot_start_processes_nor_open_sockets(tree, clean_report, name):
    """A fork bomb would otherwise leave no process for the judges of the others; what
    learner code started could outlive grading. A socket is a line to another learner
    process, which may read a reference this one may not (or to the network); a memfd
    holds memory no limit counts (a red team filled 5 GB past the 4 GB limit with them).
    The learner is told why it failed."""
    plant(tree, "ex01_neuron", REFUSED[name])
    report, output, elapsed = grade(tree)
    ex01 = report["exercises"][0]
    assert ex01["state"] != "done", output
    messages = " ".join(s.get("message", "") for s in ex01["specs"])
    assert "may not start other processes" in messages, messages[:500]
    assert "open sockets or memory files" in messages, messages[:500]
    assert_rest_exact(report, clean_report, "ex01_neuron")
    assert elapsed < 60


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
def test_the_folders_of_other_learner_processes_are_closed(tmp_path):
    """The other judge grades a later exercise at the same time: its learner process may
    read a reference this one may not, and a red team's left a copy in its own folder for
    this one. Beside its own folder, a learner process reads only its judge's."""
    scratch = tmp_path / "kata-run"
    own, judges, other = scratch / "judge-1", scratch / "judge-1-judge", scratch / "judge-2"
    for folder in (own, judges, other, scratch / "notes"):
        folder.mkdir(parents=True)
        (folder / "file.txt").write_text("text")
    script = (
        "import os, sys\n"
        "from kata.learner import answers\n"
        f"print(answers.close(['ex18_digits'], {str(own)!r}, {str(own / 'file.txt')!r}, "
        f"readable=[{str(judges)!r}]))\n"
        "for folder in sys.argv[1:]:\n"
        "    try:\n"
        "        print(open(os.path.join(folder, 'file.txt')).read())\n"
        "    except PermissionError:\n"
        "        print('closed')\n")
    done = python_c(script, str(own), str(judges), str(other), str(scratch / "notes"),
                    env={**os.environ, "KATA_LEARNER_FOLDER": str(own)})
    assert done.stdout.split() == ["True", "text", "text", "closed", "text"], done


KILL_EVERY_JUDGE = (
    "import os, signal\n"
    "    for entry in os.listdir('/proc'):\n"
    "        try:\n"
    "            command = open(f'/proc/{entry}/cmdline', 'rb').read()\n"
    "            if b'--kata-events-fd' in command or b'--zygote' in command:\n"
    "                os.kill(int(entry), signal.SIGKILL)\n"
    "        except (OSError, ValueError):\n"
    "            pass\n"
    "    return 0.0")


@pytest.mark.skipif(LANDLOCK_ABI < 6, reason="Linux's Landlock cannot scope signals here")
@pytest.mark.timeout(180)
def test_learner_code_cannot_kill_the_judges_of_other_exercises(tree, clean_report):
    plant(tree, "ex01_neuron", KILL_EVERY_JUDGE)
    report, output, _ = grade(tree)
    assert report["exercises"][0]["state"] != "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")


# The open-file limit of this grader and of each of its judges set to 0 (only theirs: the
# grader is the learner process' ancestor whose command says grade; the judges its children).
STARVE_THE_GRADER = (
    "import os, resource\n"
    "    def parent(pid):\n"
    "        return int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])\n"
    "    try:\n"
    "        grader = os.getpid()\n"
    "        while b'\\0grade\\0' not in open(f'/proc/{grader}/cmdline', 'rb').read():\n"
    "            grader = parent(grader)\n"
    "        for pid in [grader] + [int(e) for e in os.listdir('/proc') if e.isdigit()]:\n"
    "            try:\n"
    "                if pid == grader or parent(pid) == grader:\n"
    "                    resource.prlimit(pid, resource.RLIMIT_NOFILE, (0, 4096))\n"
    "            except OSError:\n"
    "                pass\n"
    "    except OSError:\n"
    "        pass\n"
    "    return 0.0")


@pytest.mark.skipif(not FORBIDDABLE, reason="seccomp filters are not available here")
def test_learner_code_cannot_set_the_resource_limits_of_the_grader_or_judges(tree,
                                                                           clean_report):
    plant(tree, "ex01_neuron", STARVE_THE_GRADER)
    report, output, _ = grade(tree)
    assert report["exercises"][0]["state"] != "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="runs outside a virtual environment")
def test_a_planted_bytecode_file_in_the_kata_is_never_read(tree, tmp_path):
    """An unchecked .pyc committed next to kata/judge/expect.py would be imported instead of
    it (Python does not compare it with its source): under plain pytest, as in Classroom."""
    import py_compile

    source = ROOT / "kata" / "judge" / "expect.py"
    mark = tmp_path / "the-planted-module-ran"
    cheat = tmp_path / "expect.py"
    cheat.write_text(source.read_text() + f"\nopen({str(mark)!r}, 'w').close()\n")
    planted = source.parent / "__pycache__" / f"expect.{sys.implementation.cache_tag}.pyc"
    assert not planted.exists(), f"{planted} is in the way"
    try:
        py_compile.compile(str(cheat), cfile=str(planted), dfile=str(source), doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tree",
             "solutions", "tests/test_ex01_neuron.py"], cwd=ROOT, capture_output=True,
            text=True, timeout=120,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"})
    finally:
        planted.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            planted.parent.rmdir()  # only if py_compile made it
    assert done.returncode == 0, done.stdout[-2000:]
    assert not mark.exists(), "the judge imported a planted .pyc instead of the kata's source"


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
@pytest.mark.parametrize("name", sorted(BEHIND_THE_HOOK))
@pytest.mark.timeout(180)
def test_the_kernel_keeps_the_reference_closed_where_the_hook_is_got_round(tree, clean_report,
                                                                           name):
    (tree / "ex01_neuron.py").write_text(f"SEP = {SEP!r}\n" + BEHIND_THE_HOOK[name])
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    assert ex01["state"] != "done" and ex01["passed"] == 0, output
    assert_rest_exact(report, clean_report, "ex01_neuron")


@pytest.mark.skipif(not CONFINABLE, reason="Linux Landlock is not available here")
@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="runs outside a virtual environment")
@pytest.mark.timeout(180)
def test_the_bytecode_of_another_copys_reference_is_closed_too(tree, clean_report, tmp_path):
    """The environment's bytecode folder also keeps what other copies of the kata compiled
    (a re-clone, a hand-out built here): their references are answers all the same."""
    import importlib.util
    import py_compile

    other = tmp_path / "another-copy" / "solutions" / "ex01_neuron.py"
    cached = Path(sys.prefix) / "pycache" / str(other.parent).lstrip(os.sep) / Path(
        importlib.util.cache_from_source(str(other))).name
    other.parent.mkdir(parents=True)
    shutil.copy(REFERENCE, other)
    py_compile.compile(str(other), cfile=str(cached))
    shutil.rmtree(other.parent.parent)  # only its bytecode is left, as after a re-clone
    (tree / "ex01_neuron.py").write_text(
        "import marshal, os\n"
        f"folder = os.open({str(cached.parent)!r}, os.O_RDONLY)\n"
        f"fd = os.open({cached.name!r}, os.O_RDONLY, dir_fd=folder)\n"
        "exec(marshal.loads(os.read(fd, 10**6)[16:]))\n")
    try:
        report, output, _ = grade(tree)
    finally:
        shutil.rmtree(cached.parent, ignore_errors=True)
    assert report["exercises"][0]["state"] != "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")


# Learner code that looks through its own process' memory, freed memory included, for the
# text of exercise 17's reference (a docstring: the learner's tree here has no ex17).
SCAN_MEMORY = """\
import os, re
A, B = b"Why a file is not a saved model: ", b"turned into one ValueError"
def _held():
    fd = os.open("/proc/self/mem", os.O_RDONLY)
    with open("/proc/self/maps") as maps:
        regions = [[int(x, 16) for x in line.split()[0].split("-")]
                   for line in maps if line.split()[1].startswith("r")]
    for start, end in regions:
        for at in range(start, end, 1 << 24):
            try:
                chunk = os.pread(fd, min(1 << 24, end - at), at)
            except OSError:
                break
            for found in re.finditer(re.escape(A), chunk):
                if chunk[found.end():found.end() + len(B)] == B:
                    return True
    return False
if _held():
    raise ImportError("a closed reference answer is in this process' memory")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/mem is Linux's")
@pytest.mark.timeout(180)
def test_a_closed_reference_was_never_in_the_learner_process(tree, clean_report):
    """The fork server imports the references ahead only as far as each learner process
    may have them: one dropped and collected would still be in freed memory, where a red
    team found the bytecode of a closed answer."""
    path = tree / "ex01_neuron.py"
    path.write_text(SCAN_MEMORY + path.read_text().split('"""', 2)[2])  # no docstring
    report, output, _ = grade(tree)
    assert report["exercises"][0]["state"] == "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")


def grade_17(tmp_path: Path, old: str, new: str) -> tuple[dict, str, float]:
    """Grade exercise 17's reference with `old` replaced by `new`."""
    tree = tmp_path / "exercises"
    tree.mkdir()
    text = (ROOT / "solutions" / "ex17_persistence.py").read_text()
    assert text.count(old) == 1
    (tree / "ex17_persistence.py").write_text(text.replace(old, new))
    report = tmp_path / "report.json"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kata", "grade", "17", "--tree", str(tree), "--report",
         str(report)], cwd=ROOT, capture_output=True, text=True, timeout=240,
        env={**os.environ, "KATA_PYTHON": sys.executable, "KATA_GRACE_SECONDS": "1"})
    elapsed = time.monotonic() - started
    assert done.returncode == 0 and "Traceback" not in done.stdout + done.stderr, done.stdout
    return json.loads(report.read_text())["exercises"][0], done.stdout, elapsed


@pytest.mark.timeout(300)
def test_the_judge_never_writes_where_learner_code_can_plant_a_link(tmp_path):
    """A red team's learner code linked the names of the files the judge was about to
    write beside its saves (empty.npz, text.npz) to files of its choice, and the judge
    wrote them: it could rewrite the grader itself. The judge writes its files in a folder
    of its own now (the judge_path fixture)."""
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    names = ("model.npz", "evil.npz", "evil.npy", "truncated.npz", "tiny.npz", "empty.npz",
             "text.npz", "foreign.npz", "single.npy", "newer.npz", "garbled.npz")
    start = "    path = Path(path)\n    if not path.is_file():\n"
    plant = ("    import os\n"
             f"    for name in {names!r}:\n"
             "        try:\n"
             f"            os.symlink({str(precious)!r}, os.path.join(os.path.dirname(path), "
             "name))\n"
             "        except OSError:\n"
             "            pass\n")
    ex17, output, _ = grade_17(tmp_path, start, plant + start)
    assert precious.read_text() == "keep me"
    assert ex17["state"] == "done", output


@pytest.mark.timeout(300)
def test_a_saved_file_that_is_a_link_to_dev_zero_fails_its_spec_at_once(tmp_path):
    """The judge reads what learner code saved as a bounded regular file: a link to
    /dev/zero once grew the judge to every byte of memory it could get."""
    write = "    with open(path, \"wb\") as file:\n        np.savez(file, **arrays)\n"
    link = "    import os\n    os.remove(path)\n    os.symlink('/dev/zero', path)\n"
    ex17, output, elapsed = grade_17(tmp_path, write, write + link)
    assert ex17["state"] == "in_progress" and elapsed < 120, output
    messages = " ".join(spec["message"] for spec in ex17["specs"])
    assert "not a regular file" in messages, output


@pytest.mark.parametrize("how, says", [
    ("utf-16", "is saved as UTF-16, not UTF-8"),
    ("latin-1", "is not UTF-8 text at line 2 (byte 0xe9)"),
    ("dangling", "ex01_neuron.py is a link that leads to no file"),
    ("rot13", "its coding line names rot13, which is not an encoding of text"),
])
@pytest.mark.timeout(180)
def test_a_file_saved_wrongly_is_broken_with_a_message_that_says_how(tree, clean_report,
                                                                     how, says):
    """Common mishaps with a file: another encoding (what Python said about it was 'source
    code string cannot contain null bytes', or 'invalid character'), a link whose target
    went away (the message named the target, not the exercise)."""
    path = tree / "ex01_neuron.py"
    text = path.read_text()
    if how == "dangling":
        path.unlink()
        path.symlink_to(tree / "gone" / "elsewhere.py")
    elif how == "rot13":  # a codec Python knows, of str to str: a LookupError per spec
        path.write_text("# -*- coding: rot13 -*-\n" + text)
    else:
        raw = text.encode("utf-16") if how == "utf-16" else \
            ("x = 1\n# caf\u00e9\n" + text).encode("latin-1", errors="replace")
        path.write_bytes(raw)
    report, output, _ = grade(tree)
    ex01 = report["exercises"][0]
    messages = " ".join(spec["message"] for spec in ex01["specs"])
    assert ex01["state"] == "broken" and says in messages, output
    assert "elsewhere" not in messages
    assert_rest_exact(report, clean_report, "ex01_neuron")


def test_a_file_that_declares_its_encoding_is_read_as_python_reads_it(tree, clean_report):
    """A `# -*- coding: latin-1 -*-` line (PEP 263) makes a Latin-1 file valid Python: it is
    graded as Python imports it, not called broken for not being UTF-8."""
    path = tree / "ex01_neuron.py"
    path.write_bytes(("# -*- coding: latin-1 -*-\n# caf\u00e9\n" + path.read_text()).encode(
        "latin-1", errors="replace"))
    report, output, _ = grade(tree)
    assert report["exercises"][0]["state"] == "done", output
    assert_rest_exact(report, clean_report, "ex01_neuron")


def test_a_learners_own_folder_named_like_the_references_is_no_reference(tree, clean_report):
    """Only the kata's own reference folders are closed: a `given/` or `solutions/` of the
    learner's, with files named like later exercises, is theirs to write and read."""
    path = tree / "ex01_neuron.py"
    path.write_text("import os, tempfile\n"
                    "for place in ('given', 'solutions', '__pycache__'):\n"
                    "    folder = os.path.join(tempfile.mkdtemp(), place)\n"
                    "    os.makedirs(folder)\n"
                    "    with open(os.path.join(folder, 'ex02_layer.py'), 'w') as f:\n"
                    "        f.write('mine')\n"
                    "    assert open(os.path.join(folder, 'ex02_layer.py')).read() == 'mine'\n"
                    + path.read_text())
    report, output, _ = grade(tree)
    assert report["exercises"][0]["state"] == "done", output


RELAY_OUT = ("import os\n"  # exercise 03 may read exercise 01's reference: it leaves a copy
             "_relay = os.path.join(os.environ.get('KATA_LEARNER_FOLDER', '.'), 'relay.py')\n"
             "with open({reference!r}) as _source, open(_relay, 'w') as _copy:\n"
             "    _copy.write(_source.read())\n")
RELAY_IN = ("import os\n"  # exercise 01, a stub, hands in whatever copy it finds
            "_relay = os.path.join(os.environ.get('KATA_LEARNER_FOLDER', '.'), 'relay.py')\n"
            "if os.path.exists(_relay):\n"
            "    exec(open(_relay).read())\n")


@pytest.mark.parametrize("path", ["grader", "plain pytest"])
def test_a_later_exercise_cannot_hand_an_earlier_one_its_reference(tree, tmp_path, path):
    """The learner processes of one session share its folder. Exercise 03's may read
    exercise 01's reference and leave a copy there; had 01's process come after it, 01 was
    done with the stub's text. Named in any order, exercises are graded in theirs."""
    plant(tree, "ex03_neuron_backprop", RELAY_OUT.format(
        reference=str(ROOT / "solutions" / "ex01_neuron.py")), at_import=True)
    (tree / "ex01_neuron.py").write_text(
        (ROOT / "exercises" / "ex01_neuron.py").read_text() + "\n" + RELAY_IN)
    env = {**os.environ, "KATA_TIMEOUT": "2", "KATA_PYTHON": sys.executable}
    if path == "grader":
        report = tmp_path / "report.json"
        done = subprocess.run(
            [sys.executable, "-m", "kata", "grade", "03", "02", "01", "--tree", str(tree),
             "--report", str(report)], cwd=ROOT, capture_output=True, text=True,
            timeout=180, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert states(json.loads(report.read_text()))["ex01_neuron"] == "not_started", \
            done.stdout
    else:
        junit = tmp_path / "junit.xml"
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tree",
             str(tree), f"--junitxml={junit}", "tests/test_ex03_neuron_backprop.py",
             "tests/test_ex01_neuron.py"],
            cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)
        cases = [case for case in ElementTree.parse(junit).iter("testcase")
                 if "test_ex01" in case.get("classname", "")]
        assert cases and all(case.find("failure") is not None for case in cases), done.stdout


def _processes_beneath(folder: Path) -> list[int]:
    """The processes whose command line names `folder`: judges, fork servers and learner
    processes (forked from a judge, they share its command line, --basetemp included)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if str(folder).encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_ctrl_c_in_the_grader_ends_every_judge_and_learner_process(tree, tmp_path):
    """Ctrl-C reaches the grader's main thread only: its judges ran on, in sessions of
    their own, for as long as their specs took, while their folder was removed under them."""
    plant(tree, "ex01_neuron", "import time; time.sleep(8)")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    grader = subprocess.Popen(
        [sys.executable, "-m", "kata", "grade", "01", "02", "03", "--tree", str(tree),
         "--report", str(tmp_path / "report.json")], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env={**os.environ, "KATA_PYTHON": sys.executable,
                                       "TMPDIR": str(scratch)})
    ends = time.monotonic() + 60
    while len(_processes_beneath(scratch)) < 3 and time.monotonic() < ends:
        time.sleep(0.1)  # two judges, a fork server, a learner process: grading is under way
    time.sleep(1.0)
    grader.send_signal(signal.SIGINT)
    output = grader.communicate(timeout=60)[0].decode(errors="replace")
    ends = time.monotonic() + 5
    while _processes_beneath(scratch) and time.monotonic() < ends:
        time.sleep(0.1)
    assert not _processes_beneath(scratch), output
    assert not list(scratch.iterdir()), output
    assert "Exception in thread" not in output, output


def test_the_kata_data_is_closed_to_learner_code(tmp_path):
    """Exercise 18 tests a model on digits it has never seen: learner code that read the
    kata's copy could train on those (a red team's did, and passed)."""
    script = (
        "from kata.learner import answers\n"
        f"answers.close(['ex18_digits'], {str(tmp_path)!r}, {str(tmp_path / 'ex.py')!r})\n"
        "from kata.datasets import digits_data\n"
        "try:\n"
        "    digits_data()\n"
        "    print('read')\n"
        "except PermissionError as exc:\n"
        "    print(exc)\n")
    done = python_c(script)
    assert "closed while your code is graded" in done.stdout, done
    assert "never seen" in done.stdout


def test_the_judges_folder_outlives_other_pytest_sessions_cleaning_up(tmp_path):
    """Each pytest session that starts deletes the numbered folders beside its own but the
    last three, and any "pytest-..." it cannot number: the judge's folder of a Classroom
    session running beside others was deleted under its specs."""
    from _pytest.pathlib import cleanup_numbered_dir

    from kata.judge import channel

    for number in range(5, 12):
        (tmp_path / f"pytest-{number}").mkdir()
    saved = channel.learner_folder, channel.judge_folder()
    try:
        channel.learner_folder = str(tmp_path / "pytest-5")
        folder = Path(channel.make_judge_folder())
        cleanup_numbered_dir(tmp_path, "pytest-", 3, time.time() + 60)
        assert folder.is_dir() and not (tmp_path / "pytest-5").exists()
    finally:  # (this session's own folders)
        channel.learner_folder, channel._judge_folder = saved
