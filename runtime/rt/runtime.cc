#include "runtime/rt/runtime.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <iterator>
#include <latch>

#include "absl/strings/str_cat.h"
#include "runtime/rt/signals.h"

namespace heph {
namespace {

constexpr std::uint64_t kSignalToken = 1;

// heph::Signal for each of kRuntimeSignalNumbers (signals.h), in its order.
constexpr Signal kSignalFor[] = {Signal::kInterrupt, Signal::kTerminate, Signal::kQuit,
                                 Signal::kHangup,    Signal::kUser1,     Signal::kUser2};
static_assert(std::size(kSignalFor) == std::size(kRuntimeSignalNumbers));


}  // namespace

std::string_view SignalName(Signal s) {
  switch (s) {
    case Signal::kInterrupt: return "SIGINT";
    case Signal::kTerminate: return "SIGTERM";
    case Signal::kQuit: return "SIGQUIT";
    case Signal::kHangup: return "SIGHUP";
    case Signal::kUser1: return "SIGUSR1";
    case Signal::kUser2: return "SIGUSR2";
  }
  return "signal?";
}

Runtime::Runtime(RuntimeOptions options) : options_(std::move(options)) {
  std::uint32_t n = options_.workers;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  workers_.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    workers_.push_back(std::make_unique<Worker>(options_.worker));
    workers_.back()->share_task_count(&live_, [this] {
      all_ended_.store(true, std::memory_order_release);
      wake_coordinator();
    });
  }
  absl::StatusOr<std::unique_ptr<Poller>> poller = Poller::Create();
  if (!poller.ok()) {
    std::fprintf(stderr, "heph: runtime '%s': cannot create the coordinator's poller: %s\n",
                 options_.name.c_str(), poller.status().ToString().c_str());
    std::abort();
  }
  coordinator_poller_ = *std::move(poller);
}

Runtime::~Runtime() {
  // Sync actors first (they may still talk to actors on the workers), then
  // the workers (abandoning what is left), then the coordinator's poller.
  sync_actors_.cancel();
  sync_actors_.join();
  workers_.clear();
}

void Runtime::wake_coordinator() { coordinator_poller_->wake(); }

void Runtime::stop_workers() {
  for (auto& w : workers_) w->stop();
}

void Runtime::add_signal_receiver(ActorRef<Signal> ref) {
  std::lock_guard<std::mutex> lock(signals_mu_);
  for (const ActorRef<Signal>& r : signal_receivers_) {
    if (r.sends_to(ref)) return;
  }
  signal_receivers_.push_back(std::move(ref));
}

bool Runtime::deliver_signal(Signal s) {
  std::lock_guard<std::mutex> lock(signals_mu_);
  std::erase_if(signal_receivers_, [](const ActorRef<Signal>& r) { return !r.is_connected(); });
  if (signal_receivers_.empty()) return false;
  for (const ActorRef<Signal>& r : signal_receivers_) {
    TrySendResult<Signal> sent = r.try_send(s);
    if (!sent.ok() && sent.error() == SendError::kFull) pending_signals_.emplace_back(r, s);
  }
  return true;
}

void Runtime::retry_pending_signals() {
  std::lock_guard<std::mutex> lock(signals_mu_);
  std::erase_if(pending_signals_, [](std::pair<ActorRef<Signal>, Signal>& p) {
    TrySendResult<Signal> sent = p.first.try_send(p.second);
    return sent.ok() || sent.error() == SendError::kDisconnected;
  });
}

void Runtime::stop() {
  stop_requested_.store(true, std::memory_order_release);
  wake_coordinator();
}

