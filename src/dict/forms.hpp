// unspin dictionary tools: making an imported replacement agree in number
// with each phrase a pattern stands for ("gangs?" is "gang" and "gangs").
#ifndef UNSPIN_SRC_DICT_FORMS_HPP_
#define UNSPIN_SRC_DICT_FORMS_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::detail::dict {

/// A spun phrase and the replacement that agrees with it.
struct AgreedPair {
  std::string spun;
  std::string canonical;
};

/// Pairs each of `phrases` (what one pattern or one list of alternatives
/// stands for) with `canonical` (which may hold '|' alternatives), made to
/// agree in number. Two phrases that differ only by a plural ending of their
/// last word ("gang"/"gangs", "box"/"boxes", "company"/"companies") are the
/// singular and plural of one phrase: the replacement is taken to be written
/// in the plural, and the singular gets the same ending taken off ("criminal
/// gangs" gives "criminal gang"). nullopt with `*why` set when that cannot be
/// done without guessing:
///  - the replacement's last word has no such ending ("police"), or one that
///    may not be a plural ending ("business", "houses": "-ss", "-us", "-is",
///    and "-ses", "-xes", "-zes", "-ches", "-shes" for a plain "s");
///  - the phrases differ by such an ending in a word before the last;
///  - they differ by another inflection ("use"/"used", "-ing", "'s", "-er",
///    "-est"), which a replacement cannot follow by its spelling.
/// Phrases without such a partner keep `canonical` as it is. Phrases are
/// compared lowercased with single spaces. Linear in the size of the
/// phrases (a hash set of them, a few probes per word).
std::optional<std::vector<AgreedPair>> agree_forms(
    const std::vector<std::string>& phrases, std::string_view canonical,
    std::string* why);

}  // namespace unspin::detail::dict

#endif  // UNSPIN_SRC_DICT_FORMS_HPP_
