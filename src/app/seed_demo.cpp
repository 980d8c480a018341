#include "app/seed_demo.h"

#include <cmath>
#include <stdexcept>

#include "identity/identity_service.h"
#include "organization/organization_service.h"
#include "payment/payment_service.h"
#include "platform/media/png.h"
#include "resource/resource_service.h"

namespace slotbase {
namespace {

template <class T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) throw std::runtime_error(std::string("demo data: ") + what + ": " + r.error().detail);
  return std::move(r).value();
}

/// The demo club's logo, drawn here rather than shipped as a file: a tennis ball, its two seams
/// white, on the club's green.
std::string demo_logo() {
  constexpr int kSize = 96;
  constexpr double kCentre = (kSize - 1) / 2.0, kBall = 38, kSeam = 56, kSeamWidth = 2.2;
  std::vector<std::uint32_t> pixels;
  pixels.reserve(kSize * kSize);
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      const double dx = x - kCentre, dy = y - kCentre;
      const double from_left = std::hypot(dx + 64, dy), from_right = std::hypot(dx - 64, dy);
      std::uint32_t colour = 0x1B5E20;  // the club's green
      if (std::hypot(dx, dy) <= kBall) {
        colour = 0xC6E03A;  // the ball
        if (std::abs(from_left - kSeam) < kSeamWidth || std::abs(from_right - kSeam) < kSeamWidth) colour = 0xFFFFFF;
      }
      pixels.push_back(colour);
    }
  return media::encode_png(kSize, kSize, pixels);
}

}  // namespace

std::string seed_demo(App& app) {
  auto& identity = app.service<identity::IdentityService>();
  auto& orgs = app.service<organization::OrganizationService>();
  if (identity.find_user_by_email("owner@demo.slotbase.test")) return "demo data already loaded";

  const Context system{std::nullopt, "seed-demo", ""};
  // The demo's addresses count as verified: nobody reads their mail, and no link is sent.
  auto owner = must(
      identity.register_user({"owner@demo.slotbase.test", "demo-owner-pass", "Olivia Owner", true}, system), "owner");
  const Context as_owner{owner.user.id.str(), "seed-demo", ""};
  auto org = must(orgs.create_organization("Riverside Racquet Club", as_owner), "organization");
  auto facility = must(orgs.create_facility(org.id,
                                            {"Riverside Tennis Center", "America/New_York", "USD",
                                             organization::Address{"100 River Road", "New York", "NY", "10001", "US"}},
                                            as_owner),
                       "facility");
  organization::OperatingHours hours;
  for (int day = 1; day <= 7; ++day)
    hours.weekly.push_back({day, LocalTime{day <= 5 ? 7 * 60 : 8 * 60}, LocalTime{day <= 5 ? 22 * 60 : 20 * 60}});
  hours.holidays.push_back({LocalDate{2026, 12, 25}, "Christmas Day", true, std::nullopt, std::nullopt});
  hours.holidays.push_back({LocalDate{2026, 12, 31}, "New Year's Eve", false, LocalTime{8 * 60}, LocalTime{16 * 60}});
  must(orgs.set_hours(facility.id, hours, as_owner), "hours");
  organization::FacilityPatch about;
  about.settings.emplace();
  about.settings->description = "Eight hard courts and four clay courts by the river.";
  about.settings->sports = std::vector<std::string>{"tennis", "pickleball"};
  about.settings->accent_color = std::string("#1d6b3a");  // the club's green, on its pages in the player app
  about.policies.emplace();
  about.policies->weekend_multiplier = 1.25;
  about.policies->holiday_multiplier = 1.5;
  must(orgs.update_facility(facility.id, about, as_owner), "policies");
  must(orgs.set_logo(facility.id, demo_logo(), "image/png", as_owner), "logo");

  // Eight hard courts and four clay ones, with evening peak prices and member rates.
  resource::Pricing pricing{{2400, "USD"}, 1800, 60, {}};
  pricing.rules.push_back({"Weekday evenings", {1, 2, 3, 4, 5}, LocalTime{17 * 60}, LocalTime{21 * 60}, 3600, 2800});
  auto& resources = app.service<resource::ResourceService>();
  for (int i = 1; i <= 12; ++i) {
    resource::NewResource court;
    court.name = "Court " + std::to_string(i);
    court.type = "tennis_court";
    court.surface = i <= 8 ? "hard" : "clay";
    court.indoor = i <= 4;
    court.lighting = true;
    court.color = i <= 8 ? "#1e88e5" : "#e65100";
    court.display_order = i;
    auto created = must(resources.create_resource(facility.id, court, as_owner), "court");
    must(resources.set_pricing(created.id, pricing, as_owner), "pricing");
  }

  struct Person {
    const char* email;
    const char* password;
    const char* name;
    const char* role;  // facility role, or "member"
  };
  const Person people[] = {
      {"desk@demo.slotbase.test", "demo-desk-pass", "Dan Desk", "staff"},
      {"coach@demo.slotbase.test", "demo-coach-pass", "Carla Coach", "coach"},
      {"player@demo.slotbase.test", "demo-player-pass", "Pat Player", "member"},
      {"guest@demo.slotbase.test", "demo-guest-pass", "Gus Guest", nullptr},
  };
  for (const auto& p : people) {
    must(identity.register_user({p.email, p.password, p.name, true}, system), p.email);
    if (!p.role) continue;
    if (std::string(p.role) == "member")
      must(orgs.add_member(facility.id, p.email, as_owner), p.email);
    else
      must(orgs.add_staff(facility.id, p.email, p.role, as_owner), p.email);
  }
  // The Players page filled: a newcomer waiting for an answer, and an invitation not yet taken up.
  auto newcomer =
      must(identity.register_user({"newcomer@demo.slotbase.test", "demo-newcomer-pass", "Nora Newcomer", true}, system),
           "newcomer");
  const Context as_newcomer{newcomer.user.id.str(), "seed-demo", ""};
  must(orgs.request_to_join(facility.id, std::string("I play on Tuesday evenings; may I join?"), as_newcomer),
       "join request");
  must(orgs.invite_player(facility.id, "friend@demo.slotbase.test", as_owner), "invitation");
  // The platform's own administrator: reads the local outbox (the e-mails as they would have gone
  // out, password-reset links among them) and sets each facility's platform fee.
  auto admin = must(identity.register_user({"admin@demo.slotbase.test", "demo-admin-pass", "Ada Admin", true}, system),
                    "platform administrator");
  must(identity.grant_role(admin.user.id, identity::Role::platform_admin, identity::ScopeType::platform, "", system),
       "platform administrator role");
  // Cards through the payments sandbox: the owner's onboarding, as its page's form submits it.
  auto onboarding = must(app.service<payment::PaymentService>().connect(facility.id.str(), as_owner), "payments");
  http::Request submit;
  submit.method = "POST";
  submit.target = submit.path = onboarding;
  submit.remote_ip = "127.0.0.1";
  if (app.handle(submit).status != 303) throw std::runtime_error("demo data: the payments sandbox's onboarding failed");
  app.run_background_once();  // its webhook: the account can take charges
  return "demo data loaded: facility " + facility.id.str() + " (log in as owner@demo.slotbase.test / demo-owner-pass)";
}

}  // namespace slotbase
