"""The value-only channel between the judge and a learner's process (kata.wire and
kata.judge.channel): what crosses, what cannot, and what a learner process cannot do to
the judge."""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from kata import wire
from kata.judge import channel
from kata.judge.channel import Channel, Exercise, LearnerCrashed, LearnerTimeout, MissingName


def round_trip(value):
    encoder = wire.Encoder()
    frame = wire.pack({"v": encoder.encode(value)}, encoder.buffers)
    (length,) = struct.unpack(">Q", frame[:8])
    header, sizes = wire.unpack_header(frame[8:8 + length])
    buffers, offset = [], 8 + length
    for size in sizes:
        buffers.append(frame[offset:offset + size])
        offset += size
    return wire.Decoder(buffers).decode(header["v"])


@pytest.mark.parametrize("value", [
    None, True, 0, -3, 2**70, 1.5, float("inf"), "text", [1, [2.0, "x"]], (1, (2,)),
    {"a": 1, 2: [3]}, slice(1, None, 2), Path("some/file.npz"), complex(1, -2), float, int,
])
def test_plain_values_cross_unchanged(value):
    got = round_trip(value)
    assert got == value and type(got) is type(value)


def test_arrays_scalars_dtypes_and_generators_cross_by_value():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2]  # not contiguous
    got = round_trip(a)
    assert got.dtype == np.float32 and got.shape == (3, 2) and np.array_equal(got, a)
    assert got.flags.writeable and not np.shares_memory(got, a)
    scalar = round_trip(np.float64(2.5))
    assert type(scalar) is np.float64 and scalar == 2.5
    assert round_trip(np.dtype("int64")) == np.dtype("int64")
    class Lying(np.ndarray):  # a subclass says what its dtype and shape are: its data counts
        dtype = property(lambda self: np.dtype("float32"))
        shape = property(lambda self: (99,))

    got = round_trip(np.arange(3.0).view(Lying))
    assert type(got) is np.ndarray and got.dtype == np.float64 and got.tolist() == [0, 1, 2]
    rng = np.random.default_rng(7)
    rng.standard_normal(3)
    copy = round_trip(rng)
    assert copy.standard_normal() == rng.standard_normal()


@pytest.mark.parametrize("tree, buffers", [
    ({"$": "array", "dtype": "|O", "shape": [1], "buf": 0}, [b"\0" * 8]),  # objects
    ({"$": "array", "dtype": "<f8", "shape": [2], "buf": 0}, [b"\0" * 8]),  # short
    ({"$": "array", "dtype": "<f8", "shape": [1], "buf": 3}, []),  # no such buffer
    ({"$": "rng", "bitgen": "os.system", "state": {}}, []),  # not a bit generator
    ({"$": "pickle", "data": "..."}, []),  # no such tag
    ({"$": "handle", "id": 1}, []),  # no handles here
    ({"$": "type", "name": "eval"}, []),
    ({"$": "dict", "items": [[[1], 2]]}, []),  # unhashable key
    ({"$": "array", "dtype": "<f8", "shape": [0, 2**64], "buf": 0}, [b""]),
    ({"$": "array", "dtype": "<f8", "shape": [0, 2**62, 2**62], "buf": 0}, [b""]),
    ({"$": "array", "dtype": "|S0", "shape": [3], "buf": 0}, [b""]),
    ({"$": "scalar", "dtype": "<U0", "buf": 0}, [b""]),
    ({"$": "complex", "items": [2**2000, 0]}, []),
    ({"$": "complex", "items": ["1", None]}, []),
    ({"$": "rng", "bitgen": "PCG64", "state": {"$": "dict", "items": [
        ["bit_generator", "PCG64"], ["state", {"$": "dict", "items": [["state", 2**300],
                                                                      ["inc", 1]]}],
        ["has_uint32", 0], ["uinteger", 0]]}}, []),
])
def test_a_message_that_is_not_plain_data_is_refused(tree, buffers):
    with pytest.raises(wire.WireError):
        wire.Decoder(buffers).decode(tree)


