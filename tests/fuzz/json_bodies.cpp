// JSON request bodies into the request structs: the HTTP layer's JsonBody and the rules the
// busiest routes read their bodies with (POST /holds' range, PATCH /facilities/{id}'s address,
// settings and policies, PUT .../hours' opening hours and holidays, PUT .../pricing's price
// rules). One input is one body, given to each of them as its route would.
//
// Invariants: a refused body is 400 or 422 naming each bad field, never anything else; an
// accepted one is what the rules promise (a hold's range is whole minutes, end after start, at
// most a day), and what the API writes back from it reads back to the same thing.

#include <cstddef>
#include <cstdint>
#include <string>

#include "booking/rules/settlement.h"
#include "fuzz_check.h"
#include "organization/rules/address.h"
#include "organization/rules/hours.h"
#include "organization/rules/policies.h"
#include "platform/http/json_body.h"
#include "resource/rules/pricing.h"

using namespace slotbase;
using nlohmann::json;

namespace {

void hold_request(const std::string& text) {
  auto parsed = http::JsonBody::parse(text);
  if (!parsed.ok()) return fuzz::check_client_error(parsed.error(), text);
  auto& body = parsed.value();
  body.only({"resource_id", "start", "end", "booked_for_user_id"});
  const auto resource = body.string("resource_id", true, 100);
  const auto start = body.string("start", true, 40);
  const auto end = body.string("end", true, 40);
  const auto for_user = body.string("booked_for_user_id", false, 100);
  if (auto done = body.finish(); !done.ok()) return fuzz::check_client_error(done.error(), text);
  fuzz::check(resource && start && end, "a finished body has its required fields", text);
  fuzz::check(resource->size() <= 100 && start->size() <= 40, "strings are within their lengths", text);
  auto range = booking::rules::parse_range(*start, *end);
  if (!range.ok()) return fuzz::check_client_error(range.error(), text);
  const auto [from, to] = range.value();
  fuzz::check(from < to && to - from <= std::chrono::hours(24), "a range is non-empty and at most a day", text);
  // Written back in the API's responses and read again by clients: the same instants.
  fuzz::check(parse_rfc3339(format_rfc3339(from)) == from, "a hold's start reads back", text);
  fuzz::check(parse_rfc3339(format_rfc3339(to)) == to, "a hold's end reads back", text);
}

void facility_patch(const json& doc, const std::string& text) {
  using namespace organization;
  if (doc.contains("address")) {
    auto a = rules::parse_address(doc["address"]);
    if (!a.ok()) {
      fuzz::check_client_error(a.error(), text);
    } else {
      auto again = rules::parse_address(rules::to_json(a.value()));
      fuzz::check(again.ok() && rules::to_json(again.value()) == rules::to_json(a.value()),
                  "an address reads back from what the API writes", text);
    }
  }
  if (doc.contains("settings") && doc["settings"].is_object()) {
    auto patch = rules::parse_settings(doc["settings"]);
    if (!patch.ok()) {
      fuzz::check_client_error(patch.error(), text);
    } else {
      const Settings s = rules::apply_settings(Settings{}, patch.value());
      auto again = rules::parse_settings(rules::to_json(s));
      fuzz::check(again.ok(), "settings the API writes are accepted back", text);
      fuzz::check(rules::to_json(rules::apply_settings(Settings{}, again.value())) == rules::to_json(s),
                  "settings read back the same", text);
      fuzz::check(rules::to_json(rules::settings_from_json(rules::to_json(s))) == rules::to_json(s),
                  "stored settings load the same", text);
    }
  }
  if (doc.contains("policies") && doc["policies"].is_object()) {
    auto patch = rules::parse_policies(doc["policies"]);
    if (!patch.ok()) return fuzz::check_client_error(patch.error(), text);
    auto p = rules::apply_policies(Policies{}, patch.value());
    if (!p.ok()) return fuzz::check_client_error(p.error(), text);
    auto again = rules::parse_policies(rules::to_json(p.value()));
    fuzz::check(again.ok(), "policies the API writes are accepted back", text);
    auto p2 = rules::apply_policies(Policies{}, again.value());
    fuzz::check(p2.ok() && rules::to_json(p2.value()) == rules::to_json(p.value()), "policies read back the same",
                text);
    fuzz::check(rules::to_json(rules::policies_from_json(rules::to_json(p.value()))) == rules::to_json(p.value()),
                "stored policies load the same", text);
  }
}

void opening_hours(const json& doc, const std::string& text) {
  auto h = organization::rules::parse_hours(doc);
  if (!h.ok()) return fuzz::check_client_error(h.error(), text);
  const json written = organization::rules::to_json(h.value());
  auto again = organization::rules::parse_hours(written);
  fuzz::check(again.ok() && organization::rules::to_json(again.value()) == written,
              "opening hours read back from what the API writes", text);
}

void price_list(const json& doc, const std::string& text) {
  auto p = resource::rules::parse_pricing(doc);
  if (!p.ok()) return fuzz::check_client_error(p.error(), text);
  const json written = resource::rules::to_json(p.value());
  auto again = resource::rules::parse_pricing(written);
  fuzz::check(again.ok() && again.value() == p.value(), "a price list reads back from what the API writes", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  hold_request(text);
  auto parsed = http::JsonBody::parse(text);
  if (!parsed.ok()) {
    fuzz::check_client_error(parsed.error(), text);
    return 0;
  }
  const json& doc = parsed.value().doc();
  fuzz::check(doc.is_object(), "JsonBody holds an object", text);
  facility_patch(doc, text);
  opening_hours(doc, text);
  price_list(doc, text);
  return 0;
}
