// kqueue_emulation.cc — kqueue()/kevent() on top of epoll, eventfd, timerfd
// and signalfd (Linux only). See sys/event.h and README.md.
//
// Layout of one emulated kqueue:
//
//   top (the descriptor the caller gets, an epoll set, level-triggered)
//    ├── read_set   epoll set: one entry per EVFILT_READ knote (fd), EPOLLIN
//    ├── write_set  epoll set: one entry per EVFILT_WRITE knote (fd), EPOLLOUT
//    ├── wake_fd    eventfd: written by NOTE_TRIGGER to interrupt a waiter
//    └── one timerfd / signalfd per EVFILT_TIMER / EVFILT_SIGNAL knote
//
// Two inner sets give every (fd, filter) pair its own epoll registration, so
// EV_CLEAR (EPOLLET) or not, and enable/disable, are per filter as in kqueue.
// EVFILT_USER knotes are plain memory (a `triggered` bit) plus the shared
// wake eventfd. Knotes are found from epoll by a 64-bit id, never a pointer,
// so a knote deleted by one thread while another is waiting is just skipped.
//
// The kernel cannot tell us when the caller close()s the kqueue descriptor.
// Each kevent() checks that `top` is still ours (an epoll_ctl(MOD) of
// read_set in it fails otherwise) and forgets stale state; kqueue() also
// forgets any state left under the number it got back.
#include "third_party/kqueue_emulation/sys/event.h"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

// epoll data of the fixed members of `top`; knote ids start above them.
constexpr std::uint64_t kReadSetId = 1;
constexpr std::uint64_t kWriteSetId = 2;
constexpr std::uint64_t kWakeId = 3;
constexpr std::uint64_t kFirstKnoteId = 16;

// The flags a knote keeps (and reports back).
constexpr std::uint16_t kKeptFlags = EV_CLEAR | EV_ONESHOT | EV_DISPATCH;

struct Knote {
  std::uint64_t id = 0;
  std::uintptr_t ident = 0;
  std::int16_t filter = 0;
  std::uint16_t flags = 0;   // kKeptFlags as registered
  std::uint32_t fflags = 0;  // TIMER: unit; USER: the stored fflags
  std::int64_t data = 0;     // TIMER: period; USER: last data given
  void* udata = nullptr;
  bool enabled = true;
  bool armed = false;      // registered in its epoll set
  int own_fd = -1;         // TIMER: timerfd; SIGNAL: signalfd
  bool triggered = false;  // USER
};

struct Kqueue {
  ~Kqueue() {
    for (auto& [key, kn] : knotes) {
      if (kn->own_fd >= 0) close(kn->own_fd);
    }
    close(wake_fd);
    close(write_set);
    close(read_set);
    // `top` is the caller's descriptor: closed by them (that is how we got
    // here) or still in use by them.
  }

  int top = -1;
  int read_set = -1;
  int write_set = -1;
  int wake_fd = -1;

  std::mutex mu;  // guards everything below
  std::map<std::pair<std::uintptr_t, std::int16_t>, std::unique_ptr<Knote>> knotes;
  std::unordered_map<std::uint64_t, Knote*> by_id;
  std::unordered_set<Knote*> triggered_users;  // USER knotes with `triggered`
  std::uint64_t next_id = kFirstKnoteId;
};

// All emulated kqueues by descriptor. Never destroyed (used until exit).
struct Registry {
  std::mutex mu;
  std::unordered_map<int, std::shared_ptr<Kqueue>> by_fd;
};

Registry& GetRegistry() {
  static Registry* const registry = new Registry;
  return *registry;
}

