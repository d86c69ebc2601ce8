// messages.h — standard messages for common protocols (as Heph's).
//
//   using Job = std::variant<heph::messages::Start, Work, heph::messages::Cancel>;
//   heph::ActorRef<Job> worker = ...;
//   worker.try_send(heph::messages::Start{});
//   co_await parent.rpc<heph::messages::Ack>(heph::messages::Done{});  // or as a response type
//
// Each is an empty, comparable value type: protocols name what they mean
// without inventing one-off structs. Terminate asks an actor to end (the
// runtime's exit signals are heph::Signal values: IsExitSignal in
// runtime/rt/runtime.h tells them apart).
#ifndef HEPH_RUNTIME_ACTOR_MESSAGES_H_
#define HEPH_RUNTIME_ACTOR_MESSAGES_H_

namespace heph::messages {

// Begin the work (e.g. sent once after spawning a group).
struct Start {
  friend bool operator==(Start, Start) = default;
};
// Acknowledge a message or request (a typical rpc response).
struct Ack {
  friend bool operator==(Ack, Ack) = default;
};
// The work is done (sent back to whoever started it).
struct Done {
  friend bool operator==(Done, Done) = default;
};
// Stop the current work, keep running.
struct Cancel {
  friend bool operator==(Cancel, Cancel) = default;
};
// End: finish what is needed and return from the actor.
struct Terminate {
  friend bool operator==(Terminate, Terminate) = default;
};

}  // namespace heph::messages

#endif  // HEPH_RUNTIME_ACTOR_MESSAGES_H_