def test_a_frame_that_lies_about_its_size_is_refused():
    read, write = os.pipe()
    os.write(write, struct.pack(">Q", wire.MAX_HEADER + 1))
    with pytest.raises(wire.WireError):
        wire.read_frame(read)
    os.close(read)
    os.close(write)


# ---------------------------------------------------------------------------- the channel

LEARNER = '''
import sys

import numpy as np

class Layer:
    def __init__(self, n):
        self.weights = np.ones((1, n))
    def forward(self, x):
        self.inputs = x
        return x * 2

def scale_in_place(x):
    x *= 3

def append(items):
    items.append(4)

def draw(rng):
    return rng.standard_normal()

def raise_value_error():
    raise ValueError("bad size 3")

class Weird(Exception):
    def __str__(self):
        raise RuntimeError

def raise_weird():
    raise Weird()

def global_random():
    return np.random.rand()

def warn():
    return np.exp(np.array([1000.0]))

def loop():
    while True:
        pass

def die():
    import os
    os._exit(7)

def talk():
    print("hello from the learner")
    sys.stdout.buffer.write("and in bytes \\u00e9".encode())  # an honest way to print
    return 1

def huge():
    return np.zeros(600 << 17)  # 600 MB of float64

def objects():
    return np.array([1.5, 0.0]).astype(object)

def empty_lists():
    return [[]] * 1_100_000

def long_list():
    return np.random.default_rng(0).random(950_000).tolist()  # 18 MB of JSON
'''


@pytest.fixture
def ex(tmp_path):
    path = tmp_path / "ex99_learner.py"
    path.write_text(LEARNER)
    link = Channel(path, "ex99_learner")
    yield Exercise(link, "ex99_learner.py")
    link.close()


def test_objects_stay_behind_handles_and_values_come_back(ex):
    layer = ex.Layer(3)
    out = layer.forward(np.array([[1.0, 2.0, 3.0]]))
    assert isinstance(out, np.ndarray) and out.tolist() == [[2.0, 4.0, 6.0]]
    assert layer.inputs.tolist() == [[1.0, 2.0, 3.0]]
    layer.weights *= 5  # get, multiply here, set there
    assert layer.weights.tolist() == [[5.0, 5.0, 5.0]]
    assert ex.namespace(a=1).a == 1


def test_changes_to_arguments_are_mirrored(ex):
    x = np.array([1.0, 2.0])
    ex.scale_in_place(x)
    assert x.tolist() == [3.0, 6.0]
    items = [1, 2]
    ex.append(items)
    assert items == [1, 2, 4]
    rng = np.random.default_rng(0)
    first = ex.draw(rng)
    assert ex.draw(rng) != first, "the generator did not advance"
    assert first == np.random.default_rng(0).standard_normal()


def test_learner_exceptions_arrive_as_their_builtin_type(ex):
    with pytest.raises(ValueError, match="bad size 3") as caught:
        ex.raise_value_error()
    assert caught.value.where.endswith('raise ValueError("bad size 3")')
    with pytest.raises(Exception, match="could not be shown"):
        ex.raise_weird()
    with pytest.raises(MissingName, match="has no function nothing_here"):
        ex.nothing_here()


def test_side_effects_are_observed(ex):
    with ex.observe() as seen:
        ex.global_random()
        ex.warn()
        ex.talk()
    assert seen.global_random_used
    assert any("overflow" in w for w in seen.warnings)
    assert "hello from the learner" in seen.printed
    assert "and in bytes \u00e9" in seen.printed


