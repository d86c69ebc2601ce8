// The remote bridge end to end: a generated protocol's actor served with
// heph::remote::Serve, called through the same generated reference type over
// a real Cap'n Proto RPC connection (heph::remote::Connect<P>), and from and
// to plain capnp (EzRpc) code. Calls, one-way sends, inheritance, errors with
// their codes, NoResponse, a dead actor, a restarted one, a dropped
// connection, flow control, several exports, Unix sockets, a reference
// passed between actors.
#include <capnp/ez-rpc.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "codegen/support/protocol_support.h"
#include "examples/counter/counter.capnp.h"
#include "examples/counter/counter.heph.h"
#include "examples/counter/counter.heph.remote.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"
#include "runtime/testing/test_runtime.h"
#include "tests/remote_store.capnp.h"
#include "tests/remote_store.heph.h"
#include "tests/remote_store.heph.remote.h"

// See runtime/remote/remote_test.cc: g++ 12 at -O1 and KJ's headers.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#if defined(__SANITIZE_THREAD__)
// libkj is not TSan-instrumented (see runtime/remote/remote_test.cc).
extern "C" const char* __tsan_default_suppressions() {
  return "race:kj::_::XThreadEventImpl\n"
         "race:kj::Executor::executeSync\n";
}
#endif

namespace {

using ::heph::Async;
using ::heph::Context;
using ::heph::testing::TestRuntime;
using ::tests::remote::actors::Store;
using ::tests::remote::actors::StoreRef;
using ::tests::remote::actors::Named;
using ::tests::remote::actors::NamedRef;
using Counter = ::examples::counter::actors::Counter;
using ::examples::counter::actors::CounterRef;

// ---------------------------------------------------------------- the served actors

struct StoreState {
  std::atomic<std::uint64_t> puts{0};
  std::atomic<int> runs{0};  // starts, restarts included
};

Async<absl::Status> StoreActor(Context<Store::Message> ctx, std::shared_ptr<StoreState> state) {
  state->runs.fetch_add(1);
  std::map<std::string, std::string> data;
  while (auto message = co_await ctx.receive_next()) {
    enum class Next { kGoOn, kStop, kCrash } next = Next::kGoOn;
    std::uint32_t pause_ms = 0;
    Store::Visit(*message, ::heph::codegen::Overloaded{
        [&](::tests::remote::actors::Named_NameCall& c) { c.reply({.name = "the store"}); },
        [&](::tests::remote::actors::Store_PutParams& p) {
          data[p.key] = p.value;
          state->puts.fetch_add(1);
        },
        [&](::tests::remote::actors::Store_GetCall& c) {
          auto it = data.find(c.params.key);
          if (it == data.end()) {
            c.fail(absl::NotFoundError(absl::StrCat("no such key '", c.params.key, "'")));
          } else {
            c.reply({.value = it->second});
          }
        },
        [&](::tests::remote::actors::Store_SizeCall& c) { c.reply({.count = state->puts.load()}); },
        [&](::tests::remote::actors::Store_DropCall&) {},  // dropped with the message
        [&](::tests::remote::actors::Store_PauseParams& p) { pause_ms = p.ms; },
        [&](::tests::remote::actors::Store_StopParams&) { next = Next::kStop; },
        [&](::tests::remote::actors::Store_CrashParams&) { next = Next::kCrash; },
        [&](::tests::remote::actors::Store_FailsCall& c) {
          c.fail(absl::Status(static_cast<absl::StatusCode>(c.params.code), c.params.message));
        },
    });
    if (pause_ms > 0) co_await ::heph::Sleep(absl::Milliseconds(pause_ms));
    if (next == Next::kStop) co_return absl::OkStatus();
    if (next == Next::kCrash) co_return absl::InternalError("asked to crash");
  }
  co_return absl::OkStatus();
}

// Counter in handler style (the example's protocol).
class CounterImpl : public Counter::Handler {
 public:
  absl::Status add(Counter::AddParams& p) override {
    total_ += p.amount;
    return absl::OkStatus();
  }
  absl::Status get(Counter::GetParams&, Counter::GetResults& r) override {
    r.value = total_;
    return absl::OkStatus();
  }

