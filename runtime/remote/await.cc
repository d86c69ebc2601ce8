#include "runtime/remote/await.h"

#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph::remote {

absl::Status StatusFromKj(const kj::Exception& e, std::string_view context) {
  absl::StatusCode code = absl::StatusCode::kUnknown;
  switch (e.getType()) {
    case kj::Exception::Type::DISCONNECTED: code = absl::StatusCode::kUnavailable; break;
    case kj::Exception::Type::OVERLOADED: code = absl::StatusCode::kResourceExhausted; break;
    case kj::Exception::Type::UNIMPLEMENTED: code = absl::StatusCode::kUnimplemented; break;
    case kj::Exception::Type::FAILED: code = absl::StatusCode::kUnknown; break;
  }
  std::string_view description(e.getDescription().cStr(), e.getDescription().size());
  if (context.empty()) return absl::Status(code, AsAbsl(description));
  return absl::Status(code, absl::StrCat(AsAbsl(context), ": ", AsAbsl(description)));
}

}  // namespace heph::remote
