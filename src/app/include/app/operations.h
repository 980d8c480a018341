#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <utility>

#include "platform/config/config.h"

namespace slotbase::ops {

/// A lock on a data directory (DATA_DIR/slotbase.lock, flock): every process that serves it
/// (serve, worker and the commands that open the App) holds it shared, `slotbase restore` holds
/// it alone. The kernel drops it with the process, however that ends.
class DataDirLock {
 public:
  enum class Mode { shared, exclusive };
  /// Nothing when the lock is held in a way that excludes `mode` (never waits).
  static std::optional<DataDirLock> take(const std::string& data_dir, Mode mode);
  DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  DataDirLock& operator=(DataDirLock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  DataDirLock(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

/// `slotbase backup --to FILE`: one file holding the database and DATA_DIR/secrets. SQLite is
/// copied with its online backup API (one read transaction: consistent while other processes
/// write); PostgreSQL with `pg_dump --format=custom`. The file is written beside FILE and renamed
/// into place once complete, mode 0600. Returns the exit status; says what it did on `out`.
int backup(const Config& config, const std::string& to, bool force, std::ostream& out, std::ostream& err);

/// `slotbase restore --from FILE`: puts a backup's database and secrets into the configured data
/// directory (and database). Refuses while a slotbase process uses the data directory, and, without
/// `force`, when the data directory already holds a database or secrets (or the PostgreSQL
/// database has tables). Migrations newer than the backup are applied when the server starts.
int restore(const Config& config, const std::string& from, bool force, std::ostream& out, std::ostream& err);

/// `slotbase check`: what a crash or an outage can leave behind, read from the database without
/// changing it: subscribers that are failing or whose lease a dead process holds, events given up
/// on, jobs overdue, stuck with a dead worker or dead, and requests with an Idempotency-Key that
/// a crash cut off (the client never had an answer; a retry with the same key runs them again).
/// Returns 0 when it found nothing wrong, 1 otherwise.
int check(const Config& config, std::ostream& out);

}  // namespace slotbase::ops
