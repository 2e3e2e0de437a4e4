// unspin package test consumer: the GoogleTest matchers (unspin/gtest.hpp)
// used from an installed unspin, with the shipped data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unspin/gtest.hpp>

#ifndef CONSUMER_DATA_DIR
#error "CONSUMER_DATA_DIR must name the unspin data directory"
#endif

TEST(InstalledMatchers, FindSpinAndAcceptCleanText) {
  auto options = unspin::options_from_data_dir(CONSUMER_DATA_DIR);
  ASSERT_TRUE(options.ok()) << options.status().message();
  auto detector = unspin::Detector::create(*options);
  ASSERT_TRUE(detector.ok()) << detector.status().message();
  EXPECT_THAT("Criminal gangs ran the port.", unspin::IsFreeOfSpin(*detector));
  EXPECT_THAT("Bad guy gangs ran the port.",
              ::testing::Not(unspin::IsFreeOfSpin(*detector)));
  EXPECT_THAT(detector->fix("Bad guy gangs ran the port.").value(),
              unspin::Rewrites("bad guy gangs", "criminal gangs"));
}
