// restart_supervisor: an actor that fails on some of its jobs, restarted by a
// heph::RestartSupervisor until its restart limit is reached.
//
//   tools/bazel run //examples:restart_supervisor
//
// A job either succeeds, fails (the actor returns an error) or throws. Each
// failure goes to the supervisor, which restarts the actor with the same
// arguments on the same inbox: the jobs queued behind the failing one are
// still there for the new run. Past 3 restarts the supervisor stops the actor;
// the jobs still queued are dropped with its inbox, and the program ends.
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

enum class Outcome { kSucceed, kFail, kThrow };

struct Job {
  int id;
  Outcome outcome;
};

// `runs` counts the runs of this actor: its arguments are the state that a
// restart starts from, and its inbox is the state a restart keeps.
heph::Async<absl::Status> Processor(heph::Context<Job> ctx, int* runs) {
  ++*runs;
  std::cout << "processor: run " << *runs << (*runs == 1 ? "" : " (restarted)") << std::endl;
  while (std::optional<Job> job = co_await ctx.receive_next()) {
    switch (job->outcome) {
      case Outcome::kSucceed:
        std::cout << "processor: job " << job->id << " done" << std::endl;
        break;
      case Outcome::kFail:
        std::cout << "processor: job " << job->id << " fails" << std::endl;
        co_return absl::InternalError(absl::StrCat("job ", job->id, " failed"));
      case Outcome::kThrow:
        std::cout << "processor: job " << job->id << " throws" << std::endl;
        throw std::runtime_error(absl::StrCat("job ", job->id, " threw"));
    }
  }
  co_return absl::OkStatus();
}

int main() {
  heph::Runtime runtime({.name = "restart_supervisor", .workers = 1});
  int runs = 0;
  // At most 3 restarts within a minute; the supervisor logs each decision on
  // stderr ("heph: actor 'processor' failed: ...; restarting it").
  heph::ActorRef<Job> processor =
      runtime.spawn({.name = "processor", .inbox_capacity = 16},
                    heph::RestartSupervisor<int*>(&runs).WithLimit(3, absl::Minutes(1)),
                    &Processor, &runs);
  const Outcome outcomes[] = {Outcome::kSucceed, Outcome::kFail,    Outcome::kSucceed,
                              Outcome::kThrow,   Outcome::kSucceed, Outcome::kFail,
                              Outcome::kSucceed, Outcome::kFail,    Outcome::kSucceed};
  int id = 0;
  for (Outcome outcome : outcomes) {
    if (absl::Status s = processor.try_send(Job{++id, outcome}).status(); !s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
  }
  processor = {};  // the actor ends after its last job, or when it is stopped
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  std::cout << "processor stopped after " << runs << " runs (" << runs - 1
            << " restarts: the limit)" << std::endl;
  return 0;
}
