// unspin C API (include/unspin/unspin.h): thin wrappers over the C++ API.
// Every entry point catches all exceptions; nothing escapes into C.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "unspin/unspin.h"
#include "unspin/unspin.hpp"

struct unspin_options {
  unspin::Options options;
};

struct unspin_detector {
  unspin::Detector detector;
};

struct unspin_result {
  unspin::ScanResult scan;
};

struct unspin_error {
  unspin_code code;
  std::string message;
};

namespace {

unspin_code to_code(unspin::ErrorCode code) {
  switch (code) {
    case unspin::ErrorCode::kOk:
      return UNSPIN_OK;
    case unspin::ErrorCode::kInvalidArgument:
      return UNSPIN_INVALID_ARGUMENT;
    case unspin::ErrorCode::kIoError:
      return UNSPIN_IO_ERROR;
    case unspin::ErrorCode::kParseError:
      return UNSPIN_PARSE_ERROR;
    case unspin::ErrorCode::kInvalidUtf8:
      return UNSPIN_INVALID_UTF8;
    case unspin::ErrorCode::kInternal:
      return UNSPIN_INTERNAL;
  }
  return UNSPIN_INTERNAL;
}

// Stores a new error in *error (when asked for) and returns `code`.
unspin_code Fail(unspin_error** error, unspin_code code, std::string message) {
  if (error != nullptr) {
    *error = new (std::nothrow) unspin_error{code, {}};
    if (*error != nullptr) {
      try {
        (*error)->message = std::move(message);
      } catch (...) {
        // Out of memory for the message: keep the code, empty message.
      }
    }
  }
  return code;
}

unspin_code Fail(unspin_error** error, const unspin::Status& status) {
  return Fail(error, to_code(status.code()), status.message());
}

// The error for an exception caught at the boundary.
unspin_code fail_current(unspin_error** error) {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Fail(error, UNSPIN_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return Fail(error, UNSPIN_INTERNAL, e.what());
  } catch (...) {
    return Fail(error, UNSPIN_INTERNAL, "unknown exception");
  }
}

void clear_error(unspin_error** error) {
  if (error != nullptr) *error = nullptr;
}

// Runs a setter body; maps exceptions (only bad_alloc is expected) to codes.
template <class F>
unspin_code Set(unspin_options* options, F&& body) {
  if (options == nullptr) return UNSPIN_INVALID_ARGUMENT;
  try {
    return body(options->options);
  } catch (const std::bad_alloc&) {
    return UNSPIN_OUT_OF_MEMORY;
  } catch (...) {
    return UNSPIN_INTERNAL;
  }
}

const unspin::Finding* At(const unspin_result* result, size_t i) {
  if (result == nullptr || i >= result->scan.findings.size()) return nullptr;
  return &result->scan.findings[i];
}

// False for a length no object at `text` can have: above PTRDIFF_MAX, or
// running past the end of the address space. (std::string would throw
// length_error, a scan would read unmapped memory.)
bool possible_length(const char* text, size_t len) {
  return len <= static_cast<size_t>(PTRDIFF_MAX) &&
         reinterpret_cast<uintptr_t>(text) <= UINTPTR_MAX - len;
}

std::string_view View(const char* text, size_t len) {
  return len == 0 ? std::string_view() : std::string_view(text, len);
}

}  // namespace