absl::Status Runtime::start() {
  if (started_.exchange(true)) {
    return absl::FailedPreconditionError(
        absl::StrCat("runtime '", options_.name, "': start() called twice"));
  }
  if (live_.load(std::memory_order_acquire) == 0) return absl::OkStatus();

  // Signals go to the coordinator only: block them in this thread before the
  // workers start (threads inherit the mask) and read them from a signalfd.
  const sigset_t handled = RuntimeSignals();
  sigset_t old_mask;
  pthread_sigmask(SIG_BLOCK, &handled, &old_mask);
  const int sfd = signalfd(-1, &handled, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sfd < 0) {
    const int err = errno;
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    return absl::InternalError(
        absl::StrCat("runtime '", options_.name, "': signalfd: ", std::strerror(err)));
  }
  if (absl::Status s = coordinator_poller_->add(sfd, Interest::kReadable, kSignalToken); !s.ok()) {
    close(sfd);
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    return s;
  }

  std::mutex failure_mu;
  absl::Status failure;
  // Each worker shuts down on its own thread (worker locals such as a KJ event
  // loop are bound to it), once every worker stopped running, one at a time:
  // as single-threaded as shutting them all down here after the joins.
  std::latch all_stopped(static_cast<std::ptrdiff_t>(workers_.size()));
  std::mutex shutdown_mu;
  std::vector<std::thread> threads;
  threads.reserve(workers_.size());
  const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  for (std::uint32_t i = 0; i < workers_.size(); ++i) {
    threads.emplace_back([&, i] {
      if (options_.pin_workers) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(i % cpus, &set);
        pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
      }
      absl::Status s;
      try {
        s = workers_[i]->run(Worker::RunOptions{.return_when_no_tasks = false});
      } catch (const std::exception& e) {
        s = absl::InternalError(absl::StrCat("exception: ", e.what()));
      } catch (...) {
        s = absl::InternalError("unknown exception");
      }
      if (!s.ok()) {
        {
          std::lock_guard<std::mutex> lock(failure_mu);
          if (failure.ok()) {
            failure = absl::Status(s.code(), absl::StrCat("runtime '", options_.name,
                                                          "': worker ", i, " failed: ",
                                                          s.message()));
          }
        }
        wake_coordinator();
      }
      all_stopped.arrive_and_wait();
      std::lock_guard<std::mutex> lock(shutdown_mu);
      workers_[i]->shutdown();
    });
  }

  absl::Status result;
  bool graceful_stop_sent = false;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(failure_mu);
      if (!failure.ok()) {
        result = failure;
        break;
      }
    }
    if (all_ended_.load(std::memory_order_acquire)) break;
    if (stop_requested_.load(std::memory_order_acquire) && !graceful_stop_sent) {
      graceful_stop_sent = true;
      if (!deliver_signal(Signal::kTerminate)) break;  // nobody to tell: stop now
    }
    bool pending;
    {
      std::lock_guard<std::mutex> lock(signals_mu_);
      pending = !pending_signals_.empty();
    }
    PollEvent events[4];
    absl::StatusOr<std::size_t> n = coordinator_poller_->poll(
        events, pending ? absl::Milliseconds(1) : absl::InfiniteDuration());
    if (!n.ok()) {
      result = n.status();
      break;
    }
    if (pending) retry_pending_signals();
    bool exit_unhandled = false;
    for (;;) {
      signalfd_siginfo info;
      if (read(sfd, &info, sizeof(info)) != static_cast<ssize_t>(sizeof(info))) break;
      for (std::size_t i = 0; i < std::size(kSignalFor); ++i) {
        if (static_cast<int>(info.ssi_signo) != kRuntimeSignalNumbers[i]) continue;
        const Signal signal = kSignalFor[i];
        if (!deliver_signal(signal) && IsExitSignal(signal)) {
          exit_unhandled = true;
          result = absl::CancelledError(absl::StrCat(
              "runtime '", options_.name, "': received ", AsAbsl(SignalName(signal)),
              " and no actor is registered to receive signals; stopping"));
        }
      }
    }
    if (exit_unhandled) break;
  }

  stop_workers();
  for (std::thread& t : threads) t.join();
  for (auto& w : workers_) w->shutdown();
  (void)coordinator_poller_->remove(sfd);
  close(sfd);
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  return result;
}

}  // namespace heph
