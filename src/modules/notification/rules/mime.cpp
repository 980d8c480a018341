#include "rules/mime.h"

#include <array>
#include <vector>

namespace slotbase::notification::rules {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool ascii_printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

/// Splits UTF-8 text into pieces of at most `max` bytes, never inside a character.
std::vector<std::string_view> utf8_chunks(std::string_view s, std::size_t max) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    std::size_t n = std::min(max, s.size());
    while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(max, s.size());
    out.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return out;
}

/// Folds an ASCII header at spaces so that lines stay within 78 characters where a space allows.
std::string fold_ascii(std::string_view name, std::string_view value) {
  std::string out;
  std::size_t line = name.size() + 2;
  std::size_t pos = 0;
  while (pos < value.size()) {
    auto space = value.find(' ', pos + 1);
    if (space == std::string_view::npos) space = value.size();
    const auto word = value.substr(pos, space - pos);  // begins with its space, except the first
    if (line + word.size() > 78 && !out.empty() && word.front() == ' ') {
      out += kCrlf;
      line = 0;
    }
    out += word;
    line += word.size();
    pos = space;
  }
  return out;
}

std::string hex_byte(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'=', kHex[c >> 4], kHex[c & 15]};
}

}  // namespace

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t col = 0;
  auto put = [&](const std::string& piece) {
    if (col + piece.size() > 75) {  // leave room for the soft break's "="
      out += "=";
      out += kCrlf;
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      out += kCrlf;
      col = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    // Spaces and tabs before a line end are encoded, or transport may strip them; a leading
    // dot is encoded so that no line reads as SMTP's end of data.
    const bool plain =
        (c >= 33 && c <= 126 && c != '=' && !(c == '.' && col == 0)) || ((c == ' ' || c == '\t') && !line_end);
    put(plain ? std::string(1, static_cast<char>(c)) : hex_byte(c));
  }
  return out;
}

std::string rfc5322_date(Instant t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday wd{day};
  const auto secs = (t - day).count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %u %s %d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string encode_header_text(std::string_view name, std::string_view value) {
  if (ascii_printable(value)) return fold_ascii(name, value);
  std::string out;
  for (auto piece : utf8_chunks(value, 45)) {
    if (!out.empty()) {
      out += kCrlf;
      out += ' ';
    }
    out += "=?UTF-8?B?" + base64(piece) + "?=";
  }
  return out;
}

std::string bare_address(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(mailbox.substr(open + 1, close - open - 1));
  const auto first = mailbox.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  return std::string(mailbox.substr(first, mailbox.find_last_not_of(' ') - first + 1));
}

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

bool plausible_address(std::string_view a) {
  if (a.size() < 3 || a.size() > 254) return false;
  const auto at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size()) return false;
  for (unsigned char c : a)
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' || c == '\\' ||
        c == '"')
      return false;
  return a.substr(at + 1).find('.') != std::string_view::npos || a.substr(at + 1) == "localhost";
}

std::string header_value(const MailMessage& m, std::string_view name) {
  if (name == "From") return m.from;
  if (name == "To") return m.to;
  if (name == "Subject") return m.subject;
  if (name == "Date") return rfc5322_date(m.date);
  if (name == "Message-ID") return "<" + m.message_id + ">";
  if (name == "List-Unsubscribe") return m.unsubscribe_url ? "<" + *m.unsubscribe_url + ">" : "";
  if (name == "List-Unsubscribe-Post") return m.unsubscribe_url ? "List-Unsubscribe=One-Click" : "";
  if (name == "Auto-Submitted") return "auto-generated";
  return "";
}

std::string build_mime(const MailMessage& m, std::string_view boundary) {
  std::string out;
  auto header = [&](std::string_view name, const std::string& value) {
    out += std::string(name) + ": " + value + std::string(kCrlf);
  };
  header("From", m.from);
  header("To", m.to);
  header("Subject", encode_header_text("Subject", m.subject));
  header("Date", rfc5322_date(m.date));
  header("Message-ID", "<" + m.message_id + ">");
  header("Auto-Submitted", "auto-generated");
  if (m.unsubscribe_url) {
    header("List-Unsubscribe", "<" + *m.unsubscribe_url + ">");
    header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  header("MIME-Version", "1.0");
  header("Content-Type", "multipart/alternative; boundary=\"" + std::string(boundary) + "\"");
  out += kCrlf;
  auto part = [&](std::string_view type, std::string_view body) {
    out += "--" + std::string(boundary) + std::string(kCrlf);
    out += "Content-Type: " + std::string(type) + "; charset=UTF-8" + std::string(kCrlf);
    out += "Content-Transfer-Encoding: quoted-printable" + std::string(kCrlf) + std::string(kCrlf);
    out += quoted_printable(body);
    out += kCrlf;
  };
  part("text/plain", m.text);
  part("text/html", m.html);
  out += "--" + std::string(boundary) + "--" + std::string(kCrlf);
  return out;
}

}  // namespace slotbase::notification::rules
