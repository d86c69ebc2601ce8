// Naming helpers of capnpc-heph (see names.h).
#include "codegen/generator/names.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>

namespace heph::capnpc {

const std::set<std::string>& ReservedWords() {
  static const std::set<std::string> words = {
      // C++20 keywords and alternative tokens.
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "final", "override",
      "import", "module",
      // Common macros from the C and POSIX headers.
      "NULL", "EOF", "errno", "assert", "stdin", "stdout", "stderr", "unix", "linux", "major",
      "minor", "makedev", "TRUE", "FALSE", "BUFSIZ", "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX",
      "INFINITY", "NAN", "DOMAIN", "OVERFLOW", "UNDERFLOW", "PI", "offsetof", "setjmp", "signal",
      "SIG_ERR", "FILENAME_MAX", "PATH_MAX", "CHAR_BIT", "INT_MAX", "INT_MIN", "UINT_MAX",
      "SIZE_MAX", "WEOF", "MB_LEN_MAX", "isfinite", "isnan", "isinf",
      // Names the generated code itself uses in protocol and value types.
      "which", "Which", "Message", "Ref", "Handler", "std", "heph", "absl", "capnp", "kj"};
  return words;
}

std::string CapnpCppMethod(std::string name) {
  static const std::set<std::string> keywords = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr",
      "const_cast", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_assert",
      "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
      "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void",
      "volatile", "wchar_t", "while", "xor", "xor_eq"};
  if (keywords.count(name) != 0) name += '_';
  return name;
}

std::string Escape(std::string name) {
  if (ReservedWords().count(name) != 0) name += '_';
  return name;
}

std::string SnakeCase(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0 && name[i - 1] != '_') out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

std::string Capitalize(const std::string& name) {
  std::string out(name);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string ConstantName(const std::string& name) { return "k" + Capitalize(name); }

std::string MemberName(const std::string& name) { return Escape(SnakeCase(name)); }

std::string MethodName(const std::string& name) {
  std::string out = MemberName(name);
  if (out == "actor" || out == "is_connected") out += '_';
  return out;
}

std::string CommentLine(std::string_view line) {
  std::string out;
  for (unsigned char c : line) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.ends_with('\\') || out.ends_with("?\?/")) out += '.';
  return out;
}

std::string Comment(std::string_view text, const std::string& indent) {
  std::string out;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
    const std::string safe = CommentLine(line);
    out += indent + "//" + (safe.empty() ? "" : " " + safe) + "\n";
    if (end == std::string_view::npos) break;
    rest = rest.substr(end + 1);
  }
  return out;
}

std::string CString(std::string_view text) {
  std::string out = "\"";
  char previous = 0;
  for (unsigned char c : text) {
    if (c == '?' && previous == '?') {
      out += "\\?";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
    previous = static_cast<char>(c);
  }
  return out + "\"";
}

std::string FloatLiteral(double v, bool is_float) {
  const std::string type = is_float ? "float" : "double";
  if (std::isnan(v)) return "std::numeric_limits<" + type + ">::quiet_NaN()";
  if (std::isinf(v)) return std::string(v < 0 ? "-" : "") + "std::numeric_limits<" + type + ">::infinity()";
  char buf[64];
  std::snprintf(buf, sizeof buf, is_float ? "%.9g" : "%.17g", v);
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return is_float ? s + "f" : s;
}

std::string UpperSnakeCase(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if (c >= 'A' && c <= 'Z' && !out.empty()) {
      out += '_';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}


std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string StripCapnp(std::string name) {
  if (name.size() > 6 && name.compare(name.size() - 6, 6, ".capnp") == 0) name.resize(name.size() - 6);
  return name;
}
std::string Basename(const std::string& path) { return path.substr(path.rfind('/') + 1); }

}  // namespace heph::capnpc
