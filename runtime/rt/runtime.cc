#include "runtime/rt/runtime.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

Signal SignalFor(int signo) {
  for (std::size_t i = 0; i < std::size(kSignalFor); ++i) {
    if (kRuntimeSignalNumbers[i] == signo) return kSignalFor[i];
  }
  return Signal::kTerminate;  // not reached: the signalfd reads only these
}

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
  // First of all, before any thread of ours exists (threads inherit the
  // mask): from now on the runtime's signals wait in the kernel for the
  // coordinator instead of taking their default action (signals.h).
  const sigset_t handled = RuntimeSignals();
  sigset_t old_mask;
  pthread_sigmask(SIG_BLOCK, &handled, &old_mask);
  constructing_thread_ = pthread_self();
  sigemptyset(&blocked_here_);
  for (int s : kRuntimeSignalNumbers) {
    if (!sigismember(&old_mask, s)) sigaddset(&blocked_here_, s);
  }

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
  std::vector<Worker*> serving;
  for (auto& w : workers_) {
    w->serve_shared_queue(&shared_queue_);
    serving.push_back(w.get());
  }
  shared_queue_.set_workers(std::move(serving));
  shared_queue_.share_task_count(&live_, [this] {
    all_ended_.store(true, std::memory_order_release);
    wake_coordinator();
  });
  absl::StatusOr<std::unique_ptr<Poller>> poller = Poller::Create();
  if (!poller.ok()) {
    std::fprintf(stderr, "heph: runtime '%s': cannot create the coordinator's poller: %s\n",
                 options_.name.c_str(), poller.status().ToString().c_str());
    std::abort();
  }
  coordinator_poller_ = *std::move(poller);

  // The signal source: signals sent from now on (even before start()) are
  // read from it once start() runs. A failure here is start()'s error.
  signal_fd_ = signalfd(-1, &handled, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd_ < 0) {
    signal_source_error_ = absl::InternalError(
        absl::StrCat("runtime '", options_.name, "': signalfd: ", std::strerror(errno)));
  } else if (absl::Status s =
                 coordinator_poller_->add(signal_fd_, Interest::kReadable, kSignalToken);
             !s.ok()) {
    signal_source_error_ = absl::Status(
        s.code(), absl::StrCat("runtime '", options_.name, "': signal source: ", s.message()));
    close(signal_fd_);
    signal_fd_ = -1;
  }
}

Runtime::~Runtime() {
  // Sync actors first (they may still talk to actors on the workers), then
  // the workers (abandoning what is left), then the signal source.
  sync_actors_.cancel();
  sync_actors_.join();
  shared_queue_.shutdown();
  workers_.clear();
  if (signal_fd_ >= 0) {
    // Signals that came after start() returned (or to a runtime never
    // started) have nobody to go to: consume them, so that unblocking below
    // does not hand them to their default action.
    for (;;) {
      signalfd_siginfo info;
      if (read(signal_fd_, &info, sizeof(info)) != static_cast<ssize_t>(sizeof(info))) break;
      const std::string_view name = SignalName(SignalFor(static_cast<int>(info.ssi_signo)));
      const char* when = started_.load() ? "after the runtime stopped reading signals"
                                         : "but start() was never called";
      std::fprintf(stderr, "heph: runtime '%s': %.*s arrived %s; dropped\n",
                   options_.name.c_str(), static_cast<int>(name.size()), name.data(), when);
    }
    (void)coordinator_poller_->remove(signal_fd_);
    close(signal_fd_);
  }
  // The constructing thread gets its mask back: only the signals this
  // Runtime blocked, so Runtimes nested on one thread unblock them when the
  // outermost one goes.
  if (pthread_equal(pthread_self(), constructing_thread_)) {
    pthread_sigmask(SIG_UNBLOCK, &blocked_here_, nullptr);
  }
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

std::optional<unsigned> Runtime::pinned_cpu(std::uint32_t i) const {
  if (!options_.pin_workers) return std::nullopt;
  // The i-th CPU this process may run on (a container or taskset may allow
  // fewer than the machine has), modulo their number.
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0 && CPU_COUNT(&allowed) > 0) {
    unsigned nth = i % static_cast<unsigned>(CPU_COUNT(&allowed));
    for (unsigned cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &allowed) && nth-- == 0) return cpu;
    }
  }
  return i % std::max(1u, std::thread::hardware_concurrency());
}

