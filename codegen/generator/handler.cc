// The handlers of x.heph.h and their dispatch in x.heph.cc (see handler.h).
#include "codegen/generator/handler.h"

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

void EmitHandler(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc) {
  const std::string name = ctx.FlatName(iface);
  const std::string handler = name + "Handler";
  const std::string dispatch = handler + "_Dispatch";
  const std::string msg = name + "_Message";
  auto methods = ctx.AllMethods(iface);
  h += "// Serves " + Dotted(ctx.Chain(iface)) +
       " with one handler method per protocol method. Override, per method,\n"
       "// either the plain function (it runs to completion: no coroutine frame, and\n"
       "// cheap to compile) or the coroutine (to co_await inside: other actors,\n"
       "// timers, I/O); if both are overridden the plain one runs. The generated\n"
       "// dispatch replies with what each method returns, so no call goes unanswered;\n"
       "// a method overridden in neither form answers Unimplemented. An error from a\n"
       "// method with results goes to its caller; an error from a one-way method\n"
       "// ends Serve with that error (the supervisor decides what happens next).\n";
  h += "class " + handler + " {\n public:\n  virtual ~" + handler + "() = default;\n";
  for (const MethodInfo& m : methods) {
    const std::string method = MethodName(m.method.getProto().getName());
    const std::string params = ctx.ParamsType(m.method);
    h += "\n" + ctx.MemberDoc(m.owner.getProto().getId(), m.method.getIndex(), "  ");
    if (m.one_way) {
      h += "  // " + ctx.QualifiedMethod(m) + " (one-way): the plain function, or the coroutine.\n";
      h += "  virtual absl::Status " + method + "(" + params + "& params);\n";
      h += "  virtual ::heph::Async<absl::Status> " + method + "(" + params + " params);\n";
    } else {
      const std::string results = ctx.ResultsType(m.method);
      h += "  // " + ctx.QualifiedMethod(m) + ": the plain function (fills `results`), or the coroutine.\n";
      h += "  virtual absl::Status " + method + "(" + params + "& params, " + results + "& results);\n";
      h += "  virtual ::heph::Async<absl::StatusOr<" + results + ">> " + method + "(" + params +
           " params);\n";
    }
  }
  h += "\n  // Handles one message.\n";
  h += "  ::heph::Async<absl::Status> Handle(" + msg + " message);\n\n";
  h += "  // Handles messages until no reference to the actor remains, or a one-way\n";
  h += "  // method fails.\n";
  h += "  ::heph::Async<absl::Status> Serve(::heph::Context<" + msg + "> ctx);\n\n";
  h += " private:\n";
  h += "  // The dispatch (in the .heph.cc): one small function per method, chosen by\n";
  h += "  // the message's index. A plain method left as generated sets plain_missing_.\n";
  h += "  friend struct " + dispatch + ";\n";
  h += "  bool plain_missing_ = false;\n";
  h += "};\n\n";

  // The defaults: "not overridden", told apart from a real result.
  cc += "// " + handler + ": the defaults of its methods (a plain method not\n";
  cc += "// overridden sets plain_missing_; a coroutine not overridden gives no\n";
  cc += "// coroutine), the dispatch, and the serve loop.\n";
  for (const MethodInfo& m : methods) {
    const std::string method = MethodName(m.method.getProto().getName());
    const std::string params = ctx.ParamsType(m.method);
    if (m.one_way) {
      cc += "absl::Status " + handler + "::" + method + "(" + params + "&) {\n";
      cc += "  plain_missing_ = true;\n  return absl::OkStatus();\n}\n";
      cc += "::heph::Async<absl::Status> " + handler + "::" + method + "(" + params + ") { return {}; }\n";
    } else {
      const std::string results = ctx.ResultsType(m.method);
      cc += "absl::Status " + handler + "::" + method + "(" + params + "&, " + results + "&) {\n";
      cc += "  plain_missing_ = true;\n  return absl::OkStatus();\n}\n";
      cc += "::heph::Async<absl::StatusOr<" + results + ">> " + handler + "::" + method + "(" + params +
            ") { return {}; }\n";
    }
  }
  cc += "\n";
  // One Run (start the method) and one Complete (take a coroutine's result)
  // per method, in tables: no function grows with the protocol.
  cc += "struct " + dispatch + " {\n";
  cc += "  // Runs the method of `message`: a plain method to completion (the status\n";
  cc += "  // for Serve in `done`, a call answered), else gives its coroutine to await.\n";
  cc += "  using RunFn = ::heph::codegen::AnyAsync (*)(" + handler + "& h, " + msg +
        "& message, absl::Status& done);\n";
  cc += "  // After the coroutine: answers the call, or gives the one-way status.\n";
  cc += "  using CompleteFn = absl::Status (*)(" + msg + "& message, ::heph::codegen::AnyAsync& method);\n\n";
  for (size_t i = 0; i < methods.size(); ++i) {
    const MethodInfo& m = methods[i];
    const std::string method = MethodName(m.method.getProto().getName());
    const std::string params = ctx.ParamsType(m.method);
    const std::string member = "message.m" + std::to_string(i);
    const std::string n = std::to_string(i);
    const std::string missing = CString("not implemented: the handler overrides neither " + method + "(" +
                                        params + (m.one_way ? "&)" : "&, " + ctx.ResultsType(m.method) + "&)") +
                                        " nor " + method + "(" + params + ")");
    cc += "  // " + ctx.QualifiedMethod(m) + "\n";
    cc += "  static ::heph::codegen::AnyAsync Run" + n + "(" + handler + "& h, " + msg +
          "& message, absl::Status& done) {\n";
    cc += "    h.plain_missing_ = false;\n";
    if (m.one_way) {
      cc += "    absl::Status status = (h.*static_cast<absl::Status (" + handler + "::*)(" + params + "&)>(&" +
            handler + "::" + method + "))(" + member + ");\n";
      cc += "    if (!h.plain_missing_) {\n";
      cc += "      done = ::heph::codegen::Annotate(status, " + CString(ctx.QualifiedMethod(m)) + ");\n";
      cc += "      return {};\n    }\n";
      cc += "    ::heph::codegen::AnyAsync method(h." + method + "(std::move(" + member + ")));\n";
      cc += "    if (!method) done = absl::UnimplementedError(" +
            CString(ctx.QualifiedMethod(m) + ": ") + " " + missing + ");\n";
      cc += "    return method;\n  }\n";
    } else {
      const std::string results = ctx.ResultsType(m.method);
      cc += "    {\n      " + results + " results;\n";
      cc += "      absl::Status status = h." + method + "(" + member + ".params, results);\n";
      cc += "      if (!h.plain_missing_) {\n";
      cc += "        if (status.ok()) {\n          " + member + ".responder.respond(std::move(results));\n";
      cc += "        } else {\n          " + member + ".responder.respond(std::move(status));\n        }\n";
      cc += "        return {};\n      }\n    }\n";
      cc += "    ::heph::codegen::AnyAsync method(h." + method + "(std::move(" + member + ".params)));\n";
      cc += "    if (!method) " + member + ".responder.respond(absl::UnimplementedError(" + missing + "));\n";
      cc += "    (void)done;\n    return method;\n  }\n";
    }
    cc += "  static absl::Status Complete" + n + "(" + msg + "& message, ::heph::codegen::AnyAsync& method) {\n";
    if (m.one_way) {
      cc += "    (void)message;\n";
      cc += "    return ::heph::codegen::Annotate(method.take<absl::Status>(), " + CString(ctx.QualifiedMethod(m)) +
            ");\n  }\n";
    } else {
      cc += "    " + member + ".responder.respond(method.take<absl::StatusOr<" + ctx.ResultsType(m.method) +
            ">>());\n    return absl::OkStatus();\n  }\n";
    }
  }
  if (methods.empty()) {
    cc += "  static ::heph::codegen::AnyAsync Run(" + handler + "&, " + msg + "&, absl::Status&) {\n";
    cc += "    __builtin_unreachable();  // no methods: no message exists\n  }\n";
    cc += "  static absl::Status Complete(" + msg + "&, ::heph::codegen::AnyAsync&) {\n";
    cc += "    return absl::OkStatus();  // no methods: no message exists\n  }\n";
  } else {
    cc += "\n  static constexpr RunFn kRun[] = {\n";
    for (size_t i = 0; i < methods.size(); ++i) cc += "      &Run" + std::to_string(i) + ",\n";
    cc += "  };\n  static constexpr CompleteFn kComplete[] = {\n";
    for (size_t i = 0; i < methods.size(); ++i) cc += "      &Complete" + std::to_string(i) + ",\n";
    cc += "  };\n";
    cc += "  static ::heph::codegen::AnyAsync Run(" + handler + "& h, " + msg +
          "& message, absl::Status& done) {\n    return kRun[message.index()](h, message, done);\n  }\n";
    cc += "  static absl::Status Complete(" + msg + "& message, ::heph::codegen::AnyAsync& method) {\n";
    cc += "    return kComplete[message.index()](message, method);\n  }\n";
  }
  cc += "};\n\n";
  cc += "::heph::Async<absl::Status> " + handler + "::Handle(" + msg + " message) {\n";
  cc += "  absl::Status status;\n";
  cc += "  ::heph::codegen::AnyAsync method = " + dispatch + "::Run(*this, message, status);\n";
  cc += "  if (method) {\n    co_await method;\n    status = " + dispatch + "::Complete(message, method);\n  }\n";
  cc += "  co_return status;\n}\n\n";
  cc += "::heph::Async<absl::Status> " + handler + "::Serve(::heph::Context<" + msg + "> ctx) {\n";
  cc += "  while (::heph::Received<" + msg + "> message = co_await ctx.receive_next()) {\n";
  cc += "    absl::Status status;\n";
  cc += "    ::heph::codegen::AnyAsync method = " + dispatch + "::Run(*this, *message, status);\n";
  cc += "    if (method) {\n      co_await method;\n      status = " + dispatch + "::Complete(*message, method);\n    }\n";
  cc += "    if (!status.ok()) co_return status;\n";
  cc += "  }\n  co_return absl::OkStatus();\n}\n\n";
}

}  // namespace heph::capnpc
