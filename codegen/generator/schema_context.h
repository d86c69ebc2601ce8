// The state every emitter of capnpc-heph shares, and the lookups over it:
// the request's schemas (a SchemaLoader), their doc comments and the names
// of methods' parameter and result structs; the file being generated with
// its declarations; the C++ names of schema nodes (in the generated code and
// in capnpc-c++'s), the C++ types of fields, a protocol's methods; and
// errors located in the schema's source (GenError, Site).
#ifndef HEPH_CODEGEN_GENERATOR_SCHEMA_CONTEXT_H_
#define HEPH_CODEGEN_GENERATOR_SCHEMA_CONTEXT_H_

#include <capnp/schema-loader.h>
#include <capnp/schema.capnp.h>
#include <capnp/schema.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace heph::capnpc {

using TypeWhich = capnp::schema::Type::Which;

// The discriminant of a field outside any union.
inline constexpr std::uint16_t kNoDiscriminant = 0xffff;

// An unsupported or invalid schema element: "file:line: error: message".
struct GenError {
  std::string file;
  int line;
  std::string message;
};

// A schema element, located for errors.
struct Site {
  std::string element;  // Counter.add
  std::string file;
  int line = 0;
  std::string Where() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

// A method of a protocol (an interface with its bases).
struct MethodInfo {
  capnp::InterfaceSchema::Method method;
  capnp::InterfaceSchema owner;  // the interface declaring it
  bool one_way;
};

// Whether a method has no results (or streams): it is sent, not called.
bool IsOneWay(capnp::InterfaceSchema::Method m);

// True if the method's params are best passed field by field.
bool ExpandParams(capnp::StructSchema params);

// A scope chain (see SchemaContext::Chain) as a dotted name: Outer.Inner.
std::string Dotted(const std::vector<std::string>& chain);

class SchemaContext {
 public:
  // Loads the request's schemas. Throws GenError for a bad HEPH_CAPNPC_CPP.
  explicit SchemaContext(capnp::schema::CodeGeneratorRequest::Reader request);

  // Whether capnpc-c++ runs on the same schemas (HEPH_CAPNPC_CPP).
  bool capnp_cpp() const { return capnp_cpp_; }
  const capnp::SchemaLoader& loader() const { return loader_; }
  // Method parameter and result structs (implicit ones: `(a :T) -> (b :U)`)
  // -> their names, Interface_MethodParams and Interface_MethodResults.
  const std::map<std::uint64_t, std::string>& param_names() const { return param_names_; }

  // ---- the file being generated ----

  // Makes `file` the file being generated and collects its declarations.
  // Throws GenError for unsupported ones (generics).
  void BeginFile(capnp::Schema file);
  capnp::Schema file() const { return file_; }
  const std::string& file_display() const { return file_display_; }
  const std::vector<capnp::StructSchema>& structs() const { return structs_; }
  const std::vector<capnp::EnumSchema>& enums() const { return enums_; }
  const std::vector<capnp::InterfaceSchema>& interfaces() const { return interfaces_; }
  const std::vector<capnp::ConstSchema>& consts() const { return consts_; }
  // The other files whose types TypeName has named (the includes needed).
  const std::set<std::uint64_t>& used_files() const { return used_files_; }
  // Prefixes TypeName's names of this file's types ("actors::" in the
  // conversions, which live in capnpc-c++'s namespace).
  void set_local_prefix(std::string prefix) { local_prefix_ = std::move(prefix); }
  // The file's structs in an order where each comes after the structs it
  // holds. Throws GenError for a recursive struct held by value.
  std::vector<capnp::StructSchema> SortStructs();

  // ---- locating and naming nodes ----

  // The file declaring `s` (a method's parameter struct: its interface's).
  capnp::Schema FileOf(capnp::Schema s);
  // The C++ namespace of the generated code of `file`: ns::actors.
  std::string Namespace(capnp::Schema file);
  // Outer.Inner -> Outer_Inner; groups are capitalized; method param structs
  // are Interface_MethodParams.
  std::string FlatName(capnp::Schema s);
  // The C++ name of a type node, qualified if it lives in another file.
  std::string TypeName(capnp::Schema s, const std::string& suffix = "");
  // The capnpc-c++ name: ::ns::Outer::Inner.
  std::string ConvertName(capnp::Schema s);
  // `using Inner = Outer_Inner;` for the types nested in `s` (and InnerRef,
  // InnerHandler for an interface), and the aliases of its groups.
  std::string NestedAliases(capnp::Schema s, const std::string& indent);
  // The doc comment of a node, or of its member `index`, as `//` lines.
  std::string Doc(std::uint64_t id, const std::string& indent);
  std::string MemberDoc(std::uint64_t id, unsigned index, const std::string& indent);

  // ---- types ----

  // The C++ type of a field or list element; scope, member and ordinal name
  // it for errors.
  std::string CppType(capnp::Type type, capnp::Schema scope, const std::string& member, int ordinal);
  // Methods of an interface and all its bases, bases first, each once.
  std::vector<MethodInfo> AllMethods(capnp::InterfaceSchema iface);
  // Every interface `iface` extends, directly or not.
  std::set<std::uint64_t> AllBases(capnp::InterfaceSchema iface);
  std::string ParamsType(capnp::InterfaceSchema::Method m);
  std::string ResultsType(capnp::InterfaceSchema::Method m);
  // A received call of a method with results: Interface_MethodCall.
  std::string CallType(const MethodInfo& m);
  // The payload a method has in its protocol's message.
  std::string AlternativeType(const MethodInfo& m);
  // Interface.method
  std::string QualifiedMethod(const MethodInfo& m);

  // ---- errors ----

  // The scope chain of a node (names from the file scope inward), for
  // locating it in the source, and for Dotted.
  std::vector<std::string> Chain(capnp::Schema s);
  // Stops the generator with an error at `scope`, or at its member `member`
  // (with its ordinal, or -1).
  [[noreturn]] void Fail(capnp::Schema scope, const std::string& member, int ordinal, const std::string& reason);
  // `scope` itself, or its member `member` (with its ordinal, or -1).
  Site SiteOf(capnp::Schema scope, const std::string& member = "", int ordinal = -1);
  Site SiteOf(const MethodInfo& m);
  Site SiteOf(capnp::StructSchema::Field field);

 private:
  void Collect(capnp::Schema s);
  int FindLine(const std::vector<std::string>& chain);
  int FindLine(capnp::Schema file, const std::vector<std::string>& chain);

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
};

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_SCHEMA_CONTEXT_H_
