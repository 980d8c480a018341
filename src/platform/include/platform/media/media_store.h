#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/result.h"

namespace slotbase::media {

/// The largest image a club may upload (a logo or a court's picture).
inline constexpr std::size_t kMaxImageBytes = 2 * 1024 * 1024;
/// What an upload route declares as its body (http::Route::body_type).
inline constexpr std::string_view kImageBodyTypes = "image/png, image/jpeg, image/webp";
/// The body an upload route reads (http::Route::body_limit): past kMaxImageBytes so that a
/// somewhat larger image gets put_image's 413 naming the field; beyond, the server's plain 413.
inline constexpr std::size_t kImageRouteBodyLimit = 2 * kMaxImageBytes;

/// The image types we store: "image/png", "image/jpeg" or "image/webp" as the bytes' magic numbers
/// say, or empty for anything else.
std::string_view sniff_image_type(std::string_view bytes);

/// The media type a stored file's name stands for ("image/png" for "<sha256>.png"), or empty.
std::string_view content_type_of(std::string_view name);

/// Images stored under the data directory by their content: a file's name is the SHA-256 of its
/// bytes with the type's extension, so a name never changes meaning and may be cached forever,
/// and the same picture uploaded twice is one file. Files are written 0600 in a 0700 directory,
/// like the rest of the data directory. Thread-safe (writes go to a temporary file, then rename).
class MediaStore {
 public:
  /// `dir` is created on the first write.
  explicit MediaStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  /// Stores `bytes` and gives the file's name. unsupported_media_type naming `field` unless the
  /// bytes are a PNG, JPEG or WebP image and `declared_type` (the request's Content-Type) says the
  /// same type; payload_too_large naming `field` over kMaxImageBytes.
  Result<std::string> put_image(std::string_view bytes, std::string_view declared_type, const std::string& field) const;

  /// The bytes of a stored file; nullopt for a name that is not one of ours or not there.
  std::optional<std::string> read(std::string_view name) const;

  /// Whether `name` has the form of a stored file's name ("<64 hex digits>.<png|jpg|webp>").
  static bool valid_name(std::string_view name);
  /// Where the public GET route serves a stored file.
  static std::string url_of(std::string_view name) { return "/api/v1/media/" + std::string(name); }

 private:
  std::filesystem::path dir_;
};

}  // namespace slotbase::media
