// unspin Catch2 v2 matchers for users' tests: IsFreeOfSpin(detector) and
// Rewrites(spun, canonical). Header-only; needs <catch2/catch.hpp> (v2).
#ifndef UNSPIN_CATCH2_HPP_
#define UNSPIN_CATCH2_HPP_

#include <catch2/catch.hpp>
#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <unspin/unspin.hpp>
#include <utility>
#include <vector>

namespace unspin {
namespace catch2_detail {

/// 1-based line and column (in code points) of byte `offset` in UTF-8 `text`.
inline std::pair<std::size_t, std::size_t> LineColumn(const std::string& text,
                                                      std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return {line, column};
}

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Byte offsets of every occurrence of `needle` in `haystack`, comparing
/// ASCII letters case-insensitively (other bytes exactly).
inline std::vector<std::size_t> FindAll(const std::string& haystack,
                                        const std::string& needle) {
  std::vector<std::size_t> hits;
  if (needle.empty() || needle.size() > haystack.size()) return hits;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() &&
           AsciiLower(haystack[i + k]) == AsciiLower(needle[k])) {
      ++k;
    }
    if (k == needle.size()) hits.push_back(i);
  }
  return hits;
}

}  // namespace catch2_detail

/// Matches text in which `detector` finds no spun phrase (at the detector's
/// threshold, or at `min_confidence` when given). On failure the
/// description lists every finding: line, column, text, suggestion,
/// confidence and source. Text that cannot be scanned (invalid UTF-8) does
/// not match, nor does any text for a `min_confidence` outside [0, 1].
/// With ScanOptions, the text is scanned as they say (a Markdown or HTML
/// document: its prose only; findings point at the document's lines).
/// Keeps a copy of the detector (cheap: it is shared). Use one matcher
/// object per CHECK_THAT (Catch caches the description).
class IsFreeOfSpinMatcher : public Catch::MatcherBase<std::string> {
 public:
  explicit IsFreeOfSpinMatcher(Detector detector,
                               std::optional<double> min_confidence = {})
      : detector_(std::move(detector)) {
    options_.min_confidence = min_confidence;
  }
  IsFreeOfSpinMatcher(Detector detector, const ScanOptions& options)
      : detector_(std::move(detector)), options_(options) {}

  bool match(const std::string& text) const override {
    Result<ScanResult> result = detector_.scan(text, options_);
    error_.clear();
    findings_.clear();
    if (!result.ok()) {
      error_ = result.status().message();
      return false;
    }
    findings_ = std::move(result->findings);
    return findings_.empty();
  }

  std::string describe() const override {
    std::ostringstream out;
    out << "is free of spin";
    if (!error_.empty()) {
      out << "; but it cannot be scanned: " << error_;
      return out.str();
    }
    if (findings_.empty()) return out.str();
    out << "; but it has " << findings_.size() << " spun phrase"
        << (findings_.size() == 1 ? "" : "s") << ":";
    out.setf(std::ios::fixed);
    out.precision(2);
    for (const Finding& f : findings_) {
      out << "\n  line " << f.line << ", column " << f.column << ": \""
          << f.text << "\" -> ";
      if (f.has_suggestion) {
        out << "\"" << f.suggestion << "\"";
      } else {
        out << "(no suggestion)";
      }
      out << " (confidence " << f.confidence << ", " << f.source << ")";
    }
    return out.str();
  }

 private:
  Detector detector_;
  ScanOptions options_;
  // Filled by match() for describe(), which Catch calls afterwards.
  mutable std::vector<Finding> findings_;
  mutable std::string error_;
};

/// CHECK_THAT(text, unspin::IsFreeOfSpin(detector)): see IsFreeOfSpinMatcher.
inline IsFreeOfSpinMatcher IsFreeOfSpin(
    const Detector& detector, std::optional<double> min_confidence = {}) {
  return IsFreeOfSpinMatcher(detector, min_confidence);
}

/// CHECK_THAT(markdown, unspin::IsFreeOfSpin(detector, options)), with
/// options.markup = unspin::Markup::kMarkdown, say.
inline IsFreeOfSpinMatcher IsFreeOfSpin(const Detector& detector,
                                        const ScanOptions& options) {
  return IsFreeOfSpinMatcher(detector, options);
}

/// Matches the output of a rewriting step (the user's filter, or
/// Detector::fix) that replaced `spun` by `canonical`: the output contains
/// no occurrence of `spun` and at least one of `canonical`. Plain substring
/// search, ASCII letters compared case-insensitively (so "Criminal gangs"
/// at a sentence start counts), other bytes exactly; no detector involved.
/// On failure the description says which condition failed and where the
/// spun phrase still occurs (line, column).
class RewritesMatcher : public Catch::MatcherBase<std::string> {
 public:
  RewritesMatcher(std::string spun, std::string canonical)
      : spun_(std::move(spun)), canonical_(std::move(canonical)) {}

  bool match(const std::string& output) const override {
    remaining_.clear();
    for (std::size_t at : catch2_detail::FindAll(output, spun_)) {
      remaining_.push_back(catch2_detail::LineColumn(output, at));
    }
    has_canonical_ = !catch2_detail::FindAll(output, canonical_).empty();
    matched_ = true;
    return remaining_.empty() && has_canonical_;
  }

  std::string describe() const override {
    std::ostringstream out;
    out << "rewrites \"" << spun_ << "\" as \"" << canonical_ << "\"";
    if (!matched_) return out.str();
    const char* sep = "; but ";
    for (const auto& lc : remaining_) {
      out << sep << "\"" << spun_ << "\" is still at line " << lc.first
          << ", column " << lc.second;
      sep = "; ";
    }
    if (!has_canonical_) {
      out << sep << "\"" << canonical_ << "\" is missing";
    }
    return out.str();
  }

 private:
  std::string spun_;
  std::string canonical_;
  mutable std::vector<std::pair<std::size_t, std::size_t>> remaining_;
  mutable bool has_canonical_ = false;
  mutable bool matched_ = false;
};

/// CHECK_THAT(filter(text), unspin::Rewrites("bad guy gangs",
/// "criminal gangs")): see RewritesMatcher.
inline RewritesMatcher Rewrites(std::string spun, std::string canonical) {
  return RewritesMatcher(std::move(spun), std::move(canonical));
}

}  // namespace unspin

#endif  // UNSPIN_CATCH2_HPP_
