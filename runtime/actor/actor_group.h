// actor_group.h — ActorGroup<M>: a set of references to send to as one.
//
//   heph::ActorGroup<Job> workers;
//   workers.add(a); workers.add(b);        // duplicates are ignored
//   workers.try_send_to_one(job);          // round robin over the members
//   workers.try_send_to_all(ping);         // a copy to every member
//   co_await workers.join_all();
//
// Not thread-safe: own it from one actor (copy it to share).
#ifndef HEPH_RUNTIME_ACTOR_ACTOR_GROUP_H_
#define HEPH_RUNTIME_ACTOR_ACTOR_GROUP_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/async.h"

namespace heph {

template <class M>
class ActorGroup {
 public:
  ActorGroup() = default;

  // Adds `ref` unless a member already sends to the same actor.
  // Returns true if it was added.
  bool add(ActorRef<M> ref) {
    for (const ActorRef<M>& member : members_) {
      if (member.sends_to(ref)) return false;
    }
    members_.push_back(std::move(ref));
    return true;
  }

  // Removes every member that sends to the same actor as `ref`.
  void remove(const ActorRef<M>& ref) {
    std::erase_if(members_, [&](const ActorRef<M>& m) { return m.sends_to(ref); });
  }
  // Removes members whose actor has stopped.
  void remove_disconnected() {
    std::erase_if(members_, [](const ActorRef<M>& m) { return !m.is_connected(); });
  }

  std::size_t size() const { return members_.size(); }
  bool empty() const { return members_.empty(); }
  const std::vector<ActorRef<M>>& members() const { return members_; }

  // Sends to the next member in round-robin order, skipping members whose
  // inbox is full or whose actor stopped. Fails (Full or Disconnected, from the
  // last member tried) only if no member accepted it.
  absl::Status try_send_to_one(M message) {
    if (members_.empty()) return absl::FailedPreconditionError("actor group is empty");
    absl::Status last;
    for (std::size_t tries = 0; tries < members_.size(); ++tries) {
      const ActorRef<M>& member = members_[next_++ % members_.size()];
      SendError error;
      if (member.try_push(message, error)) return absl::OkStatus();
      last = error == SendError::kFull ? FullError(member.name()) : DisconnectedError(member.name());
    }
    return last;
  }

  // Sends a copy to every member. Returns the first error, after trying all.
  absl::Status try_send_to_all(const M& message) {
    absl::Status first;
    for (const ActorRef<M>& member : members_) {
      absl::Status s = member.try_send(M(message)).status();
      if (first.ok() && !s.ok()) first = s;
    }
    return first;
  }

  // Waits for room at the next member (round robin) and sends.
  Async<absl::Status> send_to_one(M message) {
    if (members_.empty()) co_return absl::FailedPreconditionError("actor group is empty");
    const ActorRef<M> member = members_[next_++ % members_.size()];
    co_return co_await member.send(std::move(message));
  }

  // Completes once every member's actor has ended. The group must outlive
  // the wait (its references keep the members' inboxes open).
  Async<void> join_all() {
    for (std::size_t i = 0; i < members_.size(); ++i) co_await members_[i].join();
  }

 private:
  std::vector<ActorRef<M>> members_;
  std::size_t next_ = 0;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ACTOR_GROUP_H_
