// The remote bridge, x.heph.remote.h and x.heph.remote.cc (see remote_bridge.h).
#include "codegen/generator/remote_bridge.h"

#include <capnp/schema.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {
namespace {

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

// What the bridge of one file collects while its interfaces are emitted.
struct BridgeOutput {
  std::string remote_h;  // declarations of x.heph.remote.h
  std::string remote_cc;  // servers and forwarding of x.heph.remote.cc
  std::string hooks;  // the hooks' definitions
  std::string bridge_decls;  // the bridge's conversions of structs carrying references
  std::string bridge_defs;
  std::set<std::uint64_t> bridge_converted;
  std::set<std::uint64_t> remote_files;  // files whose interfaces the bridge converts
};

// BridgeFromCapnp / BridgeToCapnp for `s` (and, first, the structs it
// holds that carry references): the plain conversions, then every
// reference: an incoming capability becomes a reference whose actor is a
// proxy on this worker (HephRemoteReceive); an outgoing reference is
// exported as a capability (HephRemoteExport).
void EmitBridgeConversions(SchemaContext& ctx, capnp::StructSchema s, BridgeOutput& out) {
  if (!out.bridge_converted.insert(s.getProto().getId()).second) return;
  for (auto f : s.getFields()) {
    const RefShape shape = ShapeOf(f);
    if (shape == RefShape::kStruct) EmitBridgeConversions(ctx, f.getType().asStruct(), out);
    if (shape == RefShape::kStructList) EmitBridgeConversions(ctx, f.getType().asList().getElementType().asStruct(), out);
  }
  const std::string name = ctx.TypeName(s);
  const std::string cname = ctx.ConvertName(s);
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
               ctx.TypeName(iface) + ">{}, from.get" + getter + "(), peer);\n";
        write = indent + "if (from." + member + ") to.set" + getter + "(HephRemoteExport(from." + member + ").castAs<" +
                ctx.ConvertName(iface) + ">());\n";
        out.remote_files.insert(ctx.FileOf(iface).getProto().getId());
        break;
      }
      case RefShape::kRefList: {
        auto iface = f.getType().asList().getElementType().asInterface();
        read = indent + "{\n" + indent + "  auto list = from.get" + getter + "();\n" + indent + "  to." + member +
               ".resize(list.size());\n" + indent + "  for (unsigned i = 0; i < list.size(); ++i) to." + member +
               "[i] = HephRemoteReceive(::heph::remote::ProtocolTag<" + ctx.TypeName(iface) + ">{}, list[i], peer);\n" +
               indent + "}\n";
        write = indent + "{\n" + indent + "  auto list = to.get" + getter + "();\n" + indent + "  for (unsigned i = 0; i < from." +
                member + ".size(); ++i) {\n" + indent + "    if (from." + member + "[i]) list.set(i, HephRemoteExport(from." +
                member + "[i]).castAs<" + ctx.ConvertName(iface) + ">());\n" + indent + "  }\n" + indent + "}\n";
        out.remote_files.insert(ctx.FileOf(iface).getProto().getId());
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
  out.bridge_decls += name + " BridgeFromCapnp(" + cname + "::Reader from, const std::string& peer);\n";
  out.bridge_decls += "void BridgeToCapnp(const " + name + "& from, " + cname + "::Builder to);\n";
  out.bridge_defs += from + to;
}

// Per interface: the capnp Server that turns calls into messages for a
// reference, the forwarding function of its proxy actor, and the hooks
// heph::remote::Serve and Connect<P> find by argument-dependent lookup
// (and HephRemoteReceive, for the capabilities messages carry).
void EmitRemote(SchemaContext& ctx, capnp::InterfaceSchema iface, BridgeOutput& out) {
  std::string& remote_h = out.remote_h;
  std::string& hooks = out.hooks;
  const std::string name = ctx.FlatName(iface);
  const std::string ref = name + "Ref";
  const std::string msg = name + "_Message";
  const std::string capnp_iface = ctx.ConvertName(iface);
  const std::string server = name + "RemoteServer";
  const std::vector<MethodInfo> methods = ctx.AllMethods(iface);

  remote_h += "// Serves `ref` to Cap'n Proto RPC peers as a " + Dotted(ctx.Chain(iface)) +
              " capability: each call becomes a\n// message to the actor (heph::remote::Serve uses it).\n";
  remote_h += "::capnp::Capability::Client HephRemoteExport(const " + ref + "& ref);\n";
  remote_h += "// A " + ref + " whose actor, on this worker, owns `connection` and forwards every call\n"
              "// to the peer's bootstrap capability (heph::remote::Connect<" + name + "> uses it).\n";
  remote_h += ref + " HephRemoteConnect(::heph::remote::ProtocolTag<" + name +
              ">, std::unique_ptr<::heph::remote::RpcConnection> connection,\n    ::heph::remote::ProxyOptions options);\n";
  remote_h += "// A " + ref + " for a " + Dotted(ctx.Chain(iface)) + " capability received from `peer` (in a message):\n"
              "// its actor, on this worker, forwards every call to it.\n";
  remote_h += ref + " HephRemoteReceive(::heph::remote::ProtocolTag<" + name +
              ">, ::capnp::Capability::Client capability,\n    std::string peer);\n\n";

  // The coroutines that call the actor, one per method.
  std::string& cc = out.remote_cc;
  cc += "// " + Dotted(ctx.Chain(iface)) + " served: one coroutine per method calls the actor.\n";
  for (const MethodInfo& m : methods) {
    if (!MethodBridged(m)) continue;
    auto mp = m.method.getProto();
    const std::string ptype = ctx.ParamsType(m.method);
    const bool by_struct = !ExpandParams(m.method.getParamType()) || m.method.getParamType().getFields().size() > 0;
    const std::string fn = name + "_Remote" + Capitalize(mp.getName());
    const std::string call = "ref." + MethodName(mp.getName()) + "(" + (by_struct ? "std::move(params)" : "") + ")";
    const std::string ret = m.one_way ? "absl::Status" : "absl::StatusOr<" + ctx.ResultsType(m.method) + ">";
    cc += "::heph::Async<" + ret + "> " + fn + "(" + ref + " ref, " + ptype + " params) {\n";
    if (!by_struct) cc += "  (void)params;\n";
    cc += "  co_return ::heph::remote::WithoutMethod(co_await " + call + ", " + CString(ctx.QualifiedMethod(m)) + ");\n}\n";
  }
  cc += "\nclass " + server + " final : public " + capnp_iface + "::Server {\n public:\n";
  cc += "  explicit " + server + "(" + ref + " ref) : ref_(std::move(ref)) {}\n\n";
  for (const MethodInfo& m : methods) {
    auto mp = m.method.getProto();
    const std::string cname = mp.getName();
    const std::string context = ctx.ConvertName(m.owner) + "::Server::" + Capitalize(cname) + "Context";
    cc += "  ::kj::Promise<void> " + CapnpCppMethod(cname) + "(" + context + " context) override {\n";
    if (!MethodBridged(m)) {
      cc += "    (void)context;\n";
      cc += "    return ::heph::remote::KjFromStatus(absl::UnimplementedError(" +
            CString(ctx.QualifiedMethod(m) + ": these references (a list of lists) do not cross a connection") + "));\n  }\n";
      continue;
    }
    const std::string fn = name + "_Remote" + Capitalize(cname);
    const bool params_carry = StructCarries(m.method.getParamType());
    const bool results_carry = StructCarries(m.method.getResultType());
    if (params_carry) EmitBridgeConversions(ctx, m.method.getParamType(), out);
    if (results_carry) EmitBridgeConversions(ctx, m.method.getResultType(), out);
    cc += "    " + ctx.ParamsType(m.method) + " params = " +
          (params_carry ? "BridgeFromCapnp(context.getParams(), \"remote caller\")" : "FromCapnp(context.getParams())") + ";\n";
    cc += "    context.releaseParams();\n";
    if (m.one_way) {
      cc += "    return ::heph::remote::RunOnActor(" + fn + "(ref_, std::move(params)));\n  }\n";
    } else {
      const std::string rtype = ctx.ResultsType(m.method);
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
      const std::string why = ctx.QualifiedMethod(m) + ": these references (a list of lists) do not cross a connection";
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
      const std::string call_type = ctx.CallType(m);
      cc += "      " + to_capnp + "(" + member + ".params, request);\n";
      cc += "      auto call = ::kj::heap<" + call_type + ">(std::move(" + member + "));\n";
      cc += "      " + call_type + "& pending = *call;\n";
      cc += "      return request.send()\n";
      cc += std::string("          .then([&pending") + (from_capnp == "FromCapnp" ? "" : ", &peer") + "](::capnp::Response<" +
            ctx.ConvertName(m.method.getResultType()) +
            "> response) { pending.reply(" + from_capnp +
            (from_capnp == "FromCapnp" ? "(response)" : "(response, peer)") + "); },\n";
      cc += "                [&pending, &peer](::kj::Exception&& e) {\n";
      cc += "                  pending.fail(::heph::remote::ForwardedCallError(e, peer));\n";
      cc += "                })\n          .attach(::kj::mv(call));\n    }\n";
    }
  }
  cc += "  }\n}\n\n";
  hooks += "::capnp::Capability::Client HephRemoteExport(const " + ref + "& ref) {\n";
  hooks += "  return ::kj::heap<" + server + ">(ref);\n}\n\n";
  hooks += ref + " HephRemoteConnect(::heph::remote::ProtocolTag<" + name +
           ">, std::unique_ptr<::heph::remote::RpcConnection> connection,\n    ::heph::remote::ProxyOptions options) {\n";
  hooks += "  return " + ref + "(::heph::remote::SpawnProxy<" + msg + ">(std::move(connection), &" + fwd +
           ", " + name + "::kName,\n      " + name + "::kDefaultInboxCapacity, options));\n}\n\n";
  hooks += ref + " HephRemoteReceive(::heph::remote::ProtocolTag<" + name +
           ">, ::capnp::Capability::Client capability,\n    std::string peer) {\n";
  hooks += "  return " + ref + "(::heph::remote::SpawnCapabilityProxy<" + msg + ">(std::move(capability), std::move(peer), &" +
           fwd + ",\n      " + name + "::kName, " + name + "::kDefaultInboxCapacity));\n}\n\n";
}

}  // namespace

