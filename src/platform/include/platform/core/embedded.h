#pragma once

#include <string_view>
#include <vector>

namespace slotbase {

/// A file compiled into the binary (migrations, the OpenAPI document), keyed by its path in the
/// source tree, e.g. "migrations/sqlite/0001_foundation.sql".
struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

/// The content of one embedded file; empty when there is none of that path.
std::string_view embedded_file(std::string_view path);

}  // namespace slotbase