 private:
  std::uint64_t total_ = 0;
};

// A server process: a Runtime on a thread serving what the test exported.
class ServerRuntime {
 public:
  explicit ServerRuntime(std::uint32_t workers = 1)
      : runtime_({.name = "remote_server", .workers = workers}) {}
  ~ServerRuntime() { stop(); }
  heph::Runtime& runtime() { return runtime_; }
  void start() {
    thread_ = std::thread([this] { status_ = runtime_.start(); });
  }
  // Stops the servers, then the runtime.
  void stop() {
    for (auto& s : servers_) s->stop();
    runtime_.stop();
    if (thread_.joinable()) thread_.join();
  }
  template <class Ref>
  std::string serve(const Ref& ref, std::string_view address = "127.0.0.1:0") {
    auto server = heph::remote::Serve(runtime_, address, ref);
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return "";
    std::string bound = (*server)->address();
    servers_.push_back(std::move(*server));
    return bound;
  }
  heph::remote::RpcServer& server(size_t i) { return *servers_[i]; }

 private:
  heph::Runtime runtime_;
  std::vector<std::unique_ptr<heph::remote::RpcServer>> servers_;
  std::thread thread_;
  absl::Status status_;
};

std::string StoreAddress(ServerRuntime& server, std::shared_ptr<StoreState> state,
                         std::string_view address = "127.0.0.1:0") {
  StoreRef store = Store::SpawnActor(server.runtime(), {}, heph::StopSupervisor{}, &StoreActor, state);
  return server.serve(store, address);
}

// ---------------------------------------------------------------- calls and sends

TEST(RemoteBridge, AConnectedReferenceIsTheGeneratedTypeAndCallsTheRemoteActor) {
  ServerRuntime server;
  auto state = std::make_shared<StoreState>();
  const std::string address = StoreAddress(server, state);
  server.start();

  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    EXPECT_TRUE(store->is_connected());
    for (int i = 0; i < 100; ++i) {
      absl::Status s = co_await store->put(absl::StrCat("k", i), absl::StrCat("v", i));
      if (!s.ok()) co_return s;
    }
    EXPECT_TRUE(store->try_put("last", "one").ok());
    absl::StatusOr<Store::GetResults> got = co_await store->get("k42");
    if (!got.ok()) co_return got.status();
    EXPECT_EQ(got->value, "v42");
    absl::StatusOr<Store::SizeResults> size = co_await store->size();
    if (!size.ok()) co_return size.status();
    EXPECT_EQ(size->count, 101u);  // one connection, FIFO: every put came first
    // The inherited method, on the derived reference and on the base's.
    absl::StatusOr<Named::NameResults> name = co_await store->name();
    EXPECT_TRUE(name.ok()) << name.status();
    if (name.ok()) {
      EXPECT_EQ(name->name, "the store");
    }
    NamedRef named = *store;
    name = co_await named.name();
    EXPECT_TRUE(name.ok()) << name.status();
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(state->puts.load(), 101u);
}

TEST(RemoteBridge, TheBaseProtocolConnectsToADerivedExport) {
  ServerRuntime server;
  const std::string address = StoreAddress(server, std::make_shared<StoreState>());
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::StatusOr<std::string>> {
    absl::StatusOr<NamedRef> named = co_await heph::remote::Connect<Named>(address);
    if (!named.ok()) co_return named.status();
    absl::StatusOr<Named::NameResults> r = co_await named->name();
    if (!r.ok()) co_return r.status();
    co_return r->name;
  };
  absl::StatusOr<std::string> name = rt.run(body(address), absl::Seconds(60));
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "the store");
}

// ---------------------------------------------------------------- errors

