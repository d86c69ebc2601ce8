// capnpc-heph: a `capnp compile` plugin that turns Cap'n Proto schemas into
// Heph actor protocols (see docs/CODEGEN.md).
//
//   HEPH_CAPNPC_SRCDIR=$PWD capnp compile -I/usr/include -I. -o path/to/capnpc-heph:OUTDIR foo/bar.capnp
//
// (HEPH_CAPNPC_SRCDIR lets errors give line numbers: capnp runs plugins in
// OUTDIR and tells them only the schema's relative name.)
//
// For each requested file foo/bar.capnp it writes OUTDIR/foo/bar.heph.h (plain
// value types, typed actor references, messages and handlers),
// OUTDIR/foo/bar.heph.cc (the header's out-of-line part: compiled once, so
// that files including the header compile little more than declarations) and
// OUTDIR/foo/bar.heph.convert.h (conversions to and from the readers and
// builders capnpc-c++ generates). Unsupported schema features stop the
// plugin with "file:line: error: element: reason", a non-zero exit and no
// output at all.
#include <sys/stat.h>

#include <capnp/dynamic.h>
#include <capnp/schema-loader.h>
#include <capnp/schema.capnp.h>
#include <capnp/schema.h>
#include <capnp/serialize.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using capnp::schema::Node;
using TypeWhich = capnp::schema::Type::Which;

constexpr std::uint64_t kCxxNamespaceId = 0xb9c6f99ebf805f2cull;
constexpr std::uint64_t kInboxCapacityId = 0xcf9f892b953f269full;
constexpr std::uint16_t kNoDiscriminant = 0xffff;

// An unsupported or invalid schema element. `where` locates it in the source.
struct GenError {
  std::string file;
  int line;
  std::string message;
};

// ---------------------------------------------------------------- names --

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

// A method's name in capnpc-c++'s output (its Server's virtual): capnpc-c++
// appends '_' to the C++11 keywords (its own list); other names stay.
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

// someName -> some_name
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

// fooBar -> kFooBar
std::string ConstantName(const std::string& name) { return "k" + Capitalize(name); }

std::string MemberName(const std::string& name) { return Escape(SnakeCase(name)); }

// A method of a generated reference or handler; avoids the references' own
// members.
std::string MethodName(const std::string& name) {
  std::string out = MemberName(name);
  if (out == "actor" || out == "is_connected") out += '_';
  return out;
}

// One line of a doc comment, made safe to end a `//` comment: the compiler
// must not read the next generated line as part of it. Control characters
// become \xNN (a lone \r would end the comment and turn the rest of the line
// into code; \f, \v and the like are not text), trailing blanks are dropped,
// and a line ending in a backslash or in the trigraph ??/ (a backslash before
// C++17, and -Wtrigraphs still warns about it) gets a '.' after it: g++ splices
// a line ending in `\` (even `\ `) with the next one (-Wcomment). `*/` and
// `/*` mean nothing in a `//` comment and stay as they are.
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

// The doc comment, as `//` lines with `indent`.
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

// A string literal. A '?' after a '?' is written \? so that no trigraph
// (??/, ??=, ...) appears: g++ ignores them in C++20 but warns (-Wtrigraphs).
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

// ------------------------------------------------------------ generator --

// The most methods a protocol (an interface with its bases) may have. The
// generated code grows linearly with the methods; this bounds what a single
// message switch and a single Serve coroutine must hold (1,000 methods are
// tested: codegen/tests:many_methods_test).
constexpr size_t kMaxMethods = 1024;

struct MethodInfo {
  capnp::InterfaceSchema::Method method;
  capnp::InterfaceSchema owner;  // the interface declaring it
  bool one_way;
};

class Generator {
 public:
  explicit Generator(capnp::schema::CodeGeneratorRequest::Reader request) : request_(request) {
    // Whether capnpc-c++ runs on the same schemas (tools/heph_capnp.bzl sets
    // it from capnp_cpp; capnp 0.9.2 passes plugins no parameters). Unset
    // means it does: the names it cannot compile are rejected.
    if (const char* cpp = std::getenv("HEPH_CAPNPC_CPP")) {
      const std::string value = cpp;
      if (value != "0" && value != "1") {
        throw GenError{"capnpc-heph", 0, "HEPH_CAPNPC_CPP must be 1 (capnpc-c++ runs too) or 0, not '" + value + "'"};
      }
      capnp_cpp_ = value == "1";
    }
    for (auto node : request.getNodes()) loader_.load(node);
    for (auto info : request.getSourceInfo()) {
      docs_[info.getId()] = info.getDocComment();
      auto& members = member_docs_[info.getId()];
      for (auto m : info.getMembers()) members.push_back(m.getDocComment());
    }
    for (auto file : request.getRequestedFiles()) source_names_[file.getId()] = file.getFilename();
    // Name every method's parameter and result structs, in all files.
    for (auto node : request.getNodes()) {
      if (!node.isInterface()) continue;
      auto iface = loader_.get(node.getId()).asInterface();
      for (auto method : iface.getMethods()) {
        const std::string base = FlatName(iface) + "_" + Capitalize(method.getProto().getName());
        auto params = method.getParamType();
        auto results = method.getResultType();
        // Only the implicit structs (scope 0, `(a :T) -> (b :U)`) belong to
        // the method; a named struct (`m @0 Point -> Point`) keeps its own
        // file, namespace and name.
        if (params.getProto().getScopeId() == 0) {
          param_names_[params.getProto().getId()] = base + "Params";
          param_owner_[params.getProto().getId()] = node.getId();
        }
        if (results.getProto().getScopeId() == 0) {
          param_names_[results.getProto().getId()] = base + "Results";
          param_owner_[results.getProto().getId()] = node.getId();
        }
      }
    }
  }

  // path -> content, for every requested file. Throws GenError.
  std::map<std::string, std::string> Run() {
    std::map<std::string, std::string> files;
    for (auto file : request_.getRequestedFiles()) {
      GenerateFile(loader_.get(file.getId()));
      files[StripCapnp(file_display_) + ".heph.h"] = std::move(out_);
      files[StripCapnp(file_display_) + ".heph.convert.h"] = std::move(convert_);
      files[StripCapnp(file_display_) + ".heph.cc"] = std::move(cc_);
      if (capnp_cpp_) {
        files[StripCapnp(file_display_) + ".heph.remote.h"] = std::move(remote_h_);
        files[StripCapnp(file_display_) + ".heph.remote.cc"] = std::move(remote_cc_);
      }
    }
    return files;
  }

 private:
  // ---- locating and naming nodes ----