extern "C" {

const char* unspin_version(void) { return unspin::version(); }

const char* unspin_code_name(unspin_code code) {
  switch (code) {
    case UNSPIN_OK:
      return "UNSPIN_OK";
    case UNSPIN_INVALID_ARGUMENT:
      return "UNSPIN_INVALID_ARGUMENT";
    case UNSPIN_IO_ERROR:
      return "UNSPIN_IO_ERROR";
    case UNSPIN_PARSE_ERROR:
      return "UNSPIN_PARSE_ERROR";
    case UNSPIN_INVALID_UTF8:
      return "UNSPIN_INVALID_UTF8";
    case UNSPIN_INTERNAL:
      return "UNSPIN_INTERNAL";
    case UNSPIN_OUT_OF_MEMORY:
      return "UNSPIN_OUT_OF_MEMORY";
  }
  return "UNSPIN_UNKNOWN";
}

unspin_code unspin_error_code(const unspin_error* error) {
  return error == nullptr ? UNSPIN_OK : error->code;
}

const char* unspin_error_message(const unspin_error* error) {
  return error == nullptr ? "" : error->message.c_str();
}

void unspin_error_free(unspin_error* error) { delete error; }

void unspin_string_free(char* s) { std::free(s); }

unspin_options* unspin_options_new(void) {
  return new (std::nothrow) unspin_options();
}

void unspin_options_free(unspin_options* options) { delete options; }

unspin_code unspin_options_new_from_data_dir(const char* dir, unsigned flags,
                                             unspin_options** options,
                                             unspin_error** error) {
  clear_error(error);
  if (options != nullptr) *options = nullptr;
  if (dir == nullptr || options == nullptr) {
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                "unspin_options_new_from_data_dir: dir and options must not "
                "be NULL");
  }
  constexpr unsigned kKnown =
      UNSPIN_DATA_DIR_NO_TABLES | UNSPIN_DATA_DIR_DISCOVERY;
  if ((flags & ~kKnown) != 0) {
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                "unspin_options_new_from_data_dir: unknown flags " +
                    std::to_string(flags & ~kKnown));
  }
  try {
    unspin::DataDirOptions what;
    what.tables = (flags & UNSPIN_DATA_DIR_NO_TABLES) == 0;
    what.discovery = (flags & UNSPIN_DATA_DIR_DISCOVERY) != 0;
    unspin::Result<unspin::Options> made =
        unspin::options_from_data_dir(dir, what);
    if (!made.ok()) return Fail(error, made.status());
    *options = new unspin_options{std::move(made).value()};
    return UNSPIN_OK;
  } catch (...) {
    return fail_current(error);
  }
}

