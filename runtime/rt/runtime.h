// runtime.h — the Runtime: owns the worker(s) that run actors.
//
//   heph::Runtime runtime({.name = "hello"});
//   heph::ActorRef<std::string> greeter =
//       runtime.spawn(heph::StopSupervisor{}, &Greeter, std::string("Hello"));
//   greeter.try_send("world");
//   greeter = {};                          // let the actor see "no more messages"
//   absl::Status s = runtime.start();      // returns once every actor has ended
#ifndef HEPH_RUNTIME_RT_RUNTIME_H_
#define HEPH_RUNTIME_RT_RUNTIME_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/worker.h"

namespace heph {

struct RuntimeOptions {
  std::string name = "heph";
  WorkerOptions worker;
};

class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {})
      : options_(std::move(options)), worker_(options_.worker) {}
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const std::string& name() const { return options_.name; }
  Scheduler& scheduler() { return worker_; }

  // Spawns an actor (see spawn.h); it first runs once start() runs.
  template <class... A>
  auto spawn(A&&... args) {
    return Spawn(worker_, std::forward<A>(args)...);
  }

  // Runs the actors on the calling thread until every actor has ended or
  // stop() is called.
  absl::Status start() { return worker_.run(); }

  // Any thread.
  void stop() { worker_.stop(); }

 private:
  RuntimeOptions options_;
  Worker worker_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_RUNTIME_H_
