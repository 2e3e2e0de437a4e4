/* unspin C API: find spun (synonym-swapped) phrases from C and from FFIs.
   C99 header over the C++ library; opaque handles, explicit ownership. */
#ifndef UNSPIN_UNSPIN_H_
#define UNSPIN_UNSPIN_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions (apply to every function below unless it says otherwise):
 *
 * - Text is UTF-8 given as (pointer, length in bytes); it need not be
 *   NUL-terminated. Strings returned by the library are NUL-terminated UTF-8.
 *   A length no object can have (above PTRDIFF_MAX, or pointer + length past
 *   the end of the address space, e.g. SIZE_MAX) is UNSPIN_INVALID_ARGUMENT;
 *   the text is then not read.
 * - Ownership: a function named *_new or returning an object through an
 *   out-parameter transfers ownership to the caller, who releases it with the
 *   matching *_free (each *_free accepts NULL). `const char*` results are
 *   borrowed: they stay valid until the object they came from is freed.
 * - Errors: fallible functions return an unspin_code. When the code is not
 *   UNSPIN_OK and `error` is not NULL, *error receives a new unspin_error
 *   (free it with unspin_error_free); it may still be NULL when memory ran
 *   out. On success *error is set to NULL. Out-parameters are left NULL/0 on
 *   failure. No function aborts, prints or lets a C++ exception escape.
 * - Thread-safety: an unspin_detector is immutable once created; scan and fix
 *   may be called on the same detector from many threads at once. Options,
 *   results and errors are plain objects: use each from one thread at a time
 *   (reading a result from several threads at once is fine).
 */

/** Error codes; the numeric values are stable. */
typedef enum unspin_code {
  UNSPIN_OK = 0,
  UNSPIN_INVALID_ARGUMENT = 1, /**< an option or argument is out of range */
  UNSPIN_IO_ERROR = 2,         /**< a file could not be opened or read */
  UNSPIN_PARSE_ERROR = 3,      /**< a data file line is malformed (file:line) */
  UNSPIN_INVALID_UTF8 = 4,     /**< text is not valid UTF-8 (byte offset) */
  UNSPIN_INTERNAL = 5,         /**< a dependency failed unexpectedly */
  UNSPIN_OUT_OF_MEMORY = 6     /**< an allocation failed */
} unspin_code;

/** Builder for a detector's configuration (see unspin::Options). */
typedef struct unspin_options unspin_options;
/** A compiled, immutable detector (see unspin::Detector). */
typedef struct unspin_detector unspin_detector;
/** Findings and verdict of one scan. */
typedef struct unspin_result unspin_result;
/** An error: a code plus a human-readable message. */
typedef struct unspin_error unspin_error;

/* ------------------------------------------------------------------ */
/* Library and errors                                                  */

/** Library version "MAJOR.MINOR.PATCH"; static storage, thread-safe. */
const char* unspin_version(void);

/** Short constant name of a code ("UNSPIN_PARSE_ERROR"); static storage,
    thread-safe; "UNSPIN_UNKNOWN" for values outside the enum. */
const char* unspin_code_name(unspin_code code);

/** The error's code. `error` NULL: UNSPIN_OK. */
unspin_code unspin_error_code(const unspin_error* error);

/** The error's message, e.g. "news.tsv:17: expected 2-5 tab-separated
    fields, found 1" or "invalid UTF-8 at byte 3". Borrowed from `error`.
    `error` NULL: "". */
const char* unspin_error_message(const unspin_error* error);

/** Releases an error. NULL is fine. */
void unspin_error_free(unspin_error* error);

/** Releases a string returned by the library (unspin_detector_fix). */
void unspin_string_free(char* s);

/* ------------------------------------------------------------------ */
/* Options                                                             */

/** New options with the library defaults: no tables, no morphology,
    min_confidence 0.5, invalid UTF-8 is an error. Returns NULL when memory
    ran out. Owned by the caller: unspin_options_free. */
unspin_options* unspin_options_new(void);

/** Releases options. NULL is fine. A detector made from them stays valid. */
void unspin_options_free(unspin_options* options);

/** Flags of unspin_options_new_from_data_dir (bitwise or; 0: the tables and
    morphology, no discovery). */