unspin_code unspin_options_add_table_file(unspin_options* options,
                                          const char* path, const char* name) {
  if (path == nullptr) return UNSPIN_INVALID_ARGUMENT;
  return Set(options, [&](unspin::Options& o) {
    o.tables.push_back(unspin::DataSource::from_file(path, name ? name : ""));
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_add_table_text(unspin_options* options,
                                          const char* name, const char* text,
                                          size_t len) {
  if (name == nullptr || (text == nullptr && len != 0) ||
      !possible_length(text, len)) {
    return UNSPIN_INVALID_ARGUMENT;
  }
  return Set(options, [&](unspin::Options& o) {
    o.tables.push_back(
        unspin::DataSource::from_text(name, std::string(View(text, len))));
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_add_allowlist_file(unspin_options* options,
                                              const char* path,
                                              const char* name) {
  if (path == nullptr) return UNSPIN_INVALID_ARGUMENT;
  return Set(options, [&](unspin::Options& o) {
    o.allowlists.push_back(
        unspin::DataSource::from_file(path, name ? name : ""));
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_add_allow_phrase(unspin_options* options,
                                            const char* phrase) {
  if (phrase == nullptr) return UNSPIN_INVALID_ARGUMENT;
  return Set(options, [&](unspin::Options& o) {
    o.allow_phrases.emplace_back(phrase);
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_set_hunspell(unspin_options* options,
                                        const char* aff_path,
                                        const char* dic_path) {
  if ((aff_path == nullptr) != (dic_path == nullptr)) {
    return UNSPIN_INVALID_ARGUMENT;
  }
  return Set(options, [&](unspin::Options& o) {
    o.hunspell_aff = aff_path ? aff_path : "";
    o.hunspell_dic = dic_path ? dic_path : "";
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_set_morphology_cache(unspin_options* options,
                                                const char* path) {
  return Set(options, [&](unspin::Options& o) {
    o.morphology_cache.reset();
    if (path) o.morphology_cache = unspin::DataSource::from_file(path);
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_set_language_model(unspin_options* options,
                                              const char* lm_path,
                                              const char* thesaurus_path) {
  if (lm_path == nullptr && thesaurus_path != nullptr) {
    return UNSPIN_INVALID_ARGUMENT;
  }
  return Set(options, [&](unspin::Options& o) {
    o.language_model.reset();
    o.thesaurus.reset();
    if (lm_path) o.language_model = unspin::DataSource::from_file(lm_path);
    if (thesaurus_path) {
      o.thesaurus = unspin::DataSource::from_file(thesaurus_path);
    }
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_add_irregular_file(unspin_options* options,
                                              const char* path,
                                              const char* name) {
  if (path == nullptr) return UNSPIN_INVALID_ARGUMENT;
  return Set(options, [&](unspin::Options& o) {
    // At most one file: a second one is refused here, not replaced.
    if (o.irregular_forms) return UNSPIN_INVALID_ARGUMENT;
    o.irregular_forms = unspin::DataSource::from_file(path, name ? name : "");
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_set_min_confidence(unspin_options* options,
                                              double min_confidence) {
  return Set(options, [&](unspin::Options& o) {
    o.min_confidence = min_confidence;
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_add_domain(unspin_options* options,
                                      const char* domain) {
  if (domain == nullptr) return UNSPIN_INVALID_ARGUMENT;
  return Set(options, [&](unspin::Options& o) {
    o.domains.emplace_back(domain);
    return UNSPIN_OK;
  });
}

unspin_code unspin_options_set_invalid_utf8_replace(unspin_options* options,
                                                    int replace) {
  return Set(options, [&](unspin::Options& o) {
    o.invalid_utf8 =
        replace ? unspin::InvalidUtf8::kReplace : unspin::InvalidUtf8::kError;
    return UNSPIN_OK;
  });
}

unspin_code unspin_detector_new(const unspin_options* options,
                                unspin_detector** detector,
                                unspin_error** error) {
  clear_error(error);
  if (detector != nullptr) *detector = nullptr;
  if (options == nullptr || detector == nullptr) {
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                "unspin_detector_new: options and detector must not be NULL");
  }
  try {
    unspin::Result<unspin::Detector> made =
        unspin::Detector::create(options->options);
    if (!made.ok()) return Fail(error, made.status());
    *detector = new unspin_detector{std::move(made).value()};
    return UNSPIN_OK;
  } catch (...) {
    return fail_current(error);
  }
}

void unspin_detector_free(unspin_detector* detector) { delete detector; }

size_t unspin_detector_entry_count(const unspin_detector* detector) {
  return detector == nullptr ? 0 : detector->detector.entry_count();
}

namespace {

// The ScanOptions of a markup and flags; false when either is unknown.
bool markup_options(unspin_markup markup, unsigned flags,
                    unspin::ScanOptions& so) {
  switch (markup) {
    case UNSPIN_MARKUP_TEXT:
      so.markup = unspin::Markup::kText;
      break;
    case UNSPIN_MARKUP_MARKDOWN:
      so.markup = unspin::Markup::kMarkdown;
      break;
    case UNSPIN_MARKUP_HTML:
      so.markup = unspin::Markup::kHtml;
      break;
    default:
      return false;
  }
  if ((flags & ~(UNSPIN_REWRITE_ATTRIBUTES | UNSPIN_NO_INLINE_CONFIG)) != 0)
    return false;
  so.rewrite_attributes = (flags & UNSPIN_REWRITE_ATTRIBUTES) != 0;
  so.inline_config = (flags & UNSPIN_NO_INLINE_CONFIG) == 0;
  return true;
}

unspin_code scan_with(const char* fn, const unspin_detector* detector,
                      const char* text, size_t len, unspin_markup markup,
                      unsigned flags, unspin_result** result,
                      unspin_error** error) {
  clear_error(error);
  if (result != nullptr) *result = nullptr;
  if (detector == nullptr || result == nullptr ||
      (text == nullptr && len != 0)) {
    return Fail(
        error, UNSPIN_INVALID_ARGUMENT,
        std::string(fn) + ": detector, result and text must not be NULL");
  }
  if (!possible_length(text, len)) {
    return Fail(
        error, UNSPIN_INVALID_ARGUMENT,
        std::string(fn) + ": impossible text length " + std::to_string(len));
  }
  unspin::ScanOptions so;
  if (!markup_options(markup, flags, so))
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                std::string(fn) + ": unknown markup or flags");
  try {
    unspin::Result<unspin::ScanResult> scanned =
        detector->detector.scan(View(text, len), so);
    if (!scanned.ok()) return Fail(error, scanned.status());
    *result = new unspin_result{std::move(scanned).value()};
    return UNSPIN_OK;
  } catch (...) {
    return fail_current(error);
  }
}

unspin_code fix_with(const char* fn, const unspin_detector* detector,
                     const char* text, size_t len, unspin_markup markup,
                     unsigned flags, char** out, size_t* out_len,
                     unspin_error** error) {
  clear_error(error);
  if (out != nullptr) *out = nullptr;
  if (out_len != nullptr) *out_len = 0;
  if (detector == nullptr || out == nullptr || (text == nullptr && len != 0)) {
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                std::string(fn) + ": detector, out and text must not be NULL");
  }
  if (!possible_length(text, len)) {
    return Fail(
        error, UNSPIN_INVALID_ARGUMENT,
        std::string(fn) + ": impossible text length " + std::to_string(len));
  }
  unspin::ScanOptions so;
  if (!markup_options(markup, flags, so))
    return Fail(error, UNSPIN_INVALID_ARGUMENT,
                std::string(fn) + ": unknown markup or flags");
  try {
    unspin::Result<std::string> fixed =
        detector->detector.fix(View(text, len), so);
    if (!fixed.ok()) return Fail(error, fixed.status());
    const std::string& s = fixed.value();
    // malloc, so that the caller may also release it with free().
    char* copy = static_cast<char*>(std::malloc(s.size() + 1));
    if (copy == nullptr)
      return Fail(error, UNSPIN_OUT_OF_MEMORY, "out of memory");
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    *out = copy;
    if (out_len != nullptr) *out_len = s.size();
    return UNSPIN_OK;
  } catch (...) {
    return fail_current(error);
  }
}

}  // namespace

unspin_code unspin_detector_scan(const unspin_detector* detector,
                                 const char* text, size_t len,
                                 unspin_result** result, unspin_error** error) {
  return scan_with("unspin_detector_scan", detector, text, len,
                   UNSPIN_MARKUP_TEXT, 0, result, error);
}

unspin_code unspin_detector_scan_markup(const unspin_detector* detector,
                                        const char* text, size_t len,
                                        unspin_markup markup, unsigned flags,
                                        unspin_result** result,
                                        unspin_error** error) {
  return scan_with("unspin_detector_scan_markup", detector, text, len, markup,
                   flags, result, error);
}

unspin_code unspin_detector_fix(const unspin_detector* detector,
                                const char* text, size_t len, char** out,
                                size_t* out_len, unspin_error** error) {
  return fix_with("unspin_detector_fix", detector, text, len,
                  UNSPIN_MARKUP_TEXT, 0, out, out_len, error);
}

unspin_code unspin_detector_fix_markup(const unspin_detector* detector,
                                       const char* text, size_t len,
                                       unspin_markup markup, unsigned flags,
                                       char** out, size_t* out_len,
                                       unspin_error** error) {
  return fix_with("unspin_detector_fix_markup", detector, text, len, markup,
                  flags, out, out_len, error);
}

void unspin_result_free(unspin_result* result) { delete result; }

size_t unspin_result_count(const unspin_result* result) {
  return result == nullptr ? 0 : result->scan.findings.size();
}

size_t unspin_finding_begin(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->begin : 0;
}

size_t unspin_finding_end(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->end : 0;
}

size_t unspin_finding_line(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->line : 0;
}

size_t unspin_finding_column(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->column : 0;
}

const char* unspin_finding_text(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->text.c_str() : nullptr;
}

const char* unspin_finding_suggestion(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f && f->has_suggestion ? f->suggestion.c_str() : nullptr;
}

double unspin_finding_confidence(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->confidence : 0.0;
}

int unspin_finding_rewritable(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f != nullptr && f->has_suggestion && f->rewritable ? 1 : 0;
}

const char* unspin_finding_source(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->source.c_str() : nullptr;
}

const char* unspin_finding_entry_spun(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->entry_spun.c_str() : nullptr;
}

const char* unspin_finding_entry_canonical(const unspin_result* result,
                                           size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->entry_canonical.c_str() : nullptr;
}

const char* unspin_finding_explanation(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->explanation.c_str() : nullptr;
}

size_t unspin_finding_alternative_count(const unspin_result* result, size_t i) {
  const unspin::Finding* f = At(result, i);
  return f ? f->alternatives.size() : 0;
}

const char* unspin_finding_alternative(const unspin_result* result, size_t i,
                                       size_t j) {
  const unspin::Finding* f = At(result, i);
  return f && j < f->alternatives.size() ? f->alternatives[j].c_str() : nullptr;
}

double unspin_result_spun_score(const unspin_result* result) {
  return result == nullptr ? 0.0 : result->scan.verdict.spun_score;
}

int unspin_result_spun(const unspin_result* result) {
  return result != nullptr && result->scan.verdict.spun ? 1 : 0;
}

size_t unspin_result_words(const unspin_result* result) {
  return result == nullptr ? 0 : result->scan.verdict.words;
}

size_t unspin_result_distinct_phrases(const unspin_result* result) {
  return result == nullptr ? 0 : result->scan.verdict.distinct_phrases;
}

double unspin_result_findings_per_1000_words(const unspin_result* result) {
  return result == nullptr ? 0.0 : result->scan.verdict.findings_per_1000_words;
}

}  // extern "C"
