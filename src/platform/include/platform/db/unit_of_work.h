#pragma once

#include <stdexcept>

namespace slotbase::db {

class Connection;
class Database;

/// A write transaction in progress, as one module hands it to another's service so that what
/// that service writes commits or rolls back with the caller's own writes: one transaction across
/// two modules (creating an organization makes its creator org_owner). Opaque: the caller can
/// only pass it on, and the service it is handed to joins it from its own Database. It lives as
/// long as the transaction it was made of: never keep one.
class UnitOfWork {
 public:
  /// The unit of work `tx`, a write transaction open on `db`, does.
  static UnitOfWork of(Database& db, Connection& tx) { return UnitOfWork(db, tx); }

  /// Runs fn(Connection&) in the unit's transaction and returns what fn returns. What fn writes
  /// commits or rolls back with the caller's transaction: an error fn returns goes back to the
  /// caller, whose transaction rolls back if it returns the error in turn (or throws). `db` must
  /// be the database the unit is on (std::logic_error otherwise).
  template <class F>
  auto join(const Database& db, F&& fn) const {
    if (&db != &db_) throw std::logic_error("a unit of work was joined from another database");
    return fn(tx_);
  }

 private:
  UnitOfWork(const Database& db, Connection& tx) : db_(db), tx_(tx) {}

  const Database& db_;
  Connection& tx_;
};

}  // namespace slotbase::db
