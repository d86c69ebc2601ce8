// counter_impl.h — the Counter actor of the examples (handler style), shared
// by the local example (counter.cc) and the remote one
// (examples/remote_counter/server.cc).
#ifndef HEPH_EXAMPLES_COUNTER_COUNTER_IMPL_H_
#define HEPH_EXAMPLES_COUNTER_COUNTER_IMPL_H_

#include <cstdint>

#include "absl/status/status.h"
#include "examples/counter/counter.heph.h"

namespace examples::counter {

// Handler style: one method per protocol method; the generated Serve loop
// replies. Each may be a plain function (as here: nothing to wait for) or a
// coroutine returning heph::Async<...> (to co_await inside).
class CounterImpl final : public actors::Counter::Handler {
 public:
  absl::Status add(actors::Counter::AddParams& params) override {
    total_ += params.amount;
    return absl::OkStatus();
  }
  absl::Status get(actors::Counter::GetParams&, actors::Counter::GetResults& results) override {
    results.value = total_;
    return absl::OkStatus();
  }

 private:
  std::uint64_t total_ = 0;
};

}  // namespace examples::counter

#endif  // HEPH_EXAMPLES_COUNTER_COUNTER_IMPL_H_
