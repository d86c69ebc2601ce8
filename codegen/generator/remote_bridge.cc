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
bool MethodCarriesReferences(const MethodInfo& m) {
  std::set<std::uint64_t> seen;
  return CarriesReferences(m.method.getParamType(), seen) ||
         CarriesReferences(m.method.getResultType(), seen);
}

// Per interface: the capnp Server that turns calls into messages for a
// reference, the forwarding function of its proxy actor, and the two
// hooks heph::remote::Serve and Connect<P> find by argument-dependent
// lookup.
void EmitRemote(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& remote_h, std::string& remote_cc,
                std::string& hooks) {
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
              ">, std::unique_ptr<::heph::remote::RpcConnection> connection,\n    ::heph::remote::ProxyOptions options);\n\n";

  // The coroutines that call the actor, one per method.
  std::string& cc = remote_cc;
  cc += "// " + Dotted(ctx.Chain(iface)) + " served: one coroutine per method calls the actor.\n";
  for (const MethodInfo& m : methods) {
    if (MethodCarriesReferences(m)) continue;
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
    if (MethodCarriesReferences(m)) {
      cc += "    (void)context;\n";
      cc += "    return ::heph::remote::KjFromStatus(absl::UnimplementedError(" +
            CString(ctx.QualifiedMethod(m) + ": references in messages do not cross a connection yet") + "));\n  }\n";
      continue;
    }
    const std::string fn = name + "_Remote" + Capitalize(cname);
    cc += "    " + ctx.ParamsType(m.method) + " params = FromCapnp(context.getParams());\n";
    cc += "    context.releaseParams();\n";
    if (m.one_way) {
      cc += "    return ::heph::remote::RunOnActor(" + fn + "(ref_, std::move(params)));\n  }\n";
    } else {
      const std::string rtype = ctx.ResultsType(m.method);
      cc += "    return ::heph::remote::RunOnActor(" + fn + "(ref_, std::move(params)))\n";
      cc += "        .then([context](" + rtype + " results) mutable { ToCapnp(results, context.getResults()); });\n  }\n";
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
    if (MethodCarriesReferences(m)) {
      const std::string why = ctx.QualifiedMethod(m) + ": references in messages do not cross a connection yet";
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
    if (m.one_way) {
      cc += "      ToCapnp(" + member + ", request);\n";
      cc += std::string("      return request.send()") + (m.method.isStreaming() ? "" : ".ignoreResult()") + ";\n    }\n";
    } else {
      const std::string call_type = ctx.CallType(m);
      cc += "      ToCapnp(" + member + ".params, request);\n";
      cc += "      auto call = ::kj::heap<" + call_type + ">(std::move(" + member + "));\n";
      cc += "      " + call_type + "& pending = *call;\n";
      cc += "      return request.send()\n";
      cc += "          .then([&pending](::capnp::Response<" + ctx.ConvertName(m.method.getResultType()) +
            "> response) { pending.reply(FromCapnp(response)); },\n";
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
}

}  // namespace

RemoteBridge EmitRemoteBridge(SchemaContext& ctx, const std::vector<capnp::InterfaceSchema>& ifaces,
                              const std::string& guard, const std::string& ns) {
  std::string remote_h;
  std::string remote_cc;
  std::string hooks;
  if (!ctx.capnp_cpp()) return {};
  for (auto i : ifaces) EmitRemote(ctx, i, remote_h, remote_cc, hooks);
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
  c += "#include \"" + base + ".heph.remote.h\"\n\n";
  c += "#include <capnp/capability.h>\n#include <kj/async.h>\n\n";
  c += "#include <memory>\n#include <string>\n#include <utility>\n\n";
  c += "#include \"" + source + ".h\"\n#include \"" + base + ".heph.convert.h\"\n";
  c += "#include \"absl/status/status.h\"\n#include \"absl/status/statusor.h\"\n";
  c += "#include \"runtime/remote/bridge.h\"\n\n";
  c += "namespace " + ns + " {\nnamespace {\n\n";
  while (remote_cc.size() >= 2 && remote_cc.compare(remote_cc.size() - 2, 2, "\n\n") == 0) remote_cc.pop_back();
  c += remote_cc + "\n}  // namespace\n\n";
  while (hooks.size() >= 2 && hooks.compare(hooks.size() - 2, 2, "\n\n") == 0) hooks.pop_back();
  c += hooks + "\n}  // namespace " + ns + "\n";
  return {remote_h, c};
}

}  // namespace heph::capnpc
