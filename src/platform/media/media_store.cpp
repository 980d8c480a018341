#include "platform/media/media_store.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "platform/core/strings.h"

namespace slotbase::media {
namespace {

namespace fs = std::filesystem;

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

std::string_view extension_for(std::string_view type) {
  if (type == "image/png") return "png";
  if (type == "image/jpeg") return "jpg";
  if (type == "image/webp") return "webp";
  return {};
}

Error unsupported(const std::string& field, std::string message) {
  return Error{
      ErrorCode::unsupported_media_type, "Send a PNG, JPEG or WebP image: " + message, {{field, message}}, {}, 0, {}};
}

}  // namespace

std::string_view sniff_image_type(std::string_view bytes) {
  if (starts_with(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  if (starts_with(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
  if (bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

std::string_view content_type_of(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  auto ext = name.substr(dot + 1);
  if (ext == "png") return "image/png";
  if (ext == "jpg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  return {};
}

bool MediaStore::valid_name(std::string_view name) {
  auto dot = name.find('.');
  if (dot != 64 || content_type_of(name).empty()) return false;
  for (char c : name.substr(0, 64))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Result<std::string> MediaStore::put_image(std::string_view bytes, std::string_view declared_type,
                                          const std::string& field) const {
  if (bytes.size() > kMaxImageBytes)
    return Error{ErrorCode::payload_too_large,
                 "The image is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                     std::to_string(kMaxImageBytes) + " bytes (2 MB).",
                 {{field, "must be at most 2 MB"}},
                 {},
                 0,
                 {}};
  std::string declared = lower(trim(std::string(declared_type.substr(0, declared_type.find(';')))));
  const std::string_view actual = sniff_image_type(bytes);
  if (actual.empty()) return unsupported(field, "the bytes are not a PNG, JPEG or WebP image");
  if (declared != actual)
    return unsupported(field, "the bytes are " + std::string(actual) + " but Content-Type says \"" + declared + "\"");

  const std::string name = sha256_hex(bytes) + "." + std::string(extension_for(actual));
  const fs::path file = dir_ / name;
  if (fs::exists(file)) return name;
  if (fs::create_directories(dir_)) fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace);
  fs::path tmp = file;
  tmp += "." + new_uuid() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    ::chmod(tmp.c_str(), 0600);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return Error::internal("could not write " + tmp.string());
    }
  }
  fs::rename(tmp, file);
  return name;
}

std::optional<std::string> MediaStore::read(std::string_view name) const {
  if (!valid_name(name)) return std::nullopt;
  std::ifstream in(dir_ / std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace slotbase::media