@pytest.mark.timeout(60)
def test_a_hang_is_stopped_at_the_deadline_and_the_next_call_gets_a_fresh_process(ex):
    channel.deadline, channel.bound = time.monotonic() + 1.0, 1.0
    try:
        started = time.monotonic()
        with pytest.raises(LearnerTimeout, match="did not finish in time"):
            ex.loop()
        assert time.monotonic() - started < 5
    finally:
        channel.deadline = None
    assert ex.talk() == 1


@pytest.mark.timeout(60)
def test_a_dead_process_is_reported_and_replaced(ex):
    layer = ex.Layer(2)
    with pytest.raises(LearnerCrashed, match="exit status 7"):
        ex.die()
    with pytest.raises(LearnerCrashed, match="lost"):
        layer.forward(np.ones((1, 2)))
    assert ex.talk() == 1


def test_spec_objects_cannot_cross(ex):
    with pytest.raises(TypeError, match="ex.namespace"):
        ex.append(object())


def test_a_class_attribute_is_reached_through_the_class(ex):
    assert ex.Layer.forward is not None
    assert ex.Layer(2).weights.shape == (1, 2)


@pytest.mark.skipif(not channel.USE_ZYGOTE, reason="the fork server is Linux's")
def test_an_answer_left_behind_is_never_taken_for_the_next_one():
    """A spec whose time runs out while it waits for the fork server leaves the answer
    unread. Taken for the next answer, an exit status of 0 read as a process id once made
    the judge kill its whole process group (or, for -1, every process it could)."""
    import socket

    zygote = channel._Zygote()
    try:
        forked = zygote.fork()
        forked.kill()
        forked.wait(timeout=10)
        zygote.asked += 1  # asked how it ended, then interrupted before the answer came
        socket.send_fds(zygote.link, [b"%d end %d" % (zygote.asked, forked.pid)], [])
        time.sleep(0.5)
        second = zygote.fork()
        assert second.pid > 1 and second.pid != forked.pid and second.poll() is None
        forked.close()
        second.kill()
        assert zygote.end_all(second.pid) is not None
        second.close()
    finally:
        zygote.close()


def test_a_result_too_big_to_cross_is_an_error_that_says_so(ex):
    with pytest.raises(ValueError, match="returned 600 MB of data, more than the 512 MB"):
        ex.huge()
    assert ex.talk() == 1  # the process lives on


@pytest.mark.skipif(not channel.USE_ZYGOTE, reason="the fork server is Linux's")
def test_a_fork_server_that_holds_a_closed_reference_is_replaced():
    """The fork server imports references ahead only as far as the next learner process
    may have them. Asked out of order (a reference it holds is now closed), it says so, and
    the judge starts another, so no learner process holds a closed reference, even freed."""
    zygote = channel._Zygote()
    try:
        zygote.fork().kill()  # nothing closed: it imports every reference
        with pytest.raises(channel._Stale):
            zygote.fork(["ex05_relu", "ex06_softmax"])
        channel._zygote, first = zygote, zygote.process.pid
        process = channel.take_process(["ex05_relu", "ex06_softmax"])
        assert channel._zygote is not zygote and channel._zygote.process.pid != first
        assert process.poll() is None
        process.kill()
    finally:
        zygote.close()
        channel.end_spare()


FORKED_FROM_A_JUDGE = """
import json, os, sys
from kata.judge import channel
key_read, key_write = os.pipe()  # as a judge's key, unread when its fork server is forked
os.write(key_write, b"k" * 32)
channel.start_zygote(fork=True)
assert type(channel._zygote.process).__name__ == "_Child"
ex = channel.Exercise(channel.Channel(sys.argv[1], "ex99_fds"), "ex99_fds.py")
print(json.dumps([ex.links(), os.readlink(f"/proc/self/fd/{key_read}")]))
ex._channel.close()
channel.end_spare()
"""


