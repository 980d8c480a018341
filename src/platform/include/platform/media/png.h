#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slotbase::media {

/// A PNG of `width` x `height` 8-bit RGB pixels, row by row, each 0xRRGGBB: for pictures made by
/// code (the demo club's logo, test fixtures). `pixels` holds width * height values.
std::string encode_png(int width, int height, const std::vector<std::uint32_t>& pixels);

}  // namespace slotbase::media
