/* third_party/kqueue_emulation/sys/event.h — a Linux-only emulation of the
 * subset of the BSD/macOS kqueue API (<sys/event.h>) that Heph uses, built on
 * epoll, eventfd, timerfd and signalfd. It exists so the kqueue poller backend
 * can be built and tested on Linux; it is NOT product code and is never used
 * on systems that have a real <sys/event.h>.
 *
 * Covered (see README.md for the details and the known differences):
 *   kqueue(), kevent() with changelist + eventlist + timeout (NULL = forever,
 *   {0,0} = poll); filters EVFILT_READ, EVFILT_WRITE, EVFILT_TIMER,
 *   EVFILT_USER, EVFILT_SIGNAL, each knote keyed by (ident, filter);
 *   flags EV_ADD, EV_DELETE, EV_ENABLE, EV_DISABLE, EV_CLEAR, EV_ONESHOT,
 *   EV_DISPATCH, EV_RECEIPT; returned EV_EOF and EV_ERROR; udata passed
 *   through; EVFILT_USER fflags (NOTE_TRIGGER, NOTE_FF*); EVFILT_TIMER units
 *   (NOTE_SECONDS/MSECONDS/USECONDS/NSECONDS, default milliseconds).
 *
 * Numeric values follow FreeBSD. */
#ifndef HEPH_THIRD_PARTY_KQUEUE_EMULATION_SYS_EVENT_H_
#define HEPH_THIRD_PARTY_KQUEUE_EMULATION_SYS_EVENT_H_

#if !defined(__linux__)
#error "kqueue_emulation is for Linux only: use the system <sys/event.h>"
#endif

#include <stdint.h>
#include <time.h>

/* Filters. */
#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#define EVFILT_SIGNAL (-6)
#define EVFILT_TIMER (-7)
#define EVFILT_USER (-11)

/* Actions and flags (input). */
#define EV_ADD 0x0001     /* add the knote, or update it; enables it */
#define EV_DELETE 0x0002  /* delete the knote */
#define EV_ENABLE 0x0004  /* report events again */
#define EV_DISABLE 0x0008 /* keep the knote, report nothing */
#define EV_ONESHOT 0x0010 /* delete after the first delivery */
#define EV_CLEAR 0x0020   /* reset the state after delivery (edge-triggered) */
#define EV_RECEIPT 0x0040 /* answer every change with an EV_ERROR entry */
#define EV_DISPATCH 0x0080 /* disable after each delivery */

/* Flags (output). */
#define EV_ERROR 0x4000 /* change failed: errno in `data` (0 with EV_RECEIPT) */
#define EV_EOF 0x8000   /* peer closed / error (EVFILT_READ, EVFILT_WRITE) */

/* EVFILT_USER fflags. */
#define NOTE_FFNOP 0x00000000u
#define NOTE_FFAND 0x40000000u
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_FFCTRLMASK 0xc0000000u
#define NOTE_FFLAGSMASK 0x00ffffffu
#define NOTE_TRIGGER 0x01000000u

/* EVFILT_TIMER fflags: the unit of `data` (milliseconds when none is given). */
#define NOTE_SECONDS 0x00000001u
#define NOTE_MSECONDS 0x00000002u
#define NOTE_USECONDS 0x00000004u
#define NOTE_NSECONDS 0x00000008u

struct kevent {
  uintptr_t ident; /* fd (READ/WRITE), signal number, or any id */
  int16_t filter;  /* EVFILT_* */
  uint16_t flags;  /* EV_* */
  uint32_t fflags; /* filter-specific */
  int64_t data;    /* filter-specific */
  void* udata;     /* opaque, returned unchanged */
};

#define EV_SET(kevp_, a, b, c, d, e, f) \
  do {                                  \
    struct kevent* ev_set_p_ = (kevp_); \
    ev_set_p_->ident = (a);             \
    ev_set_p_->filter = (b);            \
    ev_set_p_->flags = (c);             \
    ev_set_p_->fflags = (d);            \
    ev_set_p_->data = (e);              \
    ev_set_p_->udata = (f);             \
  } while (0)

#ifdef __cplusplus
extern "C" {
#endif

/* Returns a new kqueue descriptor (close it with close()), or -1 and errno. */
int kqueue(void);

/* Applies `nchanges` changes, then waits for up to `nevents` events. Returns
 * the number of entries written to `eventlist`, or -1 and errno (EBADF: `kq`
 * is not a kqueue; EINVAL: bad argument or timeout; EINTR: interrupted; any
 * change's errno when there is no room to report it as an EV_ERROR entry). */
int kevent(int kq, const struct kevent* changelist, int nchanges, struct kevent* eventlist,
           int nevents, const struct timespec* timeout);

/* Emulation only (no kqueue has it): closes `kq` and frees its inner
 * descriptors at once, instead of when the closed number is next noticed.
 * Returns 0, or -1 and errno. */
int kqueue_emulation_close(int kq);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* HEPH_THIRD_PARTY_KQUEUE_EMULATION_SYS_EVENT_H_ */
