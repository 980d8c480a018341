#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "app/operations.h"
#include "platform/clock/clock.h"
#include "platform/config/config.h"
#include "platform/core/doorbell.h"
#include "platform/db/database.h"
#include "platform/events/dispatcher.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/http/message.h"
#include "platform/http/metrics.h"
#include "platform/http/router.h"
#include "platform/http/static_files.h"
#include "platform/media/media_store.h"
#include "platform/module/module.h"
#include "platform/ws/hub.h"
#include "platform/ws/live_feed.h"

namespace slotbase {

namespace http {
class HttpServer;
class Pipeline;
class IdempotencyStore;
}  // namespace http
namespace ratelimit {
class RateLimiter;
}
namespace security {
class PasswordHasher;
class JwtSigner;
}  // namespace security

/// The composition root: the one place that knows every concrete class. It opens the database
/// named by the config, applies migrations, builds the modules (kModules in app.cpp, in dependency
/// order), registers their routes, event subscriptions and job handlers, and runs the HTTP server
/// and the background worker (event dispatcher + jobs + each module's background pass).
class App {
 public:
  /// `clock` defaults to the system clock; tests pass a FakeClock.
  explicit App(Config config, const Clock* clock = nullptr);
  ~App();

  /// Handles one request through the full middleware pipeline (no socket).
  http::Response handle(http::Request& request);

  /// Starts the HTTP server and the background worker; returns the bound port.
  std::uint16_t start();
  void stop();
  void run_until_signal();

  /// Starts only the background worker (the `slotbase worker` process).
  void start_worker();
  /// One pass of the background worker: deliver due events, run due jobs, let lapsed holds go.
  void run_background_once();

  const Config& config() const { return config_; }
  db::Database& database() { return *db_; }
  const http::Router& router() const { return router_; }
  events::EventDispatcher& dispatcher() { return *dispatcher_; }
  events::JobQueue& jobs() { return *jobs_; }
  const events::Outbox& outbox() const { return *outbox_; }
  /// A service some module provided (e.g. `service<booking::BookingService>()`).
  template <class T>
  T& service() {
    return services_.get<T>();
  }

 private:
  void register_platform_routes();
  void worker_loop();
  void jobs_loop();

  Config config_;
  std::optional<ops::DataDirLock> data_lock_;
  SystemClock system_clock_;
  const Clock& clock_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<events::Outbox> outbox_;
  std::unique_ptr<events::EventDispatcher> dispatcher_;
  std::unique_ptr<events::JobQueue> jobs_;
  std::unique_ptr<ratelimit::RateLimiter> limiter_;
  std::unique_ptr<security::PasswordHasher> hasher_;
  std::unique_ptr<security::JwtSigner> jwt_;
  std::unique_ptr<media::MediaStore> media_;
  ServiceRegistry services_;
  std::vector<std::unique_ptr<Module>> modules_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<http::StaticFiles> web_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<ws::Hub> hub_;
  std::unique_ptr<ws::LiveFeed> live_feed_;

  /// The shortest time between two background passes (see worker_loop).
  static constexpr std::chrono::milliseconds kWorkerBatch{20};
  Doorbell worker_bell_;
  std::thread worker_;
  /// Jobs run per pass of jobs_loop.
  static constexpr int kJobBatch = 50;
  Doorbell jobs_bell_;
  std::thread jobs_worker_;
};

}  // namespace slotbase
