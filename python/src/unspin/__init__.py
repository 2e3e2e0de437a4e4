# unspin Python package: find spun (synonym-swapped) text and restore the
# original, through libunspin's C API (include/unspin/unspin.h) and ctypes.
"""Find spun text and restore the original wording.

    >>> import unspin
    >>> detector = unspin.Detector()          # the shipped tables
    >>> result = detector.scan("The bad guy gangs left.")
    >>> [(f.text, f.suggestion) for f in result.findings]
    [('bad guy gangs', 'criminal gangs')]
    >>> detector.fix("The bad guy gangs left.")
    'The criminal gangs left.'

The package is pure Python over libunspin.so, found (on first use) through
the environment variable UNSPIN_LIBRARY, else the package's own copy of the
library, else ``ctypes.util.find_library("unspin")``. The data directory
(the shipped tables and morphology) is UNSPIN_DATA_DIR, else the package's
own copy, else the one next to the library (a build tree's share/unspin, an
install prefix's share/unspin), else /usr/local/share/unspin or
/usr/share/unspin: see :func:`default_data_dir`.

A :class:`Detector` is immutable once built: :meth:`Detector.scan` and
:meth:`Detector.fix` may be called from many threads at once (ctypes
releases the GIL during the C calls). Results are plain Python values.
Errors of the C library are raised as :class:`UnspinError`, which carries
the C error code and message.
"""
import ctypes
import enum
import os
import weakref
from dataclasses import dataclass, field
from typing import Iterable, Optional, Tuple, Union

from . import _capi
from ._capi import LibraryNotFoundError

__all__ = [
    "Code", "Detector", "Finding", "LibraryNotFoundError", "Markup",
    "ScanResult", "UnspinError", "Verdict", "default_data_dir",
    "library_path", "library_version",
]

__version__ = "0.1.0"

Text = Union[str, bytes, bytearray, memoryview]
PathLike = Union[str, bytes, "os.PathLike[str]"]


class Code(enum.IntEnum):
    """The C API's error codes (unspin_code); the numbers are stable."""
    OK = 0
    INVALID_ARGUMENT = 1  #: an option or argument is out of range
    IO_ERROR = 2          #: a file could not be opened or read
    PARSE_ERROR = 3       #: a data file line is malformed (file:line)
    INVALID_UTF8 = 4      #: text is not valid UTF-8 (byte offset)
    INTERNAL = 5          #: a dependency failed unexpectedly
    OUT_OF_MEMORY = 6     #: an allocation failed


class Markup(enum.IntEnum):
    """What a document is written in (unspin_markup). For Markdown and HTML
    only the prose is scanned and rewritten."""
    TEXT = 0
    MARKDOWN = 1
    HTML = 2


class UnspinError(Exception):
    """An error reported by the C library.

    Attributes: ``code`` (a :class:`Code`, or the int the library returned
    when it is not one), ``code_name`` (``"UNSPIN_PARSE_ERROR"``) and
    ``message`` (``"mine.tsv:3: expected 2-5 tab-separated fields, found
    1"``). ``str(error)`` is the message.
    """

    def __init__(self, code, message):
        try:
            code = Code(code)
        except ValueError:
            pass
        self.code = code
        self.message = message
        super().__init__(message)

    @property
    def code_name(self) -> str:
        """The C constant's name, e.g. ``"UNSPIN_IO_ERROR"``."""
        return _capi.library().code_name(int(self.code)).decode()

    def __repr__(self):
        return "UnspinError(%s, %r)" % (self.code_name, self.message)


def _decode(value: Optional[bytes]) -> Optional[str]:
    # Strings from the library are UTF-8; a span of text scanned with
    # invalid_utf8="replace" may hold invalid bytes, shown as U+FFFD.
    return None if value is None else value.decode("utf-8", "replace")


def _check(code: int, error: ctypes.c_void_p) -> None:
    """Raises UnspinError for a non-OK code, freeing the C error."""
    if code == Code.OK:
        return
    lib = _capi.library()
    if error:
        message = _decode(lib.error_message(error))
        lib.error_free(error)
    else:  # the library could not even allocate the error
        message = lib.code_name(code).decode()
    raise UnspinError(code, message)