enum {
  UNSPIN_DATA_DIR_NO_TABLES = 1, /**< leave out the dictionaries/en tables */
  UNSPIN_DATA_DIR_DISCOVERY = 2  /**< add lm/en-us.lmc and lm/thesaurus.tsv */
};

/** New options for the shipped data in directory `dir` (an installed
    share/unspin or a build tree's data dir), as unspin::options_from_data_dir:
    every .tsv file in dictionaries/en as a table (sorted, named "en/NAME.tsv";
    not with UNSPIN_DATA_DIR_NO_TABLES), the irregular forms, the annotated
    Hunspell dictionary and its paradigm cache when present, and with
    UNSPIN_DATA_DIR_DISCOVERY the language model (required) and thesaurus.
    The other settings are the defaults of unspin_options_new; add tables and
    settings with the functions below. *options is owned by the caller
    (unspin_options_free). Only lists the directory: files are read by
    unspin_detector_new.
    Errors: UNSPIN_IO_ERROR naming the path (`dir` is not a directory,
    dictionaries/en cannot be listed, lm/en-us.lmc is missing),
    UNSPIN_INVALID_ARGUMENT (NULL dir or options, unknown flags),
    UNSPIN_OUT_OF_MEMORY. */
unspin_code unspin_options_new_from_data_dir(const char* dir, unsigned flags,
                                             unspin_options** options,
                                             unspin_error** error);

/*
 * The setters below copy their string arguments and return
 * UNSPIN_INVALID_ARGUMENT when `options` or a required string is NULL,
 * UNSPIN_OUT_OF_MEMORY when copying fails, otherwise UNSPIN_OK. Files are
 * read, and values validated, by unspin_detector_new, which reports bad
 * files and values as errors naming the file:line or the option.
 */

/** Adds a phrase table (TSV, see dictionaries/README.md) read from `path`.
    `name` (used in messages and finding sources) may be NULL: the file name.
    Tables apply in the order added; later ones can switch entries off. */
unspin_code unspin_options_add_table_file(unspin_options* options,
                                          const char* path, const char* name);

/** Adds a phrase table given as in-memory text (`len` bytes), called `name`
    in messages ("mine.tsv:3: ..."). Errors: UNSPIN_INVALID_ARGUMENT (NULL
    options or name, NULL text with len > 0, an impossible len),
    UNSPIN_OUT_OF_MEMORY. */
unspin_code unspin_options_add_table_text(unspin_options* options,
                                          const char* name, const char* text,
                                          size_t len);

/** Adds an allowlist file (one phrase per line, '#' comments): findings that
    overlap an allowlisted phrase are dropped. `name` may be NULL. */
unspin_code unspin_options_add_allowlist_file(unspin_options* options,
                                              const char* path,
                                              const char* name);

/** Allowlists one phrase (NUL-terminated UTF-8). */
unspin_code unspin_options_add_allow_phrase(unspin_options* options,
                                            const char* phrase);

/** Uses a Hunspell dictionary with morphological fields (the annotated
    share/unspin/hunspell/en_US.{aff,dic}) so inflected forms match
    ("bad guy gangs" for the entry "bad guy gang"). Both NULL: none (default).
 */
unspin_code unspin_options_set_hunspell(unspin_options* options,
                                        const char* aff_path,
                                        const char* dic_path);

/** Turns on discovery of spun phrases no table holds: `lm_path` is the
    language model (share/unspin/lm/en-us.lmc, or an ARPA text model),
    `thesaurus_path` the thesaurus (share/unspin/lm/thesaurus.tsv) or NULL.
    `lm_path` NULL turns discovery off again (default: off). Discovered
    findings have source "discovered:<how>". */
unspin_code unspin_options_set_language_model(unspin_options* options,
                                              const char* lm_path,
                                              const char* thesaurus_path);

/** Uses the paradigms precomputed at build time
    (share/unspin/hunspell/en_US.paradigms) so that creating a detector with
    the shipped tables need not load Hunspell (same results, faster). NULL:
    none (default). */
unspin_code unspin_options_set_morphology_cache(unspin_options* options,
                                                const char* path);

