// The shared state and schema lookups of capnpc-heph (see schema_context.h).
#include "codegen/generator/schema_context.h"

#include <capnp/schema.capnp.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "codegen/generator/names.h"

namespace heph::capnpc {
namespace {

using capnp::schema::Node;

constexpr std::uint64_t kCxxNamespaceId = 0xb9c6f99ebf805f2cull;

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
size_t SkipSpace(const std::string& text, size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

// Where `part` is declared in `text`, from `from` on: "name @N" (a member
// with its ordinal), "Name" (after struct, interface or enum) or "name" (a
// group or method: followed by @, :, $ or =). npos if not found.
size_t FindDeclaration(const std::string& text, const std::string& part, size_t from) {
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

}  // namespace

bool IsOneWay(capnp::InterfaceSchema::Method m) {
  return m.isStreaming() || m.getResultType().getFields().size() == 0;
}

bool ExpandParams(capnp::StructSchema params) {
  if (params.getProto().getScopeId() != 0) return false;  // a named struct
  if (params.getUnionFields().size() > 0) return false;
  for (auto f : params.getFields()) {
    if (f.getProto().isGroup() || f.getType().isVoid()) return false;
  }
  return true;
}

std::string Dotted(const std::vector<std::string>& chain) {
  std::string out;
  for (const auto& part : chain) {
    if (!out.empty()) out += '.';
    out += part.substr(0, part.find(' '));
  }
  return out;
}

namespace {

// Reads every name the schema loader names in its error context, so that a
// malformed one (a bad pointer, text without its NUL) throws here, as a plain
// kj::Exception. capnp 0.9.2's loader reads them inside KJ_CONTEXT, whose
// fault re-runs the context, which faults again: a recursion that ends in a
// stack overflow (found by codegen/generator_fuzz). capnp compile never
// writes such a request; this is for the request that is broken anyway.
void ReadNamesOf(capnp::schema::Node::Reader node) {
  (void)node.getDisplayName();
  for (auto nested : node.getNestedNodes()) (void)nested.getName();
  switch (node.which()) {
    case capnp::schema::Node::STRUCT:
      for (auto field : node.getStruct().getFields()) (void)field.getName();
      break;
    case capnp::schema::Node::ENUM:
      for (auto enumerant : node.getEnum().getEnumerants()) (void)enumerant.getName();
      break;
    case capnp::schema::Node::INTERFACE:
      for (auto method : node.getInterface().getMethods()) (void)method.getName();
      break;
    default:
      break;
  }
}

}  // namespace

SchemaContext::SchemaContext(capnp::schema::CodeGeneratorRequest::Reader request) {
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
  for (auto node : request.getNodes()) {
    ReadNamesOf(node);
    loader_.load(node);
  }
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

// ---- the file being generated ----

void SchemaContext::BeginFile(capnp::Schema file) {
  file_ = file;
  file_display_ = file.getProto().getDisplayName();
  structs_.clear();
  enums_.clear();
  interfaces_.clear();
  consts_.clear();
  used_files_.clear();
  Collect(file);
}

void SchemaContext::Collect(capnp::Schema s) {
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

std::vector<capnp::StructSchema> SchemaContext::SortStructs() {
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

// ---- locating and naming nodes ----

capnp::Schema SchemaContext::FileOf(capnp::Schema s) {
  std::uint64_t id = s.getProto().getId();
  if (auto it = param_owner_.find(id); it != param_owner_.end()) id = it->second;
  // A scope chain is as long as the nesting; a longer one is a cycle (only
  // a broken request has one: codegen/generator_fuzz).
  for (int depth = 0; depth < 1000; ++depth) {
    auto proto = loader_.get(id).getProto();
    if (proto.isFile()) return loader_.get(id);
    id = proto.getScopeId();
  }
  throw GenError{"capnpc-heph", 0,
                 "node " + std::string(s.getProto().getDisplayName().cStr()) +
                     ": its chain of scopes never reaches a file (the request is malformed)"};
}

std::string SchemaContext::Namespace(capnp::Schema file) {
  for (auto a : file.getProto().getAnnotations()) {
    if (a.getId() == kCxxNamespaceId) {
      std::string ns = a.getValue().getText();
      if (ns.rfind("::", 0) == 0) ns = ns.substr(2);
      return ns.empty() ? "actors" : ns + "::actors";
    }
  }
  return "actors";
}

std::string SchemaContext::FlatName(capnp::Schema s) {
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

std::string SchemaContext::TypeName(capnp::Schema s, const std::string& suffix) {
  capnp::Schema file = FileOf(s);
  const std::string name = FlatName(s) + suffix;
  if (file.getProto().getId() == file_.getProto().getId()) return local_prefix_ + name;
  used_files_.insert(file.getProto().getId());
  return "::" + Namespace(file) + "::" + name;
}

std::string SchemaContext::ConvertName(capnp::Schema s) {
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

std::string SchemaContext::NestedAliases(capnp::Schema s, const std::string& indent) {
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

std::string SchemaContext::Doc(std::uint64_t id, const std::string& indent) {
  auto it = docs_.find(id);
  return it == docs_.end() ? "" : Comment(it->second, indent);
}

std::string SchemaContext::MemberDoc(std::uint64_t id, unsigned index, const std::string& indent) {
  auto it = member_docs_.find(id);
  if (it == member_docs_.end() || index >= it->second.size()) return "";
  return Comment(it->second[index], indent);
}

// ---- types ----

std::string SchemaContext::CppType(capnp::Type type, capnp::Schema scope, const std::string& member, int ordinal) {
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

std::vector<MethodInfo> SchemaContext::AllMethods(capnp::InterfaceSchema iface) {
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

std::set<std::uint64_t> SchemaContext::AllBases(capnp::InterfaceSchema iface) {
  std::set<std::uint64_t> bases;
  std::function<void(capnp::InterfaceSchema)> add = [&](capnp::InterfaceSchema i) {
    for (auto b : i.getSuperclasses()) {
      if (bases.insert(b.getProto().getId()).second) add(b);
    }
  };
  add(iface);
  return bases;
}

std::string SchemaContext::ParamsType(capnp::InterfaceSchema::Method m) { return TypeName(m.getParamType()); }
std::string SchemaContext::ResultsType(capnp::InterfaceSchema::Method m) { return TypeName(m.getResultType()); }
std::string SchemaContext::CallType(const MethodInfo& m) {
  return TypeName(m.owner, "_" + Capitalize(m.method.getProto().getName()) + "Call");
}

std::string SchemaContext::AlternativeType(const MethodInfo& m) {
  return m.one_way ? ParamsType(m.method) : CallType(m);
}

std::string SchemaContext::QualifiedMethod(const MethodInfo& m) {
  return Dotted(Chain(m.owner)) + "." + std::string(m.method.getProto().getName().cStr());
}

// ---- errors ----

std::vector<std::string> SchemaContext::Chain(capnp::Schema s) {
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

void SchemaContext::Fail(capnp::Schema scope, const std::string& member, int ordinal,
                         const std::string& reason) {
  std::vector<std::string> chain = Chain(scope);
  if (!member.empty()) chain.push_back(ordinal >= 0 ? member + " @" + std::to_string(ordinal) : member);
  throw GenError{file_display_, FindLine(chain), Dotted(chain) + ": " + reason};
}

Site SchemaContext::SiteOf(capnp::Schema scope, const std::string& member, int ordinal) {
  std::vector<std::string> chain = Chain(scope);
  if (!member.empty()) chain.push_back(ordinal >= 0 ? member + " @" + std::to_string(ordinal) : member);
  capnp::Schema file = FileOf(scope);
  return {Dotted(chain), file.getProto().getDisplayName(), FindLine(file, chain)};
}

Site SchemaContext::SiteOf(const MethodInfo& m) {
  return SiteOf(m.owner, m.method.getProto().getName(), static_cast<int>(m.method.getIndex()));
}

Site SchemaContext::SiteOf(capnp::StructSchema::Field field) {
  auto fp = field.getProto();
  return SiteOf(field.getContainingStruct(), fp.getName(),
                fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1);
}

// The line declaring `chain` (names from the file scope inward; the last
// may be "name @N"), found by searching the source text.
int SchemaContext::FindLine(const std::vector<std::string>& chain) { return FindLine(file_, chain); }

// The same in `file` (an imported file is found by its display name: its
// path below the import directory, which is the workspace for the rule).
int SchemaContext::FindLine(capnp::Schema file, const std::vector<std::string>& chain) {
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

}  // namespace heph::capnpc
