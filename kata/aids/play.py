"""`nox -s play -- 06`: a Python shell to try an exercise by hand.

    python -m kata.aids.play exercises/ex06_softmax.py ex06_softmax [--plain]

Runs in the kata's environment (.nox/kata), so numpy is there. In scope: the learner's
own module under its name and its public names (as `from ex06_softmax import *` would
give), `np`, the data sets and the gradient check, and `reload()`, which imports the
module again after an edit. IPython when it is installed (unless --plain), else Python's
own interactive console, with tab completion where readline exists.
"""

from __future__ import annotations

import code
import sys
import textwrap
from types import ModuleType
from typing import Any

import numpy as np

from kata import datasets, gradcheck
from kata.learner.loader import ExerciseBroken, load_exercise
from kata.manifest import display_path


def public_names(module: ModuleType) -> dict[str, Any]:
    """What `from module import *` binds: `__all__`, or every name without a leading _."""
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    return {name: getattr(module, name) for name in names if hasattr(module, name)}


class Playground:
    """The shell's namespace, and `reload()` to refresh the learner's names in it."""

    def __init__(self, path: str, name: str) -> None:
        self.path, self.name = path, name
        self.namespace: dict[str, Any] = {"np": np, "reload": self.reload}
        for helper in (datasets, gradcheck):
            self.namespace.update({n: getattr(helper, n) for n in helper.__all__})
        self.own: list[str] = []
        self.problem = ""
        self.load()

    def load(self) -> None:
        for old in self.own:
            self.namespace.pop(old, None)
        self.own, self.problem = [], ""
        try:
            module = load_exercise(self.path, self.name)
        except ExerciseBroken as exc:
            self.problem = f"{exc} {exc.where}".strip()
            return
        # Its functions and classes, given ones included; not the modules it imports.
        names = {n: v for n, v in public_names(module).items()
                 if not isinstance(v, ModuleType) and n != "annotations"}
        self.namespace.update(names)
        self.namespace[self.name] = module
        self.own = [*names, self.name]

    def reload(self) -> None:
        """Import your exercise module again (after you have edited and saved it)."""
        self.load()
        print(self.problem or f"Reloaded {display_path(self.path)}: {self._listing()}")

    def _listing(self) -> str:
        own = [n for n in self.own if n != self.name]
        return ", ".join(own) if own else "(no public names)"

    def banner(self) -> str:
        shown = display_path(self.path)
        helpers = ", ".join(n for helper in (datasets, gradcheck) for n in helper.__all__)
        lines = [f"Python {sys.version.split()[0]}, playing with {shown}", ""]
        if self.problem:
            lines += [f"  Your module is not loaded: {self.problem}",
                      "  Fix it, save, and call reload()."]
        else:
            lines += textwrap.wrap(f"{self.name}: {self._listing()}", 79,
                                   initial_indent="  ", subsequent_indent="      ")
        lines += [*textwrap.wrap(f"np (numpy {np.__version__}); {helpers}", 79,
                                 initial_indent="  ", subsequent_indent="      "),
                  "  reload() imports your module again after you save it.",
                  "", "Ctrl-D (Ctrl-Z then Enter on Windows) or exit() leaves."]
        return "\n".join(lines)


def interact(playground: Playground, *, plain: bool = False) -> None:
    if not plain:
        try:
            import IPython  # type: ignore[import-not-found]
        except ImportError:
            pass
        else:
            print(playground.banner())
            IPython.start_ipython(argv=["--no-banner"], user_ns=playground.namespace)
            return
    try:
        import readline
        import rlcompleter

        readline.set_completer(rlcompleter.Completer(playground.namespace).complete)
        readline.parse_and_bind("tab: complete")
    except ImportError:  # pragma: no cover - Windows without pyreadline
        pass
    code.interact(banner=playground.banner(), local=playground.namespace, exitmsg="")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--plain"]
    interact(Playground(args[0], args[1]), plain="--plain" in sys.argv[1:])
