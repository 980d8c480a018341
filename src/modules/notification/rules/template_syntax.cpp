#include "rules/template_syntax.h"

#include <algorithm>
#include <vector>

#include "platform/core/strings.h"

namespace slotbase::notification::rules {
namespace {

constexpr std::size_t kMaxNesting = 16;

/// A piece of a template: text, or a tag of one kind ('v' a value, '#' a section, '^' an
/// inverted section, '/' a section's end, '!' a comment, '>' a partial; '{', '&' and '=' are
/// the kinds refused).
struct Token {
  char kind = 't';
  std::string_view text;  // the text, or the whole tag with its braces
  std::string name;       // a tag's name, trimmed
  int line = 1;
};

struct Tokens {
  std::vector<Token> tokens;
  std::optional<TemplateProblem> problem;
};

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

int lines_in(std::string_view s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

std::string shown(std::string_view tag) {
  return tag.size() > 60 ? std::string(tag.substr(0, 57)) + "..." : std::string(tag);
}

Tokens tokenize(std::string_view source) {
  Tokens out;
  std::size_t pos = 0;
  int line = 1;
  while (pos < source.size()) {
    const auto open = source.find("{{", pos);
    const auto text = source.substr(pos, open == std::string_view::npos ? std::string_view::npos : open - pos);
    if (!text.empty()) out.tokens.push_back({'t', text, "", line});
    line += lines_in(text);
    if (open == std::string_view::npos) break;
    const bool triple = open + 2 < source.size() && source[open + 2] == '{';
    const auto close = source.find(triple ? "}}}" : "}}", open + 2);
    if (close == std::string_view::npos) {
      out.problem = TemplateProblem{line, "a tag opened with \"{{\" is not closed with \"}}\""};
      return out;
    }
    const auto end = close + (triple ? 3 : 2);
    const auto tag = source.substr(open, end - open);
    std::string_view inner = source.substr(open + 2, close - open - 2);
    char kind = 'v';
    if (triple) {
      kind = '{';
      inner.remove_prefix(1);
    } else if (!inner.empty() && std::string_view("#^/!>&=").find(inner[0]) != std::string_view::npos) {
      kind = inner[0];
      inner.remove_prefix(1);
    }
    if (kind != '!' && inner.find('\n') != std::string_view::npos) {
      out.problem = TemplateProblem{line, "the tag " + shown(tag) + " must close on the line where it opens"};
      return out;
    }
    out.tokens.push_back({kind, tag, trim(inner), line});
    line += lines_in(tag);
    pos = end;
  }
  return out;
}

bool plain_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string listed(const std::set<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

std::optional<TemplateProblem> check_template(std::string_view source, const TemplateVocabulary& vocabulary) {
  const Tokens t = tokenize(source);
  if (t.problem) return t.problem;
  struct Open {
    std::string name;
    int line;
  };
  std::vector<Open> sections;
  for (const auto& token : t.tokens) {
    const std::string tag = shown(token.text);
    auto problem = [&](std::string message) { return TemplateProblem{token.line, std::move(message)}; };
    switch (token.kind) {
      case 't':
      case '!':
        continue;
      case '{':
      case '&':
        return problem(tag + " would show a value without HTML escaping; write {{" + token.name + "}}");
      case '=':
        return problem(tag + ": changing the tag delimiters is not supported");
      case '>':
        if (!vocabulary.partials.contains(token.name))
          return problem(tag + ": there is no partial \"" + token.name +
                         "\" (the partials are: " + listed(vocabulary.partials) + ")");
        continue;
      default:
        break;
    }
    if (token.name.empty()) return problem(tag + " has no name");
    if (token.kind == 'v' && token.name == ".") {
      if (sections.empty()) return problem(tag + " is only meaningful inside a section");
      continue;
    }
    if (!plain_name(token.name)) return problem(tag + ": \"" + token.name + "\" is not a name (letters, digits and _)");
    if (token.kind == '/') {
      if (sections.empty()) return problem(tag + " closes no section");
      if (sections.back().name != token.name)
        return problem(tag + " closes the section {{#" + sections.back().name + "}} opened on line " +
                       std::to_string(sections.back().line));
      sections.pop_back();
      continue;
    }
    if (!vocabulary.names.contains(token.name))
      return problem(tag + ": this message has no \"" + token.name + "\" (it has: " + listed(vocabulary.names) + ")");
    if (token.kind == '#' || token.kind == '^') {
      // mstch renders sections recursively: a bound keeps a template from exhausting the stack.
      if (sections.size() >= kMaxNesting)
        return problem(tag + ": sections nest at most " + std::to_string(kMaxNesting) + " deep");
      sections.push_back({token.name, token.line});
    }
  }
  if (!sections.empty())
    return TemplateProblem{sections.back().line, "the section {{#" + sections.back().name +
                                                     "}} is not closed (add {{/" + sections.back().name + "}})"};
  return std::nullopt;
}

TemplateVocabulary vocabulary_of(std::string_view source) {
  TemplateVocabulary out;
  for (const auto& token : tokenize(source).tokens) {
    if (token.kind == '>') out.partials.insert(token.name);
    if ((token.kind == 'v' || token.kind == '#' || token.kind == '^') && plain_name(token.name))
      out.names.insert(token.name);
  }
  return out;
}

std::string html_from_text(std::string_view source, const std::map<std::string, std::string>& partials) {
  // The tokens by line: a text token spanning lines is cut at its line breaks.
  std::vector<std::vector<Token>> lines(1);
  for (const auto& token : tokenize(source).tokens) {
    if (token.kind != 't') {
      lines.back().push_back(token);
      continue;
    }
    std::string_view rest = token.text;
    for (auto nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
      if (nl > 0) lines.back().push_back({'t', rest.substr(0, nl), "", token.line});
      lines.emplace_back();
      rest.remove_prefix(nl + 1);
    }
    if (!rest.empty()) lines.back().push_back({'t', rest, "", token.line});
  }

  std::string out;
  bool open = false;     // a <p> is open
  bool pending = false;  // the open paragraph has a line before this one
  auto close_paragraph = [&] {
    if (open) out += "</p>\n";
    open = pending = false;
  };
  auto ensure_paragraph = [&] {
    if (!open) {
      out += "<p>";
      open = true;
    } else if (pending) {
      out += "<br>\n";
    }
    pending = false;
  };
  auto partial = [&](const Token& token) {
    close_paragraph();
    auto it = partials.find(token.name);
    const std::string name = it == partials.end() ? token.name : it->second;
    if (!name.empty()) out += "{{> " + name + "}}\n";
  };
  for (const auto& line : lines) {
    const bool content = std::any_of(line.begin(), line.end(),
                                     [](const Token& t) { return t.kind == 'v' || (t.kind == 't' && !blank(t.text)); });
    const bool empty = std::all_of(line.begin(), line.end(), [](const Token& t) { return t.kind == 't'; });
    if (empty && !content) {  // a blank line ends the paragraph
      close_paragraph();
      continue;
    }
    if (!content) {  // tags alone: a section's start or end, partials, comments
      close_paragraph();
      for (const auto& t : line) {
        if (t.kind == '>')
          partial(t);
        else if (t.kind == '#' || t.kind == '^' || t.kind == '/')
          out += std::string(t.text) + "\n";
      }
      continue;
    }
    for (const auto& t : line) {
      if (t.kind == '>') {
        partial(t);
      } else if (t.kind == 't') {
        if (!open && blank(t.text)) continue;
        ensure_paragraph();
        out += html_escape(t.text);
      } else if (t.kind != '!') {
        ensure_paragraph();
        out += t.text;
      }
    }
    if (open) pending = true;
  }
  close_paragraph();
  return out;
}

}  // namespace slotbase::notification::rules
