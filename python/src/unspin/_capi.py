# unspin Python package: loads libunspin.so and declares the C API
# (include/unspin/unspin.h) for ctypes. Private: use the names in unspin.
import ctypes
import ctypes.util
import glob
import os
import threading

P = ctypes.c_void_p
S = ctypes.c_size_t
STR = ctypes.c_char_p
INT = ctypes.c_int
UINT = ctypes.c_uint
DOUBLE = ctypes.c_double
PP = ctypes.POINTER(ctypes.c_void_p)

# Every function the package calls: name, result type, argument types.
# A library that lacks one is too old for this package.
PROTOTYPES = [
    ("unspin_version", STR, []),
    ("unspin_code_name", STR, [INT]),
    ("unspin_error_code", INT, [P]),
    ("unspin_error_message", STR, [P]),
    ("unspin_error_free", None, [P]),
    ("unspin_string_free", None, [P]),
    ("unspin_options_new", P, []),
    ("unspin_options_free", None, [P]),
    ("unspin_options_new_from_data_dir", INT, [STR, UINT, PP, PP]),
    ("unspin_options_add_table_file", INT, [P, STR, STR]),
    ("unspin_options_add_table_text", INT, [P, STR, STR, S]),
    ("unspin_options_add_allowlist_file", INT, [P, STR, STR]),
    ("unspin_options_add_allow_phrase", INT, [P, STR]),
    ("unspin_options_set_hunspell", INT, [P, STR, STR]),
    ("unspin_options_set_language_model", INT, [P, STR, STR]),
    ("unspin_options_set_morphology_cache", INT, [P, STR]),
    ("unspin_options_add_irregular_file", INT, [P, STR, STR]),
    ("unspin_options_set_min_confidence", INT, [P, DOUBLE]),
    ("unspin_options_add_domain", INT, [P, STR]),
    ("unspin_options_set_invalid_utf8_replace", INT, [P, INT]),
    ("unspin_detector_new", INT, [P, PP, PP]),
    ("unspin_detector_free", None, [P]),
    ("unspin_detector_entry_count", S, [P]),
    ("unspin_detector_scan_markup", INT, [P, STR, S, INT, UINT, PP, PP]),
    # out is declared as void** (not char**) so that ctypes keeps the
    # pointer, which must go back to unspin_string_free.
    ("unspin_detector_fix_markup", INT,
     [P, STR, S, INT, UINT, PP, ctypes.POINTER(S), PP]),
    ("unspin_result_free", None, [P]),
    ("unspin_result_count", S, [P]),
    ("unspin_finding_begin", S, [P, S]),
    ("unspin_finding_end", S, [P, S]),
    ("unspin_finding_line", S, [P, S]),
    ("unspin_finding_column", S, [P, S]),
    ("unspin_finding_text", STR, [P, S]),
    ("unspin_finding_suggestion", STR, [P, S]),
    ("unspin_finding_confidence", DOUBLE, [P, S]),
    ("unspin_finding_rewritable", INT, [P, S]),
    ("unspin_finding_source", STR, [P, S]),
    ("unspin_finding_entry_spun", STR, [P, S]),
    ("unspin_finding_entry_canonical", STR, [P, S]),
    ("unspin_finding_explanation", STR, [P, S]),
    ("unspin_finding_alternative_count", S, [P, S]),
    ("unspin_finding_alternative", STR, [P, S, S]),
    ("unspin_result_spun_score", DOUBLE, [P]),
    ("unspin_result_spun", INT, [P]),
    ("unspin_result_words", S, [P]),
    ("unspin_result_distinct_phrases", S, [P]),
    ("unspin_result_findings_per_1000_words", DOUBLE, [P]),
]

# Flags and enum values of unspin.h (stable numbers).
DATA_DIR_NO_TABLES = 1
DATA_DIR_DISCOVERY = 2
REWRITE_ATTRIBUTES = 1
NO_INLINE_CONFIG = 2

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class LibraryNotFoundError(OSError):
    """libunspin.so could not be found or loaded; the message lists what
    was tried."""


def _bundled_library():
    """The package's own copy of libunspin.so (see README, "Bundling"), or
    None."""
    exact = os.path.join(_PACKAGE_DIR, "libunspin.so")
    if os.path.isfile(exact):
        return exact
    versioned = sorted(glob.glob(os.path.join(_PACKAGE_DIR, "libunspin.so.*")))
    return versioned[0] if versioned else None


def _candidates():
    """(where, name) pairs to try, in order: UNSPIN_LIBRARY, the package's
    own copy, ctypes.util.find_library("unspin")."""
    env = os.environ.get("UNSPIN_LIBRARY")
    if env:
        # An explicit choice that fails is an error, not a reason to load
        # some other libunspin silently.
        return [("UNSPIN_LIBRARY", env)]
    found = []
    bundled = _bundled_library()
    if bundled:
        found.append(("the package's own copy", bundled))
    name = ctypes.util.find_library("unspin")
    if name:
        found.append(('ctypes.util.find_library("unspin")', name))
    return found


class _Library:
    """The loaded library with its prototypes declared, and its path."""

    def __init__(self, cdll, path):
        self.cdll = cdll
        self.path = path
        for name, restype, argtypes in PROTOTYPES:
            try:
                function = getattr(cdll, name)
            except AttributeError:
                raise LibraryNotFoundError(
                    "%s has no %s: the library is older than this package "
                    "(%s)" % (path, name, "unspin 0.1")) from None
            function.restype = restype
            function.argtypes = argtypes
            setattr(self, name[len("unspin_"):], function)


_lock = threading.Lock()
_library = None


def _loaded_path(cdll, name):
    """The file the dynamic loader mapped for `cdll` (name may be a bare
    soname from find_library), or `name` when that cannot be told."""
    class DlInfo(ctypes.Structure):
        _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", P),
                    ("dli_sname", ctypes.c_char_p), ("dli_saddr", P)]
    try:
        dladdr = ctypes.CDLL(None).dladdr
        dladdr.argtypes = [P, ctypes.POINTER(DlInfo)]
        dladdr.restype = INT
        info = DlInfo()
        address = ctypes.cast(cdll.unspin_version, P)
        if dladdr(address, ctypes.byref(info)) and info.dli_fname:
            return os.path.realpath(os.fsdecode(info.dli_fname))
    except (AttributeError, OSError):
        pass
    return os.path.realpath(name) if os.path.isabs(name) else name


def library():
    """Loads libunspin.so on first use (thread-safe) and returns it."""
    global _library
    with _lock:
        if _library is None:
            tried = []
            for where, name in _candidates():
                try:
                    cdll = ctypes.CDLL(name)
                except OSError as e:
                    tried.append("%s (%s): %s" % (name, where, e))
                    continue
                _library = _Library(cdll, _loaded_path(cdll, name))
                break
            else:
                if not tried:
                    tried.append('ctypes.util.find_library("unspin") found '
                                 "nothing")
                raise LibraryNotFoundError(
                    "cannot load libunspin.so; tried: %s. Set UNSPIN_LIBRARY "
                    "to the library's path (e.g. build/libunspin.so or "
                    "/usr/local/lib/libunspin.so)" % "; ".join(tried))
        return _library
