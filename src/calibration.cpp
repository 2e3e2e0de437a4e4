// unspin: discovery's calibration maps and the shipped weights of
// calibration.inc (see calibration.hpp).
#include "calibration.hpp"

#include <cmath>
#include <cstdio>
#include <iterator>

namespace unspin::detail {
namespace {

struct Row {
  Feature feature;
  double spun, restores;
};

constexpr double kBias[2] = {
#define UNSPIN_CALIBRATION_BIAS(spun, restores) spun, restores
#define UNSPIN_CALIBRATION_ROW(feature, spun, restores)
#include "calibration.inc"
#undef UNSPIN_CALIBRATION_BIAS
#undef UNSPIN_CALIBRATION_ROW
};

constexpr Row kRows[] = {
#define UNSPIN_CALIBRATION_BIAS(spun, restores)
#define UNSPIN_CALIBRATION_ROW(feature, spun, restores) \
  {Feature::feature, spun, restores},
#include "calibration.inc"
#undef UNSPIN_CALIBRATION_BIAS
#undef UNSPIN_CALIBRATION_ROW
};

constexpr bool rows_in_feature_order() {
  for (std::size_t i = 0; i < std::size(kRows); ++i)
    if (static_cast<std::size_t>(kRows[i].feature) != i) return false;
  return true;
}
static_assert(
    std::size(kRows) == kFeatureCount,
    "calibration.inc needs one row per feature of UNSPIN_DISCOVERY_FEATURES");
static_assert(
    rows_in_feature_order(),
    "calibration.inc rows must follow the order of UNSPIN_DISCOVERY_FEATURES");

}  // namespace

double LogisticMap::logit(const FeatureVector& f) const {
  double z = bias;
  for (std::size_t k = 0; k < kFeatureCount; ++k)
    z += weights.values[k] * f.values[k];
  return z;
}

double LogisticMap::operator()(const FeatureVector& f) const {
  return 1.0 / (1.0 + std::exp(-logit(f)));
}

Calibration Calibration::shipped() {
  Calibration c;
  c.spun.bias = kBias[0];
  c.restores.bias = kBias[1];
  for (const Row& r : kRows) {
    c.spun.weights[r.feature] = r.spun;
    c.restores.weights[r.feature] = r.restores;
  }
  return c;
}

bool Calibration::set(std::string_view name, double value) {
  LogisticMap* map = nullptr;
  if (name.substr(0, 4) == "cal_") {
    map = &spun;
    name.remove_prefix(4);
  } else if (name.substr(0, 5) == "rcal_") {
    map = &restores;
    name.remove_prefix(5);
  } else {
    return false;
  }
  if (name == "bias") {
    map->bias = value;
    return true;
  }
  for (std::size_t k = 0; k < kFeatureCount; ++k) {
    if (kFeatureNames[k] != name) continue;
    map->weights.values[k] = value;
    return true;
  }
  return false;
}

std::string Calibration::table() const {
  std::string out =
      "// unspin: the shipped discovery calibration, one row per feature in "
      "the order\n"
      "// of UNSPIN_DISCOVERY_FEATURES (features.hpp): (feature, weight in the "
      "map of\n"
      "// P(spun), weight in the map of P(restores)). Written by the discovery "
      "bench\n"
      "// (UNSPIN_DISCOVERY_WRITE_CALIBRATION=FILE bash "
      "bench/discovery_bench.sh);\n"
      "// how these were fitted: docs/discovery.md.\n";
  char line[160];
  std::snprintf(line, sizeof line, "UNSPIN_CALIBRATION_BIAS(%.2f, %.2f)\n",
                spun.bias, restores.bias);
  out += line;
  static constexpr const char* kEnumerators[] = {
#define UNSPIN_FEATURE_ENUMERATOR(e, name) #e,
      UNSPIN_DISCOVERY_FEATURES(UNSPIN_FEATURE_ENUMERATOR)
#undef UNSPIN_FEATURE_ENUMERATOR
  };
  for (std::size_t k = 0; k < kFeatureCount; ++k) {
    std::snprintf(line, sizeof line, "UNSPIN_CALIBRATION_ROW(%s, %.2f, %.2f)\n",
                  kEnumerators[k], spun.weights.values[k],
                  restores.weights.values[k]);
    out += line;
  }
  return out;
}

}  // namespace unspin::detail
