// Protocols and references of x.heph.h and x.heph.cc (see protocol.h).
#include "codegen/generator/protocol.h"

#include <capnp/schema.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {
namespace {

constexpr std::uint64_t kInboxCapacityId = 0xcf9f892b953f269full;

// The most methods a protocol (an interface with its bases) may have. The
// generated code grows linearly with the methods; this bounds what a single
// message switch and a single Serve coroutine must hold (1,000 methods are
// tested: codegen/tests:many_methods_test).
constexpr size_t kMaxMethods = 1024;

std::string InboxCapacity(capnp::InterfaceSchema iface) {
  for (auto a : iface.getProto().getAnnotations()) {
    if (a.getId() == kInboxCapacityId) return std::to_string(a.getValue().getUint32()) + "u";
  }
  return "::heph::kDefaultInboxCapacity";
}

std::string ParamList(SchemaContext& ctx, capnp::StructSchema params, capnp::InterfaceSchema owner,
                      const std::string& method) {
  std::string out;
  for (auto f : params.getFields()) {
    out += (out.empty() ? "" : ", ") + ctx.CppType(f.getType(), owner, method, -1) + " " +
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

}  // namespace

void EmitRefClass(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h) {
  const std::string name = ctx.FlatName(iface);
  const std::string ref = name + "Ref";
  const std::string msg = name + "_Message";
  h += "// A typed reference to an actor serving " + Dotted(ctx.Chain(iface)) +
       ". Cheap to copy; usable from any thread.\n";
  h += "class " + ref + " {\n public:\n";
  h += "  " + ref + "() = default;\n";
  h += "  explicit " + ref + "(::heph::ActorRef<" + msg + "> actor) : target_(std::move(actor)) {}\n\n";
  h += "  const ::heph::ActorRef<" + msg + ">& actor() const { return target_; }\n";
  h += "  explicit operator bool() const { return static_cast<bool>(target_); }\n";
  h += "  bool is_connected() const { return target_.is_connected(); }\n";
  const std::set<std::uint64_t> bases = ctx.AllBases(iface);
  for (auto base_id : bases) {
    auto base = ctx.loader().get(base_id).asInterface();
    h += "  // A reference to the same actor, seen as a " + Dotted(ctx.Chain(base)) + ".\n";
    h += "  operator " + ctx.TypeName(base, "Ref") + "() const;\n";
  }
  for (const MethodInfo& m : ctx.AllMethods(iface)) {
    auto mp = m.method.getProto();
    const std::string method = MethodName(mp.getName());
    const std::string qualified = ctx.QualifiedMethod(m);
    h += "\n" + ctx.MemberDoc(m.owner.getProto().getId(), m.method.getIndex(), "  ");
    auto params = m.method.getParamType();
    const bool expand = ExpandParams(params);
    if (m.one_way) {
      h += "  // " + qualified + " (one-way): waits while the inbox is full.\n";
      const std::string ret = "::heph::codegen::SendCall<" + msg + ">";
      if (expand) h += "  " + ret + " " + method + "(" + ParamList(ctx, params, m.owner, mp.getName()) + ") const;\n";
      if (!expand || params.getFields().size() > 0) {
        h += "  " + ret + " " + method + "(" + ctx.ParamsType(m.method) + " params) const;\n";
      }
      h += "  // " + qualified + " (one-way), without waiting: fails if the inbox is full.\n";
      if (expand) {
        h += "  absl::Status try_" + SnakeCase(mp.getName()) + "(" + ParamList(ctx, params, m.owner, mp.getName()) +
             ") const;\n";
      }
      if (!expand || params.getFields().size() > 0) {
        h += "  absl::Status try_" + SnakeCase(mp.getName()) + "(" + ctx.ParamsType(m.method) + " params) const;\n";
      }
    } else {
      h += "  // " + qualified + ": co_await gives the results or an error naming " + qualified + ".\n";
      const std::string ret = "::heph::codegen::RpcCall<" + msg + ", " + ctx.ParamsType(m.method) + ", " +
                              ctx.ResultsType(m.method) + ">";
      if (expand) h += "  " + ret + " " + method + "(" + ParamList(ctx, params, m.owner, mp.getName()) + ") const;\n";
      if (!expand || params.getFields().size() > 0) {
        h += "  " + ret + " " + method + "(" + ctx.ParamsType(m.method) + " params) const;\n";
      }
    }
  }
  h += "\n  friend bool operator==(const " + ref + "& a, const " + ref + "& b) {\n";
  h += "    return a.target_.sends_to(b.target_) || (!a && !b);\n  }\n";
  h += "\n private:\n  ::heph::ActorRef<" + msg + "> target_;\n};\n\n";
}

void EmitCallTypes(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc) {
  std::string defs;
  for (auto method : iface.getMethods()) {
    if (IsOneWay(method)) continue;
    MethodInfo m{method, iface, false};
    const std::string qualified = ctx.QualifiedMethod(m);
    const std::string results = ctx.ResultsType(method);
    const std::string call = ctx.FlatName(iface) + "_" + Capitalize(method.getProto().getName()) + "Call";
    h += "// A received call of " + qualified +
         ". Reply once; dropping it unanswered gives the caller an\n// error (" + qualified +
         ": ... got no response).\n";
    h += "struct " + call + " {\n";
    h += "  " + ctx.ParamsType(method) + " params;\n";
    h += "  ::heph::Responder<absl::StatusOr<" + results + ">> responder;\n\n";
    h += "  // Sends the results. False if the caller no longer waits.\n";
    h += "  bool reply(" + results + " results);\n";
    h += "  // Sends an error (not OK) instead of results.\n";
    h += "  bool fail(absl::Status status);\n";
    h += "};\n\n";
    defs += "bool " + call + "::reply(" + results + " results) { return responder.respond(std::move(results)); }\n";
    defs += "bool " + call + "::fail(absl::Status status) { return responder.respond(std::move(status)); }\n";
  }
  if (!defs.empty()) cc += "// Replies to received calls of " + Dotted(ctx.Chain(iface)) + ".\n" + defs + "\n";
}

void EmitMessage(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc) {
  const std::string name = ctx.FlatName(iface);
  const std::string msg = name + "_Message";
  auto methods = ctx.AllMethods(iface);
  // Two methods with the same alternative type would be indistinguishable.
  std::map<std::string, std::string> seen;
  for (const MethodInfo& m : methods) {
    const std::string alt = ctx.AlternativeType(m);
    if (auto it = seen.find(alt); it != seen.end()) {
      ctx.Fail(m.owner, m.method.getProto().getName(), m.method.getIndex(),
               "has the same parameter type as " + it->second +
                   "; give one of them an inline parameter list");
    }
    seen[alt] = ctx.QualifiedMethod(m);
  }
  if (methods.size() > kMaxMethods) {
    ctx.Fail(iface, "", -1,
             std::to_string(methods.size()) + " methods (counting inherited ones); a protocol can have at most " +
                 std::to_string(kMaxMethods) + " (split the interface)");
  }
  // The message is a tagged union: the method's position (index_) and a
  // union of the methods' payloads, moved, copied and destroyed by a plain
  // switch in the .heph.cc. Not a std::variant: its recursive templates cost
  // the compiler time and memory growing faster than the number of methods
  // and stop at g++'s instantiation depth (about 850 methods).
  const std::string where = Basename(StripCapnp(ctx.file_display())) + ".heph.cc";
  h += "// One message of the " + Dotted(ctx.Chain(iface)) + " protocol: a call of one of its methods.\n";
  h += "struct " + msg + " {\n";
  // Constructors are defined in the .heph.cc: files that only pass messages
  // around need not compile them.
  cc += "// Messages of " + Dotted(ctx.Chain(iface)) + ".\n";
  for (size_t i = 0; i < methods.size(); ++i) {
    const MethodInfo& m = methods[i];
    const std::string member = "m" + std::to_string(i);
    if (m.one_way) {
      // noexcept, as the message's move: the runtime builds messages in
      // inbox slots, where nothing may throw (every payload is checked to
      // move without throwing).
      h += "  " + msg + "(" + ctx.ParamsType(m.method) + " params) noexcept;\n";
      cc += msg + "::" + msg + "(" + ctx.ParamsType(m.method) + " params) noexcept : " + member +
            "(std::move(params)), index_(" + std::to_string(i) + ") {}\n";
    } else {
      const std::string rpc = "::heph::RpcMessage<" + ctx.ParamsType(m.method) + ", absl::StatusOr<" +
                              ctx.ResultsType(m.method) + ">>";
      h += "  " + msg + "(" + rpc + " call) noexcept;\n";
      cc += msg + "::" + msg + "(" + rpc + " call) noexcept\n    : " + member +
            "{std::move(call.request), std::move(call.response)}, index_(" + std::to_string(i) + ") {}\n";
    }
  }
  for (auto base_id : ctx.AllBases(iface)) {
    auto base = ctx.loader().get(base_id).asInterface();
    auto base_methods = ctx.AllMethods(base);
    const std::string base_msg = ctx.TypeName(base, "_Message");
    h += "  // A message of the base protocol " + Dotted(ctx.Chain(base)) + ".\n";
    h += "  " + msg + "(" + base_msg + " base) noexcept;\n";
    cc += msg + "::" + msg + "(" + base_msg + " base) noexcept {\n";
    cc += "  switch (base.index()) {\n";
    for (size_t j = 0; j < base_methods.size(); ++j) {
      size_t k = 0;
      while (ctx.AlternativeType(methods[k]) != ctx.AlternativeType(base_methods[j])) ++k;
      cc += (j + 1 == base_methods.size() ? std::string("    default:  // ")
                                           : "    case " + std::to_string(j) + ":  // ") +
            ctx.QualifiedMethod(base_methods[j]) + "\n";
      cc += "      std::construct_at(&m" + std::to_string(k) + ", std::move(base.m" + std::to_string(j) +
            "));\n      index_ = " + std::to_string(k) + ";\n      break;\n";
    }
    cc += "  }\n}\n";
  }
  bool copyable = true;
  for (const MethodInfo& m : methods) copyable = copyable && m.one_way;  // a Call holds a Responder
  h += "\n  // Defined in " + where + ", with the constructors.\n";
  h += "  " + msg + "(" + msg + "&& other) noexcept;\n";
  h += "  " + msg + "& operator=(" + msg + "&& other) noexcept;\n";
  if (copyable) {
    h += "  " + msg + "(const " + msg + "& other);\n";
    h += "  " + msg + "& operator=(const " + msg + "& other);\n";
  }
  h += "  ~" + msg + "();\n";
  h += "\n  // Which method this message calls: its position in the protocol (a base's\n";
  h += "  // methods first), the same as Visit's order.\n";
  h += "  std::uint32_t index() const noexcept { return index_; }\n";
  h += "  // \"Protocol.method\" of the method this message calls.\n";
  h += "  std::string_view method_name() const;\n\n";
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
    cc += "\n// A message's move is noexcept: every payload's must be.\n";
    for (const MethodInfo& m : methods) {
      cc += "static_assert(std::is_nothrow_move_constructible_v<" + ctx.AlternativeType(m) + ">, \"" +
            ctx.QualifiedMethod(m) + ": " + ctx.AlternativeType(m) + " may throw when moved\");\n";
    }
  }
  cc += "\n" + msg + "::" + msg + "(" + msg + "&& other) noexcept : index_(other.index_) {\n";
  cc += switch_over("index_", [&](size_t i) {
    return "std::construct_at(&" + m_(i) + ", std::move(other." + m_(i) + "));";
  });
  cc += "}\n";
  cc += msg + "& " + msg + "::operator=(" + msg + "&& other) noexcept {\n";
  cc += "  if (this != &other) {\n    this->~" + msg + "();\n    std::construct_at(this, std::move(other));\n  }\n";
  cc += "  return *this;\n}\n";
  if (copyable) {
    cc += msg + "::" + msg + "(const " + msg + "& other) : index_(other.index_) {\n";
    cc += switch_over("index_", [&](size_t i) { return "std::construct_at(&" + m_(i) + ", other." + m_(i) + ");"; });
    cc += "}\n";
    cc += msg + "& " + msg + "::operator=(const " + msg + "& other) {\n";
    cc += "  if (this != &other) *this = " + msg + "(other);\n  return *this;\n}\n";
  }
  cc += msg + "::~" + msg + "() {\n";
  cc += switch_over("index_", [&](size_t i) { return "std::destroy_at(&" + m_(i) + ");"; });
  cc += "}\n";
  cc += "\nstd::string_view " + msg + "::method_name() const {\n";
  cc += "  static constexpr std::string_view kNames[] = {";
  for (size_t i = 0; i < methods.size(); ++i) cc += (i ? ", " : "") + CString(ctx.QualifiedMethod(methods[i]));
  if (methods.empty()) cc += "\"\"";
  cc += "};\n  return kNames[index_];\n}\n\n";
  h += "  // The payloads, one per method: only m<index()> is alive. Prefer " + Dotted(ctx.Chain(iface)) +
       "::Visit.\n";
  if (!methods.empty()) {
    h += "  union {\n";
    for (size_t i = 0; i < methods.size(); ++i) {
      h += "    " + ctx.AlternativeType(methods[i]) + " " + m_(i) + ";\n";
    }
    h += "  };\n";
  }
  h += "\n private:\n  std::uint32_t index_ = 0;\n";
  h += "};\n\n";
}

void EmitProtocol(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h) {
  const auto id = iface.getProto().getId();
  const std::string name = ctx.FlatName(iface);
  auto methods = ctx.AllMethods(iface);
  h += ctx.Doc(id, "");
  h += "// The " + Dotted(ctx.Chain(iface)) + " protocol: its types, and Visit for receive loops.\n";
  h += "struct " + name + " {\n";
  h += "  static constexpr std::string_view kName = " + CString(Dotted(ctx.Chain(iface))) + ";\n";
  h += "  static constexpr std::uint32_t kDefaultInboxCapacity = " + InboxCapacity(iface) + ";\n\n";
  std::string aliases = ctx.NestedAliases(iface, "  ");
  if (!aliases.empty()) h += aliases + "\n";
  for (auto method : iface.getMethods()) {
    const std::string cap = Capitalize(method.getProto().getName());
    h += "  using " + cap + "Params = " + ctx.ParamsType(method) + ";\n";
    if (!IsOneWay(method)) {
      h += "  using " + cap + "Results = " + ctx.ResultsType(method) + ";\n";
      h += "  using " + cap + "Call = " + name + "_" + cap + "Call;\n";
    }
  }
  h += "  using Message = " + name + "_Message;\n";
  h += "  using Ref = " + name + "Ref;\n";
  h += "  using Handler = " + name + "Handler;\n\n";
  // Spawn helpers: `where` is a Runtime, a test runtime or a worker.
  h += "  // Spawns an actor serving " + Dotted(ctx.Chain(iface)) +
       " with the handler Impl, built from impl_args, through `where`\n"
       "  // (a Runtime, a TestRuntime, or one worker: runtime.worker(i)). A name or inbox capacity\n"
       "  // left unset in `options` takes the protocol's (kName, kDefaultInboxCapacity).\n";
  h += "  template <class Impl, class Where, class Sup = ::heph::StopSupervisor, class... A>\n";
  h += "  static Ref Spawn(Where& where, ::heph::SpawnOptions options = {}, Sup supervisor = {},\n";
  h += "                   A&&... impl_args) {\n";
  h += "    static_assert(std::is_base_of_v<Handler, Impl>, \"" + Dotted(ctx.Chain(iface)) +
       "::Spawn<Impl>: Impl must derive from " + Dotted(ctx.Chain(iface)) + "::Handler\");\n";
  h += "    return Ref(::heph::codegen::SpawnThrough(\n";
  h += "        where, ::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
  h += "        std::move(supervisor), &::heph::codegen::ServeWithHandler<Message, Impl, std::decay_t<A>...>,\n";
  h += "        std::forward<A>(impl_args)...));\n  }\n";
  h += "  // Spawns the receive-loop actor `fn` (its first parameter a heph::Context<Message>) likewise.\n";
  h += "  template <class Where, class Sup, class Fn, class... A>\n";
  h += "  static Ref SpawnActor(Where& where, ::heph::SpawnOptions options, Sup supervisor, Fn&& fn,\n";
  h += "                        A&&... args) {\n";
  h += "    return Ref(::heph::codegen::SpawnThrough(\n";
  h += "        where, ::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
  h += "        std::move(supervisor), std::forward<Fn>(fn), std::forward<A>(args)...));\n  }\n";
  h += "  // Spawns the sync actor `fn` (its first parameter a heph::SyncContext<Message>&) through\n";
  h += "  // runtime.spawn_sync, likewise.\n";
  h += "  template <class Runtime, class Sup, class Fn, class... A>\n";
  h += "  static Ref SpawnSync(Runtime& runtime, ::heph::SpawnOptions options, Sup supervisor, Fn&& fn,\n";
  h += "                       A&&... args) {\n";
  h += "    return Ref(runtime.spawn_sync(::heph::codegen::ProtocolSpawnOptions(options, kName, kDefaultInboxCapacity),\n";
  h += "                                  std::move(supervisor), std::forward<Fn>(fn), std::forward<A>(args)...));\n  }\n\n";
  h += "  // Calls `visitor` with the call `message` carries: ";
  h += "every method must have an overload.\n";
  h += "  template <class Visitor>\n";
  h += "  static decltype(auto) Visit(Message& message, Visitor&& visitor) {\n";
  for (const MethodInfo& m : methods) {
    h += "    static_assert(std::is_invocable_v<Visitor&, " + ctx.AlternativeType(m) + "&>,\n";
    h += "                  \"the visitor does not handle " + ctx.QualifiedMethod(m) + " (" +
         ctx.AlternativeType(m) + "&)\");\n";
  }
  // A plain switch on the method's position.
  if (methods.empty()) {
    h += "    std::monostate none;  // no methods: nothing to call\n    return visitor(none);\n  }\n};\n\n";
    return;
  }
  h += "    switch (message.index()) {\n";
  for (size_t i = 0; i + 1 < methods.size(); ++i) {
    h += "      case " + std::to_string(i) + ": return visitor(message.m" + std::to_string(i) + ");\n";
  }
  h += "      default: return visitor(message.m" + std::to_string(methods.size() - 1) + ");\n";
  h += "    }\n  }\n};\n\n";
}

void EmitRefDefinitions(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& cc) {
  const std::string name = ctx.FlatName(iface);
  const std::string ref = name + "Ref";
  const std::string msg = name + "_Message";
  const std::set<std::uint64_t> bases = ctx.AllBases(iface);
  cc += "// " + ref + ": every call builds its message and hands it to the actor's inbox.\n";
  for (auto base_id : bases) {
    auto base = ctx.loader().get(base_id).asInterface();
    const std::string base_ref = ctx.TypeName(base, "Ref");
    cc += ref + "::operator " + base_ref + "() const {\n";
    cc += "  return " + base_ref + "(target_.map<" + ctx.TypeName(base, "_Message") + ">());\n}\n\n";
  }
  for (const MethodInfo& m : ctx.AllMethods(iface)) {
    auto mp = m.method.getProto();
    const std::string method = MethodName(mp.getName());
    const std::string qualified = CString(ctx.QualifiedMethod(m));
    auto params = m.method.getParamType();
    const bool expand = ExpandParams(params);
    const std::string ptype = ctx.ParamsType(m.method);
    const bool by_struct = !expand || params.getFields().size() > 0;
    if (m.one_way) {
      const std::string ret = "::heph::codegen::SendCall<" + msg + ">";
      if (expand) {
        cc += ret + " " + ref + "::" + method + "(" + ParamList(ctx, params, m.owner, mp.getName()) +
              ") const {\n  return " + ret + "(target_, " + ptype + "{" + ParamMoves(params) +
              "}, " + qualified + ");\n}\n";
        cc += "absl::Status " + ref + "::try_" + SnakeCase(mp.getName()) + "(" +
              ParamList(ctx, params, m.owner, mp.getName()) + ") const {\n  return ::heph::codegen::Annotate(target_.try_send(" +
              msg + "(" + ptype + "{" + ParamMoves(params) + "})).status(), " + qualified + ");\n}\n";
      }
      if (by_struct) {
        cc += ret + " " + ref + "::" + method + "(" + ptype + " params) const {\n  return " + ret +
              "(target_, std::move(params), " + qualified + ");\n}\n";
        cc += "absl::Status " + ref + "::try_" + SnakeCase(mp.getName()) + "(" + ptype +
              " params) const {\n  return ::heph::codegen::Annotate(target_.try_send(" + msg +
              "(std::move(params))).status(), " + qualified + ");\n}\n";
      }
    } else {
      const std::string ret = "::heph::codegen::RpcCall<" + msg + ", " + ptype + ", " + ctx.ResultsType(m.method) + ">";
      if (expand) {
        cc += ret + " " + ref + "::" + method + "(" + ParamList(ctx, params, m.owner, mp.getName()) +
              ") const {\n  return " + ret + "(target_, " + ptype + "{" + ParamMoves(params) + "}, " +
              qualified + ");\n}\n";
      }
      if (by_struct) {
        cc += ret + " " + ref + "::" + method + "(" + ptype + " params) const {\n  return " + ret +
              "(target_, std::move(params), " + qualified + ");\n}\n";
      }
    }
  }
  cc += "\n";
}

}  // namespace heph::capnpc
