// message_type.h — what the actor core asks of a message type.
//
// A message type must be nothrow move constructible
// (std::is_nothrow_move_constructible_v<M>). Messages are moved into inbox
// slots, out of them into the receiver, and from a blocked sender into the
// inbox by the receiver while it holds the cell's waiter lock; a move that
// throws half way would lose a message, deliver it twice or leave a claimed
// slot empty, which stalls the receiver. So a type whose move may throw is
// rejected at compile time, where ActorRef<M> or an actor of M is first used,
// with a message saying what to change.
//
// The same holds for what is built inside a claimed slot: a mapped reference's
// conversion (map<N>()) and an RPC's request and response. Anything that may
// throw (a copy, a conversion) runs before the message enters the inbox, in
// the sender, where the exception reaches the sender's code.
//
// Most types qualify as they are: the standard containers but std::deque,
// std::string, absl::Status(Or), std::unique_ptr, std::function, and structs
// of those whose move is implicit. A type with a user-declared copy
// constructor and no move constructor is copied when moved: give it a
// `noexcept` move constructor, or send a std::unique_ptr to it.
#ifndef HEPH_RUNTIME_ACTOR_MESSAGE_TYPE_H_
#define HEPH_RUNTIME_ACTOR_MESSAGE_TYPE_H_

#include <type_traits>

namespace heph::internal {

// `static_assert(MessageTypeCheck<M>::kOk)` in a class template names the
// class that uses M in the compiler's "required from" notes.
template <class M>
struct MessageTypeCheck {
  static_assert(std::is_nothrow_move_constructible_v<M>,
                "heph: a message type must be nothrow move constructible "
                "(std::is_nothrow_move_constructible_v<M>): a move that throws inside an inbox "
                "would lose or duplicate a message. Give the type a noexcept move constructor "
                "(or remove the user-declared copy constructor that suppresses the implicit one), "
                "or send a std::unique_ptr to it. See runtime/actor/message_type.h.");
  static constexpr bool kOk = true;
};

}  // namespace heph::internal

#endif  // HEPH_RUNTIME_ACTOR_MESSAGE_TYPE_H_
