"""Mutation testing of the specs: small slips planted in the reference solutions.

The catalogue in tests/wrong_answers holds the mistakes someone thought of. This finds the
ones nobody did: it makes every single small change a learner's slip could make inside the
fenced regions of a solution (the code the learner writes), one at a time, and runs that
exercise's specs on each. A change the specs pass (a *survivor*) is either a hole in the
specs or a change that makes no difference the contract cares about (an *equivalent*
mutant: `x > 0` for `x >= 0` in ReLU's forward, say). Equivalent ones are listed, with the
reason, in tests/equivalent_mutants.toml; any other survivor is reported.

The changes, each at one place:
  - an arithmetic operator for another (`+` and `-`, `*` and `/`, `**` to `*`, ...), or
    one side of it dropped (`x / n` to `x`: the missing 1/n)
  - a comparison for its neighbour (`<` and `<=`, `==` and `!=`, ...), `and` for `or`
  - a number moved by one (an int) or doubled (a float), True for False
  - a keyword argument dropped (`axis=`, `keepdims=`, `dtype=`, ...)
  - a NumPy function for its twin (`max` and `min`, `sum` and `mean`, ...), or a call
    that only reshapes, copies, clips or transforms its argument replaced by the argument
  - `.T` or `.copy()` dropped; `-x` to `x`; `not x` to `x`; an `if` test negated
  - an attribute or name for the one it is confused with (`biases` for `weights`,
    `inputs` for `output`, `beta_2` for `beta_1`, ...); a two-argument call's arguments
    swapped (`np.dot(b, a)`)
  - a statement deleted; a returned tuple's items reversed

    nox -s mutants -- [EXERCISE ...] [--show]

Round k grades the k-th mutant of every chosen exercise together, each in its own sealed
child as a learner's module would be, with the reference's given code as a learner has it.
"""

from __future__ import annotations

import ast
import copy
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kata.authoring.stubs import BEGIN, END
from kata.judge.runner import python_for_specs, run_specs
from kata.manifest import ROOT, Exercise, KataError, Manifest, Parser, load, run_command, tomllib

EQUIVALENT = ROOT / "tests" / "equivalent_mutants.toml"

_BINARY: dict[type, list[type]] = {
    ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
    ast.Pow: [ast.Mult], ast.FloorDiv: [ast.Div], ast.MatMult: [ast.Mult],
    ast.Mod: [ast.FloorDiv],
}
_COMPARE: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_TWINS = {"max": "min", "min": "max", "amax": "amin", "amin": "amax", "sum": "mean",
          "mean": "sum", "argmax": "argmin", "argmin": "argmax", "maximum": "minimum",
          "minimum": "maximum", "zeros_like": "ones_like", "ones_like": "zeros_like",
          "zeros": "ones", "ones": "zeros", "exp": "expm1", "log": "log1p"}
# Calls whose result has their first argument's meaning, transformed: replaced by it.
_PASS_THROUGH = {"clip", "copy", "abs", "sqrt", "sign", "exp", "log", "array", "asarray",
                 "float", "reshape", "ravel", "flatten", "squeeze", "atleast_2d", "eye",
                 "int", "list", "tuple", "round", "sum", "mean", "max", "min"}


# Attributes a slip confuses with each other: `self.biases` for `self.weights`, ...
_CONFUSED = [("weights", "biases"), ("dweights", "dbiases"), ("inputs", "output"),
             ("weight_momentums", "bias_momentums"), ("weight_cache", "bias_cache"),
             ("beta_1", "beta_2"), ("learning_rate", "current_learning_rate"),
             ("weight_regularizer_l1", "weight_regularizer_l2"),
             ("bias_regularizer_l1", "bias_regularizer_l2"),
             ("weight_regularizer_l1", "bias_regularizer_l1"),
             ("weight_regularizer_l2", "bias_regularizer_l2"), ("dinputs", "dvalues")]
_SWAPS: dict[str, list[str]] = {}
for _a, _b in _CONFUSED:
    _SWAPS.setdefault(_a, []).append(_b)
    _SWAPS.setdefault(_b, []).append(_a)


_TUPLE_ASSIGNED = re.compile(r"^\(([^()=]*)\) = ")


@dataclass(frozen=True)
class Mutant:
    module: str
    where: str  # the enclosing function, e.g. "Dense.backward"
    line: int
    before: str
    after: str
    source: str  # the whole mutated module

    @property
    def key(self) -> str:
        """How tests/equivalent_mutants.toml names it: stable when other lines move."""
        return f"{self.where}: `{self.before}` -> `{self.after}`"


def fenced_lines(source: str) -> set[int]:
    """The numbers of the lines inside ### BEGIN/END SOLUTION fences."""
    inside, lines = False, set()
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif inside:
            lines.add(number)
    return lines