  static std::string StripCapnp(std::string name) {
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".capnp") == 0) name.resize(name.size() - 6);
    return name;
  }
  // foo/bar -> bar
  static std::string Basename(const std::string& path) { return path.substr(path.rfind('/') + 1); }

  capnp::Schema FileOf(capnp::Schema s) {
    std::uint64_t id = s.getProto().getId();
    if (auto it = param_owner_.find(id); it != param_owner_.end()) id = it->second;
    while (true) {
      auto proto = loader_.get(id).getProto();
      if (proto.isFile()) return loader_.get(id);
      id = proto.getScopeId();
    }
  }

  std::string Namespace(capnp::Schema file) {
    for (auto a : file.getProto().getAnnotations()) {
      if (a.getId() == kCxxNamespaceId) {
        std::string ns = a.getValue().getText();
        if (ns.rfind("::", 0) == 0) ns = ns.substr(2);
        return ns.empty() ? "actors" : ns + "::actors";
      }
    }
    return "actors";
  }

  // Outer.Inner -> Outer_Inner; groups are capitalized; method param structs
  // are Interface_MethodParams.
  std::string FlatName(capnp::Schema s) {
    auto proto = s.getProto();
    if (auto it = param_names_.find(proto.getId()); it != param_names_.end()) return it->second;
    std::string display = proto.getDisplayName();
    std::string path = display.substr(display.find(':') + 1);
    std::string out;
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('.', start);
      if (end == std::string::npos) end = path.size();
      if (!out.empty()) out += '_';
      out += Capitalize(path.substr(start, end - start));
      start = end + 1;
    }
    return Escape(out);
  }

  // The C++ name of a type node, qualified if it lives in another file.
  std::string TypeName(capnp::Schema s, const std::string& suffix = "") {
    capnp::Schema file = FileOf(s);
    const std::string name = FlatName(s) + suffix;
    if (file.getProto().getId() == file_.getProto().getId()) return local_prefix_ + name;
    used_files_.insert(file.getProto().getId());
    return "::" + Namespace(file) + "::" + name;
  }

  std::string ConvertName(capnp::Schema s) {
    // The capnpc-c++ name: ::ns::Outer::Inner.
    capnp::Schema file = FileOf(s);
    std::string ns;
    for (auto a : file.getProto().getAnnotations()) {
      if (a.getId() == kCxxNamespaceId) ns = std::string(a.getValue().getText().cStr());
    }
    if (ns.rfind("::", 0) == 0) ns = ns.substr(2);
    std::string display = s.getProto().getDisplayName();
    std::string path = display.substr(display.find(':') + 1);
    std::string out = ns.empty() ? "" : "::" + ns;
    if (param_names_.count(s.getProto().getId()) != 0) {
      // Interface.method$Params -> ::ns::Interface::MethodParams
      auto iface = loader_.get(param_owner_.at(s.getProto().getId()));
      std::string idisplay = iface.getProto().getDisplayName();
      std::string ipath = idisplay.substr(idisplay.find(':') + 1);
      for (char& c : ipath) {
        if (c == '.') c = ':';
      }
      size_t dollar = path.find('$');
      std::string method = path.substr(path.rfind('.', dollar) + 1, dollar - path.rfind('.', dollar) - 1);
      return out + "::" + Replace(ipath, ":", "::") + "::" + Capitalize(method) + path.substr(dollar + 1);
    }
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('.', start);
      if (end == std::string::npos) end = path.size();
      out += "::" + Capitalize(path.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  static std::string Replace(std::string s, const std::string& from, const std::string& to) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
      s.replace(pos, from.size(), to);
      pos += to.size();
    }
    return s;
  }

  std::string Doc(std::uint64_t id, const std::string& indent) {
    auto it = docs_.find(id);
    return it == docs_.end() ? "" : Comment(it->second, indent);
  }
  std::string MemberDoc(std::uint64_t id, unsigned index, const std::string& indent) {
    auto it = member_docs_.find(id);
    if (it == member_docs_.end() || index >= it->second.size()) return "";
    return Comment(it->second[index], indent);
  }

  // ---- errors ----

  // The line declaring `chain` (names from the file scope inward; the last
  // may be "name @N"), found by searching the source text.
  int FindLine(const std::vector<std::string>& chain) { return FindLine(file_, chain); }
  // The same in `file` (an imported file is found by its display name: its
  // path below the import directory, which is the workspace for the rule).
  int FindLine(capnp::Schema file, const std::vector<std::string>& chain) {
    auto src = source_names_.find(file.getProto().getId());
    std::string path = src != source_names_.end() ? std::string(src->second)
                                                  : std::string(file.getProto().getDisplayName().cStr());
    if (!path.empty() && path[0] != '/') {
      // capnp runs plugins in the output directory, so relative source names
      // need the directory capnp ran in (set by tools/heph_capnp.bzl).
      const char* dir = std::getenv("HEPH_CAPNPC_SRCDIR");
      if (dir == nullptr) return 0;
      path = std::string(dir) + "/" + path;
    }
    std::ifstream in(path);
    if (!in) return 0;
    std::stringstream buffer;
    buffer << in.rdbuf();
    // Blank out comments so names in them do not match.
    std::string text = buffer.str();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '#') {
        while (i < text.size() && text[i] != '\n') text[i++] = ' ';
      }
    }
    size_t pos = 0;
    for (const std::string& part : chain) {
      const size_t found = FindDeclaration(text, part, pos);
      if (found == std::string::npos) break;
      pos = found;
    }
    int line = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
    return line;
  }

  static bool IsWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  static size_t SkipSpace(const std::string& text, size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i;
  }

  // Where `part` is declared in `text`, from `from` on: "name @N" (a member
  // with its ordinal), "Name" (after struct, interface or enum) or "name" (a
  // group or method: followed by @, :, $ or =). npos if not found.
  static size_t FindDeclaration(const std::string& text, const std::string& part, size_t from) {
    const size_t at = part.find(" @");
    const std::string name = part.substr(0, at);
    const bool is_type = at == std::string::npos && !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
    for (size_t i = text.find(name, from); i != std::string::npos; i = text.find(name, i + 1)) {
      const size_t end = i + name.size();
      if ((i > 0 && IsWordChar(text[i - 1])) || (end < text.size() && IsWordChar(text[end]))) continue;
      if (is_type) {
        // The keyword before the name.
        size_t k = i;
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
        for (const std::string keyword : {"struct", "interface", "enum"}) {
          if (k >= keyword.size() && text.compare(k - keyword.size(), keyword.size(), keyword) == 0 &&
              (k == keyword.size() || !IsWordChar(text[k - keyword.size() - 1])) && k < i) {
            return i;
          }
        }
        continue;
      }
      const size_t next = SkipSpace(text, end);
      if (next >= text.size()) continue;
      if (at != std::string::npos) {
        const std::string ordinal = part.substr(at + 2);
        if (text[next] == '@' && text.compare(next + 1, ordinal.size(), ordinal) == 0 &&
            (next + 1 + ordinal.size() >= text.size() || !IsWordChar(text[next + 1 + ordinal.size()]))) {
          return i;
        }
      } else if (text[next] == '@' || text[next] == ':' || text[next] == '$' || text[next] == '=') {
        return i;
      }
    }
    return std::string::npos;
  }

  // The scope chain of a node, for FindLine, and its dotted name.
  std::vector<std::string> Chain(capnp::Schema s) {
    std::uint64_t id = s.getProto().getId();
    std::vector<std::string> chain;
    if (auto it = param_owner_.find(id); it != param_owner_.end()) {
      // Interface.method$Params: locate the method.
      std::string display = s.getProto().getDisplayName();
      size_t dollar = display.find('$');
      size_t dot = display.rfind('.', dollar);
      chain = Chain(loader_.get(it->second));
      chain.push_back(display.substr(dot + 1, dollar - dot - 1));
      return chain;
    }
    std::string display = s.getProto().getDisplayName();
    std::string path = display.substr(display.find(':') + 1);
    if (display.find(':') == std::string::npos) return chain;
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('.', start);
      if (end == std::string::npos) end = path.size();
      chain.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    return chain;
  }

  static std::string Dotted(const std::vector<std::string>& chain) {
    std::string out;
    for (const auto& part : chain) {
      if (!out.empty()) out += '.';
      out += part.substr(0, part.find(' '));
    }
    return out;
  }

  [[noreturn]] void Fail(capnp::Schema scope, const std::string& member, int ordinal,
                         const std::string& reason) {
    std::vector<std::string> chain = Chain(scope);
    if (!member.empty()) chain.push_back(ordinal >= 0 ? member + " @" + std::to_string(ordinal) : member);
    throw GenError{file_display_, FindLine(chain), Dotted(chain) + ": " + reason};
  }

  // ---- names: every generated name must be unique in its C++ scope ----

  // A schema element, located for errors.
  struct Site {
    std::string element;  // Counter.add
    std::string file;
    int line = 0;
    std::string Where() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
  };

  // `scope` itself, or its member `member` (with its ordinal, or -1).
  Site SiteOf(capnp::Schema scope, const std::string& member = "", int ordinal = -1) {
    std::vector<std::string> chain = Chain(scope);
    if (!member.empty()) chain.push_back(ordinal >= 0 ? member + " @" + std::to_string(ordinal) : member);
    capnp::Schema file = FileOf(scope);
    return {Dotted(chain), file.getProto().getDisplayName(), FindLine(file, chain)};
  }
  Site SiteOf(const MethodInfo& m) {
    return SiteOf(m.owner, m.method.getProto().getName(), static_cast<int>(m.method.getIndex()));
  }
  Site SiteOf(capnp::StructSchema::Field field) {
    auto fp = field.getProto();
    return SiteOf(field.getContainingStruct(), fp.getName(),
                  fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1);
  }

  // The names generated in one C++ scope (a namespace, class or struct). A
  // name claimed twice stops the generator with an error at the second
  // element that names the first: two declarations of one name would
  // otherwise surface as errors in the generated C++.
  class NameScope {
   public:
    explicit NameScope(std::string scope) : scope_(std::move(scope)) {}

    // `what` says what `site` generates under `name`: "method", "struct", ...
    void Claim(const std::string& name, const Site& site, const std::string& what) {
      auto [it, fresh] = claims_.try_emplace(name, Claimed{site, what, ""});
      if (fresh) return;
      const Claimed& first = it->second;
      const std::string other =
          first.reserved.empty()
              ? "the " + first.what + " of " + first.site.element + " (" + first.site.Where() + "); rename one of them"
              : first.reserved + "; rename it";
      throw GenError{site.file, site.line, site.element + ": its " + what + " " + scope_ + name + " is also " + other};
    }
    // A name the generator itself uses in this scope; `why` describes it.
    void Reserve(const std::string& name, const std::string& why) {
      claims_.try_emplace(name, Claimed{Site{}, "", why});
    }

   private:
    struct Claimed {
      Site site;
      std::string what;
      std::string reserved;  // why the generator uses the name, if it does
    };
    std::string scope_;  // "ns::actors::", "CounterRef::"
    std::map<std::string, Claimed> claims_;
  };

  // Checks, before anything is emitted, that the names generated for this
  // file's declarations do not clash: in the file's namespace, in each value
  // struct, protocol struct, reference and handler. Names are made from the
  // schema's by fixed rules (see the names section above and
  // docs/CODEGEN.md): snake_case members, Outer_Inner types, try_ calls,
  // <Method>Params/Results/Call, <Interface>Ref/Handler/_Message.
  void CheckNames() {
    NameScope ns(Namespace(file_) + "::");
    for (auto e : enums_) ns.Claim(FlatName(e), SiteOf(e), "enum");
    for (auto s : structs_) {
      const auto id = s.getProto().getId();
      std::string what = "struct";
      if (s.getProto().getStruct().getIsGroup()) what = "group struct";
      if (auto it = param_names_.find(id); it != param_names_.end()) {
        what = it->second.ends_with("Params") ? "parameters struct" : "results struct";
      }
      ns.Claim(FlatName(s), SiteOf(s), what);
    }
    for (auto c : consts_) {
      auto scope = loader_.get(c.getProto().getScopeId());
      const std::string display = c.getProto().getDisplayName();
      const std::string short_name = display.substr(display.find_last_of(".:") + 1);
      const bool nested = scope.getProto().isStruct() || scope.getProto().isInterface();
      ns.Claim((nested ? FlatName(scope) + "_" : "") + ConstantName(short_name), SiteOf(c), "constant");
    }
    for (auto iface : interfaces_) {
      const std::string name = FlatName(iface);
      const Site site = SiteOf(iface);
      ns.Claim(name, site, "protocol struct");
      ns.Claim(name + "Ref", site, "reference class");
      ns.Claim(name + "Handler", site, "handler class");
      ns.Claim(name + "Handler_Dispatch", site, "handler's dispatch (in the .heph.cc)");
      ns.Claim(name + "_Message", site, "message type");
      for (auto method : iface.getMethods()) {
        if (IsOneWay(method)) continue;
        const MethodInfo m{method, iface, false};
        ns.Claim(name + "_" + Capitalize(method.getProto().getName()) + "Call", SiteOf(m), "call type");
      }
    }

    // Value structs: fields, `which` and `Which`, aliases of nested types.
    for (auto s : structs_) {
      NameScope scope(FlatName(s) + "::");
      ClaimNestedAliases(scope, s);
      for (auto field : s.getFields()) scope.Claim(MemberName(field.getProto().getName()), SiteOf(field), "field");
      if (s.getUnionFields().size() > 0) {
        scope.Reserve("which", "the member saying which union member is set");
        scope.Reserve("Which", "the enum of the union's members");
      }
    }

    for (auto iface : interfaces_) {
      const std::string name = FlatName(iface);
      // The protocol struct.
      NameScope protocol(name + "::");
      protocol.Reserve("kName", "the protocol's name constant");
      protocol.Reserve("kDefaultInboxCapacity", "the protocol's inbox capacity constant");
      protocol.Reserve("Message", "the protocol's message alias");
      protocol.Reserve("Ref", "the protocol's reference alias");
      protocol.Reserve("Handler", "the protocol's handler alias");
      protocol.Reserve("Visit", "the protocol's static Visit function");
      protocol.Reserve("Spawn", "the protocol's static Spawn function");
      protocol.Reserve("SpawnActor", "the protocol's static SpawnActor function");
      protocol.Reserve("SpawnSync", "the protocol's static SpawnSync function");
      ClaimNestedAliases(protocol, iface);
      for (auto method : iface.getMethods()) {
        const MethodInfo m{method, iface, IsOneWay(method)};
        const std::string cap = Capitalize(method.getProto().getName());
        protocol.Claim(cap + "Params", SiteOf(m), "parameters alias");
        if (!m.one_way) {
          protocol.Claim(cap + "Results", SiteOf(m), "results alias");
          protocol.Claim(cap + "Call", SiteOf(m), "call alias");
        }
      }
      // The reference and the handler hold the methods of the interface and
      // of all its bases, so a base's method can clash with a derived one's.
      NameScope ref(name + "Ref::");
      ref.Reserve("actor", "the reference's own actor() (a method named actor becomes actor_)");
      ref.Reserve("is_connected", "the reference's own is_connected() (a method so named gets a trailing _)");
      NameScope handler(name + "Handler::");
      handler.Reserve("Handle", "the handler's own Handle()");
      handler.Reserve("Serve", "the handler's own Serve()");
      handler.Reserve("plain_missing_", "the handler's own dispatch flag");
      for (const MethodInfo& m : AllMethods(iface)) {
        const std::string method = MethodName(m.method.getProto().getName());
        ref.Claim(method, SiteOf(m), "method");
        if (m.one_way) ref.Claim("try_" + SnakeCase(m.method.getProto().getName()), SiteOf(m), "try_ method (one-way, without waiting)");
        handler.Claim(method, SiteOf(m), "method");
      }
    }
  }

  // Method names capnpc-c++ 0.9.2 emits unchanged (as `virtual
  // ::kj::Promise<void> name(NameContext)` in I::Server) although they do not
  // compile there: C++20 keywords it does not know, and function-like macros
  // of the C library (assert with <cassert>, makedev with <sys/sysmacros.h>).
  // Found by running capnpc-c++ on a method, a field and an enumerant named
  // after every C++20 keyword, and on a method named after each lowercase
  // macro above, and compiling its output: only these method names broke it.
  // (Names that are C library macros break it too: IsCLibraryMacro.)
  // capnpc-heph's own names for them get a trailing _, like every reserved
  // word.
  static const char* CapnpCppBreaks(const std::string& method) {
    static const std::map<std::string, const char*> names = {
        {"concept", "a C++20 keyword"},  {"consteval", "a C++20 keyword"},
        {"constinit", "a C++20 keyword"}, {"requires", "a C++20 keyword"},
        {"assert", "a C library macro"}, {"offsetof", "a C library macro"},
        {"makedev", "a C library macro"}};
    auto it = names.find(method);
    return it == names.end() ? nullptr : it->second;
  }

  // The object-like macros of the C library headers C++ includes (<cstdio>,
  // <cstdlib>, <climits>, <cstdint>, <cerrno>, <csignal>, <cmath>, <cwchar>,
  // <clocale>, <ctime>, <cstddef>, <cfloat>, <cfenv>: the C standard's
  // macros, each checked to be defined by g++ 12 and glibc) that capnpc-c++
  // can write as a name: a type's name as it is (struct EOF), an enumerant, a
  // union member's tag or a constant in UPPER_SNAKE_CASE (seekSet is
  // SEEK_SET). A name that is one of these does not compile wherever the
  // header defining it is included first. POSIX's additions (SIGHUP, ENOENT,
  // ...) are not here.
  static bool IsCLibraryMacro(const std::string& name) {
    static const std::set<std::string> macros = {
        "BUFSIZ", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "CLOCKS_PER_SEC", "DBL_DIG", "DBL_EPSILON",
        "DBL_MANT_DIG", "DBL_MAX", "DBL_MAX_EXP", "DBL_MIN", "DBL_MIN_EXP", "DECIMAL_DIG", "EDOM",
        "EILSEQ", "EOF", "ERANGE", "EXIT_FAILURE", "EXIT_SUCCESS", "FE_ALL_EXCEPT", "FE_DFL_ENV",
        "FE_DIVBYZERO", "FE_DOWNWARD", "FE_INEXACT", "FE_INVALID", "FE_OVERFLOW", "FE_TONEAREST",
        "FE_TOWARDZERO", "FE_UNDERFLOW", "FE_UPWARD", "FILENAME_MAX", "FLT_DIG", "FLT_EPSILON",
        "FLT_EVAL_METHOD", "FLT_MANT_DIG", "FLT_MAX", "FLT_MAX_EXP", "FLT_MIN", "FLT_MIN_EXP",
        "FLT_RADIX", "FOPEN_MAX", "FP_ILOGB0", "FP_ILOGBNAN", "FP_INFINITE", "FP_NAN", "FP_NORMAL",
        "FP_SUBNORMAL", "FP_ZERO", "HUGE_VAL", "HUGE_VALF", "HUGE_VALL", "INFINITY", "INT16_MAX",
        "INT16_MIN", "INT32_MAX", "INT32_MIN", "INT64_MAX", "INT64_MIN", "INT8_MAX", "INT8_MIN",
        "INTMAX_MAX", "INTMAX_MIN", "INTPTR_MAX", "INTPTR_MIN", "INT_MAX", "INT_MIN", "LC_ALL",
        "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC", "LC_TIME", "LDBL_DIG",
        "LDBL_EPSILON", "LDBL_MANT_DIG", "LDBL_MAX", "LDBL_MAX_EXP", "LDBL_MIN", "LDBL_MIN_EXP",
        "LLONG_MAX", "LLONG_MIN", "LONG_MAX", "LONG_MIN", "MATH_ERREXCEPT", "MATH_ERRNO",
        "MB_CUR_MAX", "MB_LEN_MAX", "NAN", "NULL", "PTRDIFF_MAX", "PTRDIFF_MIN", "RAND_MAX",
        "SCHAR_MAX", "SCHAR_MIN", "SEEK_CUR", "SEEK_END", "SEEK_SET", "SHRT_MAX", "SHRT_MIN",
        "SIGABRT", "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM", "SIG_ATOMIC_MAX",
        "SIG_ATOMIC_MIN", "SIG_DFL", "SIG_ERR", "SIG_IGN", "SIZE_MAX", "TIME_UTC", "TMP_MAX",
        "UCHAR_MAX", "UINT16_MAX", "UINT32_MAX", "UINT64_MAX", "UINT8_MAX", "UINTMAX_MAX",
        "UINTPTR_MAX", "UINT_MAX", "ULLONG_MAX", "ULONG_MAX", "USHRT_MAX", "WCHAR_MAX", "WCHAR_MIN",
        "WEOF", "WINT_MAX", "WINT_MIN",
    };
    return macros.count(name) != 0;
  }

  // fooBar -> FOO_BAR, as capnpc-c++ names enumerants, union tags and constants.
  static std::string UpperSnakeCase(const std::string& name) {
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

  // When capnpc-c++ runs on the same schema (capnp_cpp = True, the rule's
  // default), its output must compile too: reject the names it breaks on.
  void CheckCapnpCppNames() {
    if (!capnp_cpp_) return;
    const std::string fix =
        ", so its output would not compile; rename it, or set capnp_cpp = False on the "
        "heph_cc_actor_library (HEPH_CAPNPC_CPP=0 when running capnp compile by hand)";
    auto check_type = [&](capnp::Schema s) {
      const std::string display = s.getProto().getDisplayName();
      const std::string name = display.substr(display.find_last_of(".:") + 1);
      if (IsCLibraryMacro(name)) {
        Fail(s, "", -1, "capnpc-c++ 0.9.2 names the type " + name + " as it is, and " + name +
                            " is a C library macro" + fix);
      }
    };
    auto check_upper = [&](capnp::Schema scope, const std::string& member, int ordinal, const std::string& what) {
      const std::string upper = UpperSnakeCase(member);
      if (IsCLibraryMacro(upper)) {
        Fail(scope, member, ordinal, "capnpc-c++ 0.9.2 writes the " + what + " " + member + " as " + upper +
                                         ", a C library macro" + fix);
      }
    };
    for (auto e : enums_) {
      check_type(e);
      for (auto enumerant : e.getEnumerants()) {
        check_upper(e, enumerant.getProto().getName(), enumerant.getOrdinal(), "enumerant");
      }
    }
    for (auto s : structs_) {
      const bool named_type = !s.getProto().getStruct().getIsGroup() && param_names_.count(s.getProto().getId()) == 0;
      if (named_type) check_type(s);
      for (auto field : s.getUnionFields()) {
        auto fp = field.getProto();
        check_upper(s, fp.getName(), fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1,
                    "union member");
      }
    }
    for (auto c : consts_) {
      const std::string display = c.getProto().getDisplayName();
      const std::string name = display.substr(display.find_last_of(".:") + 1);
      const std::string upper = UpperSnakeCase(name);
      if (IsCLibraryMacro(upper)) {
        Fail(c, "", -1, "capnpc-c++ 0.9.2 writes the constant " + name + " as " + upper + ", a C library macro" + fix);
      }
    }
    for (auto iface : interfaces_) {
      check_type(iface);
      for (auto method : iface.getMethods()) {
        const std::string name = method.getProto().getName();
        if (const char* what = CapnpCppBreaks(name)) {
          Fail(iface, name, static_cast<int>(method.getIndex()),
               "`" + name + "` is " + what +
                   " that capnpc-c++ 0.9.2 emits as a method name unchanged, so its output would not "
                   "compile; rename the method, or set capnp_cpp = False on the heph_cc_actor_library "
                   "(HEPH_CAPNPC_CPP=0 when running capnp compile by hand)");
        }
      }
    }
  }

  // `using Inner = Outer_Inner;` (and InnerRef, InnerHandler for an
  // interface) for the types nested in `s`, and the aliases of its groups.
  void ClaimNestedAliases(NameScope& scope, capnp::Schema s) {
    for (auto nested : s.getProto().getNestedNodes()) {
      auto n = loader_.get(nested.getId());
      if (n.getProto().isAnnotation() || n.getProto().isConst()) continue;
      const std::string name = Escape(Capitalize(nested.getName()));
      scope.Claim(name, SiteOf(n), "alias");
      if (n.getProto().isInterface()) {
        scope.Claim(name + "Ref", SiteOf(n), "reference alias");
        scope.Claim(name + "Handler", SiteOf(n), "handler alias");
      }
    }
    if (!s.getProto().isStruct()) return;
    for (auto field : s.asStruct().getFields()) {
      if (field.getProto().isGroup()) {
        scope.Claim(Escape(Capitalize(field.getProto().getName())), SiteOf(field), "group alias");
      }
    }
  }

  // ---- types ----

  // The C++ type of a field or list element; `where` names it for errors.
  std::string CppType(capnp::Type type, capnp::Schema scope, const std::string& member, int ordinal) {
    switch (type.which()) {
      case TypeWhich::VOID: return "std::monostate";
      case TypeWhich::BOOL: return "bool";
      case TypeWhich::INT8: return "std::int8_t";
      case TypeWhich::INT16: return "std::int16_t";
      case TypeWhich::INT32: return "std::int32_t";
      case TypeWhich::INT64: return "std::int64_t";
      case TypeWhich::UINT8: return "std::uint8_t";
      case TypeWhich::UINT16: return "std::uint16_t";
      case TypeWhich::UINT32: return "std::uint32_t";
      case TypeWhich::UINT64: return "std::uint64_t";
      case TypeWhich::FLOAT32: return "float";
      case TypeWhich::FLOAT64: return "double";
      case TypeWhich::TEXT: return "std::string";
      case TypeWhich::DATA: return "std::vector<std::uint8_t>";
      case TypeWhich::LIST:
        return "std::vector<" + CppType(type.asList().getElementType(), scope, member, ordinal) + ">";
      case TypeWhich::ENUM: return TypeName(type.asEnum());
      case TypeWhich::STRUCT: {
        auto s = type.asStruct();
        if (s.getProto().getIsGeneric()) {
          Fail(scope, member, ordinal, "generic struct " + Dotted(Chain(s)) + " is not supported");
        }
        return TypeName(s);
      }
      case TypeWhich::INTERFACE: {
        auto i = type.asInterface();
        if (i.getProto().getIsGeneric()) {
          Fail(scope, member, ordinal, "generic interface " + Dotted(Chain(i)) + " is not supported");
        }
        return TypeName(i, "Ref");
      }
      case TypeWhich::ANY_POINTER:
        if (type.getBrandParameter() != nullptr || type.getImplicitParameter() != nullptr) {
          Fail(scope, member, ordinal, "generic parameters are not supported");
        }
        Fail(scope, member, ordinal, "AnyPointer is not supported (use Data, or a concrete type)");
    }
    Fail(scope, member, ordinal, "unknown type");
  }

  // A C++ expression for a schema value of `type`, for initializers.
  std::string ValueExpr(capnp::DynamicValue::Reader value, capnp::Type type) {
    switch (type.which()) {
      case TypeWhich::VOID: return "std::monostate{}";
      case TypeWhich::BOOL: return value.as<bool>() ? "true" : "false";
      case TypeWhich::INT8:
      case TypeWhich::INT16:
      case TypeWhich::INT32: return std::to_string(value.as<std::int64_t>());
      case TypeWhich::INT64: {
        const std::int64_t v = value.as<std::int64_t>();
        if (v == INT64_MIN) return "std::numeric_limits<std::int64_t>::min()";
        return std::to_string(v) + "ll";
      }
      case TypeWhich::UINT8:
      case TypeWhich::UINT16: return std::to_string(value.as<std::uint64_t>());
      case TypeWhich::UINT32: return std::to_string(value.as<std::uint64_t>()) + "u";
      case TypeWhich::UINT64: return std::to_string(value.as<std::uint64_t>()) + "ull";
      case TypeWhich::FLOAT32: return FloatLiteral(value.as<float>(), true);
      case TypeWhich::FLOAT64: return FloatLiteral(value.as<double>(), false);
      case TypeWhich::TEXT: return CString(value.as<capnp::Text>().cStr());
      case TypeWhich::DATA: {
        std::string out = "{";
        for (auto b : value.as<capnp::Data>()) {
          out += (out.size() > 1 ? ", " : "") + std::to_string(b);
        }
        return out + "}";
      }
      case TypeWhich::LIST: {
        auto list = value.as<capnp::DynamicList>();
        auto element = type.asList().getElementType();
        std::string out = "{";
        for (auto item : list) out += (out.size() > 1 ? ", " : "") + ValueExpr(item, element);
        return out + "}";
      }
      case TypeWhich::ENUM: {
        auto e = value.as<capnp::DynamicEnum>();
        KJ_IF_MAYBE(enumerant, e.getEnumerant()) {
          return TypeName(type.asEnum()) + "::" + ConstantName(enumerant->getProto().getName());
        }
        return "static_cast<" + TypeName(type.asEnum()) + ">(" + std::to_string(e.getRaw()) + ")";
      }
      case TypeWhich::STRUCT: return StructExpr(value.as<capnp::DynamicStruct>());
      case TypeWhich::INTERFACE:
      case TypeWhich::ANY_POINTER: return "{}";
    }
    return "{}";
  }

  // "v.a = 1; v.g.b = 2; v.which = ...; " for the fields set in `value`.
  std::string StructAssign(capnp::DynamicStruct::Reader value, const std::string& target) {
    auto schema = value.getSchema();
    std::string out;
    std::string which;
    for (auto field : schema.getFields()) {
      auto proto = field.getProto();
      const std::string member = target + "." + MemberName(proto.getName());
      if (proto.getDiscriminantValue() != kNoDiscriminant) {
        KJ_IF_MAYBE(active, value.which()) {
          if (*active != field) continue;
          // The first member with its default value is what a fresh value holds.
          if (proto.getDiscriminantValue() == 0 && !value.has(field, capnp::HasMode::NON_DEFAULT)) continue;
          if (proto.getDiscriminantValue() != 0) {
            which = target + ".which = " + TypeName(schema) + "::Which::" + ConstantName(proto.getName()) + "; ";
          }
        } else {
          continue;
        }
      }
      if (proto.isGroup()) {
        out += StructAssign(value.get(field).as<capnp::DynamicStruct>(), member);
        continue;
      }
      if (field.getType().isVoid() || field.getType().isInterface()) continue;
      if (!value.has(field, capnp::HasMode::NON_DEFAULT)) continue;
      out += member + " = " + ValueExpr(value.get(field), field.getType()) + "; ";
    }
    return out + which;
  }

  // A struct value: T{} or an immediately invoked lambda assigning the fields
  // that differ from the defaults. (Not designated initializers: those trip
  // -Wmissing-field-initializers and g++ 12 coroutine bugs in user code.)
  std::string StructExpr(capnp::DynamicStruct::Reader value) {
    const std::string type = TypeName(value.getSchema());
    const std::string assign = StructAssign(value, "v");
    if (assign.empty()) return type + "{}";
    return "[] { " + type + " v; " + assign + "return v; }()";
  }

  capnp::DynamicValue::Reader DefaultOf(capnp::StructSchema::Field field) {
    auto value = field.getProto().getSlot().getDefaultValue();
    auto type = field.getType();
    switch (value.which()) {
      case capnp::schema::Value::VOID: return capnp::VOID;
      case capnp::schema::Value::BOOL: return value.getBool();
      case capnp::schema::Value::INT8: return value.getInt8();
      case capnp::schema::Value::INT16: return value.getInt16();
      case capnp::schema::Value::INT32: return value.getInt32();
      case capnp::schema::Value::INT64: return value.getInt64();
      case capnp::schema::Value::UINT8: return value.getUint8();
      case capnp::schema::Value::UINT16: return value.getUint16();
      case capnp::schema::Value::UINT32: return value.getUint32();
      case capnp::schema::Value::UINT64: return value.getUint64();
      case capnp::schema::Value::FLOAT32: return value.getFloat32();
      case capnp::schema::Value::FLOAT64: return value.getFloat64();
      case capnp::schema::Value::TEXT: return value.getText();
      case capnp::schema::Value::DATA: return value.getData();
      case capnp::schema::Value::LIST: return value.getList().getAs<capnp::DynamicList>(type.asList());
      case capnp::schema::Value::ENUM: return capnp::DynamicEnum(type.asEnum(), value.getEnum());
      case capnp::schema::Value::STRUCT:
        return value.getStruct().getAs<capnp::DynamicStruct>(type.asStruct());
      default: return capnp::VOID;
    }
  }

  // " = x" for a field's default, or "" when value-initialization is right.
  std::string DefaultInit(capnp::StructSchema::Field field) {
    auto type = field.getType();
    auto value = field.getProto().getSlot().getDefaultValue();
    switch (type.which()) {
      case TypeWhich::VOID:
      case TypeWhich::INTERFACE:
      case TypeWhich::ANY_POINTER: return "";
      case TypeWhich::TEXT:
        if (!value.hasText() || value.getText().size() == 0) return "";
        break;
      case TypeWhich::DATA:
        if (!value.hasData() || value.getData().size() == 0) return "";
        break;
      case TypeWhich::LIST:
        if (!value.hasList()) return "";
        break;
      case TypeWhich::STRUCT:
        if (!value.hasStruct()) return "";
        {
          std::string init = StructExpr(value.getStruct().getAs<capnp::DynamicStruct>(type.asStruct()));
          if (init == TypeName(type.asStruct()) + "{}") return "";
          return " = " + init;
        }
      default: break;
    }
    const std::string expr = ValueExpr(DefaultOf(field), type);
    if (type.isList() || type.isData()) {
      // Built in a lambda: g++ 12 rejects a default member initializer with
      // an initializer list when the struct is a temporary in a coroutine
      // ("array used as initializer").
      return " = [] { return " + CppType(type, field.getContainingStruct(), "", -1) + expr + "; }()";
    }
    return " = " + expr;
  }

  // ---- collecting a file's declarations ----

  void Collect(capnp::Schema s) {
    auto proto = s.getProto();
    switch (proto.which()) {
      case Node::FILE: break;
      case Node::STRUCT:
        if (proto.getIsGeneric()) Fail(s, "", -1, "generic structs are not supported");
        structs_.push_back(s.asStruct());
        for (auto field : s.asStruct().getFields()) {
          if (field.getProto().isGroup()) Collect(field.getType().asStruct());
        }
        break;
      case Node::ENUM: enums_.push_back(s.asEnum()); break;
      case Node::INTERFACE: {
        if (proto.getIsGeneric()) Fail(s, "", -1, "generic interfaces are not supported");
        auto iface = s.asInterface();
        interfaces_.push_back(iface);
        for (auto method : iface.getMethods()) {
          auto mp = method.getProto();
          if (mp.getImplicitParameters().size() > 0) {
            Fail(s, mp.getName(), method.getIndex(), "generic methods are not supported");
          }
          for (auto st : {method.getParamType(), method.getResultType()}) {
            if (st == method.getResultType() && IsOneWay(method)) continue;
            if (st.getProto().getIsGeneric() || st.isBranded()) {
              Fail(s, mp.getName(), method.getIndex(), "generic parameter or result types are not supported");
            }
            if (param_names_.count(st.getProto().getId()) != 0) Collect(st);
          }
        }
        break;
      }
      case Node::CONST: consts_.push_back(s.asConst()); break;
      case Node::ANNOTATION: return;
    }
    for (auto nested : proto.getNestedNodes()) Collect(loader_.get(nested.getId()));
  }

  // Structs in an order where each comes after the structs it holds.
  std::vector<capnp::StructSchema> SortStructs() {
    std::vector<capnp::StructSchema> sorted;
    std::map<std::uint64_t, int> state;  // 1 = visiting, 2 = done
    std::function<void(capnp::StructSchema)> visit = [&](capnp::StructSchema s) {
      const std::uint64_t id = s.getProto().getId();
      if (state[id] == 2) return;
      state[id] = 1;
      for (auto field : s.getFields()) {
        capnp::Type type = field.getType();
        bool through_list = false;
        while (type.isList()) {
          type = type.asList().getElementType();
          through_list = true;
        }
        if (!type.isStruct()) continue;
        auto dep = type.asStruct();
        if (FileOf(dep).getProto().getId() != file_.getProto().getId()) continue;
        if (dep.getProto().getIsGeneric()) continue;  // reported by CppType
        if (state[dep.getProto().getId()] == 1) {
          if (through_list) continue;  // std::vector of an incomplete type is fine
          Fail(s, field.getProto().getName(), field.getProto().getOrdinal().isExplicit()
                                                   ? field.getProto().getOrdinal().getExplicit()
                                                   : -1,
               "recursive struct " + Dotted(Chain(dep)) +
                   " held by value is not supported (hold it in a List instead)");
        }
        visit(dep);
      }
      state[id] = 2;
      sorted.push_back(s);
    };
    for (auto s : structs_) visit(s);
    return sorted;
  }

  // Methods of an interface and all its bases, bases first, each once.
  std::vector<MethodInfo> AllMethods(capnp::InterfaceSchema iface) {
    std::vector<MethodInfo> out;
    std::set<std::uint64_t> seen;
    std::function<void(capnp::InterfaceSchema)> add = [&](capnp::InterfaceSchema i) {
      if (!seen.insert(i.getProto().getId()).second) return;
      for (auto base : i.getSuperclasses()) add(base);
      for (auto m : i.getMethods()) out.push_back({m, i, IsOneWay(m)});
    };
    add(iface);
    return out;
  }

  // Every interface `iface` extends, directly or not.
  std::set<std::uint64_t> AllBases(capnp::InterfaceSchema iface) {
    std::set<std::uint64_t> bases;
    std::function<void(capnp::InterfaceSchema)> add = [&](capnp::InterfaceSchema i) {
      for (auto b : i.getSuperclasses()) {
        if (bases.insert(b.getProto().getId()).second) add(b);
      }
    };
    add(iface);
    return bases;
  }

  static bool IsOneWay(capnp::InterfaceSchema::Method m) {
    return m.isStreaming() || m.getResultType().getFields().size() == 0;
  }

  std::string ParamsType(capnp::InterfaceSchema::Method m) { return TypeName(m.getParamType()); }
  std::string ResultsType(capnp::InterfaceSchema::Method m) { return TypeName(m.getResultType()); }
  std::string CallType(const MethodInfo& m) {
    return TypeName(m.owner, "_" + Capitalize(m.method.getProto().getName()) + "Call");
  }
  // The payload a method has in its protocol's message.
  std::string AlternativeType(const MethodInfo& m) {
    return m.one_way ? ParamsType(m.method) : CallType(m);
  }
  std::string QualifiedMethod(const MethodInfo& m) {
    return Dotted(Chain(m.owner)) + "." + std::string(m.method.getProto().getName().cStr());
  }

  // ---- emitting ----

  void EmitEnum(capnp::EnumSchema e) {
    const auto id = e.getProto().getId();
    out_ += Doc(id, "");
    out_ += "enum class " + FlatName(e) + " : std::uint16_t {\n";
    unsigned i = 0;
    for (auto enumerant : e.getEnumerants()) {
      out_ += MemberDoc(id, i++, "  ");
      out_ += "  " + ConstantName(enumerant.getProto().getName()) + " = " +
              std::to_string(enumerant.getOrdinal()) + ",\n";
    }
    out_ += "};\n\n";
  }

  // `using Inner = Outer_Inner;` for the types nested in `s`.
  std::string NestedAliases(capnp::Schema s, const std::string& indent) {
    std::string out;
    for (auto nested : s.getProto().getNestedNodes()) {
      auto n = loader_.get(nested.getId());
      if (n.getProto().isAnnotation()) continue;
      const std::string name = Escape(Capitalize(nested.getName()));
      if (n.getProto().isConst()) {
        continue;
      }
      out += indent + "using " + name + " = " + FlatName(n) + ";\n";
      if (n.getProto().isInterface()) {
        out += indent + "using " + name + "Ref = " + FlatName(n) + "Ref;\n";
        out += indent + "using " + name + "Handler = " + FlatName(n) + "Handler;\n";
      }
    }
    if (s.getProto().isStruct()) {
      for (auto field : s.asStruct().getFields()) {
        if (field.getProto().isGroup()) {
          out += indent + "using " + Escape(Capitalize(field.getProto().getName())) + " = " +
                 FlatName(field.getType().asStruct()) + ";\n";
        }
      }
    }
    return out;
  }

  void EmitStruct(capnp::StructSchema s) {
    const auto proto = s.getProto();
    const auto id = proto.getId();
    const std::string name = FlatName(s);
    out_ += Doc(id, "");
    if (proto.getStruct().getIsGroup()) {
      out_ += "// The group " + Dotted(Chain(s)) + ".\n";
    } else if (param_names_.count(id) != 0) {
      out_ += "// " + std::string(param_names_[id].ends_with("Params") ? "Parameters" : "Results") +
              " of " + Dotted(Chain(s)) + ".\n";
    }
    out_ += "struct " + name + " {\n";
    std::string aliases = NestedAliases(s, "  ");
    if (!aliases.empty()) out_ += aliases + "\n";
    std::vector<std::string> union_members;
    for (auto field : s.getFields()) {
      auto fp = field.getProto();
      const int ordinal = fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1;
      const bool in_union = fp.getDiscriminantValue() != kNoDiscriminant;
      if (in_union) union_members.push_back(fp.getName());
      const std::string member = MemberName(fp.getName());
      std::string doc = MemberDoc(id, field.getIndex(), "  ");
      if (fp.isGroup()) {
        out_ += doc + "  " + FlatName(field.getType().asStruct()) + " " + member + ";\n";
        continue;
      }
      const std::string type = CppType(field.getType(), s, fp.getName(), ordinal);
      if (field.getType().isVoid()) {
        // A Void member stores nothing; in a union, `which` says it is set.
        if (!in_union) continue;
        out_ += doc + "  // " + member + " (Void): set when which == Which::" +
                ConstantName(fp.getName()) + ".\n";
        continue;
      }
      if (in_union) {
        if (!doc.empty()) doc += "  //\n";
        doc += "  // Union member: meaningful when which == Which::" + ConstantName(fp.getName()) + ".\n";
      }
      out_ += doc + "  " + type + " " + member + DefaultInit(field) + ";\n";
    }
    if (!union_members.empty()) {
      out_ += "\n  // Which union member is set.\n  enum class Which : std::uint16_t {\n";
      std::string first;
      for (auto field : s.getUnionFields()) {
        const std::string e = ConstantName(field.getProto().getName());
        if (field.getProto().getDiscriminantValue() == 0) first = e;
        out_ += "    " + e + " = " + std::to_string(field.getProto().getDiscriminantValue()) + ",\n";
      }
      out_ += "  };\n  Which which = Which::" + first + ";\n";
    }
    if (s.getFields().size() > 0) out_ += "\n";
    out_ += "  friend bool operator==(const " + name + "&, const " + name + "&) = default;\n";
    out_ += "};\n\n";
  }

  void EmitConst(capnp::ConstSchema c) {
    auto proto = c.getProto();
    const std::string display = proto.getDisplayName();
    const std::string path = display.substr(display.find(':') + 1);
    const std::string short_name = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    auto type = c.getType();
    const std::string ctype = CppType(type, c, "", -1);
    // Prefix nested constants with their scope: Outer_kName.
    std::string prefix;
    if (loader_.get(proto.getScopeId()).getProto().isStruct() ||
        loader_.get(proto.getScopeId()).getProto().isInterface()) {
      prefix = FlatName(loader_.get(proto.getScopeId())) + "_";
    }
    out_ += Doc(proto.getId(), "");
    const bool literal = !(type.isText() || type.isData() || type.isList() || type.isStruct());
    out_ += std::string(literal ? "inline constexpr " : "inline const ") + ctype + " " + prefix +
            ConstantName(short_name) + " = " + ValueExpr(c.as<capnp::DynamicValue>(), type) + ";\n\n";
  }

  std::string InboxCapacity(capnp::InterfaceSchema iface) {
    for (auto a : iface.getProto().getAnnotations()) {
      if (a.getId() == kInboxCapacityId) return std::to_string(a.getValue().getUint32()) + "u";
    }
    return "::heph::kDefaultInboxCapacity";
  }

  // True if the method's params are best passed field by field.
  static bool ExpandParams(capnp::StructSchema params) {
    if (params.getProto().getScopeId() != 0) return false;  // a named struct
    if (params.getUnionFields().size() > 0) return false;
    for (auto f : params.getFields()) {
      if (f.getProto().isGroup() || f.getType().isVoid()) return false;
    }
    return true;
  }

  std::string ParamList(capnp::StructSchema params, capnp::InterfaceSchema owner, const std::string& method) {
    std::string out;
    for (auto f : params.getFields()) {
      out += (out.empty() ? "" : ", ") + CppType(f.getType(), owner, method, -1) + " " +
             MemberName(f.getProto().getName());
    }
    return out;
  }
  std::string ParamMoves(capnp::StructSchema params) {
    std::string out;
    for (auto f : params.getFields()) {
      const std::string name = MemberName(f.getProto().getName());
      const auto t = f.getType();
      const bool cheap = !(t.isText() || t.isData() || t.isList() || t.isStruct() || t.isInterface());
      out += (out.empty() ? "" : ", ") + (cheap ? name : "std::move(" + name + ")");
    }
    return out;
  }

  // class FooRef { ... }: declarations only (param types may be incomplete).
  void EmitRefClass(capnp::InterfaceSchema iface) {
    const std::string name = FlatName(iface);
    const std::string ref = name + "Ref";
    const std::string msg = name + "_Message";
    out_ += "// A typed reference to an actor serving " + Dotted(Chain(iface)) +
            ". Cheap to copy; usable from any thread.\n";
    out_ += "class " + ref + " {\n public:\n";
    out_ += "  " + ref + "() = default;\n";
    out_ += "  explicit " + ref + "(::heph::ActorRef<" + msg + "> actor) : target_(std::move(actor)) {}\n\n";
    out_ += "  const ::heph::ActorRef<" + msg + ">& actor() const { return target_; }\n";
    out_ += "  explicit operator bool() const { return static_cast<bool>(target_); }\n";
    out_ += "  bool is_connected() const { return target_.is_connected(); }\n";
    const std::set<std::uint64_t> bases = AllBases(iface);
    for (auto base_id : bases) {
      auto base = loader_.get(base_id).asInterface();
      out_ += "  // A reference to the same actor, seen as a " + Dotted(Chain(base)) + ".\n";
      out_ += "  operator " + TypeName(base, "Ref") + "() const;\n";
    }
    for (const MethodInfo& m : AllMethods(iface)) {
      auto mp = m.method.getProto();
      const std::string method = MethodName(mp.getName());
      const std::string qualified = QualifiedMethod(m);
      out_ += "\n" + MemberDoc(m.owner.getProto().getId(), m.method.getIndex(), "  ");
      auto params = m.method.getParamType();
      const bool expand = ExpandParams(params);
      if (m.one_way) {
        out_ += "  // " + qualified + " (one-way): waits while the inbox is full.\n";
        const std::string ret = "::heph::codegen::SendCall<" + msg + ">";
        if (expand) out_ += "  " + ret + " " + method + "(" + ParamList(params, m.owner, mp.getName()) + ") const;\n";
        if (!expand || params.getFields().size() > 0) {
          out_ += "  " + ret + " " + method + "(" + ParamsType(m.method) + " params) const;\n";
        }
        out_ += "  // " + qualified + " (one-way), without waiting: fails if the inbox is full.\n";
        if (expand) {
          out_ += "  absl::Status try_" + SnakeCase(mp.getName()) + "(" + ParamList(params, m.owner, mp.getName()) +
                  ") const;\n";
        }
        if (!expand || params.getFields().size() > 0) {
          out_ += "  absl::Status try_" + SnakeCase(mp.getName()) + "(" + ParamsType(m.method) + " params) const;\n";
        }
      } else {
        out_ += "  // " + qualified + ": co_await gives the results or an error naming " + qualified + ".\n";
        const std::string ret = "::heph::codegen::RpcCall<" + msg + ", " + ParamsType(m.method) + ", " +
                                ResultsType(m.method) + ">";
        if (expand) out_ += "  " + ret + " " + method + "(" + ParamList(params, m.owner, mp.getName()) + ") const;\n";
        if (!expand || params.getFields().size() > 0) {
          out_ += "  " + ret + " " + method + "(" + ParamsType(m.method) + " params) const;\n";
        }
      }
    }
    out_ += "\n  friend bool operator==(const " + ref + "& a, const " + ref + "& b) {\n";
    out_ += "    return a.target_.sends_to(b.target_) || (!a && !b);\n  }\n";
    out_ += "\n private:\n  ::heph::ActorRef<" + msg + "> target_;\n};\n\n";
  }

  void EmitCallTypes(capnp::InterfaceSchema iface) {
    std::string defs;
    for (auto method : iface.getMethods()) {
      if (IsOneWay(method)) continue;
      MethodInfo m{method, iface, false};
      const std::string qualified = QualifiedMethod(m);
      const std::string results = ResultsType(method);
      const std::string call = FlatName(iface) + "_" + Capitalize(method.getProto().getName()) + "Call";
      out_ += "// A received call of " + qualified +
              ". Reply once; dropping it unanswered gives the caller an\n// error (" + qualified +
              ": ... got no response).\n";
      out_ += "struct " + call + " {\n";
      out_ += "  " + ParamsType(method) + " params;\n";
      out_ += "  ::heph::Responder<absl::StatusOr<" + results + ">> responder;\n\n";
      out_ += "  // Sends the results. False if the caller no longer waits.\n";
      out_ += "  bool reply(" + results + " results);\n";
      out_ += "  // Sends an error (not OK) instead of results.\n";
      out_ += "  bool fail(absl::Status status);\n";
      out_ += "};\n\n";
      defs += "bool " + call + "::reply(" + results + " results) { return responder.respond(std::move(results)); }\n";
      defs += "bool " + call + "::fail(absl::Status status) { return responder.respond(std::move(status)); }\n";
    }
    if (!defs.empty()) cc_ += "// Replies to received calls of " + Dotted(Chain(iface)) + ".\n" + defs + "\n";
  }

  void EmitMessage(capnp::InterfaceSchema iface) {
    const std::string name = FlatName(iface);
    const std::string msg = name + "_Message";
    auto methods = AllMethods(iface);
    // Two methods with the same alternative type would be indistinguishable.
    std::map<std::string, std::string> seen;
    for (const MethodInfo& m : methods) {
      const std::string alt = AlternativeType(m);
      if (auto it = seen.find(alt); it != seen.end()) {
        Fail(m.owner, m.method.getProto().getName(), m.method.getIndex(),
             "has the same parameter type as " + it->second +
                 "; give one of them an inline parameter list");
      }
      seen[alt] = QualifiedMethod(m);
    }
    if (methods.size() > kMaxMethods) {
      Fail(iface, "", -1,
           std::to_string(methods.size()) + " methods (counting inherited ones); a protocol can have at most " +
               std::to_string(kMaxMethods) + " (split the interface)");
    }
    // The message is a tagged union: the method's position (index_) and a
    // union of the methods' payloads, moved, copied and destroyed by a plain
    // switch in the .heph.cc. Not a std::variant: its recursive templates cost
    // the compiler time and memory growing faster than the number of methods
    // and stop at g++'s instantiation depth (about 850 methods).
    const std::string where = Basename(StripCapnp(file_display_)) + ".heph.cc";
    out_ += "// One message of the " + Dotted(Chain(iface)) + " protocol: a call of one of its methods.\n";
    out_ += "struct " + msg + " {\n";
    // Constructors are defined in the .heph.cc: files that only pass messages
    // around need not compile them.
    cc_ += "// Messages of " + Dotted(Chain(iface)) + ".\n";
    for (size_t i = 0; i < methods.size(); ++i) {
      const MethodInfo& m = methods[i];
      const std::string member = "m" + std::to_string(i);
      if (m.one_way) {
        // noexcept, as the message's move: the runtime builds messages in
        // inbox slots, where nothing may throw (every payload is checked to
        // move without throwing).
        out_ += "  " + msg + "(" + ParamsType(m.method) + " params) noexcept;\n";
        cc_ += msg + "::" + msg + "(" + ParamsType(m.method) + " params) noexcept : " + member +
               "(std::move(params)), index_(" + std::to_string(i) + ") {}\n";
      } else {
        const std::string rpc = "::heph::RpcMessage<" + ParamsType(m.method) + ", absl::StatusOr<" +
                                ResultsType(m.method) + ">>";
        out_ += "  " + msg + "(" + rpc + " call) noexcept;\n";
        cc_ += msg + "::" + msg + "(" + rpc + " call) noexcept\n    : " + member +
               "{std::move(call.request), std::move(call.response)}, index_(" + std::to_string(i) + ") {}\n";
      }
    }
    for (auto base_id : AllBases(iface)) {
      auto base = loader_.get(base_id).asInterface();
      auto base_methods = AllMethods(base);
      const std::string base_msg = TypeName(base, "_Message");
      out_ += "  // A message of the base protocol " + Dotted(Chain(base)) + ".\n";
      out_ += "  " + msg + "(" + base_msg + " base) noexcept;\n";
      cc_ += msg + "::" + msg + "(" + base_msg + " base) noexcept {\n";
      cc_ += "  switch (base.index()) {\n";
      for (size_t j = 0; j < base_methods.size(); ++j) {
        size_t k = 0;
        while (AlternativeType(methods[k]) != AlternativeType(base_methods[j])) ++k;
        cc_ += (j + 1 == base_methods.size() ? std::string("    default:  // ")
                                              : "    case " + std::to_string(j) + ":  // ") +
               QualifiedMethod(base_methods[j]) + "\n";
        cc_ += "      std::construct_at(&m" + std::to_string(k) + ", std::move(base.m" + std::to_string(j) +
               "));\n      index_ = " + std::to_string(k) + ";\n      break;\n";
      }
      cc_ += "  }\n}\n";
    }
    bool copyable = true;
    for (const MethodInfo& m : methods) copyable = copyable && m.one_way;  // a Call holds a Responder
    out_ += "\n  // Defined in " + where + ", with the constructors.\n";
    out_ += "  " + msg + "(" + msg + "&& other) noexcept;\n";
    out_ += "  " + msg + "& operator=(" + msg + "&& other) noexcept;\n";
    if (copyable) {
      out_ += "  " + msg + "(const " + msg + "& other);\n";
      out_ += "  " + msg + "& operator=(const " + msg + "& other);\n";
    }
    out_ += "  ~" + msg + "();\n";
    out_ += "\n  // Which method this message calls: its position in the protocol (a base's\n";
    out_ += "  // methods first), the same as Visit's order.\n";
    out_ += "  std::uint32_t index() const noexcept { return index_; }\n";
    out_ += "  // \"Protocol.method\" of the method this message calls.\n";
    out_ += "  std::string_view method_name() const;\n\n";
    // One switch over the methods, `body(i)` the statement of case i.
    auto switch_over = [&](const std::string& on, const std::function<std::string(size_t)>& body) {
      std::string out = "  switch (" + on + ") {\n";
      for (size_t i = 0; i < methods.size(); ++i) {
        out += "    case " + std::to_string(i) + ": " + body(i) + " break;\n";
      }
      return out + "  }\n";
    };
    auto m_ = [](size_t i) { return "m" + std::to_string(i); };
    if (!methods.empty()) {
      // Every payload must move without throwing: the message's move is noexcept.
      cc_ += "\n// A message's move is noexcept: every payload's must be.\n";
      for (const MethodInfo& m : methods) {
        cc_ += "static_assert(std::is_nothrow_move_constructible_v<" + AlternativeType(m) + ">, \"" +
               QualifiedMethod(m) + ": " + AlternativeType(m) + " may throw when moved\");\n";
      }
    }
    cc_ += "\n" + msg + "::" + msg + "(" + msg + "&& other) noexcept : index_(other.index_) {\n";
    cc_ += switch_over("index_", [&](size_t i) {
      return "std::construct_at(&" + m_(i) + ", std::move(other." + m_(i) + "));";
    });
    cc_ += "}\n";
    cc_ += msg + "& " + msg + "::operator=(" + msg + "&& other) noexcept {\n";
    cc_ += "  if (this != &other) {\n    this->~" + msg + "();\n    std::construct_at(this, std::move(other));\n  }\n";
    cc_ += "  return *this;\n}\n";
    if (copyable) {
      cc_ += msg + "::" + msg + "(const " + msg + "& other) : index_(other.index_) {\n";
      cc_ += switch_over("index_", [&](size_t i) { return "std::construct_at(&" + m_(i) + ", other." + m_(i) + ");"; });
      cc_ += "}\n";
      cc_ += msg + "& " + msg + "::operator=(const " + msg + "& other) {\n";
      cc_ += "  if (this != &other) *this = " + msg + "(other);\n  return *this;\n}\n";
    }
    cc_ += msg + "::~" + msg + "() {\n";
    cc_ += switch_over("index_", [&](size_t i) { return "std::destroy_at(&" + m_(i) + ");"; });
    cc_ += "}\n";
    cc_ += "\nstd::string_view " + msg + "::method_name() const {\n";
    cc_ += "  static constexpr std::string_view kNames[] = {";
    for (size_t i = 0; i < methods.size(); ++i) cc_ += (i ? ", " : "") + CString(QualifiedMethod(methods[i]));
    if (methods.empty()) cc_ += "\"\"";
    cc_ += "};\n  return kNames[index_];\n}\n\n";
    out_ += "  // The payloads, one per method: only m<index()> is alive. Prefer " + Dotted(Chain(iface)) +
            "::Visit.\n";
    if (!methods.empty()) {
      out_ += "  union {\n";
      for (size_t i = 0; i < methods.size(); ++i) {
        out_ += "    " + AlternativeType(methods[i]) + " " + m_(i) + ";\n";
      }
      out_ += "  };\n";
    }
    out_ += "\n private:\n  std::uint32_t index_ = 0;\n";
    out_ += "};\n\n";
  }

  void EmitProtocol(capnp::InterfaceSchema iface) {
    const auto id = iface.getProto().getId();
    const std::string name = FlatName(iface);
    auto methods = AllMethods(iface);
    out_ += Doc(id, "");
    out_ += "// The " + Dotted(Chain(iface)) + " protocol: its types, and Visit for receive loops.\n";
    out_ += "struct " + name + " {\n";
    out_ += "  static constexpr std::string_view kName = " + CString(Dotted(Chain(iface))) + ";\n";
    out_ += "  static constexpr std::uint32_t kDefaultInboxCapacity = " + InboxCapacity(iface) + ";\n\n";
    std::string aliases = NestedAliases(iface, "  ");
    if (!aliases.empty()) out_ += aliases + "\n";
    for (auto method : iface.getMethods()) {
      const std::string cap = Capitalize(method.getProto().getName());
      out_ += "  using " + cap + "Params = " + ParamsType(method) + ";\n";
      if (!IsOneWay(method)) {
        out_ += "  using " + cap + "Results = " + ResultsType(method) + ";\n";
        out_ += "  using " + cap + "Call = " + name + "_" + cap + "Call;\n";
      }
    }
    out_ += "  using Message = " + name + "_Message;\n";
    out_ += "  using Ref = " + name + "Ref;\n";
    out_ += "  using Handler = " + name + "Handler;\n\n";
    // Spawn helpers: `where` is a Runtime, a test runtime or a worker.
    out_ += "  // Spawns an actor serving " + Dotted(Chain(iface)) +
            " with the handler Impl, built from impl_args, through `where`\n"
            "  // (a Runtime, a TestRuntime, or one worker: runtime.worker(i)). A name or inbox capacity\n"
            "  // left unset in `options` takes the protocol's (kName, kDefaultInboxCapacity).\n";
    out_ += "  template <class Impl, class Where, class Sup = ::heph::StopSupervisor, class... A>\n";
    out_ += "  static Ref Spawn(Where& where, ::heph::SpawnOptions options = {}, Sup supervisor = {},\n";
    out_ += "                   A&&... impl_args) {\n";
    out_ += "    static_assert(std::is_base_of_v<Handler, Impl>, \"" + Dotted(Chain(iface)) +
            "::Spawn<Impl>: Impl must derive from " + Dotted(Chain(iface)) + "::Handler\");\n";
    out_ += "    return Ref(::heph::codegen::SpawnThrough(\n";
    out_ += "        where, ::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
    out_ += "        std::move(supervisor), &::heph::codegen::ServeWithHandler<Message, Impl, std::decay_t<A>...>,\n";
    out_ += "        std::forward<A>(impl_args)...));\n  }\n";
    out_ += "  // Spawns the receive-loop actor `fn` (its first parameter a heph::Context<Message>) likewise.\n";
    out_ += "  template <class Where, class Sup, class Fn, class... A>\n";
    out_ += "  static Ref SpawnActor(Where& where, ::heph::SpawnOptions options, Sup supervisor, Fn&& fn,\n";
    out_ += "                        A&&... args) {\n";
    out_ += "    return Ref(::heph::codegen::SpawnThrough(\n";
    out_ += "        where, ::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
    out_ += "        std::move(supervisor), std::forward<Fn>(fn), std::forward<A>(args)...));\n  }\n";
    out_ += "  // Spawns the sync actor `fn` (its first parameter a heph::SyncContext<Message>&) through\n";
    out_ += "  // runtime.spawn_sync, likewise.\n";
    out_ += "  template <class Runtime, class Sup, class Fn, class... A>\n";
    out_ += "  static Ref SpawnSync(Runtime& runtime, ::heph::SpawnOptions options, Sup supervisor, Fn&& fn,\n";
    out_ += "                       A&&... args) {\n";
    out_ += "    return Ref(runtime.spawn_sync(::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
    out_ += "                                  std::move(supervisor), std::forward<Fn>(fn), std::forward<A>(args)...));\n  }\n\n";
    out_ += "  // Calls `visitor` with the call `message` carries: ";
    out_ += "every method must have an overload.\n";
    out_ += "  template <class Visitor>\n";
    out_ += "  static decltype(auto) Visit(Message& message, Visitor&& visitor) {\n";
    for (const MethodInfo& m : methods) {
      out_ += "    static_assert(std::is_invocable_v<Visitor&, " + AlternativeType(m) + "&>,\n";
      out_ += "                  \"the visitor does not handle " + QualifiedMethod(m) + " (" +
              AlternativeType(m) + "&)\");\n";
    }
    // A plain switch on the method's position.
    if (methods.empty()) {
      out_ += "    std::monostate none;  // no methods: nothing to call\n    return visitor(none);\n  }\n};\n\n";
      return;
    }
    out_ += "    switch (message.index()) {\n";
    for (size_t i = 0; i + 1 < methods.size(); ++i) {
      out_ += "      case " + std::to_string(i) + ": return visitor(message.m" + std::to_string(i) + ");\n";
    }
    out_ += "      default: return visitor(message.m" + std::to_string(methods.size() - 1) + ");\n";
    out_ += "    }\n  }\n};\n\n";
  }

  void EmitRefDefinitions(capnp::InterfaceSchema iface) {
    const std::string name = FlatName(iface);
    const std::string ref = name + "Ref";
    const std::string msg = name + "_Message";
    const std::set<std::uint64_t> bases = AllBases(iface);
    cc_ += "// " + ref + ": every call builds its message and hands it to the actor's inbox.\n";
    for (auto base_id : bases) {
      auto base = loader_.get(base_id).asInterface();
      const std::string base_ref = TypeName(base, "Ref");
      cc_ += ref + "::operator " + base_ref + "() const {\n";
      cc_ += "  return " + base_ref + "(target_.map<" + TypeName(base, "_Message") + ">());\n}\n\n";
    }
    for (const MethodInfo& m : AllMethods(iface)) {
      auto mp = m.method.getProto();
      const std::string method = MethodName(mp.getName());
      const std::string qualified = CString(QualifiedMethod(m));
      auto params = m.method.getParamType();
      const bool expand = ExpandParams(params);
      const std::string ptype = ParamsType(m.method);
      const bool by_struct = !expand || params.getFields().size() > 0;
      if (m.one_way) {
        const std::string ret = "::heph::codegen::SendCall<" + msg + ">";
        if (expand) {
          cc_ += ret + " " + ref + "::" + method + "(" + ParamList(params, m.owner, mp.getName()) +
                 ") const {\n  return " + ret + "(target_, " + ptype + "{" + ParamMoves(params) +
                 "}, " + qualified + ");\n}\n";
          cc_ += "absl::Status " + ref + "::try_" + SnakeCase(mp.getName()) + "(" +
                 ParamList(params, m.owner, mp.getName()) + ") const {\n  return ::heph::codegen::Annotate(target_.try_send(" +
                 msg + "(" + ptype + "{" + ParamMoves(params) + "})).status(), " + qualified + ");\n}\n";
        }
        if (by_struct) {
          cc_ += ret + " " + ref + "::" + method + "(" + ptype + " params) const {\n  return " + ret +
                 "(target_, std::move(params), " + qualified + ");\n}\n";
          cc_ += "absl::Status " + ref + "::try_" + SnakeCase(mp.getName()) + "(" + ptype +
                 " params) const {\n  return ::heph::codegen::Annotate(target_.try_send(" + msg +
                 "(std::move(params))).status(), " + qualified + ");\n}\n";
        }
      } else {
        const std::string ret = "::heph::codegen::RpcCall<" + msg + ", " + ptype + ", " + ResultsType(m.method) + ">";
        if (expand) {
          cc_ += ret + " " + ref + "::" + method + "(" + ParamList(params, m.owner, mp.getName()) +
                 ") const {\n  return " + ret + "(target_, " + ptype + "{" + ParamMoves(params) + "}, " +
                 qualified + ");\n}\n";
        }
        if (by_struct) {
          cc_ += ret + " " + ref + "::" + method + "(" + ptype + " params) const {\n  return " + ret +
                 "(target_, std::move(params), " + qualified + ");\n}\n";
        }
      }
    }
    cc_ += "\n";
  }

  void EmitHandler(capnp::InterfaceSchema iface) {
    const std::string name = FlatName(iface);
    const std::string handler = name + "Handler";
    const std::string dispatch = handler + "_Dispatch";
    const std::string msg = name + "_Message";
    auto methods = AllMethods(iface);
    out_ += "// Serves " + Dotted(Chain(iface)) +
            " with one handler method per protocol method. Override, per method,\n"
            "// either the plain function (it runs to completion: no coroutine frame, and\n"
            "// cheap to compile) or the coroutine (to co_await inside: other actors,\n"
            "// timers, I/O); if both are overridden the plain one runs. The generated\n"
            "// dispatch replies with what each method returns, so no call goes unanswered;\n"
            "// a method overridden in neither form answers Unimplemented. An error from a\n"
            "// method with results goes to its caller; an error from a one-way method\n"
            "// ends Serve with that error (the supervisor decides what happens next).\n";
    out_ += "class " + handler + " {\n public:\n  virtual ~" + handler + "() = default;\n";
    for (const MethodInfo& m : methods) {
      const std::string method = MethodName(m.method.getProto().getName());
      const std::string params = ParamsType(m.method);
      out_ += "\n" + MemberDoc(m.owner.getProto().getId(), m.method.getIndex(), "  ");
      if (m.one_way) {
        out_ += "  // " + QualifiedMethod(m) + " (one-way): the plain function, or the coroutine.\n";
        out_ += "  virtual absl::Status " + method + "(" + params + "& params);\n";
        out_ += "  virtual ::heph::Async<absl::Status> " + method + "(" + params + " params);\n";
      } else {
        const std::string results = ResultsType(m.method);
        out_ += "  // " + QualifiedMethod(m) + ": the plain function (fills `results`), or the coroutine.\n";
        out_ += "  virtual absl::Status " + method + "(" + params + "& params, " + results + "& results);\n";
        out_ += "  virtual ::heph::Async<absl::StatusOr<" + results + ">> " + method + "(" + params +
                " params);\n";
      }
    }
    out_ += "\n  // Handles one message.\n";
    out_ += "  ::heph::Async<absl::Status> Handle(" + msg + " message);\n\n";
    out_ += "  // Handles messages until no reference to the actor remains, or a one-way\n";
    out_ += "  // method fails.\n";
    out_ += "  ::heph::Async<absl::Status> Serve(::heph::Context<" + msg + "> ctx);\n\n";
    out_ += " private:\n";
    out_ += "  // The dispatch (in the .heph.cc): one small function per method, chosen by\n";
    out_ += "  // the message's index. A plain method left as generated sets plain_missing_.\n";
    out_ += "  friend struct " + dispatch + ";\n";
    out_ += "  bool plain_missing_ = false;\n";
    out_ += "};\n\n";

    // The defaults: "not overridden", told apart from a real result.
    cc_ += "// " + handler + ": the defaults of its methods (a plain method not\n";
    cc_ += "// overridden sets plain_missing_; a coroutine not overridden gives no\n";
    cc_ += "// coroutine), the dispatch, and the serve loop.\n";
    for (const MethodInfo& m : methods) {
      const std::string method = MethodName(m.method.getProto().getName());
      const std::string params = ParamsType(m.method);
      if (m.one_way) {
        cc_ += "absl::Status " + handler + "::" + method + "(" + params + "&) {\n";
        cc_ += "  plain_missing_ = true;\n  return absl::OkStatus();\n}\n";
        cc_ += "::heph::Async<absl::Status> " + handler + "::" + method + "(" + params + ") { return {}; }\n";
      } else {
        const std::string results = ResultsType(m.method);
        cc_ += "absl::Status " + handler + "::" + method + "(" + params + "&, " + results + "&) {\n";
        cc_ += "  plain_missing_ = true;\n  return absl::OkStatus();\n}\n";
        cc_ += "::heph::Async<absl::StatusOr<" + results + ">> " + handler + "::" + method + "(" + params +
               ") { return {}; }\n";
      }
    }
    cc_ += "\n";
    // One Run (start the method) and one Complete (take a coroutine's result)
    // per method, in tables: no function grows with the protocol.
    cc_ += "struct " + dispatch + " {\n";
    cc_ += "  // Runs the method of `message`: a plain method to completion (the status\n";
    cc_ += "  // for Serve in `done`, a call answered), else gives its coroutine to await.\n";
    cc_ += "  using RunFn = ::heph::codegen::AnyAsync (*)(" + handler + "& h, " + msg +
           "& message, absl::Status& done);\n";
    cc_ += "  // After the coroutine: answers the call, or gives the one-way status.\n";
    cc_ += "  using CompleteFn = absl::Status (*)(" + msg + "& message, ::heph::codegen::AnyAsync& method);\n\n";
    for (size_t i = 0; i < methods.size(); ++i) {
      const MethodInfo& m = methods[i];
      const std::string method = MethodName(m.method.getProto().getName());
      const std::string params = ParamsType(m.method);
      const std::string member = "message.m" + std::to_string(i);
      const std::string n = std::to_string(i);
      const std::string missing = CString("not implemented: the handler overrides neither " + method + "(" +
                                          params + (m.one_way ? "&)" : "&, " + ResultsType(m.method) + "&)") +
                                          " nor " + method + "(" + params + ")");
      cc_ += "  // " + QualifiedMethod(m) + "\n";
      cc_ += "  static ::heph::codegen::AnyAsync Run" + n + "(" + handler + "& h, " + msg +
             "& message, absl::Status& done) {\n";
      cc_ += "    h.plain_missing_ = false;\n";
      if (m.one_way) {
        cc_ += "    absl::Status status = (h.*static_cast<absl::Status (" + handler + "::*)(" + params + "&)>(&" +
               handler + "::" + method + "))(" + member + ");\n";
        cc_ += "    if (!h.plain_missing_) {\n";
        cc_ += "      done = ::heph::codegen::Annotate(status, " + CString(QualifiedMethod(m)) + ");\n";
        cc_ += "      return {};\n    }\n";
        cc_ += "    ::heph::codegen::AnyAsync method(h." + method + "(std::move(" + member + ")));\n";
        cc_ += "    if (!method) done = absl::UnimplementedError(" +
               CString(QualifiedMethod(m) + ": ") + " " + missing + ");\n";
        cc_ += "    return method;\n  }\n";
      } else {
        const std::string results = ResultsType(m.method);
        cc_ += "    {\n      " + results + " results;\n";
        cc_ += "      absl::Status status = h." + method + "(" + member + ".params, results);\n";
        cc_ += "      if (!h.plain_missing_) {\n";
        cc_ += "        if (status.ok()) {\n          " + member + ".responder.respond(std::move(results));\n";
        cc_ += "        } else {\n          " + member + ".responder.respond(std::move(status));\n        }\n";
        cc_ += "        return {};\n      }\n    }\n";
        cc_ += "    ::heph::codegen::AnyAsync method(h." + method + "(std::move(" + member + ".params)));\n";
        cc_ += "    if (!method) " + member + ".responder.respond(absl::UnimplementedError(" + missing + "));\n";
        cc_ += "    (void)done;\n    return method;\n  }\n";
      }
      cc_ += "  static absl::Status Complete" + n + "(" + msg + "& message, ::heph::codegen::AnyAsync& method) {\n";
      if (m.one_way) {
        cc_ += "    (void)message;\n";
        cc_ += "    return ::heph::codegen::Annotate(method.take<absl::Status>(), " + CString(QualifiedMethod(m)) +
               ");\n  }\n";
      } else {
        cc_ += "    " + member + ".responder.respond(method.take<absl::StatusOr<" + ResultsType(m.method) +
               ">>());\n    return absl::OkStatus();\n  }\n";
      }
    }
    if (methods.empty()) {
      cc_ += "  static ::heph::codegen::AnyAsync Run(" + handler + "&, " + msg + "&, absl::Status&) {\n";
      cc_ += "    __builtin_unreachable();  // no methods: no message exists\n  }\n";
      cc_ += "  static absl::Status Complete(" + msg + "&, ::heph::codegen::AnyAsync&) {\n";
      cc_ += "    return absl::OkStatus();  // no methods: no message exists\n  }\n";
    } else {
      cc_ += "\n  static constexpr RunFn kRun[] = {\n";
      for (size_t i = 0; i < methods.size(); ++i) cc_ += "      &Run" + std::to_string(i) + ",\n";
      cc_ += "  };\n  static constexpr CompleteFn kComplete[] = {\n";
      for (size_t i = 0; i < methods.size(); ++i) cc_ += "      &Complete" + std::to_string(i) + ",\n";
      cc_ += "  };\n";
      cc_ += "  static ::heph::codegen::AnyAsync Run(" + handler + "& h, " + msg +
             "& message, absl::Status& done) {\n    return kRun[message.index()](h, message, done);\n  }\n";
      cc_ += "  static absl::Status Complete(" + msg + "& message, ::heph::codegen::AnyAsync& method) {\n";
      cc_ += "    return kComplete[message.index()](message, method);\n  }\n";
    }
    cc_ += "};\n\n";
    cc_ += "::heph::Async<absl::Status> " + handler + "::Handle(" + msg + " message) {\n";
    cc_ += "  absl::Status status;\n";
    cc_ += "  ::heph::codegen::AnyAsync method = " + dispatch + "::Run(*this, message, status);\n";
    cc_ += "  if (method) {\n    co_await method;\n    status = " + dispatch + "::Complete(message, method);\n  }\n";
    cc_ += "  co_return status;\n}\n\n";
    cc_ += "::heph::Async<absl::Status> " + handler + "::Serve(::heph::Context<" + msg + "> ctx) {\n";
    cc_ += "  while (::heph::Received<" + msg + "> message = co_await ctx.receive_next()) {\n";
    cc_ += "    absl::Status status;\n";
    cc_ += "    ::heph::codegen::AnyAsync method = " + dispatch + "::Run(*this, *message, status);\n";
    cc_ += "    if (method) {\n      co_await method;\n      status = " + dispatch + "::Complete(*message, method);\n    }\n";
    cc_ += "    if (!status.ok()) co_return status;\n";
    cc_ += "  }\n  co_return absl::OkStatus();\n}\n\n";
  }

  // ---- conversions to and from capnpc-c++ readers and builders ----

  // Statements reading `reader_expr` (a capnp value of `type`) into `target`.
  std::string ReadValue(capnp::Type type, const std::string& target, const std::string& reader, int depth,
                        const std::string& indent) {
    switch (type.which()) {
      case TypeWhich::VOID: return indent + target + " = std::monostate{};\n";
      case TypeWhich::TEXT: return indent + target + " = std::string(" + reader + ".cStr(), " + reader + ".size());\n";
      case TypeWhich::DATA: return indent + target + ".assign(" + reader + ".begin(), " + reader + ".end());\n";
      case TypeWhich::ENUM: return indent + target + " = static_cast<" + TypeName(type.asEnum()) + ">(" + reader + ");\n";
      case TypeWhich::STRUCT: return indent + target + " = FromCapnp(" + reader + ");\n";
      case TypeWhich::INTERFACE:
      case TypeWhich::ANY_POINTER: return "";
      case TypeWhich::LIST: {
        const std::string list = "list" + std::to_string(depth);
        const std::string i = "i" + std::to_string(depth);
        std::string out = indent + "{\n" + indent + "  auto " + list + " = " + reader + ";\n";
        out += indent + "  " + target + ".resize(" + list + ".size());\n";
        out += indent + "  for (unsigned " + i + " = 0; " + i + " < " + list + ".size(); ++" + i + ") {\n";
        out += ReadValue(type.asList().getElementType(), target + "[" + i + "]", list + "[" + i + "]", depth + 1,
                         indent + "    ");
        out += indent + "  }\n" + indent + "}\n";
        return out;
      }
      default: return indent + target + " = " + reader + ";\n";
    }
  }

  // Statements writing `value` into a list builder `list` at index `i`.
  std::string WriteElement(capnp::Type type, const std::string& value, const std::string& list,
                           const std::string& i, int depth, const std::string& indent) {
    switch (type.which()) {
      case TypeWhich::VOID: return "";
      case TypeWhich::TEXT: return indent + list + ".set(" + i + ", ::capnp::Text::Reader(" + value + ".data(), " + value + ".size()));\n";
      case TypeWhich::DATA: return indent + list + ".set(" + i + ", ::capnp::Data::Reader(" + value + ".data(), " + value + ".size()));\n";
      case TypeWhich::ENUM: return indent + list + ".set(" + i + ", static_cast<" + ConvertName(type.asEnum()) + ">(" + value + "));\n";
      case TypeWhich::STRUCT: return indent + "ToCapnp(" + value + ", " + list + "[" + i + "]);\n";
      case TypeWhich::INTERFACE:
      case TypeWhich::ANY_POINTER: return "";
      case TypeWhich::LIST: {
        const std::string sub = "list" + std::to_string(depth);
        if (type.asList().getElementType().isVoid()) {
          return indent + list + ".init(" + i + ", " + value + ".size());\n";
        }
        std::string out = indent + "{\n" + indent + "  auto " + sub + " = " + list + ".init(" + i + ", " + value + ".size());\n";
        out += WriteList(type.asList().getElementType(), value, sub, depth + 1, indent + "  ");
        return out + indent + "}\n";
      }
      default: return indent + list + ".set(" + i + ", " + value + ");\n";
    }
  }

  std::string WriteList(capnp::Type element, const std::string& value, const std::string& list, int depth,
                        const std::string& indent) {
    const std::string i = "i" + std::to_string(depth);
    std::string out = indent + "for (unsigned " + i + " = 0; " + i + " < " + value + ".size(); ++" + i + ") {\n";
    out += WriteElement(element, value + "[" + i + "]", list, i, depth + 1, indent + "  ");
    return out + indent + "}\n";
  }

  // Conversions live in the capnpc-c++ namespace, so argument-dependent
  // lookup finds them from a Reader or Builder.

  void EmitConversions(capnp::StructSchema s) {
    const std::string name = TypeName(s);
    const std::string cname = ConvertName(s);
    std::string from = "inline " + name + " FromCapnp(" + cname + "::Reader from) {\n  " + name + " to;\n";
    std::string to = "inline void ToCapnp(const " + name + "& from, " + cname + "::Builder to) {\n";
    bool has_union = s.getUnionFields().size() > 0;
    if (has_union) {
      from += "  to.which = static_cast<" + name + "::Which>(from.which());\n";
    }
    for (auto field : s.getFields()) {
      auto fp = field.getProto();
      const std::string member = "to." + MemberName(fp.getName());
      const std::string getter = Capitalize(fp.getName());
      const bool in_union = fp.getDiscriminantValue() != kNoDiscriminant;
      std::string read, write;
      const std::string indent = in_union ? "    " : "  ";
      auto type = field.getType();
      if (fp.isGroup()) {
        read = indent + member + " = FromCapnp(from.get" + getter + "());\n";
        write = indent + "ToCapnp(from." + MemberName(fp.getName()) + ", to.init" + getter + "());\n";
      } else if (type.isInterface() || type.isAnyPointer()) {
        continue;  // actor references have no capnp form
      } else if (type.isVoid()) {
        write = in_union ? indent + "to.set" + getter + "();\n" : "";
      } else {
        const std::string value = "from." + MemberName(fp.getName());
        if (type.isStruct()) {
          read = indent + "if (from.has" + getter + "()) " + member + " = FromCapnp" +
                 "(from.get" + getter + "());\n";
          write = indent + "ToCapnp(" + value + ", to.init" + getter + "());\n";
        } else if (type.isList() && type.asList().getElementType().isInterface()) {
          // References: the list's length only (the remote bridge fills it).
          read = indent + member + ".resize(from.get" + getter + "().size());\n";
          write = indent + "to.init" + getter + "(" + value + ".size());\n";
        } else if (type.isList() && type.asList().getElementType().isVoid()) {
          read = indent + member + ".resize(from.get" + getter + "().size());\n";
          write = indent + "to.init" + getter + "(" + value + ".size());\n";
        } else if (type.isList()) {
          read = ReadValue(type, member, "from.get" + getter + "()", 0, indent);
          write = indent + "{\n" + indent + "  auto list = to.init" + getter + "(" + value + ".size());\n" +
                  WriteList(type.asList().getElementType(), value, "list", 0, indent + "  ") + indent + "}\n";
        } else {
          read = ReadValue(type, member, "from.get" + getter + "()", 0, indent);
          if (type.isText()) {
            write = indent + "to.set" + getter + "(::capnp::Text::Reader(" + value + ".data(), " + value + ".size()));\n";
          } else if (type.isData()) {
            write = indent + "to.set" + getter + "(::capnp::Data::Reader(" + value + ".data(), " + value + ".size()));\n";
          } else if (type.isEnum()) {
            write = indent + "to.set" + getter + "(static_cast<" + ConvertName(type.asEnum()) + ">(" + value + "));\n";
          } else {
            write = indent + "to.set" + getter + "(" + value + ");\n";
          }
        }
      }
      if (in_union) {
        const std::string tag = name + "::Which::" + ConstantName(fp.getName());
        if (!read.empty()) from += "  if (to.which == " + tag + ") {\n" + read + "  }\n";
        to += "  if (from.which == " + tag + ") {\n" + write + "  }\n";
      } else {
        from += read;
        to += write;
      }
    }
    from += "  return to;\n}\n";
    to += "}\n";
    // Nothing to convert (no fields, or only actor references).
    if (from.find("from.") == std::string::npos) {
      from = "inline " + name + " FromCapnp(" + cname + "::Reader) { return {}; }\n";
    }
    if (to.find("from.") == std::string::npos) {
      to = "inline void ToCapnp(const " + name + "&, " + cname + "::Builder) {}\n";
    }
    convert_ += from + to + "\n";
  }

  // ---- the remote bridge (x.heph.remote.h and .cc) ----

  // Whether values of `s` carry actor references (interface-typed fields,
  // also inside lists, groups and nested structs).
  bool CarriesReferences(capnp::StructSchema s, std::set<std::uint64_t>& seen) {
    if (!seen.insert(s.getProto().getId()).second) return false;
    std::function<bool(capnp::Type)> carries = [&](capnp::Type t) -> bool {
      if (t.isInterface() || t.isAnyPointer()) return true;
      if (t.isList()) return carries(t.asList().getElementType());
      if (t.isStruct()) return CarriesReferences(t.asStruct(), seen);
      return false;
    };
    for (auto f : s.getFields()) {
      if (f.getProto().isGroup()) {
        if (CarriesReferences(f.getType().asStruct(), seen)) return true;
      } else if (carries(f.getType())) {
        return true;
      }
    }
    return false;
  }

  // How a field carries references across a connection (the bridge's
  // conversions): kNone, a reference, a list of references, a struct or
  // group carrying some, a list of such structs; kUnsupported for other
  // shapes (a list of lists of references, say).
  enum class RefShape { kNone, kRef, kRefList, kStruct, kStructList, kUnsupported };
  RefShape ShapeOf(capnp::StructSchema::Field f) {
    std::set<std::uint64_t> seen;
    auto type = f.getType();
    if (f.getProto().isGroup()) return CarriesReferences(type.asStruct(), seen) ? RefShape::kStruct : RefShape::kNone;
    if (type.isInterface()) return RefShape::kRef;
    if (type.isStruct()) return CarriesReferences(type.asStruct(), seen) ? RefShape::kStruct : RefShape::kNone;
    if (type.isList()) {
      auto e = type.asList().getElementType();
      if (e.isInterface()) return RefShape::kRefList;
      if (e.isStruct()) return CarriesReferences(e.asStruct(), seen) ? RefShape::kStructList : RefShape::kNone;
      std::function<bool(capnp::Type)> carries = [&](capnp::Type t) -> bool {
        if (t.isInterface()) return true;
        if (t.isList()) return carries(t.asList().getElementType());
        if (t.isStruct()) {
          std::set<std::uint64_t> s2;
          return CarriesReferences(t.asStruct(), s2);
        }
        return false;
      };
      return carries(e) ? RefShape::kUnsupported : RefShape::kNone;
    }
    return RefShape::kNone;
  }
  // Whether the bridge can convert every reference `s` carries.
  bool BridgeSupports(capnp::StructSchema s, std::set<std::uint64_t>& seen) {
    if (!seen.insert(s.getProto().getId()).second) return true;
    for (auto f : s.getFields()) {
      switch (ShapeOf(f)) {
        case RefShape::kUnsupported: return false;
        case RefShape::kStruct:
          if (!BridgeSupports(f.getType().asStruct(), seen)) return false;
          break;
        case RefShape::kStructList:
          if (!BridgeSupports(f.getType().asList().getElementType().asStruct(), seen)) return false;
          break;
        default: break;
      }
    }
    return true;
  }
  bool MethodBridged(const MethodInfo& m) {
    std::set<std::uint64_t> seen;
    return BridgeSupports(m.method.getParamType(), seen) && BridgeSupports(m.method.getResultType(), seen);
  }
  bool StructCarries(capnp::StructSchema s) {
    std::set<std::uint64_t> seen;
    return CarriesReferences(s, seen);
  }

  // BridgeFromCapnp / BridgeToCapnp for `s` (and, first, the structs it
  // holds that carry references): the plain conversions, then every
  // reference: an incoming capability becomes a reference whose actor is a
  // proxy on this worker (HephRemoteReceive); an outgoing reference is
  // exported as a capability (HephRemoteExport).
  void EmitBridgeConversions(capnp::StructSchema s) {
    if (!bridge_converted_.insert(s.getProto().getId()).second) return;
    for (auto f : s.getFields()) {
      const RefShape shape = ShapeOf(f);
      if (shape == RefShape::kStruct) EmitBridgeConversions(f.getType().asStruct());
      if (shape == RefShape::kStructList) EmitBridgeConversions(f.getType().asList().getElementType().asStruct());
    }
    const std::string name = TypeName(s);
    const std::string cname = ConvertName(s);
    std::string from = name + " BridgeFromCapnp(" + cname + "::Reader from, const std::string& peer) {\n";
    from += "  " + name + " to = FromCapnp(from);\n";
    std::string to = "void BridgeToCapnp(const " + name + "& from, " + cname + "::Builder to) {\n";
    to += "  ToCapnp(from, to);\n";
    for (auto f : s.getFields()) {
      const RefShape shape = ShapeOf(f);
      if (shape == RefShape::kNone) continue;
      auto fp = f.getProto();
      const std::string member = MemberName(fp.getName());
      const std::string getter = Capitalize(fp.getName());
      const bool in_union = fp.getDiscriminantValue() != kNoDiscriminant;
      const std::string indent = in_union ? "    " : "  ";
      std::string read, write;
      switch (shape) {
        case RefShape::kRef: {
          auto iface = f.getType().asInterface();
          read = indent + "if (from.has" + getter + "()) to." + member + " = HephRemoteReceive(::heph::remote::ProtocolTag<" +
                 TypeName(iface) + ">{}, from.get" + getter + "(), peer);\n";
          write = indent + "if (from." + member + ") to.set" + getter + "(HephRemoteExport(from." + member + ").castAs<" +
                  ConvertName(iface) + ">());\n";
          remote_files_.insert(FileOf(iface).getProto().getId());
          break;
        }
        case RefShape::kRefList: {
          auto iface = f.getType().asList().getElementType().asInterface();
          read = indent + "{\n" + indent + "  auto list = from.get" + getter + "();\n" + indent + "  to." + member +
                 ".resize(list.size());\n" + indent + "  for (unsigned i = 0; i < list.size(); ++i) to." + member +
                 "[i] = HephRemoteReceive(::heph::remote::ProtocolTag<" + TypeName(iface) + ">{}, list[i], peer);\n" +
                 indent + "}\n";
          write = indent + "{\n" + indent + "  auto list = to.get" + getter + "();\n" + indent + "  for (unsigned i = 0; i < from." +
                  member + ".size(); ++i) {\n" + indent + "    if (from." + member + "[i]) list.set(i, HephRemoteExport(from." +
                  member + "[i]).castAs<" + ConvertName(iface) + ">());\n" + indent + "  }\n" + indent + "}\n";
          remote_files_.insert(FileOf(iface).getProto().getId());
          break;
        }
        case RefShape::kStruct:
          if (fp.isGroup()) {
            read = indent + "to." + member + " = BridgeFromCapnp(from.get" + getter + "(), peer);\n";
          } else {
            read = indent + "if (from.has" + getter + "()) to." + member + " = BridgeFromCapnp(from.get" + getter + "(), peer);\n";
          }
          write = indent + "BridgeToCapnp(from." + member + ", to.get" + getter + "());\n";
          break;
        case RefShape::kStructList:
          read = indent + "{\n" + indent + "  auto list = from.get" + getter + "();\n" + indent + "  for (unsigned i = 0; i < list.size(); ++i) to." +
                 member + "[i] = BridgeFromCapnp(list[i], peer);\n" + indent + "}\n";
          write = indent + "{\n" + indent + "  auto list = to.get" + getter + "();\n" + indent + "  for (unsigned i = 0; i < from." +
                  member + ".size(); ++i) BridgeToCapnp(from." + member + "[i], list[i]);\n" + indent + "}\n";
          break;
        default: break;
      }
      if (in_union) {
        const std::string tag = name + "::Which::" + ConstantName(fp.getName());
        from += "  if (to.which == " + tag + ") {\n" + read + "  }\n";
        to += "  if (from.which == " + tag + ") {\n" + write + "  }\n";
      } else {
        from += read;
        to += write;
      }
    }
    from += "  return to;\n}\n";
    to += "}\n\n";
    bridge_decls_ += name + " BridgeFromCapnp(" + cname + "::Reader from, const std::string& peer);\n";
    bridge_decls_ += "void BridgeToCapnp(const " + name + "& from, " + cname + "::Builder to);\n";
    bridge_defs_ += from + to;
  }

  // Per interface: the capnp Server that turns calls into messages for a
  // reference, the forwarding function of its proxy actor, and the two
  // hooks heph::remote::Serve and Connect<P> find by argument-dependent
  // lookup.
  void EmitRemote(capnp::InterfaceSchema iface) {
    const std::string name = FlatName(iface);
    const std::string ref = name + "Ref";
    const std::string msg = name + "_Message";
    const std::string capnp_iface = ConvertName(iface);
    const std::string server = name + "RemoteServer";
    const std::vector<MethodInfo> methods = AllMethods(iface);

    remote_h_ += "// Serves `ref` to Cap'n Proto RPC peers as a " + Dotted(Chain(iface)) +
                 " capability: each call becomes a\n// message to the actor (heph::remote::Serve uses it).\n";
    remote_h_ += "::capnp::Capability::Client HephRemoteExport(const " + ref + "& ref);\n";
    remote_h_ += "// A " + ref + " whose actor, on this worker, owns `connection` and forwards every call\n"
                 "// to the peer's bootstrap capability (heph::remote::Connect<" + name + "> uses it).\n";
    remote_h_ += ref + " HephRemoteConnect(::heph::remote::ProtocolTag<" + name +
                 ">, std::unique_ptr<::heph::remote::RpcConnection> connection,\n    ::heph::remote::ProxyOptions options);\n";
    remote_h_ += "// A " + ref + " for a " + Dotted(Chain(iface)) + " capability received from `peer` (in a message):\n"
                 "// its actor, on this worker, forwards every call to it.\n";
    remote_h_ += ref + " HephRemoteReceive(::heph::remote::ProtocolTag<" + name +
                 ">, ::capnp::Capability::Client capability,\n    std::string peer);\n\n";

    // The coroutines that call the actor, one per method.
    std::string& cc = remote_cc_;
    cc += "// " + Dotted(Chain(iface)) + " served: one coroutine per method calls the actor.\n";
    for (const MethodInfo& m : methods) {
      if (!MethodBridged(m)) continue;
      auto mp = m.method.getProto();
      const std::string ptype = ParamsType(m.method);
      const bool by_struct = !ExpandParams(m.method.getParamType()) || m.method.getParamType().getFields().size() > 0;
      const std::string fn = name + "_Remote" + Capitalize(mp.getName());
      const std::string call = "ref." + MethodName(mp.getName()) + "(" + (by_struct ? "std::move(params)" : "") + ")";
      const std::string ret = m.one_way ? "absl::Status" : "absl::StatusOr<" + ResultsType(m.method) + ">";
      cc += "::heph::Async<" + ret + "> " + fn + "(" + ref + " ref, " + ptype + " params) {\n";
      if (!by_struct) cc += "  (void)params;\n";
      cc += "  co_return ::heph::remote::WithoutMethod(co_await " + call + ", " + CString(QualifiedMethod(m)) + ");\n}\n";
    }
    cc += "\nclass " + server + " final : public " + capnp_iface + "::Server {\n public:\n";
    cc += "  explicit " + server + "(" + ref + " ref) : ref_(std::move(ref)) {}\n\n";
    for (const MethodInfo& m : methods) {
      auto mp = m.method.getProto();
      const std::string cname = mp.getName();
      const std::string context = ConvertName(m.owner) + "::Server::" + Capitalize(cname) + "Context";
      cc += "  ::kj::Promise<void> " + CapnpCppMethod(cname) + "(" + context + " context) override {\n";
      if (!MethodBridged(m)) {
        cc += "    (void)context;\n";
        cc += "    return ::heph::remote::KjFromStatus(absl::UnimplementedError(" +
              CString(QualifiedMethod(m) + ": these references (a list of lists) do not cross a connection") + "));\n  }\n";
        continue;
      }
      const std::string fn = name + "_Remote" + Capitalize(cname);
      const bool params_carry = StructCarries(m.method.getParamType());
      const bool results_carry = StructCarries(m.method.getResultType());
      if (params_carry) EmitBridgeConversions(m.method.getParamType());
      if (results_carry) EmitBridgeConversions(m.method.getResultType());
      cc += "    " + ParamsType(m.method) + " params = " +
            (params_carry ? "BridgeFromCapnp(context.getParams(), \"remote caller\")" : "FromCapnp(context.getParams())") + ";\n";
      cc += "    context.releaseParams();\n";
      if (m.one_way) {
        cc += "    return ::heph::remote::RunOnActor(" + fn + "(ref_, std::move(params)));\n  }\n";
      } else {
        const std::string rtype = ResultsType(m.method);
        cc += "    return ::heph::remote::RunOnActor(" + fn + "(ref_, std::move(params)))\n";
        cc += "        .then([context](" + rtype + " results) mutable { " + (results_carry ? "BridgeToCapnp" : "ToCapnp") +
              "(results, context.getResults()); });\n  }\n";
      }
    }
    cc += "\n private:\n  " + ref + " ref_;\n};\n\n";

    // The proxy's forwarding: one message becomes one capnp request.
    const std::string fwd = name + "_Forward";
    cc += "// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.\n";
    cc += "::kj::Promise<void> " + fwd + "(::capnp::Capability::Client& client, " + msg +
          "& message, const std::string& peer) {\n";
    cc += "  auto capability = client.castAs<" + capnp_iface + ">();\n";
    cc += "  switch (message.index()) {\n";
    for (size_t i = 0; i < methods.size(); ++i) {
      const MethodInfo& m = methods[i];
      auto mp = m.method.getProto();
      const std::string cname = mp.getName();
      const std::string member = "message.m" + std::to_string(i);
      cc += "    " + std::string(i + 1 == methods.size() ? "default" : "case " + std::to_string(i)) + ": {\n";
      if (!MethodBridged(m)) {
        const std::string why = QualifiedMethod(m) + ": these references (a list of lists) do not cross a connection";
        if (m.one_way) {
          cc += "      ::heph::remote::DropOneWay(" + CString(why) + ", peer);\n";
          cc += "      return ::kj::READY_NOW;\n    }\n";
        } else {
          cc += "      " + member + ".fail(absl::UnimplementedError(" + CString(why) + "));\n";
          cc += "      return ::kj::READY_NOW;\n    }\n";
        }
        continue;
      }
      cc += "      auto request = capability." + cname + "Request();\n";
      const std::string to_capnp = StructCarries(m.method.getParamType()) ? "BridgeToCapnp" : "ToCapnp";
      const std::string from_capnp = StructCarries(m.method.getResultType()) ? "BridgeFromCapnp" : "FromCapnp";
      if (m.one_way) {
        cc += "      " + to_capnp + "(" + member + ", request);\n";
        cc += std::string("      return request.send()") + (m.method.isStreaming() ? "" : ".ignoreResult()") + ";\n    }\n";
      } else {
        const std::string call_type = CallType(m);
        cc += "      " + to_capnp + "(" + member + ".params, request);\n";
        cc += "      auto call = ::kj::heap<" + call_type + ">(std::move(" + member + "));\n";
        cc += "      " + call_type + "& pending = *call;\n";
        cc += "      return request.send()\n";
        cc += std::string("          .then([&pending") + (from_capnp == "FromCapnp" ? "" : ", &peer") + "](::capnp::Response<" +
              ConvertName(m.method.getResultType()) +
              "> response) { pending.reply(" + from_capnp +
              (from_capnp == "FromCapnp" ? "(response)" : "(response, peer)") + "); },\n";
        cc += "                [&pending, &peer](::kj::Exception&& e) {\n";
        cc += "                  pending.fail(::heph::remote::ForwardedCallError(e, peer));\n";
        cc += "                })\n          .attach(::kj::mv(call));\n    }\n";
      }
    }
    cc += "  }\n}\n\n";
    remote_hooks_ += "::capnp::Capability::Client HephRemoteExport(const " + ref + "& ref) {\n";
    remote_hooks_ += "  return ::kj::heap<" + server + ">(ref);\n}\n\n";
    remote_hooks_ += ref + " HephRemoteConnect(::heph::remote::ProtocolTag<" + name +
                     ">, std::unique_ptr<::heph::remote::RpcConnection> connection,\n    ::heph::remote::ProxyOptions options) {\n";
    remote_hooks_ += "  return " + ref + "(::heph::remote::SpawnProxy<" + msg + ">(std::move(connection), &" + fwd +
                     ", " + name + "::kName,\n      " + name + "::kDefaultInboxCapacity, options));\n}\n\n";
    remote_hooks_ += ref + " HephRemoteReceive(::heph::remote::ProtocolTag<" + name +
                     ">, ::capnp::Capability::Client capability,\n    std::string peer) {\n";
    remote_hooks_ += "  return " + ref + "(::heph::remote::SpawnCapabilityProxy<" + msg + ">(std::move(capability), std::move(peer), &" +
                     fwd + ",\n      " + name + "::kName, " + name + "::kDefaultInboxCapacity));\n}\n\n";
  }

  void EmitRemoteFiles(const std::vector<capnp::InterfaceSchema>& ifaces, const std::string& guard,
                       const std::string& ns) {
    remote_h_.clear();
    remote_cc_.clear();
    remote_hooks_.clear();
    bridge_decls_.clear();
    bridge_defs_.clear();
    bridge_converted_.clear();
    remote_files_.clear();
    if (!capnp_cpp_) return;
    for (auto i : ifaces) EmitRemote(i);
    const std::string source = file_display_;
    const std::string base = StripCapnp(source);
    std::string rguard = guard.substr(0, guard.size() - 1) + "REMOTE_H_";
    std::string h = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
    h += "// The remote bridge of " + base + ".heph.h: its protocols served to, and called over,\n"
         "// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).\n";
    h += "#ifndef " + rguard + "\n#define " + rguard + "\n\n";
    h += "#include <capnp/capability.h>\n\n#include <memory>\n\n";
    h += "#include \"" + base + ".heph.h\"\n#include \"runtime/remote/bridge.h\"\n#include \"runtime/remote/rpc.h\"\n\n";
    if (ifaces.empty()) {
      remote_h_ = h + "// " + source + " has no interfaces.\n\n#endif  // " + rguard + "\n";
      remote_cc_ = "// Generated from " + source + " by capnpc-heph. Do not edit.\n// " + source +
                   " has no interfaces: nothing to bridge.\n#include \"" + base + ".heph.remote.h\"\n";
      return;
    }
    remote_h_ = h + "namespace " + ns + " {\n\n" + remote_h_ + "}  // namespace " + ns + "\n\n#endif  // " + rguard + "\n";
    std::string c = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
    c += "// The remote bridge of " + base + ".heph.h (declared in " + base + ".heph.remote.h).\n";
    // Before every include: the warning is reported where KJ's templates are.
    c += "// g++ 12 at -O1 (the sanitizer configs) reports false maybe-uninitialized\n"
         "// warnings in KJ's templates (a null kj::Maybe, a rejected promise's value).\n"
         "#pragma GCC diagnostic ignored \"-Wmaybe-uninitialized\"\n\n";
    c += "#include \"" + base + ".heph.remote.h\"\n\n";
    c += "#include <capnp/capability.h>\n#include <kj/async.h>\n\n";
    c += "#include <memory>\n#include <string>\n#include <utility>\n\n";
    c += "#include \"" + source + ".h\"\n#include \"" + base + ".heph.convert.h\"\n";
    for (auto id : remote_files_) {
      if (id == file_.getProto().getId()) continue;
      c += "#include \"" + StripCapnp(std::string(loader_.get(id).getProto().getDisplayName().cStr())) + ".heph.remote.h\"\n";
    }
    c += "#include \"absl/status/status.h\"\n#include \"absl/status/statusor.h\"\n";
    c += "#include \"runtime/remote/bridge.h\"\n\n";
    c += "namespace " + ns + " {\nnamespace {\n\n";
    if (!bridge_decls_.empty()) {
      c += "// Conversions of the structs that carry references (the plain ones, then the\n// references as capabilities).\n";
      c += bridge_decls_ + "\n" + bridge_defs_;
    }
    while (remote_cc_.size() >= 2 && remote_cc_.compare(remote_cc_.size() - 2, 2, "\n\n") == 0) remote_cc_.pop_back();
    c += remote_cc_ + "\n}  // namespace\n\n";
    while (remote_hooks_.size() >= 2 && remote_hooks_.compare(remote_hooks_.size() - 2, 2, "\n\n") == 0) remote_hooks_.pop_back();
    c += remote_hooks_ + "\n}  // namespace " + ns + "\n";
    remote_cc_ = c;
  }

  // ---- a file ----

  void GenerateFile(capnp::Schema file) {
    file_ = file;
    file_display_ = file.getProto().getDisplayName();
    structs_.clear();
    enums_.clear();
    interfaces_.clear();
    consts_.clear();
    used_files_.clear();
    Collect(file);
    CheckNames();
    CheckCapnpCppNames();
    // Interfaces must follow their bases from the same file.
    std::vector<capnp::InterfaceSchema> ifaces;
    std::set<std::uint64_t> placed;
    std::function<void(capnp::InterfaceSchema)> place = [&](capnp::InterfaceSchema i) {
      if (placed.count(i.getProto().getId()) != 0) return;
      placed.insert(i.getProto().getId());
      for (auto b : i.getSuperclasses()) {
        if (FileOf(b).getProto().getId() == file.getProto().getId()) place(b);
        else TypeName(b);  // records the include
      }
      ifaces.push_back(i);
    };
    for (auto i : interfaces_) place(i);
    auto sorted = SortStructs();

    const std::string ns = Namespace(file);
    // out_ collects the body first: the includes depend on what it uses.
    // cc_ collects the out-of-line definitions of the same declarations.
    out_.clear();
    cc_.clear();
    for (auto e : enums_) EmitEnum(e);
    if (!sorted.empty() || !ifaces.empty()) {
      out_ += "// Forward declarations.\n";
      for (auto s : sorted) out_ += "struct " + FlatName(s) + ";\n";
      for (auto i : ifaces) {
        out_ += "struct " + FlatName(i) + "_Message;\n";
        out_ += "class " + FlatName(i) + "Ref;\n";
      }
      out_ += "\n";
    }
    for (auto i : ifaces) EmitRefClass(i);
    for (auto s : sorted) EmitStruct(s);
    for (auto c : consts_) EmitConst(c);
    if (!ifaces.empty()) {
      out_ += "// g++ 12 at -O1 reports a false maybe-uninitialized when it inlines a message's\n"
              "// move: it follows the union's inactive members (a call's Responder).\n"
              "#pragma GCC diagnostic push\n"
              "#pragma GCC diagnostic ignored \"-Wmaybe-uninitialized\"\n\n";
    }
    for (auto i : ifaces) {
      EmitCallTypes(i);
      EmitMessage(i);
      out_ += "class " + FlatName(i) + "Handler;\n\n";
      EmitProtocol(i);
    }
    if (!ifaces.empty()) out_ += "#pragma GCC diagnostic pop\n\n";
    for (auto i : ifaces) EmitRefDefinitions(i);
    for (auto i : ifaces) EmitHandler(i);
    std::string body = std::move(out_);

    // Head: banner, doc comment, includes.
    const std::string source = file_display_;
    std::string head = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
    head += "// Regenerated by the heph_cc_actor_library rule (tools/heph_capnp.bzl).\n";
    std::string file_doc = Doc(file.getProto().getId(), "");
    if (!file_doc.empty()) head += "//\n" + file_doc;
    std::string guard = "HEPH_GENERATED_" + StripCapnp(source) + "_HEPH_H_";
    for (char& c : guard) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : '_';
    }
    head += "#ifndef " + guard + "\n#define " + guard + "\n\n";
    head += "#include <cstdint>\n";
    if (!consts_.empty()) head += "#include <limits>\n";
    head += "#include <string>\n#include <string_view>\n";
    if (!ifaces.empty()) head += "#include <optional>\n#include <type_traits>\n#include <utility>\n";
    head += "#include <variant>\n#include <vector>\n\n";
    if (!ifaces.empty()) {
      head += "#include \"absl/status/status.h\"\n#include \"absl/status/statusor.h\"\n";
      head += "#include \"codegen/support/protocol_support.h\"\n";
      head += "#include \"runtime/actor/actor_ref.h\"\n#include \"runtime/actor/async.h\"\n";
      head += "#include \"runtime/actor/context.h\"\n#include \"runtime/actor/inbox.h\"\n";
      head += "#include \"runtime/actor/rpc.h\"\n";
    }
    for (auto id : used_files_) {
      head += "#include \"" + StripCapnp(std::string(loader_.get(id).getProto().getDisplayName().cStr())) +
              ".heph.h\"\n";
    }
    head += "\nnamespace " + ns + " {\n\n";
    out_ = head + body + "}  // namespace " + ns + "\n\n#endif  // " + guard + "\n";

    // The out-of-line part of the header, compiled once by the rule.
    std::string cc_head = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
    if (ifaces.empty()) {
      cc_head += "// " + StripCapnp(source) + ".heph.h has nothing out of line (no interfaces); this file\n"
                 "// only checks that it compiles on its own.\n";
      cc_ = cc_head + "#include \"" + StripCapnp(source) + ".heph.h\"\n";
    } else {
      cc_head += "// The out-of-line part of " + StripCapnp(source) +
                 ".heph.h: messages' constructors, the calls of\n"
                 "// typed references and the handlers' dispatch. heph_cc_actor_library compiles it\n"
                 "// once, instead of every file that includes the header compiling all of it.\n";
      cc_head += "#include \"" + StripCapnp(source) + ".heph.h\"\n\n";
      cc_head += "#include <memory>\n#include <optional>\n#include <string_view>\n#include <type_traits>\n#include <utility>\n\n";
      cc_head += "#include \"absl/status/status.h\"\n#include \"absl/status/statusor.h\"\n";
      cc_head += "#include \"codegen/support/protocol_support.h\"\n";
      cc_head += "#include \"runtime/actor/async.h\"\n#include \"runtime/actor/context.h\"\n";
      cc_head += "#include \"runtime/actor/rpc.h\"\n\n";
      cc_head += "// See the header: g++ 12 follows the union's inactive members when it\n"
                 "// inlines a message's move.\n"
                 "#pragma GCC diagnostic push\n"
                 "#pragma GCC diagnostic ignored \"-Wmaybe-uninitialized\"\n\n";
      cc_head += "namespace " + ns + " {\n\n";
      while (cc_.size() >= 2 && cc_.compare(cc_.size() - 2, 2, "\n\n") == 0) cc_.pop_back();
      cc_ = cc_head + cc_ + "\n}  // namespace " + ns + "\n\n";
      cc_ += "#pragma GCC diagnostic pop\n";
    }

    EmitRemoteFiles(ifaces, guard, ns);

    // The conversions header.
    convert_.clear();
    local_prefix_ = "actors::";
    for (auto s : sorted) EmitConversions(s);
    local_prefix_.clear();
    const std::string capnp_ns = ns == "actors" ? "" : ns.substr(0, ns.size() - std::string("::actors").size());
    std::string chead = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
    chead += "// Conversions between the value types of " + StripCapnp(source) +
             ".heph.h and the readers and\n// builders of " + source + ".h (capnpc-c++).\n";
    std::string cguard = guard.substr(0, guard.size() - 1) + "CONVERT_H_";
    chead += "#ifndef " + cguard + "\n#define " + cguard + "\n\n";
    chead += "#include \"" + source + ".h\"\n";
    chead += "#include \"" + StripCapnp(source) + ".heph.h\"\n";
    for (auto id : used_files_) {
      chead += "#include \"" + StripCapnp(std::string(loader_.get(id).getProto().getDisplayName().cStr())) +
               ".heph.convert.h\"\n";
    }
    if (capnp_ns.empty()) {
      convert_ = chead + "\n" + convert_ + "#endif  // " + cguard + "\n";
    } else {
      chead += "\n// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)\n";
      chead += "// are found by argument-dependent lookup.\nnamespace " + capnp_ns + " {\n\n";
      convert_ = chead + convert_ + "}  // namespace " + capnp_ns + "\n\n#endif  // " + cguard + "\n";
    }
  }

  capnp::schema::CodeGeneratorRequest::Reader request_;
  bool capnp_cpp_ = true;  // capnpc-c++ runs on the same schemas (HEPH_CAPNPC_CPP)
  capnp::SchemaLoader loader_;
  std::map<std::uint64_t, std::string> docs_;
  std::map<std::uint64_t, std::vector<std::string>> member_docs_;
  std::map<std::uint64_t, std::string> source_names_;
  std::map<std::uint64_t, std::string> param_names_;
  std::map<std::uint64_t, std::uint64_t> param_owner_;

  capnp::Schema file_;
  std::string file_display_;
  std::vector<capnp::StructSchema> structs_;
  std::vector<capnp::EnumSchema> enums_;
  std::vector<capnp::InterfaceSchema> interfaces_;
  std::vector<capnp::ConstSchema> consts_;
  std::set<std::uint64_t> used_files_;
  std::string local_prefix_;  // for names of this file's types in conversions
  std::string out_;
  std::string convert_;
  std::string cc_;
  std::string remote_h_;
  std::string remote_cc_;
  std::string remote_hooks_;
  std::string bridge_decls_;  // the bridge's conversions of structs carrying references
  std::string bridge_defs_;
  std::set<std::uint64_t> bridge_converted_;
  std::set<std::uint64_t> remote_files_;  // files whose interfaces the bridge converts
};

void MakeParentDirs(const std::string& path) {
  for (size_t pos = path.find('/'); pos != std::string::npos; pos = path.find('/', pos + 1)) {
    if (pos > 0) ::mkdir(path.substr(0, pos).c_str(), 0755);
  }
}

}  // namespace

int main() {
  capnp::ReaderOptions options;
  options.traversalLimitInWords = 1ull << 30;
  options.nestingLimit = 256;
  std::map<std::string, std::string> files;
  try {
    capnp::StreamFdMessageReader reader(0, options);
    Generator generator(reader.getRoot<capnp::schema::CodeGeneratorRequest>());
    files = generator.Run();
  } catch (const GenError& e) {
    std::cerr << e.file << (e.line > 0 ? ":" + std::to_string(e.line) : std::string()) << ": error: "
              << e.message << "\n";
    return 1;
  } catch (const kj::Exception& e) {
    std::cerr << "capnpc-heph: error: " << e.getDescription().cStr() << "\n";
    return 1;
  }
  // Nothing is written unless every file generated.
  for (const auto& [path, content] : files) {
    MakeParentDirs(path);
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) {
      std::cerr << "capnpc-heph: error: cannot write " << path << "\n";
      return 1;
    }
  }
  return 0;
}
