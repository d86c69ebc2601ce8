// no_messages.h — the message type of actors that receive nothing.
//
//   heph::Async<absl::Status> Ticker(heph::Context<heph::NoMessages> ctx, int n) {
//     for (int i = 0; i < n; ++i) co_await heph::Sleep(absl::Seconds(1));
//     co_return absl::OkStatus();
//   }
//   heph::ActorRef<heph::NoMessages> t = runtime.spawn(heph::StopSupervisor{}, &Ticker, 3);
//
// No value of NoMessages exists, so nothing can be sent to such an actor; its
// reference still joins it, names it and reports is_connected(), and its
// receive_next() reports "no more messages" once no reference remains.
#ifndef HEPH_RUNTIME_ACTOR_NO_MESSAGES_H_
#define HEPH_RUNTIME_ACTOR_NO_MESSAGES_H_

namespace heph {

struct NoMessages {
  NoMessages() = delete;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_NO_MESSAGES_H_
