// The conversions of x.heph.convert.h (see conversions.h).
#include "codegen/generator/conversions.h"

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {
namespace {

std::string WriteList(SchemaContext& ctx, capnp::Type element, const std::string& value, const std::string& list,
                      int depth, const std::string& indent);

// Statements reading `reader_expr` (a capnp value of `type`) into `target`.
std::string ReadValue(SchemaContext& ctx, capnp::Type type, const std::string& target, const std::string& reader,
                      int depth, const std::string& indent) {
  switch (type.which()) {
    case TypeWhich::VOID: return indent + target + " = std::monostate{};\n";
    case TypeWhich::TEXT: return indent + target + " = std::string(" + reader + ".cStr(), " + reader + ".size());\n";
    case TypeWhich::DATA: return indent + target + ".assign(" + reader + ".begin(), " + reader + ".end());\n";
    case TypeWhich::ENUM: return indent + target + " = static_cast<" + ctx.TypeName(type.asEnum()) + ">(" + reader + ");\n";
    case TypeWhich::STRUCT: return indent + target + " = FromCapnp(" + reader + ");\n";
    case TypeWhich::INTERFACE:
    case TypeWhich::ANY_POINTER: return "";
    case TypeWhich::LIST: {
      const std::string list = "list" + std::to_string(depth);
      const std::string i = "i" + std::to_string(depth);
      std::string out = indent + "{\n" + indent + "  auto " + list + " = " + reader + ";\n";
      out += indent + "  " + target + ".resize(" + list + ".size());\n";
      out += indent + "  for (unsigned " + i + " = 0; " + i + " < " + list + ".size(); ++" + i + ") {\n";
      out += ReadValue(ctx, type.asList().getElementType(), target + "[" + i + "]", list + "[" + i + "]", depth + 1,
                       indent + "    ");
      out += indent + "  }\n" + indent + "}\n";
      return out;
    }
    default: return indent + target + " = " + reader + ";\n";
  }
}

// Statements writing `value` into a list builder `list` at index `i`.
std::string WriteElement(SchemaContext& ctx, capnp::Type type, const std::string& value, const std::string& list,
                         const std::string& i, int depth, const std::string& indent) {
  switch (type.which()) {
    case TypeWhich::VOID: return "";
    case TypeWhich::TEXT: return indent + list + ".set(" + i + ", ::capnp::Text::Reader(" + value + ".data(), " + value + ".size()));\n";
    case TypeWhich::DATA: return indent + list + ".set(" + i + ", ::capnp::Data::Reader(" + value + ".data(), " + value + ".size()));\n";
    case TypeWhich::ENUM: return indent + list + ".set(" + i + ", static_cast<" + ctx.ConvertName(type.asEnum()) + ">(" + value + "));\n";
    case TypeWhich::STRUCT: return indent + "ToCapnp(" + value + ", " + list + "[" + i + "]);\n";
    case TypeWhich::INTERFACE:
    case TypeWhich::ANY_POINTER: return "";
    case TypeWhich::LIST: {
      const std::string sub = "list" + std::to_string(depth);
      if (type.asList().getElementType().isVoid()) {
        return indent + list + ".init(" + i + ", " + value + ".size());\n";
      }
      std::string out = indent + "{\n" + indent + "  auto " + sub + " = " + list + ".init(" + i + ", " + value + ".size());\n";
      out += WriteList(ctx, type.asList().getElementType(), value, sub, depth + 1, indent + "  ");
      return out + indent + "}\n";
    }
    default: return indent + list + ".set(" + i + ", " + value + ");\n";
  }
}

std::string WriteList(SchemaContext& ctx, capnp::Type element, const std::string& value, const std::string& list,
                      int depth, const std::string& indent) {
  const std::string i = "i" + std::to_string(depth);
  std::string out = indent + "for (unsigned " + i + " = 0; " + i + " < " + value + ".size(); ++" + i + ") {\n";
  out += WriteElement(ctx, element, value + "[" + i + "]", list, i, depth + 1, indent + "  ");
  return out + indent + "}\n";
}

}  // namespace

void EmitConversions(SchemaContext& ctx, capnp::StructSchema s, std::string& out) {
  const std::string name = ctx.TypeName(s);
  const std::string cname = ctx.ConvertName(s);
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
        read = ReadValue(ctx, type, member, "from.get" + getter + "()", 0, indent);
        write = indent + "{\n" + indent + "  auto list = to.init" + getter + "(" + value + ".size());\n" +
                WriteList(ctx, type.asList().getElementType(), value, "list", 0, indent + "  ") + indent + "}\n";
      } else {
        read = ReadValue(ctx, type, member, "from.get" + getter + "()", 0, indent);
        if (type.isText()) {
          write = indent + "to.set" + getter + "(::capnp::Text::Reader(" + value + ".data(), " + value + ".size()));\n";
        } else if (type.isData()) {
          write = indent + "to.set" + getter + "(::capnp::Data::Reader(" + value + ".data(), " + value + ".size()));\n";
        } else if (type.isEnum()) {
          write = indent + "to.set" + getter + "(static_cast<" + ctx.ConvertName(type.asEnum()) + ">(" + value + "));\n";
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
  out += from + to + "\n";
}

}  // namespace heph::capnpc
