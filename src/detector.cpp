// unspin: the Detector, a short orchestrator: create() compiles
// (compile.cpp); scan() reads the text in windows, each tokenized once, for
// the matcher (matcher.cpp) and discovery (discovery_pass.cpp), then selects
// (select.cpp), scores (score.cpp) and renders (rewrite.cpp) the findings.
#include <algorithm>
#include <exception>
#include <map>
#include <optional>

#include "compile.hpp"
#include "discovery_pass.hpp"
#include "general_pass.hpp"
#include "markup.hpp"
#include "matcher.hpp"
#include "options.hpp"
#include "rewrite.hpp"
#include "score.hpp"
#include "select.hpp"
#include "suppress.hpp"
#include "table.hpp"
#include "text.hpp"
#include "unspin/unspin.hpp"

namespace unspin {

// Everything create() built, shared by the copies of a Detector.
struct Detector::Impl : detail::Compiled {};

Detector::Detector(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Detector::~Detector() = default;

Result<Detector> Detector::create(const Options& options) {
  try {
    return create_impl(options);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal,
                  std::string("creating the detector: ") + e.what());
  }
}

Result<Detector> Detector::create_impl(const Options& options) {
  auto impl = std::make_shared<Impl>();
  Status st = detail::compile(options, *impl);
  if (!st.ok()) return st;
  return Detector(std::move(impl));
}

Result<ScanResult> Detector::scan(std::string_view text,
                                  const ScanOptions& options) const {
  try {
    if (Status st = detail::validate(options); !st.ok()) return st;
    if (options.markup != Markup::kText) return scan_markup(text, options);
    Result<ScanResult> r = scan_impl(text, options);
    if (r.ok() && options.inline_config)
      detail::suppress(text, detail::text_directives(text), {}, r->findings,
                       r->verdict);
    return r;
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string("scanning: ") + e.what());
  }
}