def _check_setter(code: int, what: str) -> None:
    # The option setters return a code without an error object.
    if code != Code.OK:
        raise UnspinError(code, "%s: %s" % (
            what, _capi.library().code_name(code).decode()))


def _path(value: PathLike) -> bytes:
    return os.fsencode(value)


def _utf8(value: Union[str, bytes]) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def _markup(markup: Union[Markup, str, int]) -> int:
    if isinstance(markup, str):
        try:
            return Markup[markup.upper()]
        except KeyError:
            raise ValueError("unknown markup %r: one of 'text', 'markdown', "
                             "'html'" % markup) from None
    return int(Markup(markup))


@dataclass(frozen=True)
class Finding:
    """One spun span. Offsets ``begin``/``end`` are bytes into the UTF-8
    text that was scanned (``text.encode()[begin:end]``); ``char_begin``/
    ``char_end`` are the same span in code points, so that for a ``str``
    input ``text[f.char_begin:f.char_end] == f.text``.

    Fields: ``line``, ``column`` (1-based; column in code points);
    ``text`` (the span as written); ``suggestion`` (the replacement,
    inflected and capitalized like the span; ``""`` means delete the span;
    ``None`` when the original wording is unknown: see ``alternatives``);
    ``confidence`` (probability in [0, 1] that the span is spun and the
    suggestion restores it); ``source`` (``"table:en/news.tsv:96"``,
    ``"discovered:lm"``...); ``rewritable`` (whether :meth:`Detector.fix`
    applies it); ``alternatives`` (further suggestions, best first);
    ``entry_spun``/``entry_canonical`` (the table entry, lemma forms);
    ``explanation`` (the evidence behind the confidence).
    """
    begin: int
    end: int
    char_begin: int
    char_end: int
    line: int
    column: int
    text: str
    suggestion: Optional[str]
    confidence: float
    source: str
    rewritable: bool
    alternatives: Tuple[str, ...] = ()
    entry_spun: str = ""
    entry_canonical: str = ""
    explanation: str = field(default="", repr=False)

    @property
    def has_suggestion(self) -> bool:
        """True when the finding proposes a replacement (possibly ``""``,
        a deletion); False when the original wording is unknown."""
        return self.suggestion is not None


@dataclass(frozen=True)
class Verdict:
    """Whether the document as a whole looks spun: ``spun_score`` in
    [0, 1] (noisy-OR of the best confidence of each distinct phrase),
    ``spun`` (``spun_score >= 0.5``), ``words``, ``distinct_phrases`` and
    ``findings_per_1000_words``."""
    spun_score: float
    spun: bool
    words: int
    distinct_phrases: int
    findings_per_1000_words: float


@dataclass(frozen=True)
class ScanResult:
    """What :meth:`Detector.scan` returns: the ``findings`` (ordered by
    offset, non-overlapping) and the document's ``verdict``. Iterating or
    indexing a ScanResult goes over its findings."""
    findings: Tuple[Finding, ...]
    verdict: Verdict

    def __iter__(self):
        return iter(self.findings)

    def __len__(self):
        return len(self.findings)

    def __getitem__(self, index):
        return self.findings[index]


def library_path() -> str:
    """The path of the libunspin.so in use (loading it if needed). Raises
    :class:`LibraryNotFoundError` when none can be loaded."""
    return _capi.library().path


def library_version() -> str:
    """The loaded library's version, ``"MAJOR.MINOR.PATCH"``."""
    return _capi.library().version().decode()


def _is_data_dir(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "dictionaries", "en"))


