// unspin: discovery's calibration: two logistic maps over the features of a
// candidate, with the shipped weights generated into calibration.inc.
#ifndef UNSPIN_SRC_CALIBRATION_HPP_
#define UNSPIN_SRC_CALIBRATION_HPP_

#include <string>
#include <string_view>

#include "features.hpp"

namespace unspin::detail {

/// p = 1 / (1 + exp(-(bias + sum of weights[k] * features[k]))).
struct LogisticMap {
  double bias = 0;
  FeatureVector weights;
  /// bias + the weighted features, summed in feature order.
  double logit(const FeatureVector& f) const;
  double operator()(const FeatureVector& f) const;
};

/// The calibration of discovery's scores. `spun` gives Discovered::confidence,
/// P(the span is spun); `restores` gives restore_confidence, P(the span is
/// spun and the first suggestion restores the original). Both are fitted by
/// bench/discovery_bench.cpp (see docs/discovery.md).
struct Calibration {
  LogisticMap spun;
  LogisticMap restores;

  /// The weights of calibration.inc.
  static Calibration shipped();
  /// Sets the weight named "cal_<feature>" / "cal_bias" (spun) or
  /// "rcal_<feature>" / "rcal_bias" (restores); false for another name.
  bool set(std::string_view name, double value);
  /// calibration.inc text holding these weights (two decimals, as fitted).
  std::string table() const;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_CALIBRATION_HPP_
