#include "runtime/remote/bridge.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph::remote {

kj::Exception KjFromStatus(const absl::Status& status) {
  kj::Exception::Type type = kj::Exception::Type::FAILED;
  if (absl::IsUnimplemented(status)) type = kj::Exception::Type::UNIMPLEMENTED;
  if (absl::IsResourceExhausted(status)) type = kj::Exception::Type::OVERLOADED;
  std::string description =
      absl::StrCat(absl::StatusCodeToString(status.code()), ": ", status.message());
  return kj::Exception(type, __FILE__, __LINE__, kj::heapString(description.data(), description.size()));
}

absl::Status WithoutMethod(const absl::Status& status, std::string_view method) {
  std::string_view message(status.message().data(), status.message().size());
  if (message.size() > method.size() + 1 && message.substr(0, method.size()) == method &&
      message.substr(method.size(), 2) == ": ") {
    message.remove_prefix(method.size() + 2);
  }
  return absl::Status(status.code(), AsAbsl(message));
}

absl::Status ForwardedCallError(const kj::Exception& e, const std::string& peer) {
  if (e.getType() == kj::Exception::Type::DISCONNECTED) return StatusFromKj(e);
  return StatusFromKj(e, peer);
}

void DropOneWay(std::string_view why, const std::string& peer) {
  std::fprintf(stderr, "heph::remote: dropped a message to %s: %.*s\n", peer.c_str(),
               static_cast<int>(why.size()), why.data());
}

namespace internal {

Async<absl::Status> RunBridgeSend(Context<NoMessages>, Async<absl::Status> send,
                                  kj::Own<kj::PromiseFulfiller<void>> done) {
  absl::Status status = co_await std::move(send);
  if (done->isWaiting()) {
    if (status.ok()) {
      done->fulfill();
    } else {
      done->reject(KjFromStatus(status));
    }
  }
  co_return absl::OkStatus();
}

class ProxyState::Errors : public kj::TaskSet::ErrorHandler {
 public:
  explicit Errors(ProxyState& state) : state_(state) {}
  // Only if a continuation above threw: stop as for a refusal.
  void taskFailed(kj::Exception&&) override { state_.stop(); }

 private:
  ProxyState& state_;
};

ProxyState::ProxyState(RpcConnection* connection, std::uint32_t limit,
                       std::function<void()> on_stop)
    : limit_(limit == 0 ? 1 : limit),
      on_stop_(std::move(on_stop)),
      errors_(std::make_unique<Errors>(*this)),
      tasks_(kj::heap<kj::TaskSet>(*errors_)) {
  if (connection != nullptr) {
    watch_ = connection->on_disconnect().then([this] { stop(); }).eagerlyEvaluate(nullptr);
  }
}

ProxyState::~ProxyState() {
  watch_ = nullptr;
  tasks_ = nullptr;  // cancels what is still in flight (before errors_ goes)
}

void ProxyState::add(kj::Promise<void> call) {
  ++in_flight_;
  // A rejected call is a one-way message the peer refused: stop.
  tasks_->add(call.then([this] { call_ended(); },
                        [this](kj::Exception&&) {
                          call_ended();
                          stop();
                        }));
}

void ProxyState::call_ended() {
  --in_flight_;
  if (room_.get() != nullptr && room_->isWaiting()) room_->fulfill();
}

void ProxyState::stop() {
  if (stopped_) return;
  stopped_ = true;
  if (room_.get() != nullptr && room_->isWaiting()) room_->fulfill();
  if (on_stop_) on_stop_();
}

kj::Promise<void> ProxyState::room() {
  if (!full() || stopped_) return kj::READY_NOW;
  auto paf = kj::newPromiseAndFulfiller<void>();
  room_ = kj::mv(paf.fulfiller);
  return kj::mv(paf.promise);
}

kj::Promise<void> ProxyState::all_done() {
  if (tasks_->isEmpty()) return kj::READY_NOW;
  return tasks_->onEmpty();
}

}  // namespace internal

kj::Promise<void> RunOnActor(Async<absl::Status> send) {
  auto paf = kj::newPromiseAndFulfiller<void>();
  Spawn(*Scheduler::current(), SpawnOptions{.name = "remote call"}, SilentStopSupervisor{},
        &internal::RunBridgeSend, std::move(send), kj::mv(paf.fulfiller));
  return kj::mv(paf.promise);
}

}  // namespace heph::remote
