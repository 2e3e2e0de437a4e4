/* unspin tests: the C API (include/unspin/unspin.h), compiled as C99:
   options, scanning, every finding field, fix, ownership and error paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unspin/unspin.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* Compares NUL-terminated strings; NULL only equals NULL. */
static int same(const char* a, const char* b) {
  if (a == NULL || b == NULL) return a == b;
  return strcmp(a, b) == 0;
}

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

#define CHECK_STR(actual, expected)                                   \
  do {                                                                \
    const char* a_ = (actual);                                        \
    if (!same(a_, (expected))) {                                      \
      fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", __FILE__, \
              __LINE__, #actual, a_ ? a_ : "(null)",                  \
              (expected) ? (const char*)(expected) : "(null)");       \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static const char* const kData = UNSPIN_TEST_DATA_DIR;

/* Options over the hermetic five-line fixture table (no Hunspell). */
static unspin_options* fixture_options(void) {
  char path[4096];
  unspin_options* o = unspin_options_new();
  CHECK(o != NULL);
  snprintf(path, sizeof path, "%s/tables/mini.tsv", kData);
  CHECK(unspin_options_add_table_file(o, path, NULL) == UNSPIN_OK);
  snprintf(path, sizeof path, "%s/tables/forms.tsv", kData);
  CHECK(unspin_options_add_irregular_file(o, path, NULL) == UNSPIN_OK);
  CHECK(unspin_options_set_min_confidence(o, 0.0) == UNSPIN_OK);
  return o;
}

static unspin_detector* make(const unspin_options* o) {
  unspin_detector* d = NULL;
  unspin_error* e = NULL;
  unspin_code code = unspin_detector_new(o, &d, &e);
  if (code != UNSPIN_OK) {
    fprintf(stderr, "unspin_detector_new: %s: %s\n", unspin_code_name(code),
            unspin_error_message(e));
    unspin_error_free(e);
    exit(1);
  }
  CHECK(e == NULL);
  return d;
}

static unspin_result* scan(const unspin_detector* d, const char* text) {
  unspin_result* r = NULL;
  unspin_error* e = NULL;
  unspin_code code = unspin_detector_scan(d, text, strlen(text), &r, &e);
  if (code != UNSPIN_OK) {
    fprintf(stderr, "unspin_detector_scan: %s\n", unspin_error_message(e));
    unspin_error_free(e);
    exit(1);
  }
  return r;
}

static void test_version_and_codes(void) {
  CHECK_STR(unspin_version(), UNSPIN_EXPECTED_VERSION);
  CHECK_STR(unspin_code_name(UNSPIN_OK), "UNSPIN_OK");
  CHECK_STR(unspin_code_name(UNSPIN_PARSE_ERROR), "UNSPIN_PARSE_ERROR");
  CHECK_STR(unspin_code_name((unspin_code)99), "UNSPIN_UNKNOWN");
  CHECK(unspin_error_code(NULL) == UNSPIN_OK);
  CHECK_STR(unspin_error_message(NULL), "");
}

static void test_finding_fields(void) {
  unspin_options* o = fixture_options();
  unspin_detector* d = make(o);
  /* The detector does not depend on the options once made. */
  unspin_options_free(o);
  CHECK(unspin_detector_entry_count(d) == 5);

  const char* text = "Intro.\nThe bad guy gangs met counterfeit consciousness.";
  unspin_result* r = scan(d, text);
  CHECK(unspin_result_count(r) == 2);
  CHECK(unspin_finding_begin(r, 0) == 11);
  CHECK(unspin_finding_end(r, 0) == 24);
  CHECK(unspin_finding_line(r, 0) == 2);
  CHECK(unspin_finding_column(r, 0) == 5);
  CHECK_STR(unspin_finding_text(r, 0), "bad guy gangs");
  CHECK_STR(unspin_finding_suggestion(r, 0), "criminal gangs");
  CHECK_STR(unspin_finding_source(r, 0), "table:mini.tsv:2");
  CHECK_STR(unspin_finding_entry_spun(r, 0), "bad guy gang");
  CHECK_STR(unspin_finding_entry_canonical(r, 0), "criminal gang");
  CHECK(unspin_finding_confidence(r, 0) > 0.5);
  CHECK(unspin_finding_confidence(r, 0) <= 1.0);
  CHECK(unspin_finding_explanation(r, 0) != NULL);
  CHECK(unspin_finding_alternative_count(r, 0) == 0);
  CHECK(unspin_finding_alternative(r, 0, 0) == NULL);
  CHECK_STR(unspin_finding_text(r, 1), "counterfeit consciousness");
  CHECK_STR(unspin_finding_suggestion(r, 1), "artificial intelligence");

  CHECK(unspin_result_words(r) == 8);
  CHECK(unspin_result_distinct_phrases(r) == 2);
  CHECK(unspin_result_spun(r) == 1);
  CHECK(unspin_result_spun_score(r) >= 0.5);
  CHECK(unspin_result_findings_per_1000_words(r) == 250.0);

  /* Out-of-range indexes give zeros and NULLs, never a crash. */
  CHECK(unspin_finding_begin(r, 2) == 0);
  CHECK(unspin_finding_text(r, 2) == NULL);
  CHECK(unspin_finding_suggestion(r, 99) == NULL);
  CHECK(unspin_result_count(NULL) == 0);
  CHECK(unspin_finding_text(NULL, 0) == NULL);
  unspin_result_free(r);

  r = scan(d, "A perfectly ordinary sentence.");
  CHECK(unspin_result_count(r) == 0);
  CHECK(unspin_result_spun(r) == 0);
  unspin_result_free(r);

  /* Empty text, even as NULL with length 0, is valid. */
  unspin_result* empty = NULL;
  CHECK(unspin_detector_scan(d, NULL, 0, &empty, NULL) == UNSPIN_OK);
  CHECK(unspin_result_count(empty) == 0);
  unspin_result_free(empty);
  unspin_detector_free(d);
}

static void test_alternatives_and_unknown_canonicals(void) {
  static const char table[] =
      "fog computing\tcloud computing|edge computing\t0.9\n"
      "weird term\t?\t0.9\n"
      "actually\t<delete>\t0.9\n";
  unspin_options* o = unspin_options_new();
  CHECK(unspin_options_add_table_text(o, "t.tsv", table, strlen(table)) ==
        UNSPIN_OK);
  unspin_detector* d = make(o);
  unspin_options_free(o);
  unspin_result* r = scan(d, "Fog computing is a weird term, actually.");
  CHECK(unspin_result_count(r) == 3);
  CHECK_STR(unspin_finding_suggestion(r, 0), "Cloud computing");
  CHECK(unspin_finding_alternative_count(r, 0) == 1);
  CHECK_STR(unspin_finding_alternative(r, 0, 0), "Edge computing");
  /* "?": the original wording is unknown, so there is no suggestion. */
  CHECK_STR(unspin_finding_text(r, 1), "weird term");
  CHECK(unspin_finding_suggestion(r, 1) == NULL);
  /* "<delete>": the suggestion is the empty string. */
  CHECK_STR(unspin_finding_suggestion(r, 2), "");
  CHECK_STR(unspin_finding_source(r, 2), "table:t.tsv:3");
  unspin_result_free(r);
  unspin_detector_free(d);
}

static void test_fix(void) {
  unspin_options* o = fixture_options();
  unspin_detector* d = make(o);
  unspin_options_free(o);
  const char* text = "Police eliminated two bad guy gangs.";
  char* out = NULL;
  size_t out_len = 0;
  unspin_error* e = NULL;
  CHECK(unspin_detector_fix(d, text, strlen(text), &out, &out_len, &e) ==
        UNSPIN_OK);
  CHECK(e == NULL);
  CHECK_STR(out, "Police killed two criminal gangs.");
  CHECK(out != NULL && out_len == strlen(out));
  unspin_string_free(out);
  /* out_len is optional. */
  CHECK(unspin_detector_fix(d, "ok", 2, &out, NULL, NULL) == UNSPIN_OK);
  CHECK_STR(out, "ok");
  unspin_string_free(out);
  unspin_detector_free(d);
}

static void test_markup(void) {
  unspin_options* o = fixture_options();
  unspin_detector* d = make(o);
  unspin_options_free(o);
  const char* md =
      "Bad guy gangs ran `bad guy gangs` and "
      "![bad guy gangs](https://x.test/bad-guy-gangs).\n";
  unspin_result* r = NULL;
  unspin_error* e = NULL;
  CHECK(unspin_detector_scan_markup(d, md, strlen(md), UNSPIN_MARKUP_MARKDOWN,
                                    0, &r, &e) == UNSPIN_OK);
  CHECK(e == NULL);
  /* The prose and the alt text; not the code span, not the URL. */
  CHECK(unspin_result_count(r) == 2);
  CHECK(unspin_finding_begin(r, 0) == 0);
  CHECK(unspin_finding_rewritable(r, 0) == 1);
  CHECK_STR(unspin_finding_text(r, 1), "bad guy gangs");
  CHECK(unspin_finding_column(r, 1) == 41);
  CHECK(unspin_finding_rewritable(r, 1) == 0);
  CHECK(unspin_finding_rewritable(r, 2) == 0); /* out of range */
  unspin_result_free(r);
  char* out = NULL;
  CHECK(unspin_detector_fix_markup(d, md, strlen(md), UNSPIN_MARKUP_MARKDOWN, 0,
                                   &out, NULL, NULL) == UNSPIN_OK);
  CHECK_STR(out,
            "Criminal gangs ran `bad guy gangs` and "
            "![bad guy gangs](https://x.test/bad-guy-gangs).\n");
  unspin_string_free(out);
  CHECK(unspin_detector_fix_markup(d, md, strlen(md), UNSPIN_MARKUP_MARKDOWN,
                                   UNSPIN_REWRITE_ATTRIBUTES, &out, NULL,
                                   NULL) == UNSPIN_OK);
  CHECK(contains(out, "![criminal gangs]"));
  unspin_string_free(out);
  const char* html = "<p title=\"bad guy gangs\">bad guy gangs</p>";
  CHECK(unspin_detector_fix_markup(d, html, strlen(html), UNSPIN_MARKUP_HTML, 0,
                                   &out, NULL, NULL) == UNSPIN_OK);
  CHECK_STR(out, "<p title=\"bad guy gangs\">criminal gangs</p>");
  unspin_string_free(out);
  /* Suppression comments are honoured unless UNSPIN_NO_INLINE_CONFIG. */
  const char* off = "<!-- unspin-disable -->\n<p>bad guy gangs</p>";
  CHECK(unspin_detector_fix_markup(d, off, strlen(off), UNSPIN_MARKUP_HTML, 0,
                                   &out, NULL, NULL) == UNSPIN_OK);
  CHECK_STR(out, off);
  unspin_string_free(out);
  CHECK(unspin_detector_fix_markup(d, off, strlen(off), UNSPIN_MARKUP_HTML,
                                   UNSPIN_NO_INLINE_CONFIG, &out, NULL,
                                   NULL) == UNSPIN_OK);
  CHECK_STR(out, "<!-- unspin-disable -->\n<p>criminal gangs</p>");
  unspin_string_free(out);
  /* Unknown markup or flag. */
  CHECK(unspin_detector_scan_markup(d, md, strlen(md), (unspin_markup)9, 0, &r,
                                    &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(e != NULL && contains(unspin_error_message(e), "unknown markup"));
  unspin_error_free(e);
  CHECK(unspin_detector_fix_markup(d, md, strlen(md), UNSPIN_MARKUP_HTML, 8,
                                   &out, NULL,
                                   NULL) == UNSPIN_INVALID_ARGUMENT);
  unspin_detector_free(d);
}

static void test_domains_and_allowlist(void) {
  unspin_options* o = fixture_options();
  CHECK(unspin_options_add_domain(o, "science") == UNSPIN_OK);
  unspin_detector* d = make(o);
  unspin_result* r = scan(d, "bad guy gangs and counterfeit consciousness");
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_text(r, 0), "counterfeit consciousness");
  unspin_result_free(r);
  unspin_detector_free(d);
  unspin_options_free(o);

  o = fixture_options();
  CHECK(unspin_options_add_allow_phrase(o, "counterfeit consciousness") ==
        UNSPIN_OK);
  d = make(o);
  r = scan(d, "bad guy gangs and counterfeit consciousness");
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_text(r, 0), "bad guy gangs");
  unspin_result_free(r);
  unspin_detector_free(d);
  unspin_options_free(o);
}

static void test_invalid_utf8(void) {
  static const char bad[] = "bad guy gangs \xC0\xAF and more";
  unspin_options* o = fixture_options();
  unspin_detector* d = make(o);
  unspin_result* r = NULL;
  unspin_error* e = NULL;
  CHECK(unspin_detector_scan(d, bad, strlen(bad), &r, &e) ==
        UNSPIN_INVALID_UTF8);
  CHECK(r == NULL);
  CHECK(unspin_error_code(e) == UNSPIN_INVALID_UTF8);
  CHECK(contains(unspin_error_message(e), "byte 14"));
  unspin_error_free(e);

  char* out = (char*)"untouched";
  e = NULL;
  CHECK(unspin_detector_fix(d, bad, strlen(bad), &out, NULL, &e) ==
        UNSPIN_INVALID_UTF8);
  CHECK(out == NULL);
  CHECK(contains(unspin_error_message(e), "byte 14"));
  unspin_error_free(e);
  unspin_detector_free(d);

  /* With the replace policy the valid part is still scanned. */
  CHECK(unspin_options_set_invalid_utf8_replace(o, 1) == UNSPIN_OK);
  d = make(o);
  unspin_options_free(o);
  r = scan(d, bad);
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_text(r, 0), "bad guy gangs");
  unspin_result_free(r);
  unspin_detector_free(d);
}

static void test_creation_errors(void) {
  char path[4096];
  unspin_detector* d = (unspin_detector*)&path; /* must be reset to NULL */
  unspin_error* e = NULL;

  /* Malformed table: parse error naming file and line. */
  unspin_options* o = unspin_options_new();
  snprintf(path, sizeof path, "%s/tables/malformed.tsv", kData);
  CHECK(unspin_options_add_table_file(o, path, NULL) == UNSPIN_OK);
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_PARSE_ERROR);
  CHECK(d == NULL);
  CHECK(unspin_error_code(e) == UNSPIN_PARSE_ERROR);
  CHECK_STR(unspin_error_message(e),
            "malformed.tsv:2: expected 2-5 tab-separated fields, found 1");
  unspin_error_free(e);
  unspin_options_free(o);

  /* In-memory table: the message uses the given name. */
  o = unspin_options_new();
  CHECK(unspin_options_add_table_text(o, "mine.tsv", "a\tb\n\nbroken\n", 12) ==
        UNSPIN_OK);
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_PARSE_ERROR);
  CHECK(contains(unspin_error_message(e), "mine.tsv:3:"));
  unspin_error_free(e);
  unspin_options_free(o);

  /* Missing file: I/O error naming the path. */
  o = unspin_options_new();
  CHECK(unspin_options_add_table_file(o, "/nonexistent/x.tsv", NULL) ==
        UNSPIN_OK);
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_IO_ERROR);
  CHECK(contains(unspin_error_message(e), "/nonexistent/x.tsv"));
  unspin_error_free(e);
  unspin_options_free(o);

  /* Bad option value: names the option. The error out-param is optional. */
  o = fixture_options();
  CHECK(unspin_options_set_min_confidence(o, 1.5) == UNSPIN_OK);
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(contains(unspin_error_message(e), "min_confidence"));
  unspin_error_free(e);
  CHECK(unspin_detector_new(o, &d, NULL) == UNSPIN_INVALID_ARGUMENT);
  CHECK(d == NULL);
  unspin_options_free(o);

  /* NULL arguments. */
  CHECK(unspin_detector_new(NULL, &d, &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_error_code(e) == UNSPIN_INVALID_ARGUMENT);
  unspin_error_free(e);
  CHECK(unspin_options_add_table_file(NULL, "x", NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  o = unspin_options_new();
  CHECK(unspin_options_add_table_file(o, NULL, NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_add_table_text(o, "t", NULL, 3) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_set_hunspell(o, "only.aff", NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_add_domain(o, NULL) == UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_add_allow_phrase(o, NULL) == UNSPIN_INVALID_ARGUMENT);
  /* No tables: the detector could find nothing, which is refused. */
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(contains(unspin_error_message(e), "Options::tables is empty"));
  unspin_error_free(e);
  e = NULL;
  CHECK(unspin_options_add_table_text(o, "t.tsv", "x y\tz\n", 6) == UNSPIN_OK);
  d = make(o);
  unspin_result* r = (unspin_result*)&path;
  CHECK(unspin_detector_scan(d, NULL, 5, &r, &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(r == NULL);
  unspin_error_free(e);
  CHECK(unspin_detector_scan(NULL, "x", 1, &r, NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_detector_scan(d, "x", 1, NULL, NULL) == UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_detector_fix(d, "x", 1, NULL, NULL, NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  /* Lengths no object can have (above PTRDIFF_MAX, or running past the end
     of the address space) are invalid arguments, never read. */
  {
    const size_t huge[] = {(size_t)-1, (size_t)-1 / 2 + 1, (size_t)-1 - 16};
    size_t k;
    for (k = 0; k < sizeof huge / sizeof huge[0]; ++k) {
      char* fixed = NULL;
      r = NULL;
      CHECK(unspin_options_add_table_text(o, "t", "x\ty\n", huge[k]) ==
            UNSPIN_INVALID_ARGUMENT);
      CHECK(unspin_detector_scan(d, "x", huge[k], &r, &e) ==
            UNSPIN_INVALID_ARGUMENT);
      CHECK(r == NULL);
      CHECK(unspin_error_code(e) == UNSPIN_INVALID_ARGUMENT);
      CHECK(contains(unspin_error_message(e), "length"));
      unspin_error_free(e);
      CHECK(unspin_detector_fix(d, "x", huge[k], &fixed, NULL, &e) ==
            UNSPIN_INVALID_ARGUMENT);
      CHECK(fixed == NULL);
      unspin_error_free(e);
    }
  }
  unspin_detector_free(d);
  unspin_options_free(o);

  /* Every *_free accepts NULL. */
  unspin_options_free(NULL);
  unspin_detector_free(NULL);
  unspin_result_free(NULL);
  unspin_error_free(NULL);
  unspin_string_free(NULL);
}

/* The shipped data with Hunspell morphology, as users set it up. */
static void test_shipped_data(void) {
  char aff[4096], dic[4096], table[4096], irregular[4096], paradigms[4096];
  snprintf(paradigms, sizeof paradigms, "%s/hunspell/en_US.paradigms",
           UNSPIN_BUILD_DATA_DIR);
  snprintf(aff, sizeof aff, "%s/hunspell/en_US.aff", UNSPIN_BUILD_DATA_DIR);
  snprintf(dic, sizeof dic, "%s/hunspell/en_US.dic", UNSPIN_BUILD_DATA_DIR);
  snprintf(table, sizeof table, "%s/dictionaries/en/news.tsv",
           UNSPIN_BUILD_DATA_DIR);
  snprintf(irregular, sizeof irregular,
           "%s/dictionaries/morphology/en_irregular.tsv",
           UNSPIN_BUILD_DATA_DIR);
  unspin_options* o = unspin_options_new();
  CHECK(unspin_options_add_table_file(o, table, NULL) == UNSPIN_OK);
  CHECK(unspin_options_add_irregular_file(o, irregular, NULL) == UNSPIN_OK);
  CHECK(unspin_options_set_hunspell(o, aff, dic) == UNSPIN_OK);
  CHECK(unspin_options_set_morphology_cache(o, paradigms) == UNSPIN_OK);
  unspin_detector* d = make(o);
  unspin_options_free(o);
  unspin_result* r = scan(d, "bad guy gangs");
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_suggestion(r, 0), "criminal gangs");
  CHECK(contains(unspin_finding_source(r, 0), "table:news.tsv:"));
  unspin_result_free(r);
  unspin_detector_free(d);
}

/* Options from a data directory: the shipped one, then the error paths. */
static void test_options_from_data_dir(void) {
  static const char kMine[] = "bad guy gang\tcriminal gang\t0.9\n";
  unspin_options* o = NULL;
  unspin_error* e = NULL;
  char irregular[4096], missing[4096];
  unspin_detector* d;
  unspin_result* r;
  CHECK(unspin_options_new_from_data_dir(UNSPIN_BUILD_DATA_DIR, 0, &o, &e) ==
        UNSPIN_OK);
  CHECK(o != NULL);
  CHECK(e == NULL);
  /* The data dir set the irregular forms: a second file is refused. */
  snprintf(irregular, sizeof irregular, "%s/tables/forms.tsv", kData);
  CHECK(unspin_options_add_irregular_file(o, irregular, NULL) ==
        UNSPIN_INVALID_ARGUMENT);
  d = make(o);
  unspin_options_free(o);
  r = scan(d, "bad guy gangs");
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_suggestion(r, 0), "criminal gangs");
  CHECK(contains(unspin_finding_source(r, 0), "table:en/news.tsv:"));
  unspin_result_free(r);
  unspin_detector_free(d);

  /* Without the tables: morphology only. A detector could find nothing,
     so it is refused until a table of one's own is added. */
  o = NULL;
  CHECK(unspin_options_new_from_data_dir(UNSPIN_BUILD_DATA_DIR,
                                         UNSPIN_DATA_DIR_NO_TABLES, &o,
                                         &e) == UNSPIN_OK);
  d = NULL;
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_INVALID_ARGUMENT);
  CHECK(d == NULL);
  CHECK(contains(unspin_error_message(e), "Options::tables is empty"));
  unspin_error_free(e);
  e = NULL;
  CHECK(unspin_options_add_table_text(o, "mine.tsv", kMine, strlen(kMine)) ==
        UNSPIN_OK);
  d = make(o);
  unspin_options_free(o);
  CHECK(unspin_detector_entry_count(d) == 1);
  r = scan(d, "The bad guy gangs left.");
  CHECK(unspin_result_count(r) == 1);
  unspin_result_free(r);
  unspin_detector_free(d);

  /* A missing directory: an I/O error naming it, no options. */
  snprintf(missing, sizeof missing, "%s/no-such-dir", kData);
  o = NULL;
  CHECK(unspin_options_new_from_data_dir(missing, 0, &o, &e) ==
        UNSPIN_IO_ERROR);
  CHECK(o == NULL);
  CHECK(unspin_error_code(e) == UNSPIN_IO_ERROR);
  CHECK(contains(unspin_error_message(e), missing));
  unspin_error_free(e);
  e = NULL;

  /* tests/data has no lm/: discovery names the missing model. */
  CHECK(unspin_options_new_from_data_dir(
            kData, UNSPIN_DATA_DIR_NO_TABLES | UNSPIN_DATA_DIR_DISCOVERY, &o,
            &e) == UNSPIN_IO_ERROR);
  CHECK(o == NULL);
  CHECK(contains(unspin_error_message(e), "lm/en-us.lmc: missing"));
  unspin_error_free(e);
  e = NULL;

  /* Bad arguments. */
  CHECK(unspin_options_new_from_data_dir(NULL, 0, &o, &e) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(contains(unspin_error_message(e), "must not be NULL"));
  unspin_error_free(e);
  CHECK(unspin_options_new_from_data_dir(UNSPIN_BUILD_DATA_DIR, 0, NULL,
                                         NULL) == UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_new_from_data_dir(UNSPIN_BUILD_DATA_DIR, 64u, &o,
                                         NULL) == UNSPIN_INVALID_ARGUMENT);
  CHECK(o == NULL);
}

/* Discovery on the tiny fixture LM: a phrase no table holds. */
static void test_discovery(void) {
  char table[4096], lm[4096], th[4096];
  unspin_options* o = unspin_options_new();
  unspin_detector* d = NULL;
  unspin_error* e = NULL;
  unspin_result* r;
  snprintf(table, sizeof table, "%s/discovery/tiny_table.tsv", kData);
  snprintf(lm, sizeof lm, "%s/discovery/tiny.arpa", kData);
  snprintf(th, sizeof th, "%s/discovery/tiny_thesaurus.tsv", kData);
  CHECK(unspin_options_add_table_file(o, table, NULL) == UNSPIN_OK);
  CHECK(unspin_options_set_language_model(o, NULL, th) ==
        UNSPIN_INVALID_ARGUMENT);
  CHECK(unspin_options_set_language_model(o, lm, th) == UNSPIN_OK);
  d = make(o);
  r = scan(d, "We use profound learning.");
  CHECK(unspin_result_count(r) == 1);
  CHECK_STR(unspin_finding_text(r, 0), "profound learning");
  /* Likely spun, original uncertain: flagged, the guess an alternative. */
  CHECK_STR(unspin_finding_suggestion(r, 0), NULL);
  CHECK_STR(unspin_finding_alternative(r, 0, 0), "deep learning");
  CHECK(contains(unspin_finding_source(r, 0), "discovered:"));
  unspin_result_free(r);
  unspin_detector_free(d);

  /* Off again; and a missing model is an I/O error at creation. */
  CHECK(unspin_options_set_language_model(o, NULL, NULL) == UNSPIN_OK);
  d = make(o);
  r = scan(d, "We use profound learning.");
  CHECK(unspin_result_count(r) == 0);
  unspin_result_free(r);
  unspin_detector_free(d);
  d = NULL;
  CHECK(unspin_options_set_language_model(o, "no-such.lmc", NULL) == UNSPIN_OK);
  CHECK(unspin_detector_new(o, &d, &e) == UNSPIN_IO_ERROR);
  CHECK(d == NULL);
  CHECK(contains(unspin_error_message(e), "no-such.lmc"));
  unspin_error_free(e);
  unspin_options_free(o);
}

int main(void) {
  test_version_and_codes();
  test_finding_fields();
  test_alternatives_and_unknown_canonicals();
  test_fix();
  test_markup();
  test_domains_and_allowlist();
  test_invalid_utf8();
  test_creation_errors();
  test_shipped_data();
  test_options_from_data_dir();
  test_discovery();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C API: all checks passed\n");
  return 0;
}