/** Adds the irregular-inflections file (TSV: lemma, kind, form). `name` may
    be NULL. At most one: UNSPIN_INVALID_ARGUMENT when one is already set
    (by this call or unspin_options_new_from_data_dir). */
unspin_code unspin_options_add_irregular_file(unspin_options* options,
                                              const char* path,
                                              const char* name);

/** Findings with confidence below `min_confidence` are not reported. Range
    [0, 1] (checked by unspin_detector_new), default 0.5. */
unspin_code unspin_options_set_min_confidence(unspin_options* options,
                                              double min_confidence);

/** Restricts the tables to entries tagged `domain` ("news", "science");
    may be called several times (any of them). None: all entries. A domain
    no table entry is tagged with makes unspin_detector_new fail with
    UNSPIN_INVALID_ARGUMENT. */
unspin_code unspin_options_add_domain(unspin_options* options,
                                      const char* domain);

/** `replace` non-zero: invalid UTF-8 in scanned text is treated as U+FFFD
    (offsets still refer to the caller's bytes). Zero (default): scanning
    invalid UTF-8 fails with UNSPIN_INVALID_UTF8. */
unspin_code unspin_options_set_invalid_utf8_replace(unspin_options* options,
                                                    int replace);

/* ------------------------------------------------------------------ */
/* Detector                                                            */

/** Loads and compiles the tables named in `options` into *detector (owned by
    the caller: unspin_detector_free). `options` is only read and may be
    freed afterwards.
    Errors: UNSPIN_IO_ERROR (unreadable file), UNSPIN_PARSE_ERROR (malformed
    line; message "name:line: what"), UNSPIN_INVALID_ARGUMENT (NULL argument
    or bad option, named in the message: also an unknown domain, or no
    table entry and no discovery), UNSPIN_INTERNAL, UNSPIN_OUT_OF_MEMORY.
    Thread-safe (creation is serialized internally where Hunspell needs it). */
unspin_code unspin_detector_new(const unspin_options* options,
                                unspin_detector** detector,
                                unspin_error** error);

/** Releases a detector. NULL is fine. Must not run concurrently with calls
    that use the same detector. */
void unspin_detector_free(unspin_detector* detector);

/** Number of active table entries. `detector` NULL: 0. Thread-safe. */
size_t unspin_detector_entry_count(const unspin_detector* detector);

/** Scans `len` bytes of UTF-8 `text` into *result (owned by the caller:
    unspin_result_free). `text` may be NULL when `len` is 0. Linear in `len`.
    Errors: UNSPIN_INVALID_UTF8 (message names the byte offset; only when the
    options did not ask for replacement), UNSPIN_INVALID_ARGUMENT (NULL
    detector or result, NULL text with len > 0, an impossible len),
    UNSPIN_INTERNAL, UNSPIN_OUT_OF_MEMORY.
    Thread-safe: many threads may scan with one detector at once. */
unspin_code unspin_detector_scan(const unspin_detector* detector,
                                 const char* text, size_t len,
                                 unspin_result** result, unspin_error** error);

/** Scans `text` and applies every reported finding that has a suggestion:
    *out receives the rewritten text (NUL-terminated, owned by the caller:
    unspin_string_free) and *out_len (may be NULL) its length in bytes.
    Errors: as unspin_detector_scan. Thread-safe like unspin_detector_scan. */
unspin_code unspin_detector_fix(const unspin_detector* detector,
                                const char* text, size_t len, char** out,
                                size_t* out_len, unspin_error** error);

/** What a document is written in (unspin::Markup). For Markdown and HTML
    only the prose is scanned; findings point at the document's bytes, and a
    fix changes prose only. */
typedef enum unspin_markup {
  UNSPIN_MARKUP_TEXT = 0,
  UNSPIN_MARKUP_MARKDOWN = 1,
  UNSPIN_MARKUP_HTML = 2
} unspin_markup;

/** Flag of unspin_detector_scan_markup/unspin_detector_fix_markup: findings
    in image alt text and alt and title attributes are rewritable too. */
