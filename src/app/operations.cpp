#include "app/operations.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/process_owner.h"
#include "platform/core/time.h"
#include "platform/db/database.h"
#include "platform/media/media_store.h"

extern char** environ;

namespace slotbase::ops {
namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "slotbase-backup.json";
constexpr const char* kSqliteEntry = "database/slotbase.db";
constexpr const char* kPostgresEntry = "database/postgresql.dump";
constexpr int kFormat = 1;

bool is_sqlite(const Config& config) {
  return config.effective_database_url().rfind("sqlite:", 0) == 0;
}
std::string sqlite_path(const Config& config) {
  return config.effective_database_url().substr(7);
}

/// A file created for its owner alone (0600), replacing any of that name.
int create_private(const std::string& path) {
  ::unlink(path.c_str());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  return fd;
}

void write_all(int fd, const char* data, std::size_t size, const std::string& path) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

/// Makes a rename in `dir` durable.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The backup file is a POSIX tar archive (ustar): `tar tvf` lists it and `tar xf` unpacks it
// by hand. Its entries: the manifest first, then the database, then the secrets.
class TarWriter {
 public:
  TarWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  void add(const std::string& name, const std::string& content) {
    header(name, content.size());
    write_all(fd_, content.data(), content.size(), path_);
    pad(content.size());
  }
  void add_file(const std::string& name, const std::string& file) {
    const int in = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw std::runtime_error("cannot read " + file + ": " + std::strerror(errno));
    struct stat st {};
    ::fstat(in, &st);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    header(name, size);
    std::vector<char> buffer(1 << 20);
    std::uint64_t left = size;
    while (left > 0) {
      const auto n = ::read(in, buffer.data(), std::min<std::uint64_t>(buffer.size(), left));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ::close(in);
        throw std::runtime_error("cannot read " + file);
      }
      write_all(fd_, buffer.data(), static_cast<std::size_t>(n), path_);
      left -= static_cast<std::uint64_t>(n);
    }
    ::close(in);
    pad(size);
  }
  void finish() {
    const std::array<char, 1024> end{};  // two empty blocks
    write_all(fd_, end.data(), end.size(), path_);
  }

 private:
  void header(const std::string& name, std::uint64_t size) {
    if (name.size() > 99) throw std::runtime_error("name too long for the archive: " + name);
    std::array<char, 512> h{};
    std::memcpy(h.data(), name.data(), name.size());
    std::snprintf(h.data() + 100, 8, "%07o", 0600);
    std::snprintf(h.data() + 108, 8, "%07o", 0);
    std::snprintf(h.data() + 116, 8, "%07o", 0);
    std::snprintf(h.data() + 124, 12, "%011llo", static_cast<unsigned long long>(size));
    std::snprintf(h.data() + 136, 12, "%011llo",
                  static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                      std::chrono::system_clock::now().time_since_epoch())
                                                      .count()));
    h[156] = '0';
    std::memcpy(h.data() + 257, "ustar", 6);
    std::memcpy(h.data() + 263, "00", 2);
    std::memset(h.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : h) sum += static_cast<unsigned char>(c);
    std::snprintf(h.data() + 148, 8, "%06o", sum);
    h[155] = ' ';
    write_all(fd_, h.data(), h.size(), path_);
  }
  void pad(std::uint64_t size) {
    const std::array<char, 512> zeros{};
    if (size % 512) write_all(fd_, zeros.data(), 512 - size % 512, path_);
  }

  int fd_;
  std::string path_;
};

