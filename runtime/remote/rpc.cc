#include "runtime/remote/rpc.h"

#include <unistd.h>

#include <capnp/rpc.capnp.h>
#include <capnp/any.h>
#include <capnp/serialize.h>
#include <kj/debug.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"
#include "runtime/remote/await.h"
#include "runtime/remote/kj_loop.h"

namespace heph::remote {

// ---------------------------------------------------------------- RpcConnection

namespace {

capnp::Capability::Client BootstrapOf(capnp::RpcSystem<capnp::rpc::twoparty::VatId>& rpc,
                                      capnp::rpc::twoparty::Side our_side) {
  capnp::word scratch[4];
  std::memset(scratch, 0, sizeof(scratch));
  capnp::MallocMessageBuilder message(scratch);
  auto vat = message.getRoot<capnp::rpc::twoparty::VatId>();
  vat.setSide(our_side == capnp::rpc::twoparty::Side::CLIENT
                  ? capnp::rpc::twoparty::Side::SERVER
                  : capnp::rpc::twoparty::Side::CLIENT);
  return rpc.bootstrap(vat);
}

capnp::ReaderOptions ReaderOptionsOf(const RpcOptions& o) {
  capnp::ReaderOptions r;
  r.traversalLimitInWords = o.traversal_limit_words;
  r.nestingLimit = o.nesting_limit;
  return r;
}

// Reads every word reachable from `p` through the reader's limits (nesting
// and traversal, which throw when exceeded; bounds too).
void ReadAll(capnp::AnyPointer::Reader p) {
  switch (p.getPointerType()) {
    case capnp::PointerType::NULL_:
    case capnp::PointerType::CAPABILITY:
      return;
    case capnp::PointerType::STRUCT:
      for (capnp::AnyPointer::Reader q : p.getAs<capnp::AnyStruct>().getPointerSection()) ReadAll(q);
      return;
    case capnp::PointerType::LIST: {
      capnp::AnyList::Reader list = p.getAs<capnp::AnyList>();
      if (list.getElementSize() == capnp::ElementSize::POINTER) {
        for (capnp::AnyPointer::Reader q : list.as<capnp::List<capnp::AnyPointer>>()) ReadAll(q);
      } else if (list.getElementSize() == capnp::ElementSize::INLINE_COMPOSITE) {
        for (capnp::AnyStruct::Reader e : list.as<capnp::List<capnp::AnyStruct>>()) {
          for (capnp::AnyPointer::Reader q : e.getPointerSection()) ReadAll(q);
        }
      }
      return;
    }
  }
}

std::uint32_t LoadLe32(const void* p) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "capnp frames are little-endian");
  std::uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

[[noreturn]] void ThrowOverLimit(std::string what) {
  kj::throwFatalException(
      kj::Exception(kj::Exception::Type::OVERLOADED, __FILE__, __LINE__, kj::str(what.c_str())));
}

}  // namespace

// Reads capnp's standard framing (a segment table, then the segments) itself,
// so that a frame is checked against the limits before anything is allocated
// for it, and every message is read in full, through the reader's limits,
// before RPC sees it. Writes go through capnp's AsyncIoMessageStream.
class RpcConnection::MessageStream final : public capnp::MessageStream {
 public:
  MessageStream(kj::AsyncIoStream& stream, std::shared_ptr<State> state, const RpcOptions& options)
      : stream_(stream), writer_(stream), state_(std::move(state)), options_(options) {}

  kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> tryReadMessage(
      kj::ArrayPtr<kj::AutoCloseFd>, capnp::ReaderOptions, kj::ArrayPtr<capnp::word>) override {
    kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> read = nullptr;
    if (options_.max_calls_in_flight != 0 &&
        state_->calls_in_flight >= options_.max_calls_in_flight) {
      // At the limit: read nothing until an answer goes out.
      auto paf = kj::newPromiseAndFulfiller<void>();
      slot_freed_ = kj::mv(paf.fulfiller);
      read = paf.promise.then([this] { return read_frame(); });
    } else {
      read = read_frame();
    }
    return read.then(
        [state = state_](kj::Maybe<capnp::MessageReaderAndFds>&& m)
            -> kj::Maybe<capnp::MessageReaderAndFds> {
          // The end of the stream: capnp would fail the calls in flight with
          // a bare "Peer disconnected."; this exception, which RPC hands to
          // every pending and later call, names the peer.
          if (m == nullptr) {
            kj::throwFatalException(kj::Exception(
                kj::Exception::Type::DISCONNECTED, __FILE__, __LINE__,
                kj::str("connection to ", state->peer.c_str(), ": peer disconnected")));
          }
          return kj::mv(m);
        },
        [state = state_](kj::Exception&& e) -> kj::Maybe<capnp::MessageReaderAndFds> {
          // A peer that resets the connection is not worth a log line; a
          // malformed frame is.
          if (state->failure.ok() && e.getType() != kj::Exception::Type::DISCONNECTED) {
            state->failure = StatusFromKj(e, absl::StrCat("read from ", state->peer));
          }
          kj::throwFatalException(kj::mv(e));
        });
  }
  kj::Promise<void> writeMessage(kj::ArrayPtr<const int> fds,
                                 kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments)
      override {
    note_outgoing(segments);
    return writer_.writeMessage(fds, segments);
  }
  kj::Promise<void> writeMessages(
      kj::ArrayPtr<kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>>> messages) override {
    for (auto segments : messages) note_outgoing(segments);
    return writer_.writeMessages(messages);
  }
  kj::Maybe<int> getSendBufferSize() override { return writer_.getSendBufferSize(); }
  kj::Promise<void> end() override { return writer_.end(); }

 private:
  // Null at a clean end of stream (between frames). Reads go through a
  // buffer: one read takes what the socket has (often a whole frame, or
  // several pipelined ones), instead of one read for the first word, one
  // for the rest of the table and one for the segments.
  kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> read_frame() {
    return fill(8, true).then([this](bool got) -> kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> {
      if (!got) return kj::Maybe<capnp::MessageReaderAndFds>(nullptr);
      const kj::byte* first = buffer_.begin() + begin_;
      const std::uint64_t count = std::uint64_t{LoadLe32(first)} + 1;
      if (count > options_.max_segments) {
        ThrowOverLimit(absl::StrCat("frame of ", count, " segments is over the limit of ",
                                    options_.max_segments));
      }
      // The table: the count, the sizes, padded to a word (at most 2 KiB
      // with the default 512 segments; the buffer holds any table).
      const std::size_t table = (count + 1 + 1) / 2 * 8;
      return fill(table, false).then([this, count, table](bool) {
        const kj::byte* t = buffer_.begin() + begin_;
        auto sizes = kj::heapArray<std::uint32_t>(count);
        std::uint64_t total = 0;
        for (std::uint64_t i = 0; i < count; ++i) {
          sizes[i] = LoadLe32(t + 4 + 4 * i);
          total += sizes[i];
        }
        if (total > options_.traversal_limit_words) {
          ThrowOverLimit(absl::StrCat("message of ", total,
                                      " words is over the traversal limit of ",
                                      options_.traversal_limit_words, " words"));
        }
        begin_ += table;
        return read_segments(kj::mv(sizes), total);
      });
    });
  }

