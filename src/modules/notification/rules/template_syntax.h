#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace slotbase::notification::rules {

/// What a facility's own template may use: the names its message is given, and our partials.
struct TemplateVocabulary {
  std::set<std::string> names;
  std::set<std::string> partials;
};

/// The first thing wrong with a template, on its 1-based line.
struct TemplateProblem {
  int line = 1;
  std::string message;
};

/// Checks a mustache template a facility wrote before it is stored, so that it can never fail
/// or silently lose text when a message is sent (mstch itself reports nothing: an unclosed
/// section renders as nothing). Refused: a tag not closed on its line, a section not closed or
/// closed by another name, sections nested more than 16 deep, an unknown name (a typo would
/// otherwise show as nothing), a partial that is not one of ours, and what would show a value
/// unescaped or change the delimiters (`{{{x}}}`, `{{&x}}`, `{{=<% %>=}}`). Comments may span
/// lines. Nothing else is interpreted: mstch renders what passes, with our data only (no lambdas).
std::optional<TemplateProblem> check_template(std::string_view source, const TemplateVocabulary& vocabulary);

/// The names and partials a template uses (for templates that pass check_template).
TemplateVocabulary vocabulary_of(std::string_view source);

/// The HTML body a plain-text template becomes: its text HTML-escaped (a facility writes words,
/// not markup), blank-line paragraphs as <p>, line breaks as <br>, values left as tags (mstch
/// escapes them in HTML), and each partial replaced as `partials` says (an empty name drops it;
/// a partial alone is a block, outside any paragraph). Comments are dropped. The template must
/// pass check_template.
std::string html_from_text(std::string_view source, const std::map<std::string, std::string>& partials);

}  // namespace slotbase::notification::rules