absl::Status Runtime::start() {
  if (started_.exchange(true)) {
    return absl::FailedPreconditionError(
        absl::StrCat("runtime '", options_.name, "': start() called twice"));
  }
  if (live_.load(std::memory_order_acquire) == 0) return absl::OkStatus();

  if (!signal_source_error_.ok()) return signal_source_error_;

  // Signals go to the coordinator only. The constructor blocked them on its
  // thread; if start() runs on another one, block them here too before the
  // workers start (threads inherit the mask). They stay blocked on this
  // thread (runtime.h).
  const sigset_t handled = RuntimeSignals();
  pthread_sigmask(SIG_BLOCK, &handled, nullptr);
  const int sfd = signal_fd_;

  std::mutex failure_mu;
  absl::Status failure;
  // Each worker shuts down on its own thread (worker locals such as a KJ event
  // loop are bound to it), once every worker stopped running, one at a time:
  // as single-threaded as shutting them all down here after the joins.
  std::latch all_stopped(static_cast<std::ptrdiff_t>(workers_.size()));
  std::mutex shutdown_mu;
  std::vector<std::thread> threads;
  threads.reserve(workers_.size());
  for (std::uint32_t i = 0; i < workers_.size(); ++i) {
    threads.emplace_back([&, i] {
      if (const std::optional<unsigned> cpu = pinned_cpu(i)) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(*cpu, &set);
        if (const int error = pthread_setaffinity_np(pthread_self(), sizeof(set), &set); error != 0) {
          std::fprintf(stderr, "heph: runtime '%s': cannot pin worker %u to CPU %u: %s; it runs unpinned\n",
                       options_.name.c_str(), i, *cpu, std::strerror(error));
        }
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
  // What began the graceful stop ("SIGTERM", "stop()"); empty until then. An
  // exit signal during the graceful stop forces the stop (runtime.h).
  std::string graceful_stop_by;
  bool stop_request_seen = false;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(failure_mu);
      if (!failure.ok()) {
        result = failure;
        break;
      }
    }
    if (all_ended_.load(std::memory_order_acquire)) break;
    if (stop_requested_.load(std::memory_order_acquire) && !stop_request_seen) {
      stop_request_seen = true;
      if (graceful_stop_by.empty()) {  // stop() during a graceful stop changes nothing
        graceful_stop_by = "stop()";
        if (!deliver_signal(Signal::kTerminate)) break;  // nobody to tell: stop now
      }
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
    bool stop_now = false;
    while (!stop_now) {
      signalfd_siginfo info;
      if (read(sfd, &info, sizeof(info)) != static_cast<ssize_t>(sizeof(info))) break;
      const Signal signal = SignalFor(static_cast<int>(info.ssi_signo));
      const std::string_view name = SignalName(signal);
      if (IsExitSignal(signal) && !graceful_stop_by.empty()) {
        // The second exit signal: stop at once.
        const std::int64_t live = live_.load(std::memory_order_acquire);
        stop_now = true;
        result = absl::CancelledError(absl::StrCat(
            "runtime '", options_.name, "': received ", AsAbsl(name),
            " during the graceful stop begun by ", graceful_stop_by,
            "; stopping at once (a second exit signal forces the stop), abandoning ", live,
            live == 1 ? " actor" : " actors", " still running"));
        break;
      }
      const bool delivered = deliver_signal(signal);
      if (!IsExitSignal(signal)) continue;
      if (delivered) {
        graceful_stop_by = std::string(name);
      } else {
        stop_now = true;
        result = absl::CancelledError(absl::StrCat(
            "runtime '", options_.name, "': received ", AsAbsl(name),
            " and no running actor is registered to receive signals; stopping"));
      }
    }
    if (stop_now) break;
  }

  stop_workers();
  for (std::thread& t : threads) t.join();
  for (auto& w : workers_) w->shutdown();
  shared_queue_.shutdown();
  // The signal source stays: signals arriving from now on stay blocked and
  // the destructor drops them.
  return result;
}

}  // namespace heph
