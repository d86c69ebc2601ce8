// Naming helpers of capnpc-heph: how schema names become C++ names (reserved
// words escaped, snake_case members, kConstants), capnpc-c++'s own spellings,
// and safe comment and literal text. Pure string functions, no schema access.
#ifndef HEPH_CODEGEN_GENERATOR_NAMES_H_
#define HEPH_CODEGEN_GENERATOR_NAMES_H_

#include <set>
#include <string>
#include <string_view>

namespace heph::capnpc {

// The names a generated name must not be: C++20 keywords, common C and POSIX
// macros, and the names the generated code itself uses.
const std::set<std::string>& ReservedWords();

// `name` with a trailing '_' if it is a reserved word.
std::string Escape(std::string name);

// A method's name in capnpc-c++'s output (its Server's virtual): capnpc-c++
// appends '_' to the C++11 keywords (its own list); other names stay.
std::string CapnpCppMethod(std::string name);

// someName -> some_name
std::string SnakeCase(const std::string& name);

// someName -> SomeName
std::string Capitalize(const std::string& name);

// fooBar -> kFooBar
std::string ConstantName(const std::string& name);

// fooBar -> foo_bar, escaped: a field of a value type.
std::string MemberName(const std::string& name);

// A method of a generated reference or handler; avoids the references' own
// members.
std::string MethodName(const std::string& name);

// fooBar -> FOO_BAR, as capnpc-c++ names enumerants, union tags and constants.
std::string UpperSnakeCase(const std::string& name);

// One line of a doc comment, made safe to end a `//` comment: the compiler
// must not read the next generated line as part of it. Control characters
// become \xNN (a lone \r would end the comment and turn the rest of the line
// into code; \f, \v and the like are not text), trailing blanks are dropped,
// and a line ending in a backslash or in the trigraph ??/ (a backslash before
// C++17, and -Wtrigraphs still warns about it) gets a '.' after it: g++ splices
// a line ending in `\` (even `\ `) with the next one (-Wcomment). `*/` and
// `/*` mean nothing in a `//` comment and stay as they are.
std::string CommentLine(std::string_view line);

// The doc comment, as `//` lines with `indent`.
std::string Comment(std::string_view text, const std::string& indent);

// A string literal. A '?' after a '?' is written \? so that no trigraph
// (??/, ??=, ...) appears: g++ ignores them in C++20 but warns (-Wtrigraphs).
std::string CString(std::string_view text);

// A float or double literal (NaN and infinities through std::numeric_limits).
std::string FloatLiteral(double v, bool is_float);

// `s` with every `from` replaced by `to`.
std::string Replace(std::string s, const std::string& from, const std::string& to);

// foo/bar.capnp -> foo/bar
std::string StripCapnp(std::string name);

// foo/bar -> bar
std::string Basename(const std::string& path);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_NAMES_H_