Result<ScanResult> Detector::scan_impl(std::string_view text,
                                       const ScanOptions& options) const {
  const detail::Compiled& c = *impl_;
  const double threshold = options.min_confidence.value_or(c.min_confidence);

  // 1. Each window of the text is read once (validated, tokenized,
  //    normalized); the matcher and discovery take its words.
  thread_local detail::PhraseTrie::Scratch scratch;
  thread_local detail::HitSet found;
  thread_local detail::TokenWindow window;
  c.trie.begin_hits(scratch, found);
  std::optional<detail::DiscoveryPass> discovery;
  if (c.discovery) discovery.emplace(*c.discovery);
  std::vector<detail::GeneralSpot> general_spots;
  std::size_t content_words = 0;
  std::size_t words = 0;
  detail::WindowReader reader(text);
  while (reader.next(window)) {
    if (window.invalid != std::string_view::npos &&
        c.invalid_utf8 == InvalidUtf8::kError)
      return Status(ErrorCode::kInvalidUtf8,
                    detail::describe_invalid_utf8(text, window.invalid));
    words = c.trie.add_hits(text, window, scratch, found);
    if (discovery) discovery->add(text, window, found);
    if (c.general)
      detail::general_spots(*c.general, text, window, general_spots,
                            &content_words);
  }

  // 2. Select among the matches (context clauses need the whole document).
  const detail::Ranges allowed = detail::merge_ranges(found.allowed);
  std::vector<detail::Chosen> chosen;
  detail::select_matches(c, found, allowed, chosen);

  // 3. Score: evidence from distinct entries (spinning comes in bulk).
  std::map<std::uint32_t, double> entry_prior;
  for (const detail::Chosen& ch : chosen) {
    std::uint32_t e = c.variants[ch.variant].entry;
    entry_prior[e] = c.entries[e].entry.prior;
  }
  detail::DocumentEvidence doc;
  doc.words = words;
  doc.distinct_entries = entry_prior.size();
  for (auto& [e, p] : entry_prior) doc.total_prior += p;

  // 4. Render the table findings at or above the threshold.
  ScanResult result;
  std::map<std::uint32_t, double> best;
  for (const detail::Chosen& ch : chosen) {
    const detail::Variant& var = c.variants[ch.variant];
    const detail::CompiledEntry& ce = c.entries[var.entry];
    detail::ScoreInput in;
    in.prior = ce.entry.prior;
    in.ordinary_word = ce.ordinary_word;
    in.derived = var.derived;
    in.context_required_present = ch.context_present;
    Finding f;
    f.confidence = detail::table_confidence(in, doc, c.weights, &f.explanation);
    if (f.confidence < threshold) continue;
    detail::render_table_finding(
        text, ce.entry, var.canonicals, *ch.hit, found.span_tokens,
        result.findings.empty() ? 0 : result.findings.back().end, f);
    double& b = best[var.entry];
    b = std::max(b, f.confidence);
    result.findings.push_back(std::move(f));
  }

  // 5. Discovery: phrases no table holds. A discovered span never overlaps
  //    a match of a table phrase (even one below the threshold, or one whose
  //    context clauses failed: the table's own rules for it stand), a
  //    phrase a table switched off, an allowlisted phrase, or a finding
  //    (which may have grown over its a/an).
  std::map<std::string, double> best_discovered;  // by restored lemma
  if (discovery) {
    detail::Ranges spans = found.blocked;
    for (const detail::Hit& h : found.variants)
      spans.emplace_back(h.begin, h.end);
    for (const Finding& f : result.findings) spans.emplace_back(f.begin, f.end);
    spans.insert(spans.end(), allowed.begin(), allowed.end());
    const detail::Ranges taken = detail::merge_ranges(std::move(spans));
    std::vector<detail::DiscoveredSpan> discovered;
    discovery->finish(text, taken, discovered);
    std::size_t discovered_end = 0;  // end of the last discovered finding
    const std::size_t table_findings = result.findings.size();
    for (detail::DiscoveredSpan& s : discovered) {
      detail::Discovered& d = s.found;
      // Reported: P(spun and the guess restores it) when the guess is
      // offered, else P(spun).
      const bool suggest = d.restore_confidence >= detail::kOfferGuess;
      const double conf = suggest ? d.restore_confidence : d.confidence;
      if (conf < threshold || d.suggestions.empty()) continue;
      if (detail::overlaps(taken, d.begin, d.end)) continue;
      Finding f;
      detail::render_discovered_finding(text, d, s.pattern,
                                        std::move(s.spun_lemma), conf, taken,
                                        discovered_end, f);
      // The verdict asks whether the document is spun: P(spun).
      double& b = best_discovered[d.original_lemma];
      b = std::max(b, d.confidence);
      discovered_end = f.end;
      result.findings.push_back(std::move(f));
    }
    if (result.findings.size() > table_findings) {
      std::stable_sort(
          result.findings.begin(), result.findings.end(),
          [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
    }
  }

  // 5b. General-English discovery: single-word swaps, weighed with the
  //     evidence of the whole document; never over a table match, a
  //     switched-off or allowlisted phrase, or another finding.
  double general_doc_p = 0;
  if (c.general) {
    const detail::GeneralDocument doc =
        detail::general_document(*c.general, general_spots, content_words);
    general_doc_p = doc.p_spun;
    detail::add_general_findings(text, *c.general, general_spots, doc, found,
                                 allowed, threshold, result.findings);
  }

  // 6. Positions and the verdict.
  detail::settle_capitals(text, result.findings);
  detail::locate_findings(text, result.findings);
  std::vector<double> per_phrase;
  for (auto& [e, conf] : best) per_phrase.push_back(conf);
  for (auto& [lemma, conf] : best_discovered) per_phrase.push_back(conf);
  detail::make_verdict(words, result.findings.size(), per_phrase,
                       result.verdict);
  if (general_doc_p > result.verdict.spun_score) {
    result.verdict.spun_score = general_doc_p;
    result.verdict.spun = general_doc_p >= 0.5;
  }
  // A thread keeps its scratch between scans, but not the memory of one
  // unusually match-heavy document.
  if (found.variants.capacity() > (std::size_t{1} << 16) ||
      found.span_tokens.capacity() > (std::size_t{1} << 16))
    found = detail::HitSet();
  return result;
}

// Markdown and HTML: the prose is scanned, and its findings are moved back
// onto the document's bytes (markup.cpp).
Result<ScanResult> Detector::scan_markup(std::string_view text,
                                         const ScanOptions& options) const {
  if (text.size() >= (std::size_t{1} << 31))
    return Status(ErrorCode::kInvalidArgument,
                  "a Markdown or HTML document must be under 2 GiB (" +
                      std::to_string(text.size()) + " bytes)");
  if (impl_->invalid_utf8 == InvalidUtf8::kError) {
    const std::size_t bad = detail::find_invalid_utf8(text);
    if (bad != std::string_view::npos)
      return Status(ErrorCode::kInvalidUtf8,
                    detail::describe_invalid_utf8(text, bad));
  }
  detail::Prose prose;
  if (options.markup == Markup::kMarkdown) {
    prose = detail::extract_markdown(text);
  } else if (Status st = detail::extract_html(text, prose); !st.ok()) {
    return st;
  }
  Result<ScanResult> r = scan_impl(prose.text, options);
  if (!r.ok()) return r;
  detail::map_findings(text, prose, options.markup, options.rewrite_attributes,
                       r->findings);
  detail::locate_findings(text, r->findings);
  if (options.inline_config)
    detail::suppress(text, detail::comment_directives(text, prose.comments), {},
                     r->findings, r->verdict);
  return r;
}

Result<std::string> Detector::rewrite(std::string_view text,
                                      const std::vector<Finding>& chosen) {
  std::vector<const Finding*> ptrs;
  for (const Finding& f : chosen) ptrs.push_back(&f);
  return detail::apply_findings(text, std::move(ptrs));
}

Result<std::string> Detector::fix(std::string_view text,
                                  const ScanOptions& options) const {
  Result<ScanResult> r = scan(text, options);
  if (!r.ok()) return r.status();
  return rewrite(text, r->findings);
}

std::size_t Detector::variant_count() const { return impl_->variants.size(); }
std::size_t Detector::entry_count() const { return impl_->entries.size(); }
double Detector::min_confidence() const { return impl_->min_confidence; }

}  // namespace unspin
