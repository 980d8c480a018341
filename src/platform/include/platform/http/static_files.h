#pragma once

#include <filesystem>
#include <optional>

#include "platform/http/message.h"

namespace slotbase::http {

/// The built web front ends, served from one folder: `/` is the player app (index.html) and
/// `/admin` the admin app (admin/index.html). A GET for a file that exists returns it; any other
/// path outside /api/ and /ws returns its app's index.html, so the apps route on the client.
/// Hashed assets are cached for a year, pages never. Paths never leave the folder.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  /// The response for a GET or HEAD the router has no route for; nullopt for API paths or when
  /// nothing fits.
  std::optional<Response> serve(const Request& request) const;

 private:
  std::optional<Response> file(const std::filesystem::path& relative, bool page) const;
  std::filesystem::path root_;
};

}  // namespace slotbase::http