def _changes(node: ast.AST, parent: ast.AST | None) -> Iterator[ast.AST | None]:
    """Each slip that can be made at `node`: its replacement (None deletes a statement)."""
    if isinstance(node, ast.BinOp):
        for op in _BINARY.get(type(node.op), []):
            yield ast.BinOp(node.left, op(), node.right)
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)):
            yield node.left
        if isinstance(node.op, (ast.Add, ast.Mult)):
            yield node.right
    elif isinstance(node, ast.AugAssign) and type(node.op) in _BINARY:
        for op in _BINARY[type(node.op)]:
            yield ast.AugAssign(node.target, op(), node.value)
    elif isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _COMPARE:
                ops = list(node.ops)
                ops[i] = _COMPARE[type(op)]()
                yield ast.Compare(node.left, ops, node.comparators)
    elif isinstance(node, ast.BoolOp):
        yield ast.BoolOp(ast.Or() if isinstance(node.op, ast.And) else ast.And(), node.values)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        yield node.operand
    elif isinstance(node, ast.Constant) and not isinstance(parent, ast.Expr):
        value = node.value
        if isinstance(value, bool):
            yield ast.Constant(not value)
        elif isinstance(value, int):
            yield ast.Constant(value + 1)
            if value > 0:
                yield ast.Constant(value - 1)
        elif isinstance(value, float):
            yield ast.Constant(value * 2 if value else 1.0)
    elif isinstance(node, ast.Call):
        name = _called_name(node)
        if isinstance(node.func, ast.Attribute) and name in _TWINS:
            yield ast.Call(ast.Attribute(node.func.value, _TWINS[name], ast.Load()),
                           node.args, node.keywords)
        if name in _PASS_THROUGH:
            if node.args:
                yield node.args[0]
            elif isinstance(node.func, ast.Attribute):  # x.copy(), x.sum(): x
                yield node.func.value
        if len(node.args) == 2 and not any(isinstance(a, ast.Starred) for a in node.args):
            yield ast.Call(node.func, node.args[::-1], node.keywords)  # np.dot(b, a)
        for i in range(len(node.keywords)):
            yield ast.Call(node.func, node.args, node.keywords[:i] + node.keywords[i + 1:])
    elif isinstance(node, ast.Attribute) and node.attr == "T":
        yield node.value
    elif isinstance(node, ast.Attribute) and node.attr in _SWAPS:
        for other in _SWAPS[node.attr]:
            yield ast.Attribute(node.value, other, node.ctx)
    elif isinstance(node, ast.Name) and node.id in _SWAPS and isinstance(node.ctx, ast.Load):
        for other in _SWAPS[node.id]:
            yield ast.Name(other, ast.Load())
    elif isinstance(node, ast.If):
        yield ast.If(ast.UnaryOp(ast.Not(), node.test), node.body, node.orelse)
    elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
        yield ast.Return(ast.Tuple(node.value.elts[::-1], ast.Load()))
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.If, ast.For,
                         ast.Raise, ast.With)):
        yield None


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _scopes(tree: ast.AST) -> dict[int, str]:
    """id(node) -> the qualified name of the function or class around it."""
    names: dict[int, str] = {}

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = f"{scope}.{child.name}" if scope else child.name
            names[id(child)] = inner
            visit(child, inner)

    visit(tree, "")
    return names


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST | None) -> None:
    for field, value in ast.iter_fields(parent):
        if isinstance(value, list) and any(item is old for item in value):
            items = [new if item is old else item for item in value]
            items = [item for item in items if item is not None] or [ast.Pass()]
            setattr(parent, field, items)
            return
        if value is old:
            setattr(parent, field, new)
            return
    raise KataError("a mutant's node was not found in its parent")  # pragma: no cover


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _mutate(tree: ast.AST, index: int, k: int) -> str:
    """The source of `tree` with the k-th change made at its index-th node (walk order)."""
    mutated = copy.deepcopy(tree)
    target = list(ast.walk(mutated))[index]
    parent = _parents(mutated)[id(target)]
    new = next(c for i, c in enumerate(_changes(target, parent)) if i == k)
    _replace(parent, target, new)
    return ast.unparse(ast.fix_missing_locations(mutated)) + "\n"


def mutants(module: str, source: str) -> list[Mutant]:
    """Every single-slip mutant of one solution module, in source order."""
    tree = ast.parse(source)
    fenced = fenced_lines(source)
    scopes, parents = _scopes(tree), _parents(tree)
    found, unchanged = [], ast.unparse(tree) + "\n"
    for index, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", 0)
        if line not in fenced or getattr(node, "end_lineno", line) not in fenced:
            continue
        for k, change in enumerate(_changes(node, parents.get(id(node)))):
            after = "(deleted)" if change is None else _short(change)
            text = _mutate(tree, index, k)
            if text != unchanged:  # f(a, a) with its arguments swapped is no slip
                found.append(Mutant(module, scopes.get(id(node), "") or "<module>", line,
                                    _short(node), after, text))
    found.sort(key=lambda m: m.line)
    return found


