// unspin Catch2 v2 matchers for users' tests: IsFreeOfSpin(detector) and
// Rewrites(spun, canonical). Header-only; needs <catch2/catch.hpp> (v2).
// (GoogleTest: unspin/gtest.hpp, the same matchers and messages.)
#ifndef UNSPIN_CATCH2_HPP_
#define UNSPIN_CATCH2_HPP_

#include <catch2/catch.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unspin/matcher_text.hpp>
#include <unspin/unspin.hpp>
#include <utility>
#include <vector>

namespace unspin {
namespace catch2_detail {
// Kept for code that used them; the matchers use matcher_text's.
using matcher_text::FindAll;
using matcher_text::LineColumn;
}  // namespace catch2_detail

/// Matches text in which `detector` finds no spun phrase (at the detector's
/// threshold, or at `min_confidence` when given). On failure the
/// description gives each finding (at most 10; the rest are counted): its
/// line:column, text, suggestion, confidence and source, then its line of
/// the text (cut to 72 bytes around the span) with the span marked by
/// carets. CHECK_THAT and REQUIRE_THAT print the tested text itself cut to
/// its first 60 bytes and its size (see the end of this file), not all of
/// it. Text that cannot be scanned (invalid UTF-8) does not match, nor does
/// any text for a `min_confidence` outside [0, 1] (the description says
/// why). With ScanOptions, the text is scanned as they say (a Markdown or
/// HTML document: its prose only; findings point at the document's lines).
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
    problem_.clear();
    if (!result.ok()) {
      problem_ = "; but it cannot be scanned: " + result.status().message();
      return false;
    }
    if (result->findings.empty()) return true;
    // The excerpts need the text, which the matcher does not keep.
    problem_ =
        "; but it has " + matcher_text::SpinFound(text, result->findings);
    return false;
  }

  std::string describe() const override { return "is free of spin" + problem_; }

 private:
  Detector detector_;
  ScanOptions options_;
  // Filled by match() for describe(), which Catch calls afterwards.
  mutable std::string problem_;
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
/// On failure the description says which condition failed, one line each:
/// where the spun phrase still occurs (line:column and its line with the
/// phrase marked; at most 10), and that the canonical one is missing.
class RewritesMatcher : public Catch::MatcherBase<std::string> {
 public:
  RewritesMatcher(std::string spun, std::string canonical)
      : spun_(std::move(spun)), canonical_(std::move(canonical)) {}

  bool match(const std::string& output) const override {
    problems_ = matcher_text::RewriteProblems(output, spun_, canonical_);
    return problems_.empty();
  }

  std::string describe() const override {
    std::string out = "rewrites " + matcher_text::Quote(spun_) + " as " +
                      matcher_text::Quote(canonical_);
    if (!problems_.empty()) out += "; but:" + problems_;
    return out;
  }

 private:
  std::string spun_;
  std::string canonical_;
  mutable std::string problems_;
};

/// CHECK_THAT(filter(text), unspin::Rewrites("bad guy gangs",
/// "criminal gangs")): see RewritesMatcher.
inline RewritesMatcher Rewrites(std::string spun, std::string canonical) {
  return RewritesMatcher(std::move(spun), std::move(canonical));
}

}  // namespace unspin

namespace Catch {
namespace unspin_detail {

// CHECK_THAT's expression for the unspin matchers: as Catch's MatchExpr,
// but the tested text is printed as matcher_text::Value (its start and
// size), not whole (a 13 KB article was 190 lines before the finding).
template <typename ArgT, typename MatcherT>
class ExcerptMatchExpr : public ITransientExpression {
 public:
  ExcerptMatchExpr(ArgT const& arg, MatcherT const& matcher,
                   StringRef const& matcher_string)
      : ITransientExpression{true, matcher.match(arg)},
        arg_(arg),
        matcher_(matcher),
        matcher_string_(matcher_string) {}

  void streamReconstructedExpression(std::ostream& os) const override {
    os << ::unspin::matcher_text::Value(std::string_view(arg_)) << ' ';
    const std::string described = matcher_.toString();
    if (described == Detail::unprintableString) {
      os << matcher_string_;
    } else {
      os << described;
    }
  }

 private:
  ArgT const& arg_;
  MatcherT matcher_;
  StringRef matcher_string_;
};

}  // namespace unspin_detail

// Chosen by CHECK_THAT/REQUIRE_THAT over Catch's own makeMatchExpr (more
// specialized) when the matcher is one of ours.
template <typename ArgT>
unspin_detail::ExcerptMatchExpr<ArgT, ::unspin::IsFreeOfSpinMatcher>
makeMatchExpr(ArgT const& arg, ::unspin::IsFreeOfSpinMatcher const& matcher,
              StringRef const& matcher_string) {
  return {arg, matcher, matcher_string};
}
template <typename ArgT>
unspin_detail::ExcerptMatchExpr<ArgT, ::unspin::RewritesMatcher> makeMatchExpr(
    ArgT const& arg, ::unspin::RewritesMatcher const& matcher,
    StringRef const& matcher_string) {
  return {arg, matcher, matcher_string};
}

}  // namespace Catch

#endif  // UNSPIN_CATCH2_HPP_