#define UNSPIN_REWRITE_ATTRIBUTES 1u
/** Flag of unspin_detector_scan_markup/unspin_detector_fix_markup: the
    document's suppression comments (unspin-disable, unspin-enable,
    unspin-disable-next-line) are not honoured (ScanOptions::inline_config
    off). */
#define UNSPIN_NO_INLINE_CONFIG 2u

/** unspin_detector_scan for a document in `markup` (a Markdown or HTML
    document must be under 2 GiB). `flags`: 0, or UNSPIN_REWRITE_ATTRIBUTES
    and UNSPIN_NO_INLINE_CONFIG or'ed.
    Errors: as unspin_detector_scan, and UNSPIN_INVALID_ARGUMENT for an
    unknown markup or flag. */
unspin_code unspin_detector_scan_markup(const unspin_detector* detector,
                                        const char* text, size_t len,
                                        unspin_markup markup, unsigned flags,
                                        unspin_result** result,
                                        unspin_error** error);

/** unspin_detector_fix for a document in `markup`: only rewritable findings
    are applied (unspin_finding_rewritable). */
unspin_code unspin_detector_fix_markup(const unspin_detector* detector,
                                       const char* text, size_t len,
                                       unspin_markup markup, unsigned flags,
                                       char** out, size_t* out_len,
                                       unspin_error** error);

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* Accessors take the finding's index i in [0, unspin_result_count).
   An out-of-range index or NULL result gives 0, 0.0 or NULL. Returned
   strings are borrowed from the result. */

/** Releases a result. NULL is fine. */
void unspin_result_free(unspin_result* result);

/** Number of findings, ordered by begin offset, non-overlapping. */
size_t unspin_result_count(const unspin_result* result);

/** Byte offsets [begin, end) of the finding in the scanned text. */
size_t unspin_finding_begin(const unspin_result* result, size_t i);
size_t unspin_finding_end(const unspin_result* result, size_t i);

/** 1-based line and column (column counted in code points) of begin. */
size_t unspin_finding_line(const unspin_result* result, size_t i);
size_t unspin_finding_column(const unspin_result* result, size_t i);

/** The flagged text (the original bytes of the span). */
const char* unspin_finding_text(const unspin_result* result, size_t i);

/** The proposed replacement, inflected and capitalized like the span; ""
    means "delete the span"; NULL when the original wording is not known
    (a "?" table entry, or a discovered span whose best guess is uncertain:
    the guesses are then the alternatives). */
const char* unspin_finding_suggestion(const unspin_result* result, size_t i);

/** Probability in [0, 1] that the span is spun and the suggestion restores
    the original (without a suggestion: that the span is spun). */
double unspin_finding_confidence(const unspin_result* result, size_t i);

/** 1 when a fix applies the finding's suggestion, 0 when it is only
    reported (a span across inline markup that the rewrite cannot keep, or
    in alt or title text; the explanation says which) or out of range. */
int unspin_finding_rewritable(const unspin_result* result, size_t i);

/** Where the finding comes from, e.g. "table:news.tsv:41" or
    "discovered:established-term+table". */
const char* unspin_finding_source(const unspin_result* result, size_t i);

/** The table entry's spun and canonical phrases (lemma forms). */
const char* unspin_finding_entry_spun(const unspin_result* result, size_t i);
const char* unspin_finding_entry_canonical(const unspin_result* result,
                                           size_t i);

/** Human-readable evidence behind the confidence. */
const char* unspin_finding_explanation(const unspin_result* result, size_t i);

/** Further suggestions, best first (not including the main one). */
size_t unspin_finding_alternative_count(const unspin_result* result, size_t i);
const char* unspin_finding_alternative(const unspin_result* result, size_t i,
                                       size_t j);

/** Document verdict: score in [0, 1] that the document is spun; spun is 1
    when the score is >= 0.5; words in the document; distinct table entries
    (and discovered originals) among the findings; findings per 1000
    words. */
double unspin_result_spun_score(const unspin_result* result);
int unspin_result_spun(const unspin_result* result);
size_t unspin_result_words(const unspin_result* result);
size_t unspin_result_distinct_phrases(const unspin_result* result);
double unspin_result_findings_per_1000_words(const unspin_result* result);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* UNSPIN_UNSPIN_H_ */