/// Reads the archive's entries in order: `on_entry(name, size, in)` reads exactly `size` bytes
/// from `in`, or returns false to have them skipped.
void read_tar(const std::string& path,
              const std::function<bool(const std::string&, std::uint64_t, std::istream&)>& on_entry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  for (;;) {
    std::array<char, 512> h{};
    if (!in.read(h.data(), h.size())) throw std::runtime_error(path + " is not a SlotBase backup (cut short)");
    if (h[0] == '\0') return;  // the end
    if (std::memcmp(h.data() + 257, "ustar", 5) != 0) throw std::runtime_error(path + " is not a SlotBase backup");
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    if (std::strtoul(std::string(h.data() + 148, 8).c_str(), nullptr, 8) != sum)
      throw std::runtime_error(path + " is damaged (a header's checksum does not match)");
    const std::string name(h.data(), strnlen(h.data(), 100));
    const std::uint64_t size = std::strtoull(std::string(h.data() + 124, 12).c_str(), nullptr, 8);
    const auto start = in.tellg();
    on_entry(name, size, in);
    in.seekg(start + static_cast<std::streamoff>((size + 511) / 512 * 512));
    if (!in) throw std::runtime_error(path + " is not a SlotBase backup (cut short)");
  }
}

/// Copies `size` bytes of `in` into a new private file at `path`, synced.
void extract(std::istream& in, std::uint64_t size, const std::string& path) {
  const int fd = create_private(path);
  std::vector<char> buffer(1 << 20);
  for (std::uint64_t left = size; left > 0;) {
    const auto n = static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), left));
    if (!in.read(buffer.data(), n)) {
      ::close(fd);
      throw std::runtime_error("the backup is cut short");
    }
    write_all(fd, buffer.data(), static_cast<std::size_t>(n), path);
    left -= static_cast<std::uint64_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
}

std::string read_text(std::istream& in, std::uint64_t size) {
  std::string s(size, '\0');
  in.read(s.data(), static_cast<std::streamsize>(size));
  return s;
}

/// Runs a program found on PATH with `args` and waits for it; returns its exit status (-1 when
/// it could not start or was killed).
int run_program(const std::vector<std::string>& args, std::ostream& err) {
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    err << "slotbase: cannot run " << args[0] << " (is it on PATH?)\n";
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct SqliteHandle {
  sqlite3* db = nullptr;
  ~SqliteHandle() { sqlite3_close(db); }
  void open(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_busy_timeout(db, 10000);
  }
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string msg = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error(msg);
    }
  }
  std::string text(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW &&
        sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  }
};

/// A consistent copy of the SQLite database at `source` into `copy` (a standalone file in
/// rollback-journal mode); returns the copy's schema version.
std::string copy_sqlite(const std::string& source, const std::string& copy) {
  if (!fs::exists(source)) throw std::runtime_error("no database at " + source);
  ::close(create_private(copy));
  SqliteHandle from, to;
  from.open(source, SQLITE_OPEN_READWRITE);  // reads only; read-write so that it can read the WAL index
  to.open(copy, SQLITE_OPEN_READWRITE);
  sqlite3_backup* backup = sqlite3_backup_init(to.db, "main", from.db, "main");
  if (!backup) throw std::runtime_error(std::string("cannot back up: ") + sqlite3_errmsg(to.db));
  // All pages in one step: one read transaction on the source, so one consistent state of it,
  // while the server goes on writing to its log.
  int rc;
  while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(to.db));
  to.exec("PRAGMA journal_mode=DELETE");
  if (const auto ok = to.text("PRAGMA quick_check"); ok != "ok")
    throw std::runtime_error("the copy does not pass SQLite's check: " + ok);
  return to.text("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
}

fs::path secrets_dir(const Config& config) {
  return fs::path(config.data_dir) / "secrets";
}

std::vector<fs::path> secret_files(const Config& config) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(secrets_dir(config), ec))
    if (entry.is_regular_file() && entry.path().extension() != ".tmp") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path media_dir(const Config& config) {
  return fs::path(config.data_dir) / "media";
}

/// The stored images (logos, court pictures): only files named as the store names them.
std::vector<fs::path> media_files(const Config& config) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(media_dir(config), ec))
    if (entry.is_regular_file() && media::MediaStore::valid_name(entry.path().filename().string()))
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Makes the data directory as App does: for its owner alone.
void ensure_data_dir(const Config& config) {
  if (fs::create_directories(config.data_dir))
    fs::permissions(config.data_dir, fs::perms::owner_all, fs::perm_options::replace);
}

}  // namespace

