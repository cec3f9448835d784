"""Text from a learner's code (or a learner's report), made safe to show."""

from __future__ import annotations

import sys


def escaped(text: str, keep: str = "") -> str:
    """`text` with every character that is not printable, other than those in `keep`, shown
    as its escape (\\x1b, \\x9b, \\u202e, \\u200b, \\udcff): control characters, invisible
    format characters such as bidi overrides and zero-width spaces, line separators, lone
    surrogates. So a message cannot move the cursor, recolour the terminal, reverse a line,
    hide text, or stop an encoder (a lone surrogate cannot be written as UTF-8).

    >>> escaped("red\\x1b[31m \\u202eevil\\nnext", keep="\\n")
    'red\\\\x1b[31m \\\\u202eevil\\nnext'
    """
    if text.isprintable():
        return text
    return "".join(c if c in keep or c.isprintable()
                   else c.encode("unicode_escape").decode("ascii") for c in text)


def clean(text: object, limit: int = 0) -> str:
    """`text` (anything, as str) escaped as `escaped` does, cut to `limit` characters with
    "..." at the end (0: no limit): a name or value from a file someone else wrote.

    >>> clean("a\x1b[2J" + "b" * 20, 12)
    'a\\\\x1b[2Jbbbb...'
    """
    text = str(text)
    if limit and len(text) > limit:
        text = text[:limit - 3] + "..."
    return escaped(text)


def someone_types() -> bool:
    """Whether a person can answer a question: stdin and stdout are both terminals (not
    closed, as under `nox <&-`, and not redirected)."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def chosen_number(answer: str, last: int) -> int | None:
    """The number from 1 to `last` that `answer` is (plain ASCII digits, as typed), or None.
    A number with more digits than `last` has is none of them, however long (Python refuses
    to read an integer of more than 4300 digits at all).

    >>> chosen_number(" 2 ", 3), chosen_number("0", 3), chosen_number("9" * 5000, 3)
    (2, None, None)
    """
    digits = answer.strip()
    if not (digits.isascii() and digits.isdigit()):
        return None
    digits = digits.lstrip("0") or "0"
    if len(digits) > len(str(last)):
        return None
    number = int(digits)
    return number if 1 <= number <= last else None