// Returns the state of `fd` if it is (still) one of our kqueues.
std::shared_ptr<Kqueue> Lookup(int fd) {
  std::shared_ptr<Kqueue> kq;
  {
    Registry& r = GetRegistry();
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.by_fd.find(fd);
    if (it == r.by_fd.end()) return nullptr;
    kq = it->second;
  }
  struct epoll_event ev = {};
  ev.events = EPOLLIN;
  ev.data.u64 = kReadSetId;
  if (epoll_ctl(fd, EPOLL_CTL_MOD, kq->read_set, &ev) == 0) return kq;
  // Closed (and maybe reused for something else) behind our back.
  Registry& r = GetRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_fd.find(fd);
  if (it != r.by_fd.end() && it->second == kq) r.by_fd.erase(it);
  return nullptr;
}

int EpollAdd(int set, int fd, std::uint32_t events, std::uint64_t id) {
  struct epoll_event ev = {};
  ev.events = events;
  ev.data.u64 = id;
  return epoll_ctl(set, EPOLL_CTL_ADD, fd, &ev) == 0 ? 0 : errno;
}

bool IsFdFilter(std::int16_t filter) { return filter == EVFILT_READ || filter == EVFILT_WRITE; }

int SetOf(const Kqueue& kq, const Knote& kn) {
  if (kn.filter == EVFILT_READ) return kq.read_set;
  if (kn.filter == EVFILT_WRITE) return kq.write_set;
  return kq.top;
}

int FdOf(const Knote& kn) { return IsFdFilter(kn.filter) ? static_cast<int>(kn.ident) : kn.own_fd; }

std::uint32_t EventsOf(const Knote& kn) {
  switch (kn.filter) {
    case EVFILT_READ:
      return EPOLLIN | EPOLLRDHUP | ((kn.flags & EV_CLEAR) != 0 ? EPOLLET : 0u);
    case EVFILT_WRITE:
      return EPOLLOUT | ((kn.flags & EV_CLEAR) != 0 ? EPOLLET : 0u);
    default:
      return EPOLLIN;  // timerfd / signalfd: readable while something is pending
  }
}

// Registers the knote in its epoll set (ADD, or MOD when already there: both
// re-evaluate readiness, which is kqueue's re-arm on EV_ADD/EV_ENABLE).
int Arm(Kqueue& kq, Knote& kn) {
  if (kn.filter == EVFILT_USER) {
    kn.armed = true;
    return 0;
  }
  const int set = SetOf(kq, kn);
  const int fd = FdOf(kn);
  if (kn.armed) {
    struct epoll_event ev = {};
    ev.events = EventsOf(kn);
    ev.data.u64 = kn.id;
    if (epoll_ctl(set, EPOLL_CTL_MOD, fd, &ev) == 0) return 0;
    if (errno != ENOENT) return errno;
    // The fd was closed (which removed it from epoll) and its number reused:
    // this is a new file, register it afresh.
    kn.armed = false;
  }
  const int err = EpollAdd(set, fd, EventsOf(kn), kn.id);
  if (err == 0) kn.armed = true;
  return err;
}

int Disarm(Kqueue& kq, Knote& kn) {
  if (!kn.armed) return 0;
  kn.armed = false;
  if (kn.filter == EVFILT_USER) return 0;
  return epoll_ctl(SetOf(kq, kn), EPOLL_CTL_DEL, FdOf(kn), nullptr) == 0 ? 0 : errno;
}

void Erase(Kqueue& kq, Knote* kn) {
  kq.by_id.erase(kn->id);
  kq.triggered_users.erase(kn);
  if (kn->own_fd >= 0) close(kn->own_fd);
  kn->own_fd = -1;
  kq.knotes.erase({kn->ident, kn->filter});  // destroys *kn
}

// Deletes the knote; returns the errno of taking it out of epoll (EBADF or
// ENOENT when the fd was closed, which in kqueue removes the knote already).
int Delete(Kqueue& kq, Knote* kn) {
  const int err = Disarm(kq, *kn);
  Erase(kq, kn);
  return err;
}

