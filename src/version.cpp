// unspin: library version.
#include "unspin/unspin.hpp"

namespace unspin {
const char* version() { return UNSPIN_VERSION; }
}  // namespace unspin
