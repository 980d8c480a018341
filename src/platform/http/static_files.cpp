#include "platform/http/static_files.h"

#include <fstream>
#include <map>
#include <sstream>

namespace slotbase::http {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string> kTypes = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

/// The request path as a relative path inside the folder, or nullopt if it tries to leave it.
std::optional<fs::path> relative_of(const std::string& path) {
  fs::path out;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == ".." || part.find('\\') != std::string::npos || part.find('\0') != std::string::npos)
      return std::nullopt;
    out /= part;
  }
  return out;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::file(const fs::path& relative, bool page) const {
  const fs::path full = root_ / relative;
  std::error_code ec;
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  auto type = kTypes.find(full.extension().string());
  Response r = Response::text(200, body.str(), type != kTypes.end() ? type->second : "application/octet-stream");
  // Vite names built assets by their content: they never change. Pages and the service worker must.
  const bool hashed =
      relative.begin() != relative.end() &&
      (*relative.begin() == "assets" || (relative.has_parent_path() && relative.parent_path().filename() == "assets"));
  r.headers["Cache-Control"] = page || !hashed ? "no-cache" : "public, max-age=31536000, immutable";
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string& path = request.path;
  if (path.rfind("/api/", 0) == 0 || path == "/api" || path == "/ws") return std::nullopt;
  auto relative = relative_of(path);
  if (!relative) return std::nullopt;
  if (!relative->empty()) {
    if (auto r = file(*relative, relative->extension() == ".html")) return r;
    // A missing asset is a 404, not a page: only extension-less paths are client routes.
    if (relative->has_extension()) return std::nullopt;
  }
  const bool admin = path == "/admin" || path.rfind("/admin/", 0) == 0;
  return file(admin ? fs::path("admin") / "index.html" : fs::path("index.html"), true);
}

}  // namespace slotbase::http
