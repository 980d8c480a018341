#include "app/app.h"

#include <filesystem>

#include "booking/register.h"
#include "calendar/register.h"
#include "identity/identity_service.h"
#include "identity/register.h"
#include "notification/register.h"
#include "organization/organization_service.h"
#include "organization/register.h"
#include "payment/register.h"
#include "platform/core/context.h"
#include "platform/core/embedded.h"
#include "platform/db/migrations.h"
#include "platform/http/idempotency.h"
#include "platform/http/pipeline.h"
#include "platform/http/problem.h"
#include "platform/http/server.h"
#include "platform/log/log.h"
#include "platform/ratelimit/rate_limiter.h"
#include "platform/security/jwt.h"
#include "platform/security/password.h"
#include "resource/register.h"

namespace slotbase {
namespace {

// Every module, in dependency order: each finds the services of those before it. A new module
// is one line here and one folder under src/modules.
constexpr ModuleFactory kModules[] = {
    identity::make_module,      // users, sessions, roles
    organization::make_module,  // organizations, facilities, hours, policies
    resource::make_module,      // courts and their prices
    booking::make_module,       // availability, holds, bookings, series, waitlist
    payment::make_module,       // money: cards, the desk, refunds, fees, credit
    calendar::make_module,      // calendar feeds of bookings
    notification::make_module,  // messages: in-app, e-mail, reminders
};

}  // namespace

App::App(Config config, const Clock* clock) : config_(std::move(config)), clock_(clock ? *clock : system_clock_) {
  log::init(config_.log_level);
  // The data directory holds the database and the secrets: created for its owner alone
  // (docs/operations.md). One that exists keeps the modes its administrator gave it.
  if (std::filesystem::create_directories(config_.data_dir))
    std::filesystem::permissions(config_.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
  // Held while the process lives: `slotbase restore` refuses a data directory in use.
  data_lock_ = ops::DataDirLock::take(config_.data_dir, ops::DataDirLock::Mode::shared);
  if (!data_lock_) throw std::runtime_error("a restore into " + config_.data_dir + " is running");
  db_ = db::open_database(config_.effective_database_url(), config_.db_pool_size);
  for (const auto& m : db::migrate(*db_)) log::info("migration applied", {{"version", m.version}, {"name", m.name}});

  outbox_ = std::make_unique<events::Outbox>(clock_);
  outbox_->on_commit([this] {
    worker_bell_.ring();
    jobs_bell_.ring();
    if (live_feed_) live_feed_->wake();
  });
  events::EventDispatcher::Options dispatch;
  dispatch.parallel = true;
  dispatcher_ = std::make_unique<events::EventDispatcher>(*db_, clock_, dispatch);
  jobs_ = std::make_unique<events::JobQueue>(*db_, clock_);

  if (config_.rate_limit == "off")
    limiter_ = std::make_unique<ratelimit::UnlimitedRateLimiter>();
  else if (!config_.redis_url.empty())
    limiter_ = std::make_unique<ratelimit::RedisRateLimiter>(config_.redis_url);
  else
    limiter_ = std::make_unique<ratelimit::InProcessRateLimiter>();

  hasher_ = std::make_unique<security::PasswordHasher>(config_.password_memory_kib, config_.password_iterations);
  jwt_ = std::make_unique<security::JwtSigner>(
      config_.jwt_secret.empty() ? load_or_create_secret(config_.data_dir, "jwt.key", 48) : config_.jwt_secret);

  services_.provide(*hasher_);
  services_.provide(*jwt_);
  services_.provide(*limiter_);
  // Logos and court pictures, by their content (organization and resource store them).
  media_ = std::make_unique<media::MediaStore>(std::filesystem::path(config_.data_dir) / "media");
  services_.provide(*media_);
  ModuleContext context{config_, *db_, clock_, *outbox_, *jobs_, metrics_, services_};
  for (ModuleFactory make : kModules) modules_.push_back(make(context));

  register_platform_routes();
  for (auto& m : modules_) {
    m->register_routes(router_);
    m->subscribe(*dispatcher_);
    m->register_jobs(*jobs_);
  }

  metrics_.gauge("slotbase_db_pool_in_use", "Database connections in use.",
                 [this] { return static_cast<double>(db_->stats().in_use); });
  metrics_.gauge("slotbase_db_pool_size", "Database connection pool size.",
                 [this] { return static_cast<double>(db_->stats().size); });
  metrics_.gauge("slotbase_db_pool_waits_total", "Times a request waited for a free database connection.",
                 [this] { return static_cast<double>(db_->stats().waits); });
  metrics_.gauge("slotbase_outbox_lag", "Events the slowest subscriber has not yet received.",
                 [this] { return static_cast<double>(dispatcher_->lag()); });
  metrics_.gauge("slotbase_jobs_queue_depth", "Jobs waiting or running.",
                 [this] { return static_cast<double>(jobs_->depth()); });
  metrics_.gauge("slotbase_jobs_dead", "Jobs given up on after their last attempt.",
                 [this] { return static_cast<double>(jobs_->dead()); });

  // /ws: a client may follow a facility it could read over HTTP, and a signed-in client its own
  // notifications.
  hub_ = std::make_unique<ws::Hub>(
      [this](const std::string& facility_id, const std::string& token) {
        Context ctx;
        if (!token.empty()) {
          auto session = services_.get<identity::IdentityService>().validate_session(token);
          if (!session.ok()) return false;
          ctx.user_id = session->user_id.str();
        }
        return services_.get<organization::OrganizationService>()
            .get_facility(organization::FacilityId{facility_id}, ctx)
            .ok();
      },
      [this](const std::string& token) {
        auto session = services_.get<identity::IdentityService>().validate_session(token);
        return session.ok() ? session->user_id.str() : std::string();
      });
  live_feed_ = std::make_unique<ws::LiveFeed>(*db_, *hub_);

  idempotency_ = std::make_unique<http::IdempotencyStore>(*db_, clock_);
  http::PipelineOptions options;
  options.rate_limit = config_.rate_limit != "off";
  options.cors_origins = {config_.cors_origins.begin(), config_.cors_origins.end()};
  options.database = db_.get();
  if (auto dir = config_.web_root()) {
    web_ = std::make_unique<http::StaticFiles>(*dir);
    options.web = web_.get();
  }
  pipeline_ = std::make_unique<http::Pipeline>(router_, services_.get<http::Authenticator>(), *limiter_, *idempotency_,
                                               metrics_, options);
}

App::~App() {
  stop();
  // Later modules depend on earlier ones: they go first.
  while (!modules_.empty()) modules_.pop_back();
}

void App::register_platform_routes() {
  router_.add({"GET", "/health",
               [](http::Request&) {
                 return http::Response::json(200, {{"status", "ok"}});
               },
               http::Auth::none, http::RateClass::exempt, "The process is up"});
  router_.add(
      {"GET", "/ready",
       [this](http::Request&) {
         if (db_->ping()) return http::Response::json(200, {{"status", "ready"}});
         return http::Response::json(503, {{"status", "unavailable"}, {"detail", "the database does not answer"}});
       },
       http::Auth::none, http::RateClass::exempt, "The database answers"});
  router_.add({"GET", "/metrics",
               [this](http::Request&) {
                 return http::Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
               },
               http::Auth::none, http::RateClass::exempt, "Prometheus metrics"});
  router_.add(
      {"GET", "/ws",
       [](http::Request&) {
         http::Response r = http::Response::json(
             426, {{"type", "about:blank"},
                   {"title", "Upgrade required"},
                   {"status", 426},
                   {"detail", "Open a WebSocket here, then send {\"type\":\"subscribe\",\"facility_id\":\"...\"}."}});
         r.headers["Content-Type"] = "application/problem+json";
         r.headers["Upgrade"] = "websocket";
         return r;
       },
       http::Auth::none, http::RateClass::exempt, "WebSocket: live availability changes"});
  // Stored images by their content-addressed names: a name never changes meaning, so caches may
  // keep a file forever; the ETag is the name's hash, for a client that revalidates anyway.
  router_.add({"GET", "/api/v1/media/{file_name}",
               [this](http::Request& req) {
                 const std::string& name = req.param("file_name");
                 auto bytes = media_->read(name);
                 if (!bytes) return http::problem(Error::not_found("No such image."), req.path);
                 const std::string etag = "\"" + name.substr(0, name.find('.')) + "\"";
                 http::Response r;
                 if (auto match = req.header("If-None-Match");
                     match && (match->find(etag) != std::string::npos || *match == "*")) {
                   r.status = 304;
                 } else {
                   r = http::Response::text(200, std::move(*bytes), std::string(media::content_type_of(name)));
                 }
                 r.headers["ETag"] = etag;
                 r.headers["Cache-Control"] = "public, max-age=31536000, immutable";
                 return r;
               },
               http::Auth::none, http::RateClass::normal, "A stored image (a facility's logo, a court's picture)"});
  router_.add({"GET", "/api/v1/openapi.json",
               [](http::Request&) {
                 return http::Response::text(200, std::string(embedded_file("api/openapi.json")), "application/json");
               },
               http::Auth::none, http::RateClass::exempt, "This API's OpenAPI document"});
}

http::Response App::handle(http::Request& request) {
  return pipeline_->handle(request);
}

std::uint16_t App::start() {
  http::HttpServer::Options options;
  options.host = config_.host();
  options.port = config_.port();
  options.threads = config_.http_threads();
  options.write_threads = config_.http_write_threads();
  options.body_limit = static_cast<std::size_t>(config_.body_limit_bytes);
  options.body_limit_for = [this](std::string_view method, std::string_view target) -> std::size_t {
    auto match = router_.match(std::string(method), std::string(target.substr(0, target.find('?'))));
    return match.ok() ? match->route->body_limit : 0;
  };
  server_ = std::make_unique<http::HttpServer>(options, [this](http::Request& r) { return handle(r); });
  server_->set_websocket("/ws", hub_.get());
  live_feed_->start();
  const auto port = server_->start();
  start_worker();
  log::info("listening", {{"host", options.host},
                          {"port", port},
                          {"threads", options.threads},
                          {"write_threads", options.write_threads},
                          {"database", db_->dialect() == db::Dialect::sqlite ? "sqlite" : "postgresql"}});
  return port;
}

void App::run_until_signal() {
  http::wait_for_signal();
  log::info("shutting down", {{"in_flight", server_ ? server_->in_flight() : 0}});
  stop();
}

void App::stop() {
  if (server_) server_->stop();
  if (live_feed_) live_feed_->stop();
  worker_bell_.stop();
  jobs_bell_.stop();
  if (worker_.joinable()) worker_.join();
  if (jobs_worker_.joinable()) jobs_worker_.join();
}

void App::start_worker() {
  if (worker_.joinable()) return;
  worker_ = std::thread([this] { worker_loop(); });
  jobs_worker_ = std::thread([this] { jobs_loop(); });
}

void App::run_background_once() {
  dispatcher_->run_once();
  jobs_->run_due();
  for (auto& m : modules_) m->run_background_once();
}

void App::worker_loop() {
  // Rung by a commit that emitted events; otherwise polls, which also picks up events written by
  // other processes (the jobs have their own thread, jobs_loop). Passes start at least kWorkerBatch apart, so under
  // load one pass takes many events with one lease and one cursor write per subscriber.
  for (auto started = Doorbell::Clock::now();; started = Doorbell::Clock::now()) {
    try {
      dispatcher_->run_once();
      for (auto& m : modules_) m->run_background_once();
    } catch (const std::exception& e) {
      log::error("background worker pass failed", {{"error", e.what()}});
    }
    if (!worker_bell_.wait(std::chrono::milliseconds(250), started, kWorkerBatch)) return;
  }
}

void App::jobs_loop() {
  // Jobs (sending messages, charging, reminders coming due) on a thread of their own, so a queue
  // of e-mails never holds up the events, nor the events the e-mails. A pass that found a full
  // batch starts the next at once; otherwise it waits for a commit or a quarter of a second.
  for (auto started = Doorbell::Clock::now();; started = Doorbell::Clock::now()) {
    int ran = 0;
    try {
      ran = jobs_->run_due(kJobBatch);
    } catch (const std::exception& e) {
      log::error("background jobs pass failed", {{"error", e.what()}});
    }
    if (ran >= kJobBatch) {
      if (!jobs_bell_.wait(std::chrono::milliseconds(0), started, std::chrono::milliseconds(0))) return;
      continue;
    }
    if (!jobs_bell_.wait(std::chrono::milliseconds(250), started, kWorkerBatch)) return;
  }
}

}  // namespace slotbase
