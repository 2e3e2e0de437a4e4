// unspin dictionary tools: expand_regex(), a recursive descent over the
// regex subset that Vale substitution keys use (see regex_expand.hpp).
#include "dict/regex_expand.hpp"

#include <utility>

namespace unspin::detail::dict {
namespace {

class RegexExpander {
 public:
  explicit RegexExpander(std::string_view re) : re_(re) {}

  // The phrases, or nullopt with why() set.
  std::optional<std::vector<std::string>> expand() {
    std::vector<std::string> out;
    if (!alternation(out)) return std::nullopt;
    if (pos_ != re_.size()) {
      why_ = "unbalanced ')'";
      return std::nullopt;
    }
    return out;
  }
  const std::string& why() const { return why_; }

 private:
  bool alternation(std::vector<std::string>& out) {
    while (true) {
      std::vector<std::string> seq{""};
      if (!sequence(seq)) return false;
      out.insert(out.end(), seq.begin(), seq.end());
      if (out.size() > kMaxExpansions) return too_many();
      if (pos_ < re_.size() && re_[pos_] == '|') {
        ++pos_;
        continue;
      }
      return true;
    }
  }

  bool too_many() {
    why_ =
        "expands to more than " + std::to_string(kMaxExpansions) + " phrases";
    return false;
  }

  bool sequence(std::vector<std::string>& acc) {
    while (pos_ < re_.size() && re_[pos_] != '|' && re_[pos_] != ')') {
      std::vector<std::string> atom;
      char c = re_[pos_];
      if (c == '(') {
        ++pos_;
        if (re_.substr(pos_, 2) == "?:") {
          pos_ += 2;
        } else if (pos_ < re_.size() && re_[pos_] == '?') {
          why_ = "unsupported group '(?'";
          return false;
        }
        if (depth_ == kMaxGroupDepth) {
          why_ = "groups nested more than " + std::to_string(kMaxGroupDepth) +
                 " levels deep";
          return false;
        }
        ++depth_;
        const bool ok = alternation(atom);
        --depth_;
        if (!ok) return false;
        if (pos_ >= re_.size() || re_[pos_] != ')') {
          why_ = "unbalanced '('";
          return false;
        }
        ++pos_;
      } else if (c == '\\') {
        if (pos_ + 1 >= re_.size()) {
          why_ = "trailing '\\'";
          return false;
        }
        char e = re_[pos_ + 1];
        pos_ += 2;
        if (e == 'b') continue;
        if (e == 's') {
          atom.push_back(" ");
        } else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
                   (e >= '0' && e <= '9')) {
          why_ = std::string("unsupported construct '\\") + e + "'";
          return false;
        } else {
          atom.push_back(std::string(1, e));
        }
      } else if (std::string_view("[]{}*+.^$").find(c) !=
                 std::string_view::npos) {
        why_ = std::string("unsupported construct '") + c + "'";
        return false;
      } else if (c == '?') {
        why_ = "'?' with nothing before it";
        return false;
      } else {
        // One UTF-8 character.
        std::size_t len = 1;
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0xF0)
          len = 4;
        else if (u >= 0xE0)
          len = 3;
        else if (u >= 0xC0)
          len = 2;
        atom.push_back(std::string(re_.substr(pos_, len)));
        pos_ += len;
      }
      if (pos_ < re_.size() && re_[pos_] == '?') {
        ++pos_;
        atom.push_back("");
      }
      if (pos_ < re_.size() &&
          std::string_view("*+{").find(re_[pos_]) != std::string_view::npos) {
        why_ = std::string("unsupported construct '") + re_[pos_] + "'";
        return false;
      }
      if (atom.size() == 1) {
        // Appending in place keeps a long literal key linear.
        for (std::string& a : acc) a += atom[0];
        continue;
      }
      std::vector<std::string> next;
      for (const std::string& a : acc)
        for (const std::string& b : atom) next.push_back(a + b);
      if (next.size() > kMaxExpansions) return too_many();
      acc = std::move(next);
    }
    return true;
  }

  std::string_view re_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;  // nesting of groups being parsed
  std::string why_;
};

}  // namespace

std::optional<std::vector<std::string>> expand_regex(std::string_view re,
                                                     std::string* why) {
  RegexExpander ex(re);
  std::optional<std::vector<std::string>> out = ex.expand();
  if (!out && why) *why = ex.why();
  return out;
}

}  // namespace unspin::detail::dict