std::optional<DataDirLock> DataDirLock::take(const std::string& data_dir, Mode mode) {
  const std::string path = (fs::path(data_dir) / "slotbase.lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, (mode == Mode::shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

int backup(const Config& config, const std::string& to, bool force, std::ostream& out, std::ostream& err) {
  if (to.empty()) {
    err << "slotbase: --to: name the backup file\n";
    return 2;
  }
  if (fs::exists(to) && !force) {
    err << "slotbase: " << to << " exists: name a new file, or pass --force to replace it\n";
    return 2;
  }
  const std::string partial = to + ".partial";
  const std::string dump = to + ".database.partial";
  try {
    nlohmann::json manifest = {
        {"format", kFormat},
        {"created_at",
         format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()))}};
    std::string entry;
    if (is_sqlite(config)) {
      manifest["database"] = "sqlite";
      manifest["schema_version"] = std::stoi(copy_sqlite(sqlite_path(config), dump));
      entry = kSqliteEntry;
    } else {
      manifest["database"] = "postgresql";
      ::close(create_private(dump));
      const int status = run_program({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + dump,
                                      "--dbname=" + config.effective_database_url()},
                                     err);
      if (status != 0) throw std::runtime_error("pg_dump failed (exit status " + std::to_string(status) + ")");
      entry = kPostgresEntry;
    }
    const auto secrets = secret_files(config);
    manifest["secrets"] = nlohmann::json::array();
    for (const auto& s : secrets) manifest["secrets"].push_back(s.filename().string());
    // After the database: an image is stored before any row names it and never changes, so every
    // image the copied database names is here.
    const auto images = media_files(config);
    manifest["media"] = images.size();

    const int fd = create_private(partial);
    try {
      TarWriter tar(fd, partial);
      tar.add(kManifest, manifest.dump(2) + "\n");
      tar.add_file(entry, dump);
      for (const auto& s : secrets) tar.add_file("secrets/" + s.filename().string(), s.string());
      for (const auto& m : images) tar.add_file("media/" + m.filename().string(), m.string());
      tar.finish();
      if (::fsync(fd) != 0) throw std::runtime_error("cannot write " + partial + ": " + std::strerror(errno));
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
    fs::rename(partial, to);
    sync_directory(fs::path(to).parent_path());
    fs::remove(dump);
    out << "backed up the " << manifest["database"].get<std::string>() << " database"
        << (manifest.contains("schema_version")
                ? " (schema version " + std::to_string(manifest["schema_version"].get<int>()) + ")"
                : "")
        << ", " << secrets.size() << " secret(s) and " << images.size() << " image(s) to " << to << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(partial, ec);
    fs::remove(dump, ec);
    err << "slotbase: backup failed: " << e.what() << "\n";
    return 1;
  }
}

int restore(const Config& config, const std::string& from, bool force, std::ostream& out, std::ostream& err) {
  try {
    // What the backup holds, and that it is one.
    nlohmann::json manifest;
    read_tar(from, [&](const std::string& name, std::uint64_t size, std::istream& in) {
      if (name != kManifest || !manifest.is_null()) return false;
      manifest = nlohmann::json::parse(read_text(in, size), nullptr, false);
      return true;
    });
    if (!manifest.is_object() || manifest.value("format", 0) != kFormat) {
      err << "slotbase: " << from << " is not a SlotBase backup\n";
      return 2;
    }
    const bool sqlite = manifest.value("database", "") == "sqlite";
    if (sqlite != is_sqlite(config)) {
      err << "slotbase: " << from << " holds a " << manifest.value("database", "") << " database, but the "
          << "configured database is " << (is_sqlite(config) ? "SQLite" : "PostgreSQL") << "\n";
      return 2;
    }

    ensure_data_dir(config);
    auto lock = DataDirLock::take(config.data_dir, DataDirLock::Mode::exclusive);
    if (!lock) {
      err << "slotbase: a slotbase process (serve or worker) is using " << config.data_dir
          << ": stop it before restoring\n";
      return 2;
    }
    if (!force) {
      const bool has_database =
          sqlite ? fs::exists(sqlite_path(config)) && fs::file_size(sqlite_path(config)) > 0 : [&] {
            auto db = db::open_database(config.effective_database_url(), 1);
            return db->read([](db::Connection& c) {
              return c.query_one("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
                         ->i64(0) > 0;
            });
          }();
      if (has_database || !secret_files(config).empty()) {
        err << "slotbase: " << (has_database ? "the database" : config.data_dir + "/secrets")
            << " is not empty: restore into a new data directory (and database), or pass --force to replace "
               "what is there\n";
        return 2;
      }
    }

    // The database, then the secrets and the images (staged beside where they go).
    std::map<std::string, std::string> secrets;
    std::vector<std::string> images;
    const fs::path media = media_dir(config);
    const std::string staged = sqlite ? sqlite_path(config) + ".restoring" : config.data_dir + "/restore.dump";
    bool found = false;
    read_tar(from, [&](const std::string& name, std::uint64_t size, std::istream& in) {
      if (name == (sqlite ? kSqliteEntry : kPostgresEntry)) {
        extract(in, size, staged);
        found = true;
        return true;
      }
      if (name.rfind("secrets/", 0) == 0 && name.find('/', 8) == std::string::npos && name.size() > 8 &&
          name.find("..") == std::string::npos) {
        secrets[name.substr(8)] = read_text(in, size);
        return true;
      }
      if (name.rfind("media/", 0) == 0 && media::MediaStore::valid_name(name.substr(6))) {
        if (fs::create_directories(media)) fs::permissions(media, fs::perms::owner_all, fs::perm_options::replace);
        extract(in, size, (media / (name.substr(6) + ".restoring")).string());
        images.push_back(name.substr(6));
        return true;
      }
      return false;
    });
    if (!found) throw std::runtime_error(from + " holds no database");
    if (sqlite) {
      {
        SqliteHandle check;
        check.open(staged, SQLITE_OPEN_READWRITE);
        if (const auto ok = check.text("PRAGMA quick_check"); ok != "ok")
          throw std::runtime_error("the backup's database does not pass SQLite's check: " + ok);
      }
      const std::string path = sqlite_path(config);
      // The old database's log must not be replayed onto the restored one.
      for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(path + suffix);
      fs::rename(staged, path);
      sync_directory(fs::path(path).parent_path());
    } else {
      std::vector<std::string> args = {"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                                       "--single-transaction"};
      if (force) args.insert(args.end(), {"--clean", "--if-exists"});
      args.push_back("--dbname=" + config.effective_database_url());
      args.push_back(staged);
      const int status = run_program(args, err);
      fs::remove(staged);
      if (status != 0) throw std::runtime_error("pg_restore failed (exit status " + std::to_string(status) + ")");
    }
    const fs::path dir = secrets_dir(config);
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    for (const auto& [name, content] : secrets) {
      const std::string tmp = (dir / (name + ".tmp")).string();
      const int fd = create_private(tmp);
      write_all(fd, content.data(), content.size(), tmp);
      ::fsync(fd);
      ::close(fd);
      fs::rename(tmp, dir / name);
    }
    sync_directory(dir);
    for (const auto& name : images) fs::rename(media / (name + ".restoring"), media / name);
    if (!images.empty()) sync_directory(media);
    out << "restored the " << manifest.value("database", "") << " database of " << manifest.value("created_at", "?")
        << ", " << secrets.size() << " secret(s) and " << images.size() << " image(s) into " << config.data_dir << "\n";
    return 0;
  } catch (const std::exception& e) {
    err << "slotbase: restore failed: " << e.what() << "\n";
    return 1;
  }
}

int check(const Config& config, std::ostream& out) {
  auto db = db::open_database(config.effective_database_url(), 1);
  const std::int64_t now = epoch_seconds(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  // Things a running server finishes within a few seconds; older than this, they are stuck.
  constexpr std::int64_t kOverdue = 60;
  int problems = 0;
  auto problem = [&](const std::string& what) {
    out << "problem: " << what << "\n";
    ++problems;
  };
  db->read([&](db::Connection& c) {
    const auto last = c.query_one("SELECT COALESCE(MAX(seq), 0) FROM outbox")->i64(0);
    out << "event log: " << last << " event(s)\n";
    for (const auto& r :
         c.query("SELECT subscriber, last_seq, attempts, next_attempt_at, COALESCE(last_error, ''), "
                 "COALESCE(lease_owner, ''), lease_until FROM event_subscriptions ORDER BY subscriber")) {
      const std::string name = r.text(0), owner = r.text(5);
      out << "subscriber " << name << ": " << last - r.i64(1) << " event(s) behind\n";
      if (r.i64(2) > 0)
        problem("subscriber " + name + " is failing (attempt " + r.text(2) + ", next at " +
                format_rfc3339(from_epoch_seconds(r.i64(3))) + "): " + r.text(4));
      if (!owner.empty() && r.i64(6) >= now && owner_is_gone(owner))
        problem("subscriber " + name + " is leased to a process that is gone (" + owner +
                "): the next worker on this machine takes it over");
    }
    if (auto dead = c.query_one("SELECT COUNT(*) FROM dead_events")->i64(0); dead > 0)
      problem(std::to_string(dead) +
              " event delivery(ies) given up (the dead_events table; `slotbase events replay` delivers again)");
    for (const auto& r :
         c.query("SELECT kind, COUNT(*), MIN(run_at) FROM jobs WHERE status = 'pending' AND run_at < $1 GROUP BY kind "
                 "ORDER BY kind",
                 {now - kOverdue}))
      problem(r.text(1) + " " + r.text(0) + " job(s) overdue since " + format_rfc3339(from_epoch_seconds(r.i64(2))) +
              ": is a server or worker running?");
    for (const auto& r : c.query(
             "SELECT id, kind, COALESCE(locked_by, ''), COALESCE(locked_until, 0) FROM jobs WHERE status = 'running' "
             "ORDER BY id")) {
      if (r.i64(3) < now)
        problem("job " + r.text(0) + " (" + r.text(1) + ") was left running by " + r.text(2) +
                ": the next worker runs it again");
      else if (owner_is_gone(r.text(2)))
        problem("job " + r.text(0) + " (" + r.text(1) + ") is held by a process that is gone (" + r.text(2) +
                "): the next worker on this machine runs it again");
    }
    if (auto dead = c.query_one("SELECT COUNT(*) FROM jobs WHERE status = 'dead'")->i64(0); dead > 0)
      problem(std::to_string(dead) + " job(s) given up (`slotbase jobs list --status dead`)");
    for (const auto& r :
         c.query("SELECT scope, key, created_at, COALESCE(owner, '') FROM idempotency_keys WHERE state = 'processing' "
                 "ORDER BY created_at")) {
      const bool gone = owner_is_gone(r.text(3));
      if (gone || r.i64(2) < now - kOverdue)
        problem("request cut off: Idempotency-Key \"" + r.text(1) + "\" of " + r.text(0) + " at " +
                format_rfc3339(from_epoch_seconds(r.i64(2))) + (gone ? ", its process is gone" : ", never finished") +
                ": its client had no answer; what it did, if anything, is in the database, and a retry with "
                "the same key runs it again");
    }
  });
  out << (problems == 0 ? "no problems found\n" : std::to_string(problems) + " problem(s) found\n");
  return problems == 0 ? 0 : 1;
}

}  // namespace slotbase::ops
