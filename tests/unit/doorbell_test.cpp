#include "platform/core/doorbell.h"

#include <gtest/gtest.h>

#include <thread>

namespace slotbase {
namespace {

using namespace std::chrono_literals;

/// Does `act` on a thread of its own, 50 ms from now, while the test waits.
template <class F>
std::thread soon(F act) {
  return std::thread([act] {
    std::this_thread::sleep_for(50ms);
    act();
  });
}

TEST(Doorbell, ARingWakesTheWaitingLoop) {
  Doorbell bell;
  auto ringer = soon([&] { bell.ring(); });
  const auto started = Doorbell::Clock::now();
  EXPECT_TRUE(bell.wait(60s, started, 0ms));
  EXPECT_LT(Doorbell::Clock::now() - started, 30s) << "woken by the ring, not the timeout";
  ringer.join();
}

TEST(Doorbell, ARingDuringAPassIsHeardAtTheNextWait) {
  Doorbell bell;
  bell.ring();  // while the loop was busy
  const auto started = Doorbell::Clock::now();
  EXPECT_TRUE(bell.wait(60s, started, 0ms));
  EXPECT_LT(Doorbell::Clock::now() - started, 30s);
}

TEST(Doorbell, PassesStartAtLeastTheMinimumGapApart) {
  Doorbell bell;
  bell.ring();
  const auto started = Doorbell::Clock::now();
  EXPECT_TRUE(bell.wait(60s, started, 100ms));
  EXPECT_GE(Doorbell::Clock::now() - started, 100ms);
}

TEST(Doorbell, WithoutARingTheWaitEndsAtTheTimeout) {
  Doorbell bell;
  const auto started = Doorbell::Clock::now();
  EXPECT_TRUE(bell.wait(50ms, started, 0ms));
  EXPECT_GE(Doorbell::Clock::now() - started, 50ms);
}

TEST(Doorbell, StoppingEndsTheWaitAndEveryLaterOne) {
  Doorbell bell;
  auto stopper = soon([&] { bell.stop(); });
  const auto started = Doorbell::Clock::now();
  EXPECT_FALSE(bell.wait(60s, started, 60s));
  EXPECT_LT(Doorbell::Clock::now() - started, 30s);
  stopper.join();
  EXPECT_FALSE(bell.wait(60s, Doorbell::Clock::now(), 0ms));
}

}  // namespace
}  // namespace slotbase