def _short(node: ast.AST) -> str:
    if isinstance(node, ast.If):
        text = f"if {ast.unparse(node.test)}: ..."
    elif isinstance(node, (ast.For, ast.With)):
        text = ast.unparse(node).splitlines()[0] + " ..."
    else:
        text = ast.unparse(node)
    # The same text on every Python (keys in tests/equivalent_mutants.toml must match):
    # 3.10 writes `for (x, w) in` and `(a, b) = c` where 3.11 writes `for x, w in` and
    # `a, b = c`, and 3.12 quotes f-strings otherwise.
    text = _TUPLE_ASSIGNED.sub(r"\1 = ", _bare_for_targets(" ".join(text.split())))
    text = text.replace('"', "'")
    return text if len(text) <= 90 else text[:87] + "..."


def _bare_for_targets(text: str) -> str:
    """`for (x, w) in` as `for x, w in`: the parentheses around a whole loop target go."""
    start = 0
    while (at := text.find("for (", start)) >= 0:
        depth, end = 0, at + 4
        for end in range(at + 4, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        if text.startswith(") in ", end):
            text = text[:at + 4] + text[at + 5:end] + text[end + 1:]
        start = at + 4
    return text


def equivalent(path: Path = EQUIVALENT) -> dict[str, dict[str, str]]:
    """{module: {mutant key: why it makes no difference the contract cares about}}."""
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KataError(f"{path.name} is not valid TOML: {exc}") from None
    return {module: dict(entries) for module, entries in table.items()
            if isinstance(entries, dict)}


def planted_in(chosen: list[Exercise]) -> dict[str, list[Mutant]]:
    """{module: every mutant of its solution}, for each chosen exercise."""
    return {ex.module: mutants(ex.module, (ROOT / ex.solution_path).read_text("utf-8"))
            for ex in chosen}


def survivors(chosen: list[Exercise], planted: dict[str, list[Mutant]], *,
              progress: Callable[[str], None] = lambda _: None) -> dict[str, list[Mutant]]:
    """{module: its mutants (of `planted`) that pass every spec}, for each chosen exercise."""
    left: dict[str, list[Mutant]] = {ex.module: [] for ex in chosen}
    rounds = max((len(found) for found in planted.values()), default=0)
    python = python_for_specs()
    for k in range(rounds):
        this = {ex.spec_path: planted[ex.module][k] for ex in chosen
                if k < len(planted[ex.module])}
        with tempfile.TemporaryDirectory(prefix="kata-mutants-") as tmp:
            for mutant in this.values():
                (Path(tmp) / f"{mutant.module}.py").write_text(mutant.source, encoding="utf-8")
            run = run_specs(python, sorted(this), [f"--tree={tmp}"])
        if run.problem:
            raise KataError(run.problem)
        failed = {r.spec_file for r in run.results.values() if r.outcome != "passed"}
        ran = {r.spec_file for r in run.results.values()}
        for spec_file, mutant in this.items():
            if spec_file in ran and spec_file not in failed:
                left[mutant.module].append(mutant)
        progress(f"round {k + 1}/{rounds}: {sum(map(len, left.values()))} survivors so far")
    return left


def main(argv: list[str], manifest: Manifest) -> int:
    parser = Parser(prog="nox -s mutants --", description="Plant small slips in the solutions "
                    "and list those the specs pass (slow: minutes per exercise).")
    parser.add_argument("exercises", nargs="*", help="exercises to mutate (default: all)")
    parser.add_argument("--show", action="store_true",
                        help="list the mutants with their places, and grade none")
    args = parser.parse_args(argv)
    chosen = manifest.select(args.exercises) if args.exercises else list(manifest.exercises)
    planted = planted_in(chosen)
    if args.show:
        for ex in chosen:
            for m in planted[ex.module]:
                print(f"{ex.module}:{m.line}: {m.key}")
        return 0
    known = equivalent()
    left = survivors(chosen, planted, progress=lambda line: print(line, file=sys.stderr))
    holes = stale_entries = 0
    for ex in chosen:
        listed = known.get(ex.module, {})
        total = len(planted[ex.module])
        unexplained = [m for m in left[ex.module] if m.key not in listed]
        holes += len(unexplained)
        print(f"{ex.module}: {total} mutants, {total - len(left[ex.module])} caught, "
              f"{len(left[ex.module]) - len(unexplained)} equivalent, "
              f"{len(unexplained)} survived")
        for m in unexplained:
            print(f"    {ex.solution_path}:{m.line}: {m.key}")
        stale = sorted(set(listed) - {m.key for m in left[ex.module]})
        stale_entries += len(stale)
        for key in stale:
            print(f"    listed as equivalent, but the specs catch it or it is gone: {key}")
    print(f"mutants: {holes} survived that tests/equivalent_mutants.toml does not explain; "
          f"{stale_entries} of its entries are out of date")
    return 1 if holes or stale_entries else 0


if __name__ == "__main__":
    sys.exit(run_command("mutants", lambda: main(sys.argv[1:], load())))
