// unspin GoogleTest matchers for users' tests: IsFreeOfSpin(detector) and
// Rewrites(spun, canonical). Header-only; needs <gmock/gmock.h> (1.10+).
#ifndef UNSPIN_GTEST_HPP_
#define UNSPIN_GTEST_HPP_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unspin/matcher_text.hpp>
#include <unspin/unspin.hpp>
#include <utility>

namespace unspin {
namespace gtest {

/// Matches text (a std::string, std::string_view or C string) in which
/// `detector` finds no spun phrase, at the detector's threshold or at
/// `min_confidence`, or scanned as ScanOptions say (Markdown or HTML:
/// prose only). On failure the message gives each finding (at most 10; the
/// rest are counted): line:column, text, suggestion, confidence and source,
/// then its line of the text (cut to 72 bytes around the span) with the
/// span marked by carets: the same words as the Catch2 matcher. EXPECT_THAT
/// and ASSERT_THAT print the tested text cut to its first 60 bytes and its
/// size (see the end of this file), not all of it. Text that cannot be
/// scanned (invalid UTF-8, a `min_confidence` outside [0, 1]) does not
/// match, and the message says why. A GoogleTest "simple matcher": works
/// in EXPECT_THAT and in Not(), AllOf() and the like. Thread-safe (const).
class IsFreeOfSpinMatcher {
 public:
  using is_gtest_matcher = void;

  IsFreeOfSpinMatcher(Detector detector, const ScanOptions& options)
      : detector_(std::move(detector)), options_(options) {}

  /// True when the text has no finding; explains the findings to `os`
  /// (which may be null) otherwise.
  bool MatchAndExplain(std::string_view text, std::ostream* os) const {
    Result<ScanResult> result = detector_.scan(text, options_);
    if (!result.ok()) {
      if (os) *os << "which cannot be scanned: " << result.status().message();
      return false;
    }
    if (result->findings.empty()) return true;
    if (os) {
      *os << "which has " << matcher_text::SpinFound(text, result->findings);
    }
    return false;
  }
  void DescribeTo(std::ostream* os) const { *os << "is free of spin"; }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "has a spun phrase";
  }

 private:
  Detector detector_;
  ScanOptions options_;
};

/// Matches the output of a rewriting step that replaced `spun` by
/// `canonical`: no occurrence of `spun` is left and `canonical` occurs
/// (substring search, ASCII letters compared case-insensitively, other
/// bytes exactly; no detector involved). On failure the message says, one
/// line each, where `spun` is still found (line:column and its line with
/// the phrase marked; at most 10) and that `canonical` is missing.
class RewritesMatcher {
 public:
  using is_gtest_matcher = void;

  RewritesMatcher(std::string spun, std::string canonical)
      : spun_(std::move(spun)), canonical_(std::move(canonical)) {}

  bool MatchAndExplain(std::string_view output, std::ostream* os) const {
    const std::string problems =
        matcher_text::RewriteProblems(output, spun_, canonical_);
    if (problems.empty()) return true;
    if (os) *os << "where:" << problems;
    return false;
  }
  void DescribeTo(std::ostream* os) const {
    *os << "rewrites " << matcher_text::Quote(spun_) << " as "
        << matcher_text::Quote(canonical_);
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not rewrite " << matcher_text::Quote(spun_) << " as "
        << matcher_text::Quote(canonical_);
  }

 private:
  std::string spun_;
  std::string canonical_;
};

}  // namespace gtest

/// EXPECT_THAT(text, unspin::IsFreeOfSpin(detector)) at the detector's
/// threshold, or at `min_confidence`: see gtest::IsFreeOfSpinMatcher.
inline gtest::IsFreeOfSpinMatcher IsFreeOfSpin(
    const Detector& detector, std::optional<double> min_confidence = {}) {
  ScanOptions options;
  options.min_confidence = min_confidence;
  return gtest::IsFreeOfSpinMatcher(detector, options);
}

/// EXPECT_THAT(markdown, unspin::IsFreeOfSpin(detector, options)), with
/// options.markup = unspin::Markup::kMarkdown, say.
inline gtest::IsFreeOfSpinMatcher IsFreeOfSpin(const Detector& detector,
                                               const ScanOptions& options) {
  return gtest::IsFreeOfSpinMatcher(detector, options);
}

/// EXPECT_THAT(filter(text), unspin::Rewrites("bad guy gangs",
/// "criminal gangs")): see gtest::RewritesMatcher.
inline gtest::RewritesMatcher Rewrites(std::string spun,
                                       std::string canonical) {
  return gtest::RewritesMatcher(std::move(spun), std::move(canonical));
}

namespace gtest {

/// EXPECT_THAT's check for the unspin matchers: the layout of GoogleTest's
/// own (Value of / Expected / Actual), but the tested text is printed as
/// matcher_text::Value (its start and size), not whole.
template <typename M>
class ExcerptPredicateFormatter {
 public:
  explicit ExcerptPredicateFormatter(M matcher)
      : matcher_(std::move(matcher)) {}

  template <typename T>
  ::testing::AssertionResult operator()(const char* value_text,
                                        const T& value) const {
    const std::string_view text(value);
    if (matcher_.MatchAndExplain(text, nullptr))
      return ::testing::AssertionSuccess();
    std::ostringstream out;
    out << "Value of: " << value_text << "\nExpected: ";
    matcher_.DescribeTo(&out);
    out << "\n  Actual: " << matcher_text::Value(text) << ", ";
    matcher_.MatchAndExplain(text, &out);
    return ::testing::AssertionFailure() << out.str();
  }

 private:
  M matcher_;
};

}  // namespace gtest
}  // namespace unspin

// Chosen by EXPECT_THAT/ASSERT_THAT over GoogleTest's own template when the
// matcher is one of ours (an exact non-template match), so the tested text
// is not printed whole. Should a GoogleTest release rename this internal
// function, these are simply unused and the whole text is printed again.
namespace testing {
namespace internal {
inline ::unspin::gtest::ExcerptPredicateFormatter<
    ::unspin::gtest::IsFreeOfSpinMatcher>
MakePredicateFormatterFromMatcher(::unspin::gtest::IsFreeOfSpinMatcher m) {
  return ::unspin::gtest::ExcerptPredicateFormatter<
      ::unspin::gtest::IsFreeOfSpinMatcher>(std::move(m));
}
inline ::unspin::gtest::ExcerptPredicateFormatter<
    ::unspin::gtest::RewritesMatcher>
MakePredicateFormatterFromMatcher(::unspin::gtest::RewritesMatcher m) {
  return ::unspin::gtest::ExcerptPredicateFormatter<
      ::unspin::gtest::RewritesMatcher>(std::move(m));
}
}  // namespace internal
}  // namespace testing

#endif  // UNSPIN_GTEST_HPP_
