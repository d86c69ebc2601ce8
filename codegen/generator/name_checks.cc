// The checks of generated names (see name_checks.h).
#include "codegen/generator/name_checks.h"

#include <capnp/schema.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include "codegen/generator/names.h"
#include "codegen/generator/schema_context.h"

namespace heph::capnpc {
namespace {

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

// Method names capnpc-c++ 0.9.2 emits unchanged (as `virtual
// ::kj::Promise<void> name(NameContext)` in I::Server) although they do not
// compile there: C++20 keywords it does not know, and function-like macros
// of the C library (assert with <cassert>, makedev with <sys/sysmacros.h>).
// Found by running capnpc-c++ on a method, a field and an enumerant named
// after every C++20 keyword, and on a method named after each lowercase
// macro of ReservedWords (names.cc), and compiling its output: only these
// method names broke it. (Names that are C library macros break it too:
// IsCLibraryMacro.) capnpc-heph's own names for them get a trailing _, like
// every reserved word.
const char* CapnpCppBreaks(const std::string& method) {
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
bool IsCLibraryMacro(const std::string& name) {
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

// `using Inner = Outer_Inner;` (and InnerRef, InnerHandler for an
// interface) for the types nested in `s`, and the aliases of its groups.
void ClaimNestedAliases(SchemaContext& ctx, NameScope& scope, capnp::Schema s) {
  for (auto nested : s.getProto().getNestedNodes()) {
    auto n = ctx.loader().get(nested.getId());
    if (n.getProto().isAnnotation() || n.getProto().isConst()) continue;
    const std::string name = Escape(Capitalize(nested.getName()));
    scope.Claim(name, ctx.SiteOf(n), "alias");
    if (n.getProto().isInterface()) {
      scope.Claim(name + "Ref", ctx.SiteOf(n), "reference alias");
      scope.Claim(name + "Handler", ctx.SiteOf(n), "handler alias");
    }
  }
  if (!s.getProto().isStruct()) return;
  for (auto field : s.asStruct().getFields()) {
    if (field.getProto().isGroup()) {
      scope.Claim(Escape(Capitalize(field.getProto().getName())), ctx.SiteOf(field), "group alias");
    }
  }
}

}  // namespace

void CheckNames(SchemaContext& ctx) {
  NameScope ns(ctx.Namespace(ctx.file()) + "::");
  for (auto e : ctx.enums()) ns.Claim(ctx.FlatName(e), ctx.SiteOf(e), "enum");
  for (auto s : ctx.structs()) {
    const auto id = s.getProto().getId();
    std::string what = "struct";
    if (s.getProto().getStruct().getIsGroup()) what = "group struct";
    if (auto it = ctx.param_names().find(id); it != ctx.param_names().end()) {
      what = it->second.ends_with("Params") ? "parameters struct" : "results struct";
    }
    ns.Claim(ctx.FlatName(s), ctx.SiteOf(s), what);
  }
  for (auto c : ctx.consts()) {
    auto scope = ctx.loader().get(c.getProto().getScopeId());
    const std::string display = c.getProto().getDisplayName();
    const std::string short_name = display.substr(display.find_last_of(".:") + 1);
    const bool nested = scope.getProto().isStruct() || scope.getProto().isInterface();
    ns.Claim((nested ? ctx.FlatName(scope) + "_" : "") + ConstantName(short_name), ctx.SiteOf(c), "constant");
  }
  for (auto iface : ctx.interfaces()) {
    const std::string name = ctx.FlatName(iface);
    const Site site = ctx.SiteOf(iface);
    ns.Claim(name, site, "protocol struct");
    ns.Claim(name + "Ref", site, "reference class");
    ns.Claim(name + "Handler", site, "handler class");
    ns.Claim(name + "Handler_Dispatch", site, "handler's dispatch (in the .heph.cc)");
    ns.Claim(name + "_Message", site, "message type");
    for (auto method : iface.getMethods()) {
      if (IsOneWay(method)) continue;
      const MethodInfo m{method, iface, false};
      ns.Claim(name + "_" + Capitalize(method.getProto().getName()) + "Call", ctx.SiteOf(m), "call type");
    }
  }

  // Value structs: fields, `which` and `Which`, aliases of nested types.
  for (auto s : ctx.structs()) {
    NameScope scope(ctx.FlatName(s) + "::");
    ClaimNestedAliases(ctx, scope, s);
    for (auto field : s.getFields()) scope.Claim(MemberName(field.getProto().getName()), ctx.SiteOf(field), "field");
    if (s.getUnionFields().size() > 0) {
      scope.Reserve("which", "the member saying which union member is set");
      scope.Reserve("Which", "the enum of the union's members");
    }
  }

  for (auto iface : ctx.interfaces()) {
    const std::string name = ctx.FlatName(iface);
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
    ClaimNestedAliases(ctx, protocol, iface);
    for (auto method : iface.getMethods()) {
      const MethodInfo m{method, iface, IsOneWay(method)};
      const std::string cap = Capitalize(method.getProto().getName());
      protocol.Claim(cap + "Params", ctx.SiteOf(m), "parameters alias");
      if (!m.one_way) {
        protocol.Claim(cap + "Results", ctx.SiteOf(m), "results alias");
        protocol.Claim(cap + "Call", ctx.SiteOf(m), "call alias");
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
    for (const MethodInfo& m : ctx.AllMethods(iface)) {
      const std::string method = MethodName(m.method.getProto().getName());
      ref.Claim(method, ctx.SiteOf(m), "method");
      if (m.one_way) ref.Claim("try_" + SnakeCase(m.method.getProto().getName()), ctx.SiteOf(m), "try_ method (one-way, without waiting)");
      handler.Claim(method, ctx.SiteOf(m), "method");
    }
  }
}

void CheckCapnpCppNames(SchemaContext& ctx) {
  if (!ctx.capnp_cpp()) return;
  const std::string fix =
      ", so its output would not compile; rename it, or set capnp_cpp = False on the "
      "heph_cc_actor_library (HEPH_CAPNPC_CPP=0 when running capnp compile by hand)";
  auto check_type = [&](capnp::Schema s) {
    const std::string display = s.getProto().getDisplayName();
    const std::string name = display.substr(display.find_last_of(".:") + 1);
    if (IsCLibraryMacro(name)) {
      ctx.Fail(s, "", -1, "capnpc-c++ 0.9.2 names the type " + name + " as it is, and " + name +
                              " is a C library macro" + fix);
    }
  };
  auto check_upper = [&](capnp::Schema scope, const std::string& member, int ordinal, const std::string& what) {
    const std::string upper = UpperSnakeCase(member);
    if (IsCLibraryMacro(upper)) {
      ctx.Fail(scope, member, ordinal, "capnpc-c++ 0.9.2 writes the " + what + " " + member + " as " + upper +
                                           ", a C library macro" + fix);
    }
  };
  for (auto e : ctx.enums()) {
    check_type(e);
    for (auto enumerant : e.getEnumerants()) {
      check_upper(e, enumerant.getProto().getName(), enumerant.getOrdinal(), "enumerant");
    }
  }
  for (auto s : ctx.structs()) {
    const bool named_type = !s.getProto().getStruct().getIsGroup() && ctx.param_names().count(s.getProto().getId()) == 0;
    if (named_type) check_type(s);
    for (auto field : s.getUnionFields()) {
      auto fp = field.getProto();
      check_upper(s, fp.getName(), fp.getOrdinal().isExplicit() ? fp.getOrdinal().getExplicit() : -1,
                  "union member");
    }
  }
  for (auto c : ctx.consts()) {
    const std::string display = c.getProto().getDisplayName();
    const std::string name = display.substr(display.find_last_of(".:") + 1);
    const std::string upper = UpperSnakeCase(name);
    if (IsCLibraryMacro(upper)) {
      ctx.Fail(c, "", -1, "capnpc-c++ 0.9.2 writes the constant " + name + " as " + upper + ", a C library macro" + fix);
    }
  }
  for (auto iface : ctx.interfaces()) {
    check_type(iface);
    for (auto method : iface.getMethods()) {
      const std::string name = method.getProto().getName();
      if (const char* what = CapnpCppBreaks(name)) {
        ctx.Fail(iface, name, static_cast<int>(method.getIndex()),
                 "`" + name + "` is " + what +
                     " that capnpc-c++ 0.9.2 emits as a method name unchanged, so its output would not "
                     "compile; rename the method, or set capnp_cpp = False on the heph_cc_actor_library "
                     "(HEPH_CAPNPC_CPP=0 when running capnp compile by hand)");
      }
    }
  }
}

}  // namespace heph::capnpc
