#include "resource/register.h"

#include "organization/organization_service.h"
#include "platform/media/media_store.h"
#include "resource_routes.h"
#include "resource_service_impl.h"

namespace slotbase::resource {
namespace {

class ResourceModule final : public Module {
 public:
  explicit ResourceModule(ModuleContext& c)
      : service_(c.db, c.clock, c.outbox, c.services.get<organization::OrganizationService>(),
                 c.services.get<media::MediaStore>()) {
    c.services.provide<ResourceService>(service_);
  }

  std::string_view name() const override { return "resource"; }
  void register_routes(http::Router& router) override { register_resource_routes(router, service_); }

 private:
  ResourceServiceImpl service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<ResourceModule>(context);
}

}  // namespace slotbase::resource
