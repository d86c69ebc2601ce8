// actor.h — the actor core in one include: Async, Context, ActorRef, RPC,
// supervision, Spawn and ActorGroup. See docs/ARCHITECTURE.md for the map.
#ifndef HEPH_RUNTIME_ACTOR_ACTOR_H_
#define HEPH_RUNTIME_ACTOR_ACTOR_H_

#include "runtime/actor/actor_group.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/async.h"
#include "runtime/actor/context.h"
#include "runtime/actor/errors.h"
#include "runtime/actor/messages.h"
#include "runtime/actor/no_messages.h"
#include "runtime/actor/rpc.h"
#include "runtime/actor/spawn.h"
#include "runtime/actor/supervisor.h"

#endif  // HEPH_RUNTIME_ACTOR_ACTOR_H_
