#include "runtime/remote/await.h"

#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph::remote {
namespace {

// "NOT_FOUND: no such key" (KjFromStatus, bridge.h) -> kNotFound and the
// rest; false if `description` does not start with a code's name.
bool TakeCodeName(std::string_view& description, absl::StatusCode& code) {
  for (int c = 1; c <= 16; ++c) {
    const std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(c));
    if (description.size() > name.size() + 1 && description.substr(0, name.size()) == name &&
        description.substr(name.size(), 2) == ": ") {
      description.remove_prefix(name.size() + 2);
      code = static_cast<absl::StatusCode>(c);
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Status StatusFromKj(const kj::Exception& e, std::string_view context) {
  absl::StatusCode code = absl::StatusCode::kUnknown;
  switch (e.getType()) {
    case kj::Exception::Type::DISCONNECTED: code = absl::StatusCode::kUnavailable; break;
    case kj::Exception::Type::OVERLOADED: code = absl::StatusCode::kResourceExhausted; break;
    case kj::Exception::Type::UNIMPLEMENTED: code = absl::StatusCode::kUnimplemented; break;
    case kj::Exception::Type::FAILED: code = absl::StatusCode::kUnknown; break;
  }
  std::string_view description(e.getDescription().cStr(), e.getDescription().size());
  // capnp's RPC prefixes what a peer threw; a Heph peer put the code's name
  // first. The prefix stays when the rest carries no code (a foreign peer).
  constexpr std::string_view kRemote = "remote exception: ";
  std::string_view rest = description;
  if (rest.substr(0, kRemote.size()) == kRemote) rest.remove_prefix(kRemote.size());
  if (TakeCodeName(rest, code)) description = rest;
  if (context.empty()) return absl::Status(code, AsAbsl(description));
  return absl::Status(code, absl::StrCat(AsAbsl(context), ": ", AsAbsl(description)));
}

}  // namespace heph::remote
