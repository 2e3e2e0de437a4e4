#include <catch2/catch.hpp>

#include "unspin/unspin.hpp"
TEST_CASE("reports a version", "[api]") {
  CHECK(std::string(unspin::version()) == "0.1.0");
}
