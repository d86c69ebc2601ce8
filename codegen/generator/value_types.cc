// The value types of x.heph.h (see value_types.h).
#include "codegen/generator/value_types.h"

#include <capnp/dynamic.h>
#include <capnp/schema.h>

#include <cstdint>
#include <string>
#include <vector>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {
namespace {

std::string StructExpr(SchemaContext& ctx, capnp::DynamicStruct::Reader value);

// A C++ expression for a schema value of `type`, for initializers.
std::string ValueExpr(SchemaContext& ctx, capnp::DynamicValue::Reader value, capnp::Type type) {
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
      for (auto item : list) out += (out.size() > 1 ? ", " : "") + ValueExpr(ctx, item, element);
      return out + "}";
    }
    case TypeWhich::ENUM: {
      auto e = value.as<capnp::DynamicEnum>();
      KJ_IF_MAYBE(enumerant, e.getEnumerant()) {
        return ctx.TypeName(type.asEnum()) + "::" + ConstantName(enumerant->getProto().getName());
      }
      return "static_cast<" + ctx.TypeName(type.asEnum()) + ">(" + std::to_string(e.getRaw()) + ")";
    }
    case TypeWhich::STRUCT: return StructExpr(ctx, value.as<capnp::DynamicStruct>());
    case TypeWhich::INTERFACE:
    case TypeWhich::ANY_POINTER: return "{}";
  }
  return "{}";
}

// "v.a = 1; v.g.b = 2; v.which = ...; " for the fields set in `value`.
std::string StructAssign(SchemaContext& ctx, capnp::DynamicStruct::Reader value, const std::string& target) {
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
          which = target + ".which = " + ctx.TypeName(schema) + "::Which::" + ConstantName(proto.getName()) + "; ";
        }
      } else {
        continue;
      }
    }
    if (proto.isGroup()) {
      out += StructAssign(ctx, value.get(field).as<capnp::DynamicStruct>(), member);
      continue;
    }
    if (field.getType().isVoid() || field.getType().isInterface()) continue;
    if (!value.has(field, capnp::HasMode::NON_DEFAULT)) continue;
    out += member + " = " + ValueExpr(ctx, value.get(field), field.getType()) + "; ";
  }
  return out + which;
}

// A struct value: T{} or an immediately invoked lambda assigning the fields
// that differ from the defaults. (Not designated initializers: those trip
// -Wmissing-field-initializers and g++ 12 coroutine bugs in user code.)
std::string StructExpr(SchemaContext& ctx, capnp::DynamicStruct::Reader value) {
  const std::string type = ctx.TypeName(value.getSchema());
  const std::string assign = StructAssign(ctx, value, "v");
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
std::string DefaultInit(SchemaContext& ctx, capnp::StructSchema::Field field) {
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
        std::string init = StructExpr(ctx, value.getStruct().getAs<capnp::DynamicStruct>(type.asStruct()));
        if (init == ctx.TypeName(type.asStruct()) + "{}") return "";
        return " = " + init;
      }
    default: break;
  }
  const std::string expr = ValueExpr(ctx, DefaultOf(field), type);
  if (type.isList() || type.isData()) {
    // Built in a lambda: g++ 12 rejects a default member initializer with
    // an initializer list when the struct is a temporary in a coroutine
    // ("array used as initializer").
    return " = [] { return " + ctx.CppType(type, field.getContainingStruct(), "", -1) + expr + "; }()";
  }
  return " = " + expr;
}

}  // namespace

void EmitEnum(SchemaContext& ctx, capnp::EnumSchema e, std::string& h) {
  const auto id = e.getProto().getId();
  h += ctx.Doc(id, "");
  h += "enum class " + ctx.FlatName(e) + " : std::uint16_t {\n";
  unsigned i = 0;
  for (auto enumerant : e.getEnumerants()) {
    h += ctx.MemberDoc(id, i++, "  ");
    h += "  " + ConstantName(enumerant.getProto().getName()) + " = " +
         std::to_string(enumerant.getOrdinal()) + ",\n";
  }
  h += "};\n\n";
}