// Starts (or restarts) the timer from kn.data in the unit kn.fflags names.
int StartTimer(Knote& kn) {
  if (kn.data < 0) return EINVAL;
  std::int64_t ns_per_unit = 1'000'000;  // milliseconds
  if ((kn.fflags & NOTE_SECONDS) != 0) ns_per_unit = 1'000'000'000;
  if ((kn.fflags & NOTE_USECONDS) != 0) ns_per_unit = 1'000;
  if ((kn.fflags & NOTE_NSECONDS) != 0) ns_per_unit = 1;
  std::int64_t ns = kn.data > INT64_MAX / ns_per_unit ? INT64_MAX : kn.data * ns_per_unit;
  if (ns == 0) ns = 1;  // a zero timespec would disarm the timerfd
  struct itimerspec spec = {};
  spec.it_value.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
  spec.it_value.tv_nsec = static_cast<long>(ns % 1'000'000'000);
  if ((kn.flags & EV_ONESHOT) == 0) spec.it_interval = spec.it_value;
  if (timerfd_settime(kn.own_fd, 0, &spec, nullptr) != 0) return errno;
  std::uint64_t stale;
  while (read(kn.own_fd, &stale, sizeof(stale)) > 0) {
  }
  return 0;
}

void ApplyUserFflags(Knote& kn, std::uint32_t fflags) {
  const std::uint32_t ff = fflags & NOTE_FFLAGSMASK;
  switch (fflags & NOTE_FFCTRLMASK) {
    case NOTE_FFAND:
      kn.fflags &= ff;
      break;
    case NOTE_FFOR:
      kn.fflags |= ff;
      break;
    case NOTE_FFCOPY:
      kn.fflags = ff;
      break;
    default:  // NOTE_FFNOP
      break;
  }
}

void WakeWaiters(Kqueue& kq) {
  const std::uint64_t one = 1;
  while (write(kq.wake_fd, &one, sizeof(one)) < 0 && errno == EINTR) {
  }
  // EAGAIN: the counter is saturated, so the eventfd is readable anyway.
}

// Creates the kernel side of a new knote (timerfd, signalfd) and checks its
// arguments. Returns an errno.
int Create(Knote& kn) {
  switch (kn.filter) {
    case EVFILT_READ:
    case EVFILT_WRITE:
      return kn.ident > static_cast<std::uintptr_t>(INT_MAX) ? EBADF : 0;
    case EVFILT_TIMER: {
      if (kn.data < 0) return EINVAL;
      kn.own_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
      if (kn.own_fd < 0) return errno;
      return StartTimer(kn);
    }
    case EVFILT_SIGNAL: {
      if (kn.ident == 0 || kn.ident >= static_cast<std::uintptr_t>(NSIG)) return EINVAL;
      sigset_t set;
      sigemptyset(&set);
      if (sigaddset(&set, static_cast<int>(kn.ident)) != 0) return EINVAL;
      kn.own_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
      return kn.own_fd < 0 ? errno : 0;
    }
    case EVFILT_USER:
      return 0;
  }
  return EINVAL;
}

// Applies one change. Returns 0 or an errno.
int Apply(Kqueue& kq, const struct kevent& change) {
  const std::int16_t filter = change.filter;
  if (!IsFdFilter(filter) && filter != EVFILT_TIMER && filter != EVFILT_SIGNAL &&
      filter != EVFILT_USER) {
    return EINVAL;
  }
  const std::uint16_t flags = change.flags;
  auto it = kq.knotes.find({change.ident, filter});
  Knote* kn = it == kq.knotes.end() ? nullptr : it->second.get();

  if ((flags & EV_DELETE) != 0) {
    if (kn == nullptr) return ENOENT;
    return Delete(kq, kn);
  }

  if ((flags & EV_ADD) != 0) {
    const bool fresh = kn == nullptr;
    if (fresh) {
      auto owned = std::make_unique<Knote>();
      owned->id = kq.next_id++;
      owned->ident = change.ident;
      owned->filter = filter;
      owned->flags = change.flags & kKeptFlags;
      owned->fflags = filter == EVFILT_USER ? 0 : change.fflags;
      owned->data = change.data;
      owned->udata = change.udata;
      owned->enabled = (flags & EV_DISABLE) == 0;
      if (const int err = Create(*owned); err != 0) {
        if (owned->own_fd >= 0) close(owned->own_fd);
        return err;
      }
      kn = owned.get();
      kq.by_id[kn->id] = kn;
      kq.knotes[{change.ident, filter}] = std::move(owned);
    } else {
      kn->flags = change.flags & kKeptFlags;
      kn->udata = change.udata;
      if (filter == EVFILT_TIMER) {
        kn->fflags = change.fflags;
        kn->data = change.data;
        if (const int err = StartTimer(*kn); err != 0) return err;
      }
      if ((flags & EV_DISABLE) == 0) kn->enabled = true;
    }
    if (kn->enabled) {
      if (const int err = Arm(kq, *kn); err != 0) {
        // EBADF on a known fd: it was closed, so in kqueue the knote is gone.
        if (fresh || err == EBADF) Delete(kq, kn);
        return err;
      }
    } else if (fresh && IsFdFilter(filter)) {
      // Added disabled: still refuse what epoll would refuse (bad fd...).
      if (const int err = Arm(kq, *kn); err != 0) {
        Delete(kq, kn);
        return err;
      }
      Disarm(kq, *kn);
    }
  } else if (kn == nullptr) {
    return ENOENT;
  }

  if ((flags & EV_DISABLE) != 0) {
    kn->enabled = false;
    if (const int err = Disarm(kq, *kn); err != 0) return err;
  } else if ((flags & EV_ENABLE) != 0 && !kn->enabled) {
    kn->enabled = true;
    if (const int err = Arm(kq, *kn); err != 0) return err;
  }

  if (filter == EVFILT_USER) {
    ApplyUserFflags(*kn, change.fflags);
    kn->data = change.data;
    if ((change.fflags & NOTE_TRIGGER) != 0 && !kn->triggered) {
      kn->triggered = true;
      kq.triggered_users.insert(kn);
      if (kn->enabled) WakeWaiters(kq);
    }
  }
  return 0;
}

// What happens to a knote after one delivery.
void AfterDelivery(Kqueue& kq, Knote* kn) {
  if ((kn->flags & EV_ONESHOT) != 0) {
    Delete(kq, kn);
  } else if ((kn->flags & EV_DISPATCH) != 0) {
    kn->enabled = false;
    Disarm(kq, *kn);
  }
}

struct kevent ReportOf(const Knote& kn) {
  struct kevent ev;
  EV_SET(&ev, kn.ident, kn.filter, kn.flags, 0, 0, kn.udata);
  return ev;
}

// Harvests up to `room` events of one inner set (read or write) into `out`.
int HarvestSet(Kqueue& kq, int set, struct kevent* out, int room) {
  std::vector<struct epoll_event> buf(static_cast<std::size_t>(room));
  const int n = epoll_wait(set, buf.data(), room, 0);
  int count = 0;
  for (int i = 0; i < n; ++i) {
    auto it = kq.by_id.find(buf[i].data.u64);
    if (it == kq.by_id.end()) continue;  // deleted meanwhile
    Knote* kn = it->second;
    if (!kn->enabled) continue;
    const std::uint32_t bits = buf[i].events;
    struct kevent ev = ReportOf(*kn);
    if (kn->filter == EVFILT_READ) {
      int available = 0;
      if (ioctl(static_cast<int>(kn->ident), FIONREAD, &available) == 0) ev.data = available;
      if ((bits & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) ev.flags |= EV_EOF;
    } else if ((bits & (EPOLLHUP | EPOLLERR)) != 0) {
      ev.flags |= EV_EOF;
    }
    out[count++] = ev;
    AfterDelivery(kq, kn);
  }
  return count;
}

// Reads a timerfd/signalfd knote; returns false if nothing was pending.
bool HarvestOwnFd(Knote& kn, struct kevent* out) {
  std::int64_t count = 0;
  if (kn.filter == EVFILT_TIMER) {
    std::uint64_t expirations = 0;
    if (read(kn.own_fd, &expirations, sizeof(expirations)) != sizeof(expirations)) return false;
    count = static_cast<std::int64_t>(expirations);
  } else {
    struct signalfd_siginfo info[8];
    for (;;) {
      const ssize_t r = read(kn.own_fd, info, sizeof(info));
      if (r <= 0) break;
      count += r / static_cast<ssize_t>(sizeof(info[0]));
    }
  }
  if (count == 0) return false;
  *out = ReportOf(kn);
  out->fflags = kn.fflags;
  out->data = count;
  return true;
}

// Turns what `top` reported into kevents. Holds kq.mu.
int Collect(Kqueue& kq, const struct epoll_event* top, int ntop, struct kevent* out,
            int room) {
  int count = 0;
  bool read_ready = false;
  bool write_ready = false;
  for (int i = 0; i < ntop && count < room; ++i) {
    const std::uint64_t id = top[i].data.u64;
    if (id == kWakeId) {
      std::uint64_t drained;
      while (read(kq.wake_fd, &drained, sizeof(drained)) < 0 && errno == EINTR) {
      }
    } else if (id == kReadSetId) {
      read_ready = true;
    } else if (id == kWriteSetId) {
      write_ready = true;
    } else {
      auto it = kq.by_id.find(id);
      if (it == kq.by_id.end() || !it->second->enabled) continue;
      if (HarvestOwnFd(*it->second, &out[count])) {
        ++count;
        AfterDelivery(kq, it->second);
      }
    }
  }
  if (read_ready && count < room) count += HarvestSet(kq, kq.read_set, out + count, room - count);
  if (write_ready && count < room) {
    count += HarvestSet(kq, kq.write_set, out + count, room - count);
  }
  // Triggered user events: copy first, delivery may erase from the set.
  std::vector<Knote*> users(kq.triggered_users.begin(), kq.triggered_users.end());
  for (Knote* kn : users) {
    if (count >= room) break;
    if (!kn->enabled) continue;
    struct kevent ev = ReportOf(*kn);
    ev.fflags = kn->fflags;
    ev.data = kn->data;
    out[count++] = ev;
    if ((kn->flags & EV_CLEAR) != 0) {  // otherwise it stays triggered (level)
      kn->triggered = false;
      kq.triggered_users.erase(kn);
      kn->fflags = 0;
    }
    AfterDelivery(kq, kn);
  }
  return count;
}

bool UserEventPending(Kqueue& kq) {
  for (Knote* kn : kq.triggered_users) {
    if (kn->enabled) return true;
  }
  return false;
}

std::int64_t MonotonicNanos() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int Fail(int err) {
  errno = err;
  return -1;
}

}  // namespace

extern "C" int kqueue(void) {
  auto kq = std::make_shared<Kqueue>();
  kq->read_set = epoll_create1(EPOLL_CLOEXEC);
  kq->write_set = epoll_create1(EPOLL_CLOEXEC);
  kq->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  const int top = epoll_create1(EPOLL_CLOEXEC);
  int err = 0;
  if (kq->read_set < 0 || kq->write_set < 0 || kq->wake_fd < 0 || top < 0) {
    err = errno;
  } else if ((err = EpollAdd(top, kq->read_set, EPOLLIN, kReadSetId)) == 0 &&
             (err = EpollAdd(top, kq->write_set, EPOLLIN, kWriteSetId)) == 0) {
    err = EpollAdd(top, kq->wake_fd, EPOLLIN, kWakeId);
  }
  if (err != 0) {
    if (top >= 0) close(top);
    return Fail(err);  // ~Kqueue closes the rest (close(-1) is harmless)
  }
  kq->top = top;
  Registry& r = GetRegistry();
  std::shared_ptr<Kqueue> stale;  // a closed kqueue that had this number
  {
    std::lock_guard<std::mutex> lock(r.mu);
    std::shared_ptr<Kqueue>& slot = r.by_fd[top];
    stale = std::move(slot);
    slot = std::move(kq);
  }
  return top;
}

extern "C" int kqueue_emulation_close(int kq_fd) {
  std::shared_ptr<Kqueue> kq;  // freed (inner descriptors closed) after the lock
  {
    Registry& r = GetRegistry();
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.by_fd.find(kq_fd);
    if (it != r.by_fd.end()) {
      kq = std::move(it->second);
      r.by_fd.erase(it);
    }
  }
  return close(kq_fd);  // `kq` goes with this frame (or with a kevent() still using it)
}

extern "C" int kevent(int kq_fd, const struct kevent* changelist, int nchanges,
                      struct kevent* eventlist, int nevents, const struct timespec* timeout) {
  if (nchanges < 0 || nevents < 0) return Fail(EINVAL);
  if ((nchanges > 0 && changelist == nullptr) || (nevents > 0 && eventlist == nullptr)) {
    return Fail(EFAULT);
  }
  if (timeout != nullptr &&
      (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1'000'000'000)) {
    return Fail(EINVAL);
  }
  std::shared_ptr<Kqueue> kq = Lookup(kq_fd);
  if (kq == nullptr) return Fail(EBADF);

  // Changes, as FreeBSD does them: a failed change (or any with EV_RECEIPT)
  // becomes an EV_ERROR entry while there is room; with no room the first
  // failure ends the call. Entries written this way end the call too.
  int reported = 0;
  {
    std::lock_guard<std::mutex> lock(kq->mu);
    for (int i = 0; i < nchanges; ++i) {
      const int err = Apply(*kq, changelist[i]);
      if (err == 0 && (changelist[i].flags & EV_RECEIPT) == 0) continue;
      if (reported == nevents) return Fail(err);
      struct kevent ev = changelist[i];
      ev.flags = EV_ERROR;
      ev.data = err;
      eventlist[reported++] = ev;
    }
  }
  if (reported > 0 || nevents == 0) return reported;

  const bool infinite = timeout == nullptr;
  std::int64_t deadline = 0;
  if (!infinite) {
    // Capped at about 31 years, far from overflow.
    const std::int64_t secs = std::min<std::int64_t>(timeout->tv_sec, 1'000'000'000);
    const std::int64_t span = secs * 1'000'000'000 + timeout->tv_nsec;
    const std::int64_t now = MonotonicNanos();
    deadline = span > INT64_MAX - now ? INT64_MAX : now + span;
  }
  std::vector<struct epoll_event> top(static_cast<std::size_t>(std::min(nevents, 256) + 3));
  for (;;) {
    int timeout_ms = -1;
    if (!infinite) {
      const std::int64_t left = deadline - MonotonicNanos();
      // Round up: never return 0 events before the deadline.
      timeout_ms = left <= 0 ? 0
                             : static_cast<int>(std::min<std::int64_t>(
                                   (left + 999'999) / 1'000'000, INT_MAX));
    }
    {
      std::lock_guard<std::mutex> lock(kq->mu);
      if (UserEventPending(*kq)) timeout_ms = 0;
    }
    const int n = epoll_wait(kq_fd, top.data(), static_cast<int>(top.size()), timeout_ms);
    if (n < 0) return Fail(errno);  // EINTR included, as kqueue
    int count;
    {
      std::lock_guard<std::mutex> lock(kq->mu);
      count = Collect(*kq, top.data(), n, eventlist, nevents);
    }
    if (count > 0) return count;
    if (!infinite && MonotonicNanos() >= deadline) return 0;
    // Nothing for the caller (a stale wake, an event of a knote deleted
    // meanwhile, or an early epoll timeout): wait for the rest.
  }
}
