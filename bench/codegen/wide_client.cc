// A TU with the generated 20-method Wide protocol and a client calling every
// method through a WideRef (bench/codegen_compile_time.sh).
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/codegen/wide.heph.h"
#include "runtime/actor/actor.h"

using bench::actors::WideRef;

heph::Async<absl::Status> WideClient(heph::Context<int>, WideRef wide) {
  {
    auto r = co_await wide.call0(std::uint64_t{}, 0);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call1(std::string{}, 1);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call2(std::vector<std::int32_t>{}, 2);
    if (!r.ok()) co_return r.status();
  }
  if (absl::Status s = co_await wide.notify3(std::vector<std::uint8_t>{}, 3); !s.ok()) co_return s;
  {
    auto r = co_await wide.call4(double{}, 4);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call5(std::uint64_t{}, 5);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call6(std::string{}, 6);
    if (!r.ok()) co_return r.status();
  }
  if (absl::Status s = co_await wide.notify7(std::vector<std::int32_t>{}, 7); !s.ok()) co_return s;
  {
    auto r = co_await wide.call8(std::vector<std::uint8_t>{}, 8);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call9(double{}, 9);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call10(std::uint64_t{}, 10);
    if (!r.ok()) co_return r.status();
  }
  if (absl::Status s = co_await wide.notify11(std::string{}, 11); !s.ok()) co_return s;
  {
    auto r = co_await wide.call12(std::vector<std::int32_t>{}, 12);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call13(std::vector<std::uint8_t>{}, 13);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call14(double{}, 14);
    if (!r.ok()) co_return r.status();
  }
  if (absl::Status s = co_await wide.notify15(std::uint64_t{}, 15); !s.ok()) co_return s;
  {
    auto r = co_await wide.call16(std::string{}, 16);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call17(std::vector<std::int32_t>{}, 17);
    if (!r.ok()) co_return r.status();
  }
  {
    auto r = co_await wide.call18(std::vector<std::uint8_t>{}, 18);
    if (!r.ok()) co_return r.status();
  }
  if (absl::Status s = co_await wide.notify19(double{}, 19); !s.ok()) co_return s;
  co_return absl::OkStatus();
}