  // Makes at least `n` bytes (n <= the buffer's size) buffered. False only
  // for `at_start` and a clean end of stream with nothing buffered; an end
  // in the middle of a frame throws.
  kj::Promise<bool> fill(std::size_t n, bool at_start) {
    if (end_ - begin_ >= n) return true;
    if (begin_ > 0) {
      std::memmove(buffer_.begin(), buffer_.begin() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    // Never a zero-byte read: TLS takes one for the end of the stream.
    return stream_.tryRead(buffer_.begin() + end_, n - end_, buffer_.size() - end_)
        .then([this, n, at_start](std::size_t got) {
          end_ += got;
          if (end_ >= n) return true;
          if (at_start && end_ == 0) return false;
          Truncated(end_, n);
        });
  }

  kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> read_segments(kj::Array<std::uint32_t> sizes,
                                                                    std::uint64_t total) {
    auto words = kj::heapArray<capnp::word>(total);
    const std::size_t bytes = total * sizeof(capnp::word);
    // What the buffer already holds, then the rest straight into the words.
    const std::size_t buffered = std::min(bytes, end_ - begin_);
    if (buffered > 0) std::memcpy(words.begin(), buffer_.begin() + begin_, buffered);
    begin_ += buffered;
    kj::byte* p = reinterpret_cast<kj::byte*>(words.begin()) + buffered;
    const std::size_t rest = bytes - buffered;
    kj::Promise<std::size_t> reading =
        rest == 0 ? kj::Promise<std::size_t>(std::size_t{0}) : stream_.tryRead(p, rest, rest);
    return reading
        .then([this, bytes, rest, buffered, sizes = kj::mv(sizes), words = kj::mv(words)](
                  std::size_t n) mutable -> kj::Maybe<capnp::MessageReaderAndFds> {
          if (n < rest) Truncated(buffered + n, bytes);
          auto segments = kj::heapArray<kj::ArrayPtr<const capnp::word>>(sizes.size());
          const capnp::word* at = words.begin();
          for (std::size_t i = 0; i < sizes.size(); ++i) {
            segments[i] = kj::arrayPtr(at, sizes[i]);
            at += sizes[i];
          }
          const capnp::ReaderOptions limits = ReaderOptionsOf(options_);
          {
            // Everything, once, through the limits (a reader of its own, so
            // RPC's reader starts with the whole traversal budget).
            capnp::SegmentArrayMessageReader check(segments, limits);
            ReadAll(check.getRoot<capnp::AnyPointer>());
          }
          kj::Own<capnp::MessageReader> reader =
              kj::heap<capnp::SegmentArrayMessageReader>(segments, limits)
                  .attach(kj::mv(segments), kj::mv(words));
          const auto which = reader->getRoot<capnp::rpc::Message>().which();
          if (which == capnp::rpc::Message::CALL || which == capnp::rpc::Message::BOOTSTRAP) {
            ++state_->calls_in_flight;
          }
          return capnp::MessageReaderAndFds{kj::mv(reader), nullptr};
        });
  }

  [[noreturn]] static void Truncated(std::size_t got, std::size_t wanted) {
    kj::throwFatalException(kj::Exception(
        kj::Exception::Type::FAILED, __FILE__, __LINE__,
        kj::str("the peer closed the connection in the middle of a frame (", got, " of ", wanted,
                " bytes)")));
  }

  // Answers free call slots; an outgoing Abort carries the reason RPC drops
  // the connection.
  void note_outgoing(kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments) {
    // Cheap: a reader over the segments, one pointer and a union tag.
    capnp::SegmentArrayMessageReader reader(segments);
    capnp::rpc::Message::Reader m = reader.getRoot<capnp::rpc::Message>();
    if (m.which() == capnp::rpc::Message::RETURN) {
      if (state_->calls_in_flight > 0) --state_->calls_in_flight;
      KJ_IF_MAYBE(f, slot_freed_) {
        (*f)->fulfill();
        slot_freed_ = nullptr;
      }
      return;
    }
    if (m.which() != capnp::rpc::Message::ABORT || !state_->failure.ok()) return;
    // RPC is dropping the connection and tells the peer why: remember it.
    capnp::rpc::Exception::Reader e = m.getAbort();
    // The peer went away (capnp says so with an Abort too): not a failure.
    if (e.getType() == capnp::rpc::Exception::Type::DISCONNECTED) return;
    state_->failure = absl::UnknownError(absl::StrCat(
        "aborted: ", AsAbsl(std::string_view(e.getReason().cStr(), e.getReason().size()))));
  }

  kj::AsyncIoStream& stream_;
  capnp::AsyncIoMessageStream writer_;
  std::shared_ptr<State> state_;
  RpcOptions options_;
  // Received bytes not yet taken: [begin_, end_) of buffer_.
  kj::Array<kj::byte> buffer_ = kj::heapArray<kj::byte>(kReadBuffer);
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  static constexpr std::size_t kReadBuffer = 8192;
  kj::Maybe<kj::Own<kj::PromiseFulfiller<void>>> slot_freed_;
};

RpcConnection::Named RpcConnection::NameOf(kj::Own<KjStream> stream) {
  std::string peer = stream->peer();
  return Named{kj::mv(stream), std::move(peer)};
}

RpcConnection::RpcConnection(kj::Own<KjStream> stream, capnp::rpc::twoparty::Side side,
                             capnp::Capability::Client bootstrap, const RpcOptions& options)
    : RpcConnection(NameOf(kj::mv(stream)), side, kj::mv(bootstrap), options) {}

RpcConnection::RpcConnection(kj::Own<kj::AsyncIoStream> stream, std::string peer,
                             capnp::rpc::twoparty::Side side, capnp::Capability::Client bootstrap,
                             const RpcOptions& options)
    : RpcConnection(Named{kj::mv(stream), std::move(peer)}, side, kj::mv(bootstrap), options) {}

RpcConnection::RpcConnection(Named named, capnp::rpc::twoparty::Side side,
                             capnp::Capability::Client bootstrap, const RpcOptions& options)
    : peer_(std::move(named.peer)),
      side_(side),
      state_(std::make_shared<State>(State{.peer = peer_})),
      stream_(kj::mv(named.stream)),
      messages_(kj::heap<MessageStream>(*stream_, state_, options)),
      network_(*messages_, side, ReaderOptionsOf(options)),
      rpc_(capnp::makeRpcServer(network_, kj::mv(bootstrap))),
      disconnected_(network_.onDisconnect()
                        .then([state = state_] { state->connected = false; },
                              [state = state_](kj::Exception&&) { state->connected = false; })
                        .fork()) {
  if (options.max_call_words_in_flight != 0) rpc_.setFlowLimit(options.max_call_words_in_flight);
}

RpcConnection::~RpcConnection() = default;

capnp::Capability::Client RpcConnection::bootstrap() { return BootstrapOf(rpc_, side_); }

kj::Promise<void> RpcConnection::on_disconnect() { return disconnected_.addBranch(); }

// ---------------------------------------------------------------- Connect

kj::Promise<kj::Own<RpcConnection>> ConnectKj(const RemoteAddress& address,
                                              capnp::Capability::Client bootstrap,
                                              RpcOptions options) {
  return KjStream::Connect(address).then(
      [bootstrap = kj::mv(bootstrap), options](kj::Own<KjStream> s) mutable {
        return kj::heap<RpcConnection>(kj::mv(s), capnp::rpc::twoparty::Side::CLIENT,
                                       kj::mv(bootstrap), options);
      });
}

Async<absl::StatusOr<std::unique_ptr<RpcConnection>>> Connect(std::string address,
                                                              capnp::Capability::Client bootstrap,
                                                              ConnectOptions options) {
  absl::StatusOr<RemoteAddress> a = RemoteAddress::Parse(address);
  if (!a.ok()) co_return a.status();
  if (Worker::current() == nullptr) {
    co_return absl::FailedPreconditionError(
        absl::StrCat("connect to ", address, ": must be awaited on a heph worker"));
  }
  const std::string name = a->ToString();
  using Stream = kj::Own<kj::AsyncIoStream>;
  // Null when the timeout passed first; dropping the connect closes its socket.
  kj::Promise<kj::Maybe<Stream>> connecting =
      KjStream::Connect(*a).then([](kj::Own<KjStream> s) -> kj::Maybe<Stream> { return kj::mv(s); });
  // Set once connected, while the TLS handshake runs.
  auto handshaking = std::make_shared<bool>(false);
  if (options.tls != nullptr) {
    absl::StatusOr<TlsMaterial> tls = TlsMaterial::ForClient(*options.tls);
    if (!tls.ok()) {
      co_return absl::Status(tls.status().code(),
                             absl::StrCat("connect to ", name, ": ", tls.status().message()));
    }
    std::string server_name = options.tls->server_name;
    if (server_name.empty()) server_name = a->is_unix() ? "localhost" : a->inet().HostString();
    connecting = connecting.then(
        [context = tls->NewContext(), server_name = std::move(server_name),
         handshaking](kj::Maybe<Stream> s) mutable -> kj::Promise<kj::Maybe<Stream>> {
          *handshaking = true;
          kj::TlsContext& c = *context;
          return c.wrapClient(kj::mv(KJ_ASSERT_NONNULL(s)), server_name.c_str())
              .then([context = kj::mv(context)](Stream t) mutable -> kj::Maybe<Stream> {
                // The connection keeps its context.
                return t.attach(kj::mv(context));
              });
        });
  }
  if (options.timeout != absl::InfiniteDuration()) {
    connecting = connecting.exclusiveJoin(
        Delay(options.timeout).then([]() -> kj::Maybe<Stream> { return nullptr; }));
  }
  absl::StatusOr<kj::Maybe<Stream>> stream = co_await Await(kj::mv(connecting));
  if (!stream.ok()) {
    if (!*handshaking) co_return stream.status();
    // The server's certificate was refused, or the server refused us.
    co_return absl::Status(
        absl::IsUnavailable(stream.status()) ? absl::StatusCode::kUnavailable
                                             : absl::StatusCode::kUnauthenticated,
        absl::StrCat("connect to ", name, ": TLS handshake failed: ", stream.status().message()));
  }
  KJ_IF_MAYBE(s, *stream) {
    co_return std::make_unique<RpcConnection>(kj::mv(*s), name, capnp::rpc::twoparty::Side::CLIENT,
                                              kj::mv(bootstrap), options.rpc);
  }
  co_return absl::DeadlineExceededError(absl::StrCat(
      "connect to ", name, ": not ", *handshaking ? "through the TLS handshake" : "connected",
      " within ", absl::FormatDuration(options.timeout)));
}


// ---------------------------------------------------------------- RpcServer

namespace {

// What one listener actor gets; it adopts `fd`.
struct ListenerState {
  ListenerState() = default;
  ListenerState(const ListenerState&) = delete;
  ListenerState& operator=(const ListenerState&) = delete;
  ~ListenerState() {
    if (fd >= 0) ::close(fd);  // never adopted (the actor never ran)
  }
  int fd = -1;
  std::string address;      // "127.0.0.1:41234"
  std::string unlink_path;  // Unix: the socket file
  std::string name;
  RpcServer::BootstrapFactory factory;
  RpcOptions rpc;
  std::function<void(const absl::Status&)> on_failure;
  std::shared_ptr<const TlsMaterial> tls;  // null: no TLS
  std::shared_ptr<RpcServer::Stats> stats;
  std::uint32_t index = 0;
};

// A listener's KJ side, on its worker: accepts, and runs each connection
// until it disconnects.
class Serving final : private kj::TaskSet::ErrorHandler {
 public:
  explicit Serving(ListenerState& st)
      : st_(st),
        listener_(std::exchange(st.fd, -1), st.address, st.unlink_path),
        bootstrap_(st.factory()),
        tls_(st.tls ? st.tls->NewContext() : kj::Own<kj::TlsContext>()),
        connections_(*this),
        accepting_(accept_loop().eagerlyEvaluate([this](kj::Exception&& e) {
          KJ_LOG(ERROR, "heph::remote: stopped accepting", st_.name.c_str(), e);
        })) {}

 private:
  kj::Promise<void> accept_loop() {
    return listener_.accept_stream().then(
        [this](kj::Own<KjStream> s) {
          serve(kj::mv(s));
          return accept_loop();
        },
        [this](kj::Exception&& e) {
          // E.g. EMFILE: the connection stays in the backlog; do not spin on it.
          KJ_LOG(ERROR, "heph::remote: accept failed; retrying in 10 ms", st_.name.c_str(), e);
          return Delay(absl::Milliseconds(10)).then([this] { return accept_loop(); });
        });
  }

  void serve(kj::Own<KjStream> s) {
    std::shared_ptr<RpcServer::Stats> stats = st_.stats;
    const std::uint32_t i = st_.index;
    stats->accepted[i].fetch_add(1, std::memory_order_relaxed);
    stats->open[i].fetch_add(1, std::memory_order_relaxed);
    auto closed = kj::defer([stats, i] { stats->open[i].fetch_sub(1, std::memory_order_relaxed); });
    std::string peer = s->peer();
    if (tls_.get() == nullptr) {
      connections_.add(run(kj::mv(s), std::move(peer)).attach(kj::mv(closed)));
      return;
    }
    using Stream = kj::Own<kj::AsyncIoStream>;
    kj::Promise<kj::Maybe<Stream>> handshake =
        tls_->wrapServer(kj::mv(s)).then([](Stream t) -> kj::Maybe<Stream> { return kj::mv(t); });
    const absl::Duration timeout = st_.tls->handshake_timeout;
    if (timeout != absl::InfiniteDuration()) {
      handshake = handshake.exclusiveJoin(
          Delay(timeout).then([]() -> kj::Maybe<Stream> { return nullptr; }));
    }
    connections_.add(
        handshake
            .then(
                [this, peer, timeout](kj::Maybe<Stream> t) -> kj::Promise<void> {
                  KJ_IF_MAYBE(stream, t) { return run(kj::mv(*stream), peer); }
                  report(absl::DeadlineExceededError(
                      absl::StrCat(prefix(peer), "TLS handshake not finished within ",
                                   absl::FormatDuration(timeout))));
                  return kj::READY_NOW;
                },
                [this, peer](kj::Exception&& e) {
                  // A client that closed or reset is not reported; one that
                  // failed the handshake (no or an untrusted certificate) is.
                  if (e.getType() == kj::Exception::Type::DISCONNECTED) return;
                  report(absl::UnauthenticatedError(absl::StrCat(
                      prefix(peer), "TLS handshake failed: ", e.getDescription().cStr())));
                })
            .attach(kj::mv(closed)));
  }

  // Serves one connection until it goes.
  kj::Promise<void> run(kj::Own<kj::AsyncIoStream> stream, std::string peer) {
    auto conn = kj::heap<RpcConnection>(kj::mv(stream), std::move(peer),
                                        capnp::rpc::twoparty::Side::SERVER, bootstrap_, st_.rpc);
    RpcConnection* raw = conn.get();
    return conn->on_disconnect()
        .then([raw, this] {
          // The reason RPC dropped it, if reading failed (e.g. garbage bytes).
          if (!raw->failure().ok()) {
            report(absl::Status(raw->failure().code(),
                                absl::StrCat(prefix(raw->peer()), raw->failure().message())));
          }
        })
        .attach(kj::mv(conn));
  }

  std::string prefix(const std::string& peer) const {
    return absl::StrCat(st_.name, " on ", st_.address, ": closed the connection from ", peer, ": ");
  }
  void report(const absl::Status& why) {
    if (st_.on_failure) {
      st_.on_failure(why);
    } else {
      std::fprintf(stderr, "heph::remote: %s\n", std::string(why.message()).c_str());
    }
  }

  void taskFailed(kj::Exception&& e) override {
    KJ_LOG(WARNING, "heph::remote: connection failed", st_.name.c_str(), e);
  }

  ListenerState& st_;
  KjListener listener_;
  capnp::Capability::Client bootstrap_;
  kj::Own<kj::TlsContext> tls_;  // outlives the connections
  kj::TaskSet connections_;
  kj::Promise<void> accepting_;
};

Async<absl::Status> Listener(Context<Signal> ctx, std::shared_ptr<ListenerState> st) {
  WorkerKjLoop::Current();
  std::optional<Serving> serving;
  try {
    serving.emplace(*st);
  } catch (const kj::Exception& e) {
    co_return StatusFromKj(e, absl::StrCat(st->name, " on ", st->address));
  }
  while (std::optional<Signal> s = co_await ctx.receive_next()) {
    if (IsExitSignal(*s)) break;
  }
  serving.reset();  // closes the socket, drops the connections
  co_return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RpcServer>> RpcServer::Start(Runtime& runtime,
                                                            std::string_view address,
                                                            BootstrapFactory bootstrap,
                                                            RpcServerOptions options) {
  absl::StatusOr<RemoteAddress> addr = RemoteAddress::Parse(address);
  if (!addr.ok()) return addr.status();
  std::shared_ptr<const TlsMaterial> tls;
  if (options.tls) {
    absl::StatusOr<TlsMaterial> m = TlsMaterial::ForServer(*options.tls);
    if (!m.ok()) {
      return absl::Status(m.status().code(), absl::StrCat(AsAbsl(options.name), " on ",
                                                          AsAbsl(address), ": ", m.status().message()));
    }
    tls = std::make_shared<const TlsMaterial>(*std::move(m));
  }
  const std::uint32_t n = addr->is_unix() ? 1 : runtime.worker_count();
  std::vector<int> fds;
  auto close_all = [&] {
    for (int fd : fds) ::close(fd);
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    absl::StatusOr<int> fd = KjListener::BindFd(*addr, /*reuse_port=*/!addr->is_unix(),
                                                options.backlog);
    if (!fd.ok()) {
      close_all();
      return absl::Status(fd.status().code(),
                          absl::StrCat(AsAbsl(options.name), ": listener ", i, " of ", n, ": ",
                                       fd.status().message()));
    }
    if (i == 0 && !addr->is_unix()) {
      std::optional<SocketAddress> local = SocketAddress::LocalOf(*fd);
      if (local) addr->set_port(local->port());
    }
    fds.push_back(*fd);
  }
  std::unique_ptr<RpcServer> server(new RpcServer());
  server->address_ = addr->ToString();
  server->port_ = addr->is_unix() ? 0 : addr->inet().port();
  server->stats_ = std::make_shared<Stats>(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto st = std::make_shared<ListenerState>();
    st->fd = fds[i];
    st->address = server->address_;
    if (addr->is_unix()) st->unlink_path = addr->path();
    st->name = std::string(options.name);
    st->factory = bootstrap;  // a copy per worker
    st->rpc = options.rpc;
    st->on_failure = options.on_connection_failure;
    st->tls = tls;
    st->stats = server->stats_;
    st->index = i;
    server->listeners_.push_back(runtime.spawn_on(i, SpawnOptions{.name = "remote_listener"},
                                                  StopSupervisor{}, &Listener, std::move(st)));
  }
  return server;
}

RpcServer::~RpcServer() = default;

void RpcServer::stop() {
  for (const ActorRef<Signal>& l : listeners_) (void)l.try_send(Signal::kTerminate);
}

void RpcServer::receive_signals(Runtime& runtime) {
  for (const ActorRef<Signal>& l : listeners_) runtime.receive_signals(l);
}

std::uint64_t RpcServer::accepted_on(std::uint32_t i) const {
  return stats_->accepted[i].load(std::memory_order_relaxed);
}

std::uint64_t RpcServer::open_on(std::uint32_t i) const {
  return stats_->open[i].load(std::memory_order_relaxed);
}

std::uint64_t RpcServer::accepted() const {
  std::uint64_t sum = 0;
  for (const auto& a : stats_->accepted) sum += a.load(std::memory_order_relaxed);
  return sum;
}

}  // namespace heph::remote
