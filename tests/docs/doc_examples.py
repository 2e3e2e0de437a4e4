#!/usr/bin/env python3
"""unspin doc tests: the command examples of the README and docs/*.md are
run and their printed output compared, so the docs cannot drift.

An example is either a fenced block with the info string `console`, whose
lines starting with "$ " are commands (a trailing backslash continues one)
and whose other lines are what the command before them prints; or any
fenced block right after a comment `<!-- doctest: COMMAND -->`, holding
what COMMAND prints. A last expected line "..." means "begins with".
Trailing spaces are ignored; only standard output is compared.

Commands run in bash, in a scratch directory holding links to the source
tree's top-level entries and `build` linked to the build tree, with
`cleanup` on PATH: they read the repository and write only there.

usage: doc_examples.py BUILD_DIR SOURCE_DIR FILE.md...
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

DOCTEST = re.compile(r"^<!--\s*doctest:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([^\s`]*)")


def examples(path):
    """Yields (line, command, expected lines) of one Markdown file."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    pending = None  # (line, command) of a doctest comment
    i = 0
    while i < len(lines):
        m = DOCTEST.match(lines[i])
        if m:
            pending = (i + 1, m.group(1))
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip():
                pending = None
            i += 1
            continue
        marker, info = fence.group(2), fence.group(3)
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].strip().startswith(marker):
            j += 1
        # A fence indented in a list item: its lines are indented as much.
        indent = len(fence.group(1))
        body = [l[indent:] if l[:indent].strip() == "" else l
                for l in lines[start:j]]
        if pending:
            yield pending[0], pending[1], body
            pending = None
        elif info == "console":
            command, expected, at = None, [], start
            k = 0
            while k < len(body):
                line = body[k]
                if line.startswith("$ "):
                    if command is not None:
                        yield at, command, expected
                    at = start + k + 1
                    command = line[2:]
                    while command.endswith("\\") and k + 1 < len(body):
                        k += 1
                        command = command[:-1] + "\n" + body[k]
                    expected = []
                elif command is not None:
                    expected.append(line)
                k += 1
            if command is not None:
                yield at, command, expected
        i = j + 1


def matches(expected, got):
    exp = [l.rstrip() for l in expected]
    out = [l.rstrip() for l in got.split("\n")]
    while out and out[-1] == "":
        out.pop()
    while exp and exp[-1] == "":
        exp.pop()
    if exp and exp[-1] == "...":
        exp = exp[:-1]
        return out[: len(exp)] == exp, exp, out[: len(exp)]
    return out == exp, exp, out


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    build, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    cleanup_dir = os.path.join(build, "examples", "cleanup")
    run, failed = 0, 0
    with tempfile.TemporaryDirectory(prefix="unspin-doctest.") as scratch:
        for name in os.listdir(source):
            if name not in ("build", ".git"):
                os.symlink(os.path.join(source, name), os.path.join(scratch, name))
        os.symlink(build, os.path.join(scratch, "build"))
        env = dict(os.environ)
        env["PATH"] = cleanup_dir + os.pathsep + env.get("PATH", "")
        for var in ("UNSPIN_DATA_DIR", "NO_COLOR"):
            env.pop(var, None)
        for md in sys.argv[3:]:
            rel = os.path.relpath(md, source)
            for line, command, expected in examples(md):
                run += 1
                proc = subprocess.run(
                    ["bash", "-c", command], cwd=scratch, env=env,
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, timeout=300)
                got = proc.stdout.decode("utf-8", "replace")
                ok, exp, out = matches(expected, got)
                if not ok:
                    failed += 1
                    print(f"FAIL {rel}:{line}: $ {command}")
                    for d in difflib.unified_diff(exp, out, "documented",
                                                  "printed", lineterm=""):
                        print("    " + d)
                    err = proc.stderr.decode("utf-8", "replace").strip()
                    if err:
                        print("    stderr: " + err[:500])
    print(f"{run} documented examples run, {failed} differ")
    if run == 0:
        print("no examples found: the docs lost their doctest blocks")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
