#include "runtime/rt/kqueue_poller.h"

#if defined(__linux__)
#include "third_party/kqueue_emulation/sys/event.h"
#else
#include <sys/event.h>
#include <sys/types.h>
#endif
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/rt/poll_support.h"

// The wake-up rule and why no wake-up is lost: see poll_support.h (the
// EV_CLEAR user event plays the eventfd's part).

namespace heph {
namespace {

static_assert(sizeof(std::uintptr_t) >= sizeof(std::uint64_t),
              "tokens travel in kevent::udata");

// The ident of the EVFILT_USER event that wake() triggers.
constexpr std::uintptr_t kWakeIdent = 0;

absl::Status SyscallError(int err, const std::string& what) {
  return absl::ErrnoToStatus(err, absl::StrCat("KqueuePoller: ", what));
}

const char* FilterName(int filter) {
  switch (filter) {
    case EVFILT_READ:
      return "EVFILT_READ";
    case EVFILT_WRITE:
      return "EVFILT_WRITE";
    case EVFILT_USER:
      return "EVFILT_USER";
  }
  return "?";
}

void* TokenToUdata(std::uint64_t token) {
  return reinterpret_cast<void*>(static_cast<std::uintptr_t>(token));
}

std::uint64_t UdataToToken(void* udata) {
  return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(udata));
}

constexpr Interest kNone = static_cast<Interest>(0);

}  // namespace

KqueuePoller::KqueuePoller(int kq) : kq_(kq) {}

absl::StatusOr<std::unique_ptr<KqueuePoller>> KqueuePoller::Create() {
  const int kq = kqueue();
  if (kq < 0) return SyscallError(errno, "kqueue");
  struct kevent change;
  EV_SET(&change, kWakeIdent, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0, nullptr);
  if (kevent(kq, &change, 1, nullptr, 0, nullptr) != 0) {
    const int err = errno;
    close(kq);
    return SyscallError(err, "kevent(EV_ADD, EVFILT_USER)");
  }
  return std::unique_ptr<KqueuePoller>(new KqueuePoller(kq));
}

KqueuePoller::~KqueuePoller() {
#if defined(__linux__)
  kqueue_emulation_close(kq_);  // frees the emulation's inner descriptors now
#else
  close(kq_);
#endif
}

absl::Status KqueuePoller::apply(int fd, Interest interest, std::uint64_t token, Interest drop,
                                 const char* what) {
  // EV_RECEIPT: every change answers with an EV_ERROR entry (data 0 on
  // success) and no pending event is drained by this call.
  std::array<struct kevent, 4> changes;
  int n = 0;
  const std::uint16_t add = EV_ADD | EV_CLEAR | EV_RECEIPT;
  if (HasReadable(interest)) EV_SET(&changes[n++], fd, EVFILT_READ, add, 0, 0, TokenToUdata(token));
  if (HasWritable(interest)) EV_SET(&changes[n++], fd, EVFILT_WRITE, add, 0, 0, TokenToUdata(token));
  if (HasReadable(drop)) EV_SET(&changes[n++], fd, EVFILT_READ, EV_DELETE | EV_RECEIPT, 0, 0, nullptr);
  if (HasWritable(drop)) EV_SET(&changes[n++], fd, EVFILT_WRITE, EV_DELETE | EV_RECEIPT, 0, 0, nullptr);

  std::array<struct kevent, 4> results;
  const int got = kevent(kq_, changes.data(), n, results.data(), n, nullptr);
  if (got < 0) return SyscallError(errno, absl::StrCat("kevent(", what, ", fd=", fd, ")"));

  // What is registered now, and the first failure.
  auto it = registered_.find(fd);
  std::uint8_t now = it == registered_.end() ? 0 : static_cast<std::uint8_t>(it->second);
  absl::Status status;
  for (int i = 0; i < std::min(got, n); ++i) {
    // Receipts come back in the order of the changes.
    const struct kevent& r = results[i];
    const std::uint8_t bit = changes[i].filter == EVFILT_READ ? 1 : 2;
    const bool is_add = (changes[i].flags & EV_ADD) != 0;
    if (r.data == 0) {
      now = is_add ? (now | bit) : (now & ~bit);
    } else if (status.ok()) {
      status = SyscallError(static_cast<int>(r.data),
                            absl::StrCat("kevent(", is_add ? "EV_ADD" : "EV_DELETE", ", ",
                                         FilterName(changes[i].filter), ", fd=", fd, ")"));
    }
  }
  if (!status.ok() && it == registered_.end() && now != 0) {
    // A new registration half failed: undo the half that worked.
    struct kevent undo[2];
    int m = 0;
    if ((now & 1) != 0) EV_SET(&undo[m++], fd, EVFILT_READ, EV_DELETE, 0, 0, nullptr);
    if ((now & 2) != 0) EV_SET(&undo[m++], fd, EVFILT_WRITE, EV_DELETE, 0, 0, nullptr);
    kevent(kq_, undo, m, nullptr, 0, nullptr);
    now = 0;
  }
  if (now == 0) {
    registered_.erase(fd);
  } else {
    registered_[fd] = static_cast<Interest>(now);
  }
  return status;
}

