// errors.h — the statuses the actor core returns, and how to tell them apart.
//
// Every error names the actor (and, for generated protocols, the method).
//   - Full:         the inbox is full (try_send only).     kResourceExhausted
//   - Disconnected: the actor has stopped.                 kFailedPrecondition
//   - SendFailed:   an RPC request could not be delivered.  kUnavailable
//   - NoResponse:   the responder dropped the reply slot.   kAborted
#ifndef HEPH_RUNTIME_ACTOR_ERRORS_H_
#define HEPH_RUNTIME_ACTOR_ERRORS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace heph {

// Debian's Abseil is built with its own string_view type: convert explicitly.
inline absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

enum class SendError { kFull, kDisconnected };

inline absl::Status FullError(std::string_view actor) {
  return absl::ResourceExhaustedError(absl::StrCat("inbox of actor '", AsAbsl(actor), "' is full"));
}
inline absl::Status DisconnectedError(std::string_view actor) {
  return absl::FailedPreconditionError(absl::StrCat("actor '", AsAbsl(actor), "' has stopped"));
}
inline absl::Status SendFailedError(std::string_view actor) {
  return absl::UnavailableError(
      absl::StrCat("rpc to actor '", AsAbsl(actor), "' failed: the request could not be sent"));
}
inline absl::Status NoResponseError(std::string_view actor) {
  return absl::AbortedError(
      absl::StrCat("rpc to actor '", AsAbsl(actor), "' got no response: the responder dropped it"));
}

inline bool IsFull(const absl::Status& s) { return absl::IsResourceExhausted(s); }
inline bool IsDisconnected(const absl::Status& s) { return absl::IsFailedPrecondition(s); }
inline bool IsSendFailed(const absl::Status& s) { return absl::IsUnavailable(s); }
inline bool IsNoResponse(const absl::Status& s) { return absl::IsAborted(s); }

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ERRORS_H_
