// A TU with the generated 20-method Wide protocol and an actor implementing
// it in the handler style (bench/codegen_compile_time.sh).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/codegen/wide.heph.h"
#include "runtime/actor/actor.h"

namespace {

using bench::actors::Wide;

class WideImpl final : public Wide::Handler {
 public:
  heph::Async<absl::StatusOr<Wide::Call0Results>> call0(Wide::Call0Params p) override {
    count_ += p.tag;
    Wide::Call0Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call1Results>> call1(Wide::Call1Params p) override {
    count_ += p.tag;
    Wide::Call1Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call2Results>> call2(Wide::Call2Params p) override {
    count_ += p.tag;
    Wide::Call2Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::Status> notify3(Wide::Notify3Params p) override {
    count_ += p.tag;
    co_return absl::OkStatus();
  }
  heph::Async<absl::StatusOr<Wide::Call4Results>> call4(Wide::Call4Params p) override {
    count_ += p.tag;
    Wide::Call4Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call5Results>> call5(Wide::Call5Params p) override {
    count_ += p.tag;
    Wide::Call5Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call6Results>> call6(Wide::Call6Params p) override {
    count_ += p.tag;
    Wide::Call6Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::Status> notify7(Wide::Notify7Params p) override {
    count_ += p.tag;
    co_return absl::OkStatus();
  }
  heph::Async<absl::StatusOr<Wide::Call8Results>> call8(Wide::Call8Params p) override {
    count_ += p.tag;
    Wide::Call8Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call9Results>> call9(Wide::Call9Params p) override {
    count_ += p.tag;
    Wide::Call9Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call10Results>> call10(Wide::Call10Params p) override {
    count_ += p.tag;
    Wide::Call10Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::Status> notify11(Wide::Notify11Params p) override {
    count_ += p.tag;
    co_return absl::OkStatus();
  }
  heph::Async<absl::StatusOr<Wide::Call12Results>> call12(Wide::Call12Params p) override {
    count_ += p.tag;
    Wide::Call12Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call13Results>> call13(Wide::Call13Params p) override {
    count_ += p.tag;
    Wide::Call13Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call14Results>> call14(Wide::Call14Params p) override {
    count_ += p.tag;
    Wide::Call14Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::Status> notify15(Wide::Notify15Params p) override {
    count_ += p.tag;
    co_return absl::OkStatus();
  }
  heph::Async<absl::StatusOr<Wide::Call16Results>> call16(Wide::Call16Params p) override {
    count_ += p.tag;
    Wide::Call16Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call17Results>> call17(Wide::Call17Params p) override {
    count_ += p.tag;
    Wide::Call17Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::StatusOr<Wide::Call18Results>> call18(Wide::Call18Params p) override {
    count_ += p.tag;
    Wide::Call18Results r;
    r.value = std::move(p.value);
    r.count = count_;
    co_return r;
  }
  heph::Async<absl::Status> notify19(Wide::Notify19Params p) override {
    count_ += p.tag;
    co_return absl::OkStatus();
  }

 private:
  std::uint64_t count_ = 0;
};

}  // namespace

heph::Async<absl::Status> WideActor(heph::Context<Wide::Message> ctx) {
  WideImpl impl;
  co_return co_await impl.Serve(ctx);
}
