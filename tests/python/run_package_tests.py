# unspin tests: installs the Python package (python/) with pip, offline, into
# a temporary directory and runs its unittest suite against the build tree.
"""Usage: run_package_tests.py [--bundled] PACKAGE_DIR LIBRARY DATA_DIR
       run_package_tests.py --probe  (exit 0: this python can run the test)

PACKAGE_DIR is the source's python/ folder, LIBRARY the built libunspin.so,
DATA_DIR the build tree's share/unspin. Everything is written under one
temporary directory, removed at the end:

- the package folder is copied there first, because pip builds in the
  source tree (setuptools writes build/ and *.egg-info next to
  pyproject.toml) and parallel tests must not share those;
- ``pip install --no-index --no-build-isolation --target DIR`` installs it:
  --no-index and --no-build-isolation keep pip offline (the build uses the
  interpreter's own setuptools and wheel, Debian's python3-setuptools and
  python3-wheel), and --target installs into a plain directory, which
  needs neither a venv nor --break-system-packages (PEP 668 guards only
  installs into the interpreter's own environment); --isolated ignores
  the user's pip configuration.

Default mode: python/tests runs with PYTHONPATH=DIR and UNSPIN_LIBRARY set.
--bundled: libunspin.so is copied into the package before pip runs (README,
"Bundling"); with UNSPIN_LIBRARY unset, the package must load its own copy.
"""
import os
import shutil
import subprocess
import sys
import tempfile

MISSING = ("the Python package test needs pip, setuptools (>= 61) and wheel "
           "for %s (Debian 12: apt-get install python3-pip python3-setuptools "
           "python3-wheel; bash .ci/install-deps installs them): %s")


def check_prerequisites():
    # Looked up, not imported: importing pip before setuptools trips
    # setuptools' distutils check on some interpreters.
    import importlib.metadata
    import importlib.util
    try:
        for module in ("pip", "setuptools"):
            if importlib.util.find_spec(module) is None:
                raise ImportError("no module named %s" % module)
        found = importlib.metadata.version("setuptools")
        version = tuple(int(x) for x in found.split(".")[:2])
        if version < (61, 0):
            raise ImportError("setuptools %s is older than 61 (no [project] "
                              "table)" % found)
        # Later setuptools build wheels without the wheel package.
        if version < (70, 1) and importlib.util.find_spec("wheel") is None:
            raise ImportError("no module named wheel (setuptools %s needs "
                              "it)" % found)
    except (ImportError, ValueError) as e:
        sys.exit(MISSING % (sys.executable, e))


def run(command, **kwargs):
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, **kwargs).returncode


def main(argv):
    if argv == ["--probe"]:  # CMake's choice of interpreter
        check_prerequisites()
        return None
    bundled = argv[:1] == ["--bundled"]
    if bundled:
        argv = argv[1:]
    package_dir, library, data_dir = argv
    check_prerequisites()
    with tempfile.TemporaryDirectory(prefix="unspin-python-") as tmp:
        source = os.path.join(tmp, "python")
        # A developer's bundled copies or build leftovers stay out.
        shutil.copytree(package_dir, source, ignore=shutil.ignore_patterns(
            "build", "*.egg-info", "__pycache__", "libunspin.so*", "data"))
        if bundled:
            shutil.copy(library, os.path.join(source, "src", "unspin",
                                              "libunspin.so"))
        target = os.path.join(tmp, "site")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1",
                   PIP_NO_INPUT="1")
        if run([sys.executable, "-m", "pip", "--isolated", "install",
                "--no-index", "--no-build-isolation", "--no-cache-dir",
                "--disable-pip-version-check", "--no-warn-script-location",
                "--root-user-action=ignore",
                "--target", target, source], env=env, cwd=tmp) != 0:
            return "pip install failed"
        env["PYTHONPATH"] = target
        env["UNSPIN_TEST_PACKAGE_DIR"] = target
        env["UNSPIN_TEST_DATA_DIR"] = data_dir
        env.pop("UNSPIN_DATA_DIR", None)
        if bundled:
            env.pop("UNSPIN_LIBRARY", None)
            env["UNSPIN_DATA_DIR"] = data_dir
            check = ("import os, sys, unspin\n"
                     "path = unspin.library_path()\n"
                     "print('library:', path)\n"
                     "assert path.startswith(os.path.realpath(sys.argv[1]) + "
                     "os.sep), path\n"
                     "print(unspin.Detector().fix('The bad guy gangs left.'))\n")
            status = run([sys.executable, "-c", check, target], env=env,
                         cwd=tmp)
            return "the bundled library was not used" if status else None
        env["UNSPIN_LIBRARY"] = library
        # The tests of the copy, so that no __pycache__ lands in the source.
        if run([sys.executable, "-m", "unittest", "discover", "-v", "-s",
                os.path.join(source, "tests"), "-t",
                os.path.join(source, "tests")], env=env, cwd=tmp) != 0:
            return "the package's tests failed"
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