TEST(RemoteBridge, AnActorsErrorReachesTheRemoteCallerWithItsCodeAndMessage) {
  ServerRuntime server;
  const std::string address = StoreAddress(server, std::make_shared<StoreState>());
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    absl::StatusOr<Store::GetResults> got = co_await store->get("absent");
    EXPECT_TRUE(absl::IsNotFound(got.status())) << got.status();
    EXPECT_EQ(got.status().message(), absl::StrCat("Store.get: ", address, ": no such key 'absent'"));
    // Every code crosses as itself.
    for (int code = 1; code <= 16; ++code) {
      absl::StatusOr<Store::FailsResults> r =
          co_await store->fails(static_cast<std::uint32_t>(code), absl::StrCat("code ", code));
      EXPECT_EQ(static_cast<int>(r.status().code()), code) << r.status();
      EXPECT_TRUE(absl::StrContains(r.status().message(), absl::StrCat("code ", code))) << r.status();
    }
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(RemoteBridge, ADroppedReplyGivesTheRemoteCallerNoResponse) {
  ServerRuntime server;
  const std::string address = StoreAddress(server, std::make_shared<StoreState>());
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    absl::StatusOr<Store::DropResults> r = co_await store->drop();
    EXPECT_TRUE(heph::IsNoResponse(r.status())) << r.status();
    EXPECT_TRUE(absl::StrContains(r.status().message(), "Store.drop: " + address + ": ")) << r.status();
    EXPECT_TRUE(absl::StrContains(r.status().message(), "got no response")) << r.status();
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(RemoteBridge, AnEndedActorBehindAnExportFailsCallsClearlyAndItsProxyDisconnects) {
  ServerRuntime server;
  const std::string address = StoreAddress(server, std::make_shared<StoreState>());
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    (void)co_await store->stop();
    // Wait for it to end (the export still holds its reference).
    absl::StatusOr<Store::GetResults> got;
    for (int i = 0; i < 200; ++i) {
      got = co_await store->get("k");
      if (heph::IsSendFailed(got.status())) break;  // (a call queued as it ended: NoResponse)
      co_await heph::Sleep(absl::Milliseconds(10));
    }
    // As for a local caller: the request could not be sent (Unavailable).
    EXPECT_TRUE(heph::IsSendFailed(got.status())) << got.status();
    EXPECT_EQ(got.status().message(),
              absl::StrCat("Store.get: ", address, ": rpc to actor 'Store' failed: the request could not be sent"));
    // A one-way message the peer refuses ends the proxy: the reference
    // turns disconnected, and later sends fail at once.
    (void)co_await store->put("k", "v");
    for (int i = 0; i < 500 && store->is_connected(); ++i) co_await heph::Sleep(absl::Milliseconds(5));
    EXPECT_FALSE(store->is_connected());
    EXPECT_FALSE(store->try_put("k", "v").ok());
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(RemoteBridge, ARestartedActorBehindAnExportKeepsServing) {
  ServerRuntime server;
  auto state = std::make_shared<StoreState>();
  StoreRef store = Store::SpawnActor(server.runtime(), {}, heph::RestartSupervisor<std::shared_ptr<StoreState>>(state),
                                     &StoreActor, state);
  const std::string address = server.serve(store);
  store = StoreRef();
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    (void)co_await store->put("a", "1");
    (void)co_await store->crash();
    absl::StatusOr<Named::NameResults> name = co_await store->name();
    EXPECT_TRUE(name.ok()) << name.status();
    (void)co_await store->put("b", "2");
    absl::StatusOr<Store::GetResults> b = co_await store->get("b");
    EXPECT_TRUE(b.ok()) << b.status();
    EXPECT_TRUE(store->is_connected());
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(state->runs.load(), 2);
}

TEST(RemoteBridge, ADroppedConnectionFailsPendingAndLaterCallsAndDisconnectsTheReference) {
  auto server = std::make_unique<ServerRuntime>();
  const std::string address = StoreAddress(*server, std::make_shared<StoreState>());
  server->start();
  TestRuntime rt;
  auto body = [](std::string address, ServerRuntime* server) -> Async<absl::Status> {
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address);
    if (!store.ok()) co_return store.status();
    (void)co_await store->pause(60'000);  // the actor sleeps: the next call stays pending
    std::thread stopper([server] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      server->stop();
    });
    const absl::Time start = absl::Now();
    absl::StatusOr<Store::SizeResults> pending = co_await store->size();
    stopper.join();
    EXPECT_LT(absl::Now() - start, absl::Seconds(20));  // prompt: not the pause
    EXPECT_TRUE(absl::IsUnavailable(pending.status())) << pending.status();
    EXPECT_TRUE(absl::StrContains(pending.status().message(), "Store.size: ")) << pending.status();
    EXPECT_TRUE(absl::StrContains(pending.status().message(), address)) << pending.status();
    for (int i = 0; i < 500 && store->is_connected(); ++i) co_await heph::Sleep(absl::Milliseconds(5));
    EXPECT_FALSE(store->is_connected());
    absl::StatusOr<Store::SizeResults> later = co_await store->size();
    EXPECT_FALSE(later.ok());
    EXPECT_FALSE(store->try_put("k", "v").ok());
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address, server.get()), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(RemoteBridge, ConnectFailuresNameTheAddress) {
  TestRuntime rt;
  auto body = []() -> Async<absl::Status> {
    // A port nothing listens on (bound, then closed).
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>("127.0.0.1:1");
    EXPECT_FALSE(store.ok());
    EXPECT_TRUE(absl::StrContains(store.status().message(), "127.0.0.1:1")) << store.status();
    store = co_await heph::remote::Connect<Store>("unix:/nonexistent/heph.sock");
    EXPECT_FALSE(store.ok());
    EXPECT_TRUE(absl::StrContains(store.status().message(), "unix:/nonexistent/heph.sock")) << store.status();
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

// ---------------------------------------------------------------- flow control

TEST(RemoteBridge, AFullRemoteInboxSlowsTheSenderAndLosesNothing) {
  ServerRuntime server;
  auto state = std::make_shared<StoreState>();
  const std::string address = StoreAddress(server, state);
  server.start();
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::StatusOr<std::uint64_t>> {
    heph::remote::ProxyOptions proxy{.max_calls_in_flight = 8};
    absl::StatusOr<StoreRef> store = co_await heph::remote::Connect<Store>(address, {}, proxy);
    if (!store.ok()) co_return store.status();
    (void)co_await store->pause(1500);
    // The store sleeps: its inbox (4) fills, then the bridge's calls wait,
    // then the proxy's calls in flight (8), then the proxy's inbox (4).
    std::uint64_t accepted = 0;
    bool refused = false;
    for (int i = 0; i < 400 && !refused; ++i) {
      absl::Status s = store->try_put(absl::StrCat("k", i), "v");
      if (s.ok()) {
        ++accepted;
      } else {
        EXPECT_TRUE(absl::IsResourceExhausted(s)) << s;
        refused = true;
      }
      co_await heph::Sleep(absl::Milliseconds(2));
    }
    EXPECT_TRUE(refused) << "accepted " << accepted << " puts while the store slept";
    EXPECT_LE(accepted, 32u);
    // Waiting sends wait, then go through.
    for (int i = 0; i < 20; ++i) {
      absl::Status s = co_await store->put(absl::StrCat("w", i), "v");
      if (!s.ok()) co_return s;
    }
    absl::StatusOr<Store::SizeResults> size = co_await store->size();
    if (!size.ok()) co_return size.status();
    EXPECT_EQ(size->count, accepted + 20);
    co_return accepted;
  };
  absl::StatusOr<std::uint64_t> accepted = rt.run(body(address), absl::Seconds(60));
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(state->puts.load(), *accepted + 20);
}

// ---------------------------------------------------------------- exports, addresses, sharing

TEST(RemoteBridge, SeveralExportsOnTcpAndUnixAddressesAndAReferencePassedBetweenActors) {
  ServerRuntime server(2);
  auto state = std::make_shared<StoreState>();
  const std::string tcp = StoreAddress(server, state);
  const std::string path = absl::StrCat("/tmp/heph_remote_bridge_", ::getpid(), ".sock");
  ::unlink(path.c_str());
  const std::string unix_address = StoreAddress(server, state, "unix:" + path);
  CounterRef counter = Counter::Spawn<CounterImpl>(server.runtime());
  const std::string counter_address = server.serve(counter);
  counter = CounterRef();
  server.start();
  ASSERT_EQ(unix_address, "unix:" + path);

  // The client: two workers; the reference is made on one and used by an
  // actor on the other.
  heph::Runtime client({.name = "remote_client", .workers = 2});
  struct Out {
    absl::Status status;
    std::uint64_t total = 0;
    std::uint64_t size = 0;
  };
  auto out = std::make_shared<Out>();
  auto user = [](Context<CounterRef>, CounterRef counter, std::shared_ptr<Out> out) -> Async<absl::Status> {
    for (std::uint64_t i = 1; i <= 10; ++i) (void)co_await counter.add(i);
    absl::StatusOr<Counter::GetResults> r = co_await counter.get();
    if (r.ok()) out->total = r->value;
    if (!r.ok()) out->status = r.status();
    co_return absl::OkStatus();
  };
  auto connector = [](Context<heph::NoMessages>, std::string counter_address, std::string tcp,
                      std::string unix_address, std::shared_ptr<Out> out,
                      decltype(+user) user) -> Async<absl::Status> {
    absl::StatusOr<CounterRef> counter = co_await heph::remote::Connect<Counter>(counter_address);
    if (!counter.ok()) {
      out->status = counter.status();
      co_return absl::OkStatus();
    }
    // Another worker's actor uses this worker's proxy.
    heph::Worker* here = heph::Worker::current();
    (void)here;
    auto ref = heph::Spawn(*heph::Scheduler::current(), heph::SpawnOptions{.name = "user"}, heph::StopSupervisor{},
                           user, *counter, out);
    (void)ref;
    // Both addresses of the store serve the same actor.
    absl::StatusOr<StoreRef> a = co_await heph::remote::Connect<Store>(tcp);
    absl::StatusOr<StoreRef> b = co_await heph::remote::Connect<Store>(unix_address);
    if (!a.ok() || !b.ok()) {
      out->status = !a.ok() ? a.status() : b.status();
      co_return absl::OkStatus();
    }
    (void)co_await a->put("x", "1");
    (void)co_await b->put("y", "2");
    absl::StatusOr<Store::SizeResults> sa = co_await a->size();
    absl::StatusOr<Store::SizeResults> sb = co_await b->size();
    if (sa.ok() && sb.ok()) out->size = std::max(sa->count, sb->count);
    co_return absl::OkStatus();
  };
  client.spawn(heph::SpawnOptions{.name = "connector"}, heph::StopSupervisor{}, +connector, counter_address, tcp,
               unix_address, out, +user);
  absl::Status s = client.start();
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_TRUE(out->status.ok()) << out->status;
  EXPECT_EQ(out->total, 55u);
  EXPECT_EQ(out->size, 2u);
  ::unlink(path.c_str());
}

// ---------------------------------------------------------------- references in messages

using ::tests::remote::actors::Registry;
using ::tests::remote::actors::RegistryRef;

class RegistryImpl : public Registry::Handler {
 public:
  explicit RegistryImpl(CounterRef home) : home_(std::move(home)) {}

  absl::Status put(Registry::PutParams& p) override {
    kept_[p.name] = p.counter;
    return absl::OkStatus();
  }
  absl::Status find(Registry::FindParams& p, Registry::FindResults& r) override {
    if (p.name == "home") {
      r.counter = home_;
      r.found = true;
    } else if (auto it = kept_.find(p.name); it != kept_.end()) {
      r.counter = it->second;
      r.found = true;
    }
    return absl::OkStatus();
  }
  Async<absl::StatusOr<Registry::AddToResults>> add_to(Registry::AddToParams p) override {
    // A call on a reference received from the peer goes back to its actor.
    if (absl::Status s = co_await p.counter.add(p.amount); !s.ok()) co_return s;
    absl::StatusOr<Counter::GetResults> total = co_await p.counter.get();
    if (!total.ok()) co_return total.status();
    co_return Registry::AddToResults{.total = total->value};
  }
  absl::Status entries(Registry::EntriesParams&, Registry::EntriesResults& r) override {
    for (const auto& [name, counter] : kept_) {
      r.entries.push_back(::tests::remote::actors::Entry{.name = name, .counter = counter});
    }
    return absl::OkStatus();
  }
  Async<absl::StatusOr<Registry::ManyResults>> many(Registry::ManyParams p) override {
    Registry::ManyResults r;
    for (CounterRef& c : p.counters) {
      (void)co_await c.add(p.amount);
      absl::StatusOr<Counter::GetResults> total = co_await c.get();
      if (!total.ok()) co_return total.status();
      r.totals.push_back(total->value);
    }
    co_return r;
  }

 private:
  CounterRef home_;
  std::map<std::string, CounterRef> kept_;
};

TEST(RemoteBridge, ReferencesInMessagesCrossAsCapabilitiesBothWays) {
  ServerRuntime server;
  CounterRef home = Counter::Spawn<CounterImpl>(server.runtime());
  RegistryRef registry = Registry::Spawn<RegistryImpl>(server.runtime(), {}, heph::StopSupervisor{}, home);
  home = CounterRef();
  const std::string address = server.serve(registry);
  registry = RegistryRef();
  server.start();

  TestRuntime rt;
  auto body = [](std::string address, TestRuntime* rt) -> Async<absl::Status> {
    absl::StatusOr<RegistryRef> registry = co_await heph::remote::Connect<Registry>(address);
    if (!registry.ok()) co_return registry.status();
    CounterRef local = Counter::Spawn<CounterImpl>(*rt);

    // A local reference sent out: the peer's calls on it reach this actor.
    absl::StatusOr<Registry::AddToResults> r = co_await registry->add_to(local, 5);
    if (!r.ok()) co_return r.status();
    EXPECT_EQ(r->total, 5u);
    absl::StatusOr<Counter::GetResults> here = co_await local.get();
    EXPECT_TRUE(here.ok() && here->value == 5u);

    // Sent out and given back: usable again, still this actor.
    (void)co_await registry->put("mine", local);
    absl::StatusOr<Registry::FindResults> back = co_await registry->find("mine");
    if (!back.ok()) co_return back.status();
    EXPECT_TRUE(back->found);
    (void)co_await back->counter.add(2);
    absl::StatusOr<Counter::GetResults> via_back = co_await back->counter.get();
    EXPECT_TRUE(via_back.ok() && via_back->value == 7u) << via_back.status();
    here = co_await local.get();
    EXPECT_TRUE(here.ok() && here->value == 7u);

    // A reference to one of the peer's actors, received in results.
    absl::StatusOr<Registry::FindResults> remote_home = co_await registry->find("home");
    if (!remote_home.ok()) co_return remote_home.status();
    EXPECT_TRUE(remote_home->found);
    (void)co_await remote_home->counter.add(40);
    absl::StatusOr<Counter::GetResults> h = co_await remote_home->counter.get();
    EXPECT_TRUE(h.ok() && h->value == 40u) << h.status();
    // ... and sent back to the peer, whose actor calls it.
    r = co_await registry->add_to(remote_home->counter, 2);
    EXPECT_TRUE(r.ok() && r->total == 42u) << r.status();

    // In a list of structs, and as a list of references.
    absl::StatusOr<Registry::EntriesResults> entries = co_await registry->entries();
    if (!entries.ok()) co_return entries.status();
    EXPECT_EQ(entries->entries.size(), 1u);
    if (entries->entries.size() == 1) {
      EXPECT_EQ(entries->entries[0].name, "mine");
      absl::StatusOr<Counter::GetResults> e = co_await entries->entries[0].counter.get();
      EXPECT_TRUE(e.ok() && e->value == 7u) << e.status();
    }
    // (Named: g++ 12 cannot hold an initializer list's array in a co_await.)
    std::vector<CounterRef> both = {local, remote_home->counter};
    absl::StatusOr<Registry::ManyResults> many = co_await registry->many(std::move(both), 1);
    if (!many.ok()) co_return many.status();
    const std::vector<std::uint64_t> expected = {8u, 43u};
    EXPECT_EQ(many->totals, expected);
    // A null reference crosses as none.
    absl::StatusOr<Registry::FindResults> none = co_await registry->find("absent");
    EXPECT_TRUE(none.ok() && !none->found && !none->counter);
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(address, &rt), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

// ---------------------------------------------------------------- interoperability

TEST(RemoteBridge, APlainEzRpcClientCallsAnExportedActor) {
  ServerRuntime server;
  CounterRef counter = Counter::Spawn<CounterImpl>(server.runtime());
  const std::string address = server.serve(counter);
  counter = CounterRef();
  server.start();
  // No Heph code below: capnpc-c++'s stubs and EzRpcClient.
  capnp::EzRpcClient ez(address);
  auto& ws = ez.getWaitScope();
  auto client = ez.getMain<::examples::counter::Counter>();
  for (std::uint64_t i = 1; i <= 10; ++i) {
    auto add = client.addRequest();
    add.setAmount(i);
    add.send().wait(ws);
  }
  // Pipelined: ten adds in flight, then get.
  std::vector<capnp::RemotePromise<::examples::counter::Counter::AddResults>> adds;
  for (int i = 0; i < 10; ++i) {
    auto add = client.addRequest();
    add.setAmount(1);
    adds.push_back(add.send());
  }
  for (auto& a : adds) a.wait(ws);
  EXPECT_EQ(client.getRequest().send().wait(ws).getValue(), 65u);
}

TEST(RemoteBridge, APlainEzRpcClientSeesTheActorsErrorAsText) {
  ServerRuntime server;
  const std::string address = StoreAddress(server, std::make_shared<StoreState>());
  server.start();
  capnp::EzRpcClient ez(address);
  auto& ws = ez.getWaitScope();
  auto store = ez.getMain<::tests::remote::Store>();
  auto get = store.getRequest();
  get.setKey("absent");
  try {
    get.send().wait(ws);
    ADD_FAILURE() << "get of an absent key succeeded";
  } catch (const kj::Exception& e) {
    EXPECT_TRUE(absl::StrContains(e.getDescription().cStr(), "NOT_FOUND: no such key 'absent'"))
        << e.getDescription().cStr();
  }
}

// A Counter written only with capnpc-c++'s stubs, served by EzRpcServer.
class PlainCounter final : public ::examples::counter::Counter::Server {
 public:
  kj::Promise<void> add(AddContext context) override {
    total_ += context.getParams().getAmount();
    return kj::READY_NOW;
  }
  kj::Promise<void> get(GetContext context) override {
    if (total_ > 1000) return KJ_EXCEPTION(FAILED, "too much");
    context.getResults().setValue(total_);
    return kj::READY_NOW;
  }

 private:
  std::uint64_t total_ = 0;
};

TEST(RemoteBridge, ConnectCallsAPlainEzRpcServer) {
  std::atomic<unsigned> port{0};
  std::atomic<bool> stop{false};
  std::thread ez_thread([&] {
    capnp::EzRpcServer ez(kj::heap<PlainCounter>(), "127.0.0.1", 0);
    auto& ws = ez.getWaitScope();
    port.store(ez.getPort().wait(ws));
    auto& timer = ez.getIoProvider().getTimer();
    while (!stop.load()) timer.afterDelay(2 * kj::MILLISECONDS).wait(ws);
  });
  while (port.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<CounterRef> counter = co_await heph::remote::Connect<Counter>(address);
    if (!counter.ok()) co_return counter.status();
    for (std::uint64_t i = 1; i <= 10; ++i) (void)co_await counter->add(i);
    absl::StatusOr<Counter::GetResults> r = co_await counter->get();
    if (!r.ok()) co_return r.status();
    EXPECT_EQ(r->value, 55u);
    (void)co_await counter->add(1000);
    r = co_await counter->get();
    // A foreign peer's error: capnp's FAILED is Unknown, its text kept.
    EXPECT_TRUE(absl::IsUnknown(r.status())) << r.status();
    EXPECT_TRUE(absl::StrContains(r.status().message(), "too much")) << r.status();
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body("127.0.0.1:" + std::to_string(port.load())), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
  stop.store(true);
  ez_thread.join();
}

}  // namespace
