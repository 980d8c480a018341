#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "platform/db/shared_read.h"

namespace slotbase::testing {
namespace {

// Each read returns its own number in the order reads began; a caller must get a read that began
// after it asked, never one already on its way.
TEST(SharedRead, EveryCallerGetsAReadThatBeganAfterItAskedAndBusyCallersShareThem) {
  std::atomic<int> started{0};
  db::SharedRead<int> shared([&] {
    const int n = ++started;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return n;
  });
  constexpr int kThreads = 8, kCalls = 40;
  std::atomic<int> stale{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        const int before = started.load();
        if (shared.get() <= before) ++stale;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(stale.load(), 0);
  EXPECT_LT(started.load(), kThreads * kCalls);  // callers that came together shared reads
  EXPECT_GT(started.load(), 0);
}

TEST(SharedRead, AFailedReadFailsItsCallersAndTheNextReadIsMadeAfresh) {
  int reads = 0;
  db::SharedRead<int> shared([&] {
    if (++reads == 1) throw std::runtime_error("the database went away");
    return 7;
  });
  EXPECT_THROW(shared.get(), std::runtime_error);
  EXPECT_EQ(shared.get(), 7);
  EXPECT_EQ(reads, 2);
}

}  // namespace
}  // namespace slotbase::testing