def default_data_dir() -> str:
    """The data directory a :class:`Detector` uses by default: the first of

    1. the environment variable ``UNSPIN_DATA_DIR`` (used as given: a
       directory that does not exist is an error when the detector is
       built, never skipped);
    2. the package's own copy, ``unspin/data`` (see README, "Bundling");
    3. next to the loaded library: ``<libdir>/share/unspin`` (a build
       tree), ``<libdir>/../share/unspin`` and ``<libdir>/../../share/unspin``
       (an install prefix, also with a multiarch libdir);
    4. ``/usr/local/share/unspin``, ``/usr/share/unspin``;

    where a candidate other than the first counts only if it holds
    ``dictionaries/en``. Raises :class:`UnspinError` (``Code.IO_ERROR``)
    listing the places tried when none does.
    """
    env = os.environ.get("UNSPIN_DATA_DIR")
    if env:
        return env
    tried = [os.path.join(_capi._PACKAGE_DIR, "data")]
    try:
        libdir = os.path.dirname(library_path())
    except LibraryNotFoundError:
        libdir = None
    if libdir and os.path.isabs(libdir):
        tried += [os.path.join(libdir, "share", "unspin"),
                  os.path.normpath(os.path.join(libdir, "..", "share",
                                                "unspin")),
                  os.path.normpath(os.path.join(libdir, "..", "..", "share",
                                                "unspin"))]
    tried += ["/usr/local/share/unspin", "/usr/share/unspin"]
    for candidate in tried:
        if _is_data_dir(candidate):
            return candidate
    raise UnspinError(Code.IO_ERROR, "no unspin data directory found (tried "
                      "%s); set UNSPIN_DATA_DIR" % ", ".join(tried))


_DEFAULT = object()


