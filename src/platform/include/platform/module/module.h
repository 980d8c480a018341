#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>

#include "platform/clock/clock.h"
#include "platform/config/config.h"
#include "platform/db/database.h"
#include "platform/events/dispatcher.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/http/metrics.h"
#include "platform/http/router.h"

namespace slotbase {

/// The services that the platform and the modules built so far offer, by type (as userver's
/// FindComponent). A module takes what it needs when it is built, so the order of construction
/// is the dependency order and a missing service is a wiring error found at start-up, not later.
/// Filled at start-up, read-only afterwards; not thread-safe while filled.
class ServiceRegistry {
 public:
  /// Offers `service` as a `T` to the modules built after this call. The service outlives them.
  template <class T>
  void provide(T& service) {
    services_[std::type_index(typeid(T))] = &service;
  }

  /// The `T` that was provided, or null: for optional collaborators.
  template <class T>
  T* find() const {
    auto it = services_.find(std::type_index(typeid(T)));
    return it == services_.end() ? nullptr : static_cast<T*>(it->second);
  }

  /// The `T` that was provided; std::logic_error when none was (modules are built in the wrong order).
  template <class T>
  T& get() const {
    if (T* service = find<T>()) return *service;
    throw std::logic_error(std::string("no module provided the service ") + typeid(T).name() +
                           " before it was asked for: check the order of kModules in app.cpp");
  }

 private:
  std::unordered_map<std::type_index, void*> services_;
};

/// What a module is given to build itself: the platform's shared parts and the registry of
/// services. References stay valid for the module's life.
struct ModuleContext {
  const Config& config;
  db::Database& db;
  const Clock& clock;
  const events::Outbox& outbox;
  events::JobQueue& jobs;
  http::Metrics& metrics;  // for the module's gauges (cache sizes, queue depths)
  ServiceRegistry& services;
};

/// A module as the composition root sees it. The module's factory (`<module>::make_module` in
/// its `register.h`) builds it from a ModuleContext and provides its services in the registry;
/// the root then asks every module, in order, for its routes, its event subscriptions and its job
/// handlers, and runs each module's part of every background pass. docs/modules.md has the shape.
class Module {
 public:
  /// Destroyed in the reverse order of construction: the modules it depends on are still alive.
  virtual ~Module() = default;

  /// The module's name, as in its folder (src/modules/<name>).
  virtual std::string_view name() const = 0;
  /// Adds the module's HTTP routes.
  virtual void register_routes(http::Router&) {}
  /// Subscribes the module's handlers to the events it reacts to (its own or other modules').
  virtual void subscribe(events::EventDispatcher&) {}
  /// Registers a handler for each job kind the module schedules.
  virtual void register_jobs(events::JobQueue&) {}
  /// The module's part of one background pass: sweeps cheaper run together than as one job each.
  virtual void run_background_once() {}
};

using ModuleFactory = std::unique_ptr<Module> (*)(ModuleContext& context);

}  // namespace slotbase