absl::Status KqueuePoller::add(int fd, Interest interest, std::uint64_t token) {
  if (absl::Status s = CheckRegistration("KqueuePoller", fd, interest, token); !s.ok()) return s;
  if (registered_.contains(fd)) {
    return absl::AlreadyExistsError(absl::StrCat("KqueuePoller: fd=", fd, " already added"));
  }
  return apply(fd, interest, token, kNone, "ADD");
}

absl::Status KqueuePoller::modify(int fd, Interest interest, std::uint64_t token) {
  if (absl::Status s = CheckRegistration("KqueuePoller", fd, interest, token); !s.ok()) return s;
  auto it = registered_.find(fd);
  if (it == registered_.end()) {
    return absl::NotFoundError(absl::StrCat("KqueuePoller: modify(fd=", fd, "): not added"));
  }
  // EV_ADD on an existing filter updates udata and re-evaluates readiness:
  // the re-arm the contract promises.
  const auto dropped = static_cast<Interest>(static_cast<std::uint8_t>(it->second) &
                                             ~static_cast<std::uint8_t>(interest));
  return apply(fd, interest, token, dropped, "MODIFY");
}

absl::Status KqueuePoller::remove(int fd) {
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat("KqueuePoller: bad fd ", fd));
  auto it = registered_.find(fd);
  if (it == registered_.end()) {
    return absl::NotFoundError(absl::StrCat("KqueuePoller: remove(fd=", fd, "): not added"));
  }
  return apply(fd, kNone, 0, it->second, "DELETE");
}

void KqueuePoller::wake() {
  if (!latch_.notify()) return;
  struct kevent trigger;
  EV_SET(&trigger, kWakeIdent, EVFILT_USER, 0, NOTE_TRIGGER, 0, nullptr);
  for (;;) {
    if (kevent(kq_, &trigger, 1, nullptr, 0, nullptr) == 0) return;
    if (errno == EINTR) continue;
    // Only a bad kqueue (use after destruction) gets here; a lost wake-up
    // would hang the owner, so do not continue silently.
    std::fprintf(stderr, "KqueuePoller::wake: kevent(NOTE_TRIGGER) failed: errno %d\n", errno);
    std::abort();
  }
}

absl::StatusOr<std::size_t> KqueuePoller::poll(std::span<PollEvent> events,
                                               absl::Duration timeout) {
  if (events.empty()) return absl::InvalidArgumentError("KqueuePoller: poll() with no room");
  const std::size_t room = std::min<std::size_t>(events.size(), INT_MAX);
  if (buffer_.size() < room) buffer_.resize(room);

  const PollDeadline deadline(timeout);
  for (;;) {
    struct timespec ts = {0, 0};
    bool blocks = !deadline.nonblocking();
    if (blocks && !deadline.infinite()) {
      const std::int64_t left = deadline.left_ns();
      ts.tv_sec = static_cast<time_t>(left / 1'000'000'000);
      ts.tv_nsec = static_cast<long>(left % 1'000'000'000);
      blocks = left > 0;
    }
    if (blocks && !latch_.prepare_to_block()) {  // step A
      ts = {0, 0};
      blocks = false;
    }
    const bool wait_forever = deadline.infinite() && blocks;
    const int n = kevent(kq_, nullptr, 0, buffer_.data(), static_cast<int>(room),
                         wait_forever ? nullptr : &ts);
    const int err = errno;
    const bool woken = latch_.consume();  // step B
    if (n < 0 && err != EINTR) return SyscallError(err, "kevent(wait)");

    std::size_t out = 0;
    if (n > 1) merge_.clear();
    for (int i = 0; i < n; ++i) {
      const struct kevent& ev = buffer_[i];
      if (ev.filter == EVFILT_USER && ev.ident == kWakeIdent) continue;  // EV_CLEAR
      if ((ev.flags & EV_ERROR) != 0) continue;  // no changes were passed
      const int fd = static_cast<int>(ev.ident);
      std::size_t slot = out;
      if (n > 1) {
        auto [pos, fresh] = merge_.try_emplace(fd, out);
        slot = pos->second;
        if (fresh) events[out++] = PollEvent{};
      } else {
        events[out++] = PollEvent{};
      }
      PollEvent& e = events[slot];
      e.token = UdataToToken(ev.udata);
      const bool eof = (ev.flags & EV_EOF) != 0;
      if (ev.filter == EVFILT_READ) {
        e.readable = true;
        if (eof && ev.fflags != 0) e.error = true;  // fflags: the socket error
      } else if (ev.filter == EVFILT_WRITE) {
        e.writable = true;
        if (eof) e.error = true;  // writing would fail at once (EPIPE...)
      }
      if (eof) e.hangup = true;
    }
    if (out > 0 || woken || deadline.passed()) return out;
    // Nothing for the caller (EINTR, a late trigger, or an early return):
    // wait for the rest of the timeout.
  }
}

}  // namespace heph