@pytest.mark.skipif(not channel.USE_ZYGOTE, reason="the fork server is Linux's")
def test_a_fork_server_forked_from_a_judge_keeps_none_of_its_files(tmp_path):
    """A judge forks its fork server before it reads its key: its learner processes have
    their channel and /dev/null open, nothing of the judge's (the key's pipe above all)."""
    import json
    import subprocess
    import sys

    exercise = tmp_path / "ex99_fds.py"
    exercise.write_text("import os\n"
                        "def links():\n"
                        "    found = []\n"
                        "    for fd in os.listdir('/proc/self/fd'):\n"
                        "        try:\n"
                        "            found.append(os.readlink(f'/proc/self/fd/{fd}'))\n"
                        "        except OSError:  # the folder listdir had open\n"
                        "            pass\n"
                        "    return sorted(found)\n")
    done = subprocess.run([sys.executable, "-c", FORKED_FROM_A_JUDGE, str(exercise)],
                          cwd=channel.ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    links, key = json.loads(done.stdout)
    assert key.startswith("pipe:") and key not in links, links
    assert all(link.startswith("pipe:") or link == "/dev/null" for link in links), links


def test_a_learner_exception_that_reads_like_a_timeout_is_the_learners():
    """Only the judge's own timeouts give up an exercise's later specs: a learner's
    exception whose message starts as pytest-timeout's does is an error of its own."""
    from kata.judge.channel import remote_exception
    from kata.judge.pytest_plugin import classify

    learner = remote_exception({"type": "ValueError", "bases": ["ValueError"],
                                "message": "Timeout (>1 s) while training", "frames": []})
    assert classify(learner, "ex05_relu")[0] == "error"
    judge = pytest.fail.Exception("Timeout (>10.0s) from pytest-timeout.")
    assert classify(judge, "ex05_relu")[0] == "timeout"


def test_an_array_of_python_objects_is_named_as_such_when_it_fails_a_spec(ex):
    """An object array cannot cross as numbers; "should be a NumPy array, got [1.5, 0.0]"
    alone read as if the learner had returned something else than an array."""
    from kata.judge.expect import fail

    with pytest.raises(AssertionError, match=r"dtype=object"):
        fail("objects()", "a NumPy array", ex.objects())


@pytest.mark.parametrize("error", [
    {"type": "NotImplementedError", "bases": ["NotImplementedError"], "frames": [{}]},
    {"type": "ValueError", "bases": 7, "frames": [{"file": 5, "line": "x"}, 3]},
    {"type": "ValueError", "frames": {"file": "a"}},
    "not a description at all",
])
def test_an_exception_described_in_any_way_is_an_exception_with_frames_to_show(error):
    """A learner process that rewrites kata.wire.pack sends what it likes: a frame without
    a file raised KeyError in the plugin's report hook, an INTERNALERROR that ends a plain
    pytest session and every exercise's specs with it."""
    from kata.judge.channel import RemoteError, remote_exception
    from kata.judge.pytest_plugin import classify

    exc = remote_exception(error)
    assert isinstance(exc, RemoteError)
    assert all(isinstance(f["file"], str) and type(f["line"]) is int for f in exc.frames)
    kind, message, where = classify(exc, "ex05_relu")
    assert isinstance(where, str) and isinstance(message, str)


def test_a_result_of_too_many_python_values_is_an_error_that_says_so(ex, monkeypatch):
    """JSON of millions of empty lists is a few MB that the judge would turn into GBs of
    objects (a red team's 60 MB grew it by 3 GB and took 27 s to decode): the learner's
    process says what went wrong instead, and the judge would refuse it anyway."""
    with pytest.raises(Exception, match="more than 1,048,576 Python values"):
        ex.empty_lists()
    with pytest.raises(ValueError, match="MB of Python numbers and lists, more than the 16"):
        ex.long_list()
    assert ex.talk() == 1  # the process lives on
    monkeypatch.setattr(wire, "MAX_ITEMS", 1000)  # a learner process that sends them anyway
    with pytest.raises(wire.WireError, match="more than 1000 values"):
        wire.Decoder([]).decode([[]] * 1001)