class Detector:
    """A compiled, immutable detector: phrase tables plus morphology.

    ``Detector()`` loads the shipped tables and morphology of
    :func:`default_data_dir`. Arguments (all optional, keywords after
    ``data_dir``):

    - ``data_dir``: a data directory (an installed ``share/unspin`` or a
      build tree's), read as ``unspin_options_new_from_data_dir`` reads
      it; ``None``: no data directory, bring your own tables.
    - ``builtin_tables``: False leaves out the data directory's tables
      (``dictionaries/en/*.tsv``) but keeps its morphology.
    - ``discovery``: True also finds spun phrases no table holds, with the
      data directory's language model (slower; see the README).
    - ``tables``: more phrase tables, applied after the shipped ones, each
      a path or a ``(name, text)`` pair of in-memory TSV.
    - ``allowlists``: allowlist files; ``allow``: phrases never flagged.
    - ``min_confidence``: report findings at or above it, in [0, 1]
      (default 0.5).
    - ``domains``: only entries tagged with one of these ("news",
      "science").
    - ``invalid_utf8``: ``"error"`` (default; scanning invalid UTF-8 bytes
      raises ``Code.INVALID_UTF8``) or ``"replace"`` (read as U+FFFD).
    - ``hunspell`` (``(aff, dic)`` paths), ``irregular`` (path),
      ``morphology_cache`` (path), ``language_model`` (path) and
      ``thesaurus`` (path): explicit morphology and discovery files,
      mostly for ``data_dir=None``.

    Raises :class:`UnspinError`: ``IO_ERROR`` (a missing directory or
    file), ``PARSE_ERROR`` (``"name:line: what"``), ``INVALID_ARGUMENT``
    (a bad option, named), ``INTERNAL``, ``OUT_OF_MEMORY``; and
    :class:`LibraryNotFoundError` when libunspin.so cannot be loaded.

    Thread-safety: scan() and fix() may be called from many threads at once
    on one Detector. close() (or leaving a ``with`` block) must not run
    while another thread still uses it.
    """

    def __init__(self, data_dir=_DEFAULT, *, builtin_tables: bool = True,
                 discovery: bool = False,
                 tables: Iterable[Union[PathLike, Tuple[str, Text]]] = (),
                 allowlists: Iterable[PathLike] = (),
                 allow: Iterable[str] = (),
                 min_confidence: Optional[float] = None,
                 domains: Iterable[str] = (),
                 invalid_utf8: str = "error",
                 hunspell: Optional[Tuple[PathLike, PathLike]] = None,
                 irregular: Optional[PathLike] = None,
                 morphology_cache: Optional[PathLike] = None,
                 language_model: Optional[PathLike] = None,
                 thesaurus: Optional[PathLike] = None):
        if invalid_utf8 not in ("error", "replace"):
            raise ValueError("invalid_utf8 must be 'error' or 'replace', not "
                             "%r" % (invalid_utf8,))
        lib = _capi.library()
        self._lib = lib
        self._handle = None
        if data_dir is _DEFAULT:
            data_dir = default_data_dir()
        self.data_dir = None if data_dir is None else os.fsdecode(data_dir)
        options = ctypes.c_void_p()
        error = ctypes.c_void_p()
        if data_dir is not None:
            flags = ((0 if builtin_tables else _capi.DATA_DIR_NO_TABLES) |
                     (_capi.DATA_DIR_DISCOVERY if discovery else 0))
            _check(lib.options_new_from_data_dir(
                _path(data_dir), flags, ctypes.byref(options),
                ctypes.byref(error)), error)
        else:
            if discovery and language_model is None:
                raise ValueError("discovery=True needs a data_dir or a "
                                 "language_model")
            options = ctypes.c_void_p(lib.options_new())
            if not options:
                raise UnspinError(Code.OUT_OF_MEMORY, "out of memory")
        try:
            self._configure(lib, options, tables, allowlists, allow,
                            min_confidence, domains, invalid_utf8, hunspell,
                            irregular, morphology_cache, language_model,
                            thesaurus)
            handle = ctypes.c_void_p()
            _check(lib.detector_new(options, ctypes.byref(handle),
                                    ctypes.byref(error)), error)
        finally:
            lib.options_free(options)
        self._handle = handle
        # Frees the C detector when the object is collected or at exit.
        self._finalizer = weakref.finalize(self, lib.detector_free, handle)

    @staticmethod
    def _configure(lib, options, tables, allowlists, allow, min_confidence,
                   domains, invalid_utf8, hunspell, irregular,
                   morphology_cache, language_model, thesaurus):
        if isinstance(tables, (str, bytes, os.PathLike)):
            raise TypeError("tables is a list of paths or (name, text) pairs")
        for table in tables:
            if isinstance(table, tuple):
                name, text = table
                data = _utf8(text)
                _check_setter(lib.options_add_table_text(
                    options, _utf8(name), data, len(data)), "table %s" % name)
            else:
                _check_setter(lib.options_add_table_file(
                    options, _path(table), None), "table %s" % table)
        for path in ([allowlists] if isinstance(allowlists, (str, bytes, os.PathLike))
                     else allowlists):
            _check_setter(lib.options_add_allowlist_file(
                options, _path(path), None), "allowlist %s" % path)
        for phrase in [allow] if isinstance(allow, str) else allow:
            _check_setter(lib.options_add_allow_phrase(options, _utf8(phrase)),
                          "allow")
        if min_confidence is not None:
            _check_setter(lib.options_set_min_confidence(
                options, float(min_confidence)), "min_confidence")
        for domain in [domains] if isinstance(domains, str) else domains:
            _check_setter(lib.options_add_domain(options, _utf8(domain)),
                          "domain")
        if invalid_utf8 == "replace":
            _check_setter(lib.options_set_invalid_utf8_replace(options, 1),
                          "invalid_utf8")
        if hunspell is not None:
            aff, dic = hunspell
            _check_setter(lib.options_set_hunspell(
                options, _path(aff), _path(dic)), "hunspell")
        if irregular is not None:
            _check_setter(lib.options_add_irregular_file(
                options, _path(irregular), None), "irregular")
        if morphology_cache is not None:
            _check_setter(lib.options_set_morphology_cache(
                options, _path(morphology_cache)), "morphology_cache")
        if language_model is not None:
            _check_setter(lib.options_set_language_model(
                options, _path(language_model),
                None if thesaurus is None else _path(thesaurus)),
                "language_model")

    def _live(self):
        if self._handle is None or not self._finalizer.alive:
            raise ValueError("the Detector is closed")
        return self._handle

    @property
    def entry_count(self) -> int:
        """Number of active table entries."""
        return self._lib.detector_entry_count(self._live())

    @staticmethod
    def _flags(rewrite_attributes: bool, inline_config: bool) -> int:
        return ((_capi.REWRITE_ATTRIBUTES if rewrite_attributes else 0) |
                (0 if inline_config else _capi.NO_INLINE_CONFIG))

    def scan(self, text: Text, markup: Union[Markup, str] = "text", *,
             rewrite_attributes: bool = False,
             inline_config: bool = True) -> ScanResult:
        """Scans ``text`` (``str``, or UTF-8 ``bytes``) and returns its
        findings and verdict.

        ``markup``: ``"text"`` (default), ``"markdown"`` or ``"html"`` (or a
        :class:`Markup`); for Markdown and HTML only the prose is scanned
        and offsets point into the document. ``rewrite_attributes``: also
        mark alt and title text rewritable. ``inline_config=False`` ignores
        the document's ``unspin-disable`` comments.

        Raises :class:`UnspinError`: ``INVALID_UTF8`` (bytes that are not
        UTF-8, naming the byte offset, unless built with
        ``invalid_utf8="replace"``), ``INVALID_ARGUMENT`` (a Markdown or
        HTML document of 2 GiB or more), ``INTERNAL``, ``OUT_OF_MEMORY``;
        ``ValueError`` for an unknown markup. Linear in the text's length.
        """
        data = _utf8(text)
        result = ctypes.c_void_p()
        error = ctypes.c_void_p()
        _check(self._lib.detector_scan_markup(
            self._live(), data, len(data), _markup(markup),
            self._flags(rewrite_attributes, inline_config),
            ctypes.byref(result), ctypes.byref(error)), error)
        try:
            return self._convert(result, data if isinstance(text, str)
                                 else None)
        finally:
            self._lib.result_free(result)

    def _convert(self, result, data: Optional[bytes]) -> ScanResult:
        lib = self._lib
        findings = []
        # Code-point offsets, counted incrementally (findings are ordered
        # by begin and do not overlap). For bytes input, the bytes are the
        # text: char offsets are the byte offsets.
        chars, last = 0, 0
        for i in range(lib.result_count(result)):
            begin, end = lib.finding_begin(result, i), lib.finding_end(result, i)
            if data is not None:
                chars += len(data[last:begin].decode("utf-8", "replace"))
                char_begin = chars
                chars += len(data[begin:end].decode("utf-8", "replace"))
                char_end, last = chars, end
            else:
                char_begin, char_end = begin, end
            findings.append(Finding(
                begin=begin, end=end, char_begin=char_begin,
                char_end=char_end, line=lib.finding_line(result, i),
                column=lib.finding_column(result, i),
                text=_decode(lib.finding_text(result, i)),
                suggestion=_decode(lib.finding_suggestion(result, i)),
                confidence=lib.finding_confidence(result, i),
                source=_decode(lib.finding_source(result, i)),
                rewritable=bool(lib.finding_rewritable(result, i)),
                alternatives=tuple(
                    _decode(lib.finding_alternative(result, i, j))
                    for j in range(lib.finding_alternative_count(result, i))),
                entry_spun=_decode(lib.finding_entry_spun(result, i)) or "",
                entry_canonical=_decode(
                    lib.finding_entry_canonical(result, i)) or "",
                explanation=_decode(lib.finding_explanation(result, i)) or ""))
        verdict = Verdict(
            spun_score=lib.result_spun_score(result),
            spun=bool(lib.result_spun(result)),
            words=lib.result_words(result),
            distinct_phrases=lib.result_distinct_phrases(result),
            findings_per_1000_words=lib.result_findings_per_1000_words(result))
        return ScanResult(findings=tuple(findings), verdict=verdict)

    def fix(self, text: Text, markup: Union[Markup, str] = "text", *,
            rewrite_attributes: bool = False,
            inline_config: bool = True) -> Union[str, bytes]:
        """Returns ``text`` with every reported, rewritable finding that has
        a suggestion applied: a ``str`` for a ``str``, ``bytes`` for bytes.
        Arguments and errors as :meth:`scan`."""
        data = _utf8(text)
        out = ctypes.c_void_p()
        out_len = ctypes.c_size_t()
        error = ctypes.c_void_p()
        _check(self._lib.detector_fix_markup(
            self._live(), data, len(data), _markup(markup),
            self._flags(rewrite_attributes, inline_config),
            ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(error)),
            error)
        try:
            fixed = ctypes.string_at(out, out_len.value)
        finally:
            self._lib.string_free(out)
        return fixed.decode("utf-8") if isinstance(
            text, str) else fixed

    def close(self) -> None:
        """Frees the C detector now (it is also freed when the object is
        collected). Idempotent; the Detector cannot be used afterwards."""
        if self._handle is not None:
            self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = ("closed" if self._handle is None or not self._finalizer.alive
                 else "%d entries" % self.entry_count)
        return "<unspin.Detector data_dir=%r, %s>" % (self.data_dir, state)