RemoteBridge EmitRemoteBridge(SchemaContext& ctx, const std::vector<capnp::InterfaceSchema>& ifaces,
                              const std::string& guard, const std::string& ns) {
  if (!ctx.capnp_cpp()) return {};
  BridgeOutput out;
  for (auto i : ifaces) EmitRemote(ctx, i, out);
  std::string& remote_h = out.remote_h;
  std::string& remote_cc = out.remote_cc;
  std::string& hooks = out.hooks;
  const std::string source = ctx.file_display();
  const std::string base = StripCapnp(source);
  std::string rguard = guard.substr(0, guard.size() - 1) + "REMOTE_H_";
  std::string h = "// Generated from " + source + " by capnpc-heph. Do not edit.\n";
  h += "// The remote bridge of " + base + ".heph.h: its protocols served to, and called over,\n"
       "// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).\n";
  h += "#ifndef " + rguard + "\n#define " + rguard + "\n\n";
  h += "#include <capnp/capability.h>\n\n#include <memory>\n\n";
  h += "#include \"" + base + ".heph.h\"\n#include \"runtime/remote/bridge.h\"\n#include \"runtime/remote/rpc.h\"\n\n";
  if (ifaces.empty()) {
    remote_h = h + "// " + source + " has no interfaces.\n\n#endif  // " + rguard + "\n";
    remote_cc = "// Generated from " + source + " by capnpc-heph. Do not edit.\n// " + source +
                " has no interfaces: nothing to bridge.\n#include \"" + base + ".heph.remote.h\"\n";
    return {remote_h, remote_cc};
  }
  remote_h = h + "namespace " + ns + " {\n\n" + remote_h + "}  // namespace " + ns + "\n\n#endif  // " + rguard + "\n";
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
  for (auto id : out.remote_files) {
    if (id == ctx.file().getProto().getId()) continue;
    c += "#include \"" + StripCapnp(std::string(ctx.loader().get(id).getProto().getDisplayName().cStr())) + ".heph.remote.h\"\n";
  }
  c += "#include \"absl/status/status.h\"\n#include \"absl/status/statusor.h\"\n";
  c += "#include \"runtime/remote/bridge.h\"\n\n";
  c += "namespace " + ns + " {\nnamespace {\n\n";
  if (!out.bridge_decls.empty()) {
    c += "// Conversions of the structs that carry references (the plain ones, then the\n// references as capabilities).\n";
    c += out.bridge_decls + "\n" + out.bridge_defs;
  }
  while (remote_cc.size() >= 2 && remote_cc.compare(remote_cc.size() - 2, 2, "\n\n") == 0) remote_cc.pop_back();
  c += remote_cc + "\n}  // namespace\n\n";
  while (hooks.size() >= 2 && hooks.compare(hooks.size() - 2, 2, "\n\n") == 0) hooks.pop_back();
  c += hooks + "\n}  // namespace " + ns + "\n";
  return {remote_h, c};
}

}  // namespace heph::capnpc
