"""Cell instrumentation for the executor: what a cell imports, uses and binds, the completion nonce, and the
expressions that reach the kernel-side runtime.

Everything here is static (``ast``) and runs in the grader's process, never in the student's kernel.
"""
from __future__ import annotations

import ast
import builtins
import json
import secrets
from contextlib import contextmanager

from .runtime import ENTRY, VALUE_VAR

__all__ = ["loaded_names", "bound_names", "builtin_shadows", "imported_modules", "new_nonce", "nonce_statement",
           "inject_nonce", "scrub", "scrub_outputs", "instrumented", "entry_call", "NONCE_KEY", "VALUE_VAR"]

BUILTIN_NAMES = frozenset(dir(builtins))
#: cell metadata key holding a graded cell's nonce between its execution and the check that follows
NONCE_KEY = "_guard_nonce"


def _parse(source: str):
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def loaded_names(source: str) -> set:
    """Global names a cell reads without binding them itself (approximate, conservative)."""
    tree = _parse(source)
    if tree is None:
        return set()
    loads, binds = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else binds).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            binds.add(node.name)
        elif isinstance(node, ast.arg):
            binds.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                binds.add((a.asname or a.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            binds.add(node.name)
    return loads - binds


def bound_names(source: str) -> list:
    """Names a cell binds at module level (assignments, imports, defs), in order of first appearance."""
    tree = _parse(source)
    if tree is None:
        return []
    out = []

    def add(name):
        if name not in out:
            out.append(name)

    def targets(t):
        if isinstance(t, ast.Name):
            add(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                targets(e)
        elif isinstance(t, ast.Starred):
            targets(t.value)

    def visit(stmts):
        for node in stmts:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                add(node.name)
            elif isinstance(node, ast.Assign):
                for t in node.targets:
                    targets(t)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets(node.target)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for a in node.names:
                    if a.name != "*":
                        add((a.asname or a.name).split(".")[0])
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                targets(node.target)
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        targets(item.optional_vars)
                visit(node.body)
            elif isinstance(node, (ast.If, ast.While)):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for h in node.handlers:
                    visit(h.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.NamedExpr):
                targets(node.value.target)

    visit(tree.body)
    return out


def builtin_shadows(source: str) -> list:
    """Builtin names a cell uses without binding (a submission must not be able to redefine them)."""
    return sorted((loaded_names(source) & BUILTIN_NAMES) | {"__import__"})


def imported_modules(source: str) -> list:
    """Modules a cell imports (for ``from m import n`` also ``m.n``, which may be a submodule)."""
    tree = _parse(source)
    if tree is None:
        return []
    mods = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            mods.append(node.module)
            mods += [f"{node.module}.{a.name}" for a in node.names if a.name != "*"]
    return mods


def entry_call(name: str, spec: dict) -> str:
    """The ``user_expressions`` expression that calls the runtime's ``name`` (``sync``/``check``) with
    ``spec``, reaching it through :data:`nbguard.runtime.ENTRY` (no name a submission could rebind)."""
    return f"{ENTRY}.{name}({json.dumps(spec)!r})"


def new_nonce() -> str:
    return secrets.token_hex(12)


def nonce_statement(nonce: str) -> str:
    return f"{ENTRY}.mark({nonce!r})"


def _char_offset(lines, lineno: int, col_bytes: int) -> int:
    """Offset in the source string of (1-based line, UTF-8 byte column) as reported by ``ast``."""
    before = sum(len(x) for x in lines[: lineno - 1])
    line = lines[lineno - 1] if lineno - 1 < len(lines) else ""
    return before + len(line.encode("utf-8")[:col_bytes].decode("utf-8", errors="ignore"))


def inject_nonce(source: str, nonce: str) -> str:
    """The source of a graded cell with a completion marker as its last statement.

    If the cell ends with an expression (its value is displayed, and nbgrader reads a number there as
    partial credit), the expression is kept as the displayed value::

        __nbguard_v__ = (<expr>); <mark>; __nbguard_v__
    """
    stmt = nonce_statement(nonce)
    tree = _parse(source)
    if tree is None or not tree.body:
        return (source.rstrip("\n") + "\n" + stmt) if source.strip() else stmt
    last = tree.body[-1]
    if isinstance(last, ast.Expr) and last.end_lineno is not None:
        lines = source.splitlines(keepends=True)
        start = _char_offset(lines, last.lineno, last.col_offset)
        end = _char_offset(lines, last.end_lineno, last.end_col_offset)
        expr = source[start:end]
        return f"{source[:start]}{VALUE_VAR} = ({expr}\n); {stmt}; {VALUE_VAR}{source[end:]}"
    return source.rstrip("\n") + "\n" + stmt + "\n"


def scrub(text: str, nonce: str) -> str:
    """Remove the marker (and the value variable) from text shown to students, e.g. a traceback."""
    stmt = nonce_statement(nonce)
    return (text.replace("; " + stmt + "; " + VALUE_VAR, "").replace(stmt, "")
            .replace(VALUE_VAR + " = (", "("))


def scrub_outputs(cell, nonce: str) -> None:
    """Remove the marker from a cell's error and stream outputs (in place)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            out["traceback"] = [scrub(t, nonce) for t in out.get("traceback", [])]
            out["evalue"] = scrub(out.get("evalue", ""), nonce)
        elif out.get("output_type") == "stream":
            out["text"] = scrub(out.get("text", ""), nonce)


@contextmanager
def instrumented(cell, with_nonce: bool):
    """Run a cell with a fresh completion nonce appended (if ``with_nonce``); yields the nonce (or None).
    Afterwards the source is the original again, the marker is scrubbed from the outputs, and the nonce
    waits in the cell metadata (:data:`NONCE_KEY`) for the check."""
    original = cell.source
    nonce = new_nonce() if with_nonce else None
    if nonce:
        cell.source = inject_nonce(original, nonce)
    try:
        yield nonce
    finally:
        cell.source = original
        if nonce:
            cell.metadata[NONCE_KEY] = nonce
            scrub_outputs(cell, nonce)