void EmitStruct(SchemaContext& ctx, capnp::StructSchema s, std::string& h) {
  const auto proto = s.getProto();
  const auto id = proto.getId();
  const std::string name = ctx.FlatName(s);
  h += ctx.Doc(id, "");
  if (proto.getStruct().getIsGroup()) {
    h += "// The group " + Dotted(ctx.Chain(s)) + ".\n";
  } else if (ctx.param_names().count(id) != 0) {
    h += "// " + std::string(ctx.param_names().at(id).ends_with("Params") ? "Parameters" : "Results") +
         " of " + Dotted(ctx.Chain(s)) + ".\n";
  }
  h += "struct " + name + " {\n";
  std::string aliases = ctx.NestedAliases(s, "  ");
  if (!aliases.empty()) h += aliases + "\n";
  std::vector<std::string> union_members;
  for (auto field : s.getFields()) {
    auto fp = field.getProto();
    const int ordinal = fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1;
    const bool in_union = fp.getDiscriminantValue() != kNoDiscriminant;
    if (in_union) union_members.push_back(fp.getName());
    const std::string member = MemberName(fp.getName());
    std::string doc = ctx.MemberDoc(id, field.getIndex(), "  ");
    if (fp.isGroup()) {
      h += doc + "  " + ctx.FlatName(field.getType().asStruct()) + " " + member + ";\n";
      continue;
    }
    const std::string type = ctx.CppType(field.getType(), s, fp.getName(), ordinal);
    if (field.getType().isVoid()) {
      // A Void member stores nothing; in a union, `which` says it is set.
      if (!in_union) continue;
      h += doc + "  // " + member + " (Void): set when which == Which::" +
           ConstantName(fp.getName()) + ".\n";
      continue;
    }
    if (in_union) {
      if (!doc.empty()) doc += "  //\n";
      doc += "  // Union member: meaningful when which == Which::" + ConstantName(fp.getName()) + ".\n";
    }
    h += doc + "  " + type + " " + member + DefaultInit(ctx, field) + ";\n";
  }
  if (!union_members.empty()) {
    h += "\n  // Which union member is set.\n  enum class Which : std::uint16_t {\n";
    std::string first;
    for (auto field : s.getUnionFields()) {
      const std::string e = ConstantName(field.getProto().getName());
      if (field.getProto().getDiscriminantValue() == 0) first = e;
      h += "    " + e + " = " + std::to_string(field.getProto().getDiscriminantValue()) + ",\n";
    }
    h += "  };\n  Which which = Which::" + first + ";\n";
  }
  if (s.getFields().size() > 0) h += "\n";
  h += "  friend bool operator==(const " + name + "&, const " + name + "&) = default;\n";
  h += "};\n\n";
}

void EmitConst(SchemaContext& ctx, capnp::ConstSchema c, std::string& h) {
  auto proto = c.getProto();
  const std::string display = proto.getDisplayName();
  const std::string path = display.substr(display.find(':') + 1);
  const std::string short_name = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
  auto type = c.getType();
  const std::string ctype = ctx.CppType(type, c, "", -1);
  // Prefix nested constants with their scope: Outer_kName.
  std::string prefix;
  if (ctx.loader().get(proto.getScopeId()).getProto().isStruct() ||
      ctx.loader().get(proto.getScopeId()).getProto().isInterface()) {
    prefix = ctx.FlatName(ctx.loader().get(proto.getScopeId())) + "_";
  }
  h += ctx.Doc(proto.getId(), "");
  const bool literal = !(type.isText() || type.isData() || type.isList() || type.isStruct());
  h += std::string(literal ? "inline constexpr " : "inline const ") + ctype + " " + prefix +
       ConstantName(short_name) + " = " + ValueExpr(ctx, c.as<capnp::DynamicValue>(), type) + ";\n\n";
}

}  // namespace heph::capnpc
