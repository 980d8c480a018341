#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/operations.h"
#include "app/seed_demo.h"
#include "identity/identity_service.h"
#include "platform/db/migrations.h"
#include "platform/events/outbox.h"
#include "platform/log/log.h"

namespace {

using slotbase::Config;

/// Flags shared by every sub-command; each overrides the config file and environment.
struct CommonFlags {
  std::string config_file, listen, data_dir, database_url, redis_url, rate_limit, log_level;
  bool demo = false;

  void add_to(CLI::App* cmd, bool server) {
    cmd->add_option("--config", config_file, "JSON config file");
    cmd->add_option("--data-dir", data_dir, "Directory for the SQLite file and secrets (default ./var)");
    cmd->add_option("--database-url", database_url, "sqlite:PATH or postgresql://...");
    cmd->add_option("--log-level", log_level, "trace, debug, info, warn, error or off");
    if (!server) return;
    cmd->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
    cmd->add_option("--redis-url", redis_url, "redis://HOST:PORT for shared rate limits and fan-out");
    cmd->add_option("--rate-limit", rate_limit, "default or off");
    cmd->add_flag("--demo", demo, "Load the demo club on start");
  }

  Config load() const {
    Config c;
    auto check = [](const slotbase::Result<void>& r) {
      if (!r.ok()) throw std::runtime_error("configuration: " + r.error().detail);
    };
    const char* env_file = std::getenv("SLOTBASE_CONFIG");
    std::string file = !config_file.empty() ? config_file : (env_file ? env_file : "");
    std::string dir = !data_dir.empty()
                          ? data_dir
                          : (std::getenv("SLOTBASE_DATA_DIR") ? std::getenv("SLOTBASE_DATA_DIR") : c.data_dir);
    if (file.empty() && std::filesystem::exists(std::filesystem::path(dir) / "slotbase.json"))
      file = (std::filesystem::path(dir) / "slotbase.json").string();
    if (!file.empty()) check(c.load_file(file));
    check(c.load_env());
    auto set = [&](const char* key, const std::string& v) {
      if (!v.empty()) check(c.set(key, v));
    };
    set("listen", listen);
    set("data_dir", data_dir);
    set("database_url", database_url);
    set("redis_url", redis_url);
    set("rate_limit", rate_limit);
    set("log_level", log_level);
    if (demo) c.demo = true;
    check(c.validate());
    return c;
  }
};

}  // namespace

int main(int argc, char** argv) {
  // glibc gives each busy thread its own heap, up to 8 per core, and keeps what each grew to: with
  // four HTTP threads per core that is most of the process's memory. Two heaps per core (at least
  // 8) hold it at half with no measurable cost in throughput.
  mallopt(M_ARENA_MAX, std::max(8, 2 * static_cast<int>(std::thread::hardware_concurrency())));
  CLI::App cli{"SlotBase: bookings for sports facilities"};
  cli.require_subcommand(1);
  CommonFlags flags;

  auto* serve = cli.add_subcommand("serve", "Run the HTTP/WebSocket API, event dispatcher and job worker");
  flags.add_to(serve, true);
  auto* worker = cli.add_subcommand("worker", "Run only the event dispatcher and job worker");
  flags.add_to(worker, false);
  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  flags.add_to(migrate, false);
  auto* seed = cli.add_subcommand("seed-demo", "Load the demo club and exit");
  flags.add_to(seed, false);

  auto* events_cmd = cli.add_subcommand("events", "The event log");
  events_cmd->require_subcommand(1);
  auto* replay = events_cmd->add_subcommand("replay", "Re-deliver a range of events to one subscriber");
  flags.add_to(replay, false);
  std::string subscriber;
  std::int64_t from = 1, to = INT64_MAX;
  replay->add_option("--subscriber", subscriber, "Subscriber name")->required();
  replay->add_option("--from", from, "First sequence number");
  replay->add_option("--to", to, "Last sequence number");
  auto* list_events = events_cmd->add_subcommand("list", "Print events as JSON lines");
  flags.add_to(list_events, false);
  int event_limit = 100;
  list_events->add_option("--from", from, "First sequence number");
  list_events->add_option("--limit", event_limit, "How many");

  auto* jobs_cmd = cli.add_subcommand("jobs", "Durable jobs");
  jobs_cmd->require_subcommand(1);
  auto* jobs_list = jobs_cmd->add_subcommand("list", "List jobs, newest first");
  flags.add_to(jobs_list, false);
  std::string job_status;
  int job_limit = 50;
  jobs_list->add_option("--status", job_status, "pending, running, done or dead");
  jobs_list->add_option("--limit", job_limit, "How many");

  auto* backup = cli.add_subcommand("backup", "Copy the database and the secrets into one file, while serving");
  flags.add_to(backup, false);
  std::string backup_file;
  bool force = false;
  backup->add_option("--to", backup_file, "The backup file to write")->required();
  backup->add_flag("--force", force, "Replace the file if it exists");
  auto* restore = cli.add_subcommand("restore", "Put a backup into a stopped or new data directory");
  flags.add_to(restore, false);
  restore->add_option("--from", backup_file, "The backup file to read")->required();
  restore->add_flag("--force", force, "Replace the database and secrets that are there");
  auto* check = cli.add_subcommand("check", "Report what a crash or an outage left behind (exit status 1 if any)");
  flags.add_to(check, false);

  auto* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  auto* grant = admin->add_subcommand("grant-platform-admin", "Make an existing account a platform administrator");
  flags.add_to(grant, false);
  std::string email;
  grant->add_option("--email", email, "The account's email")->required();

  CLI11_PARSE(cli, argc, argv);

  try {
    Config config = flags.load();
    if (!serve->parsed() && !worker->parsed() && flags.log_level.empty()) config.log_level = "warn";
    if (migrate->parsed()) {
      auto db = slotbase::db::open_database(config.effective_database_url(), 1);
      auto applied = slotbase::db::migrate(*db);
      std::cout << "applied " << applied.size() << " migration(s)\n";
      return 0;
    }
    // These work on the database as it is: no App, no migrations.
    if (backup->parsed()) return slotbase::ops::backup(config, backup_file, force, std::cout, std::cerr);
    if (restore->parsed()) return slotbase::ops::restore(config, backup_file, force, std::cout, std::cerr);
    if (check->parsed()) return slotbase::ops::check(config, std::cout);
    slotbase::App app(config);
    if (serve->parsed()) {
      if (config.demo) slotbase::log::info(slotbase::seed_demo(app));
      app.start();
      std::cout << "SlotBase is listening on http://" << config.listen << std::endl;
      app.run_until_signal();
    } else if (worker->parsed()) {
      app.start_worker();
      std::cout << "SlotBase worker running" << std::endl;
      app.run_until_signal();
    } else if (seed->parsed()) {
      std::cout << slotbase::seed_demo(app) << "\n";
    } else if (replay->parsed()) {
      auto n = app.dispatcher().replay(subscriber, from, to);
      if (!n.ok()) {
        std::cerr << n.error().detail << "\n";
        return 1;
      }
      std::cout << "re-delivered " << n.value() << " event(s) to " << subscriber << "\n";
    } else if (list_events->parsed()) {
      auto events = app.database().read(
          [&](slotbase::db::Connection& c) { return slotbase::events::Outbox::read(c, from, INT64_MAX, event_limit); });
      for (const auto& e : events) std::cout << e.to_json().dump() << "\n";
    } else if (jobs_list->parsed()) {
      for (const auto& j : app.jobs().list(job_status.empty() ? std::nullopt : std::optional(job_status), job_limit)) {
        std::cout << j.id << "  " << j.status << "  " << j.kind << "  run_at=" << slotbase::format_rfc3339(j.run_at)
                  << "  attempts=" << j.attempts << "/" << j.max_attempts
                  << (j.last_error ? "  error=" + *j.last_error : "") << "\n";
      }
    } else if (grant->parsed()) {
      auto user = app.service<slotbase::identity::IdentityService>().find_user_by_email(email);
      if (!user) {
        std::cerr << "no account with email " << email << "\n";
        return 1;
      }
      auto r = app.service<slotbase::identity::IdentityService>().grant_role(
          user->id, slotbase::identity::Role::platform_admin, slotbase::identity::ScopeType::platform, "",
          {std::nullopt, "cli", ""});
      if (!r.ok()) {
        std::cerr << r.error().detail << "\n";
        return 1;
      }
      std::cout << email << " is now a platform administrator\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "slotbase: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
