// End to end: actors generated from corpus/types.capnp exchange every type,
// call each other, pass references, and use inherited interfaces.
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codegen/tests/corpus/keywords.heph.h"
#include "codegen/tests/corpus/types.heph.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"
#include "runtime/testing/test_runtime.h"

namespace {

namespace t = corpus::actors;
namespace imp = corpus::imported::actors;
namespace kw = corpus::keywords::actors;
using heph::Async;
using heph::Context;

// ---- Echo: handler style ----

struct EchoLog {
  std::vector<std::string> notes;
  int deletes = 0;
};

class EchoImpl final : public t::Echo::Handler {
 public:
  explicit EchoImpl(EchoLog* log) : log_(log) {}

  Async<absl::StatusOr<imp::Named::NameResults>> name(imp::Named::NameParams) override {
    co_return imp::Named::NameResults{.name = "echo"};
  }
  Async<absl::StatusOr<t::Echo::ScalarsResults>> scalars(t::Echo::ScalarsParams p) override {
    co_return t::Echo::ScalarsResults{.value = std::move(p.value)};
  }
  Async<absl::StatusOr<t::Echo::ListsResults>> lists(t::Echo::ListsParams p) override {
    co_return t::Echo::ListsResults{.value = std::move(p.value)};
  }
  Async<absl::StatusOr<t::Shape>> shape(t::Shape p) override { co_return p; }
  Async<absl::StatusOr<t::Echo::MoodResults>> mood(t::Echo::MoodParams p) override {
    co_return t::Echo::MoodResults{.value = p.value};
  }
  Async<absl::StatusOr<t::Echo::OuterResults>> outer(t::Echo::OuterParams p) override {
    co_return t::Echo::OuterResults{.value = std::move(p.value), .defaults = std::move(p.defaults)};
  }
  Async<absl::Status> notify(t::Echo::NotifyParams p) override {
    log_->notes.push_back(p.note);
    co_return absl::OkStatus();
  }
  Async<absl::Status> delete_(t::Echo::DeleteParams) override {
    ++log_->deletes;
    co_return absl::OkStatus();
  }
  Async<absl::StatusOr<t::Echo::RegisterResults>> register_(t::Echo::RegisterParams p) override {
    if (p.class_ < 0) co_return absl::InvalidArgumentError("negative class");
    co_return t::Echo::RegisterResults{.errno_ = p.class_ * 2};
  }

 private:
  EchoLog* log_;
};

Async<absl::Status> EchoActor(Context<t::Echo::Message> ctx, EchoLog* log) {
  EchoImpl echo(log);
  co_return co_await echo.Serve(ctx);
}

// ---- Registry: receive-loop style ----

Async<absl::Status> RegistryActor(Context<t::Registry::Message> ctx) {
  std::map<std::string, t::EchoRef> entries;
  while (std::optional<t::Registry::Message> message = co_await ctx.receive_next()) {
    std::optional<t::Registry::NamedCall> pending;
    t::Registry::Visit(*message, heph::codegen::Overloaded{
                                     [&](t::Registry::PutParams& put) { entries[put.name] = put.echo; },
                                     [&](t::Registry::FindCall& find) {
                                       auto it = entries.find(find.params.name);
                                       if (it == entries.end()) {
                                         find.reply({.found = false});
                                       } else {
                                         find.reply({.echo = it->second, .found = true});
                                       }
                                     },
                                     [&](t::Registry::NamedCall& call) { pending = std::move(call); },
                                 });
    if (pending) {
      // Calls the reference it was given, then replies.
      absl::StatusOr<imp::Named::NameResults> name = co_await pending->params.named.name();
      if (name.ok()) {
        pending->reply({.name = "named " + name->name});
      } else {
        pending->fail(name.status());
      }
    }
  }
  co_return absl::OkStatus();
}

// ---- Base, receive-loop style, that forgets to reply ----

Async<absl::Status> ForgetfulBase(Context<t::Base::Message> ctx) {
  while (std::optional<t::Base::Message> message = co_await ctx.receive_next()) {
    t::Base::Visit(*message, [](t::Base::PingCall&) { /* no reply */ });
  }
  co_return absl::OkStatus();
}

// ---- Diamond: handler style, four protocols in one ----

class DiamondImpl final : public t::Diamond::Handler {
 public:
  Async<absl::StatusOr<t::Base::PingResults>> ping(t::Base::PingParams) override {
    ++count_;
    co_return t::Base::PingResults{.pong = true};
  }
  Async<absl::Status> left(t::Left::LeftParams) override {
    ++count_;
    co_return absl::OkStatus();
  }
  Async<absl::Status> right(t::Right::RightParams) override {
    ++count_;
    co_return absl::OkStatus();
  }
  Async<absl::StatusOr<t::Diamond::BothResults>> both(t::Diamond::BothParams) override {
    co_return t::Diamond::BothResults{.count = count_};
  }

 private:
  std::uint32_t count_ = 0;
};

Async<absl::Status> DiamondActor(Context<t::Diamond::Message> ctx) {
  DiamondImpl impl;
  co_return co_await impl.Serve(ctx);
}

class E2eTest : public ::testing::Test {
 protected:
  t::EchoRef SpawnEcho(EchoLog* log) {
    return t::EchoRef(rt_.spawn(heph::SpawnOptions{.name = "echo", .inbox_capacity = t::Echo::kDefaultInboxCapacity},
                                heph::StopSupervisor{}, &EchoActor, log));
  }
  heph::testing::TestRuntime rt_;
};

Async<absl::Status> ExchangeEveryType(t::EchoRef echo) {
  t::Scalars scalars;
  scalars.i64 = -5;
  scalars.text = "text";
  scalars.data = {9, 8};
  scalars.mood = t::Mood::kClass;
  auto s = co_await echo.scalars(scalars);
  EXPECT_TRUE(s.ok()) << s.status();
  if (s.ok()) {
    EXPECT_EQ(s->value, scalars);
  }

  t::Lists lists;
  lists.deep = {{{"x"}}, {}};
  lists.structs = {imp::Point{.x = 3}};
  lists.voids.resize(2);
  auto l = co_await echo.lists(lists);
  EXPECT_TRUE(l.ok()) << l.status();
  if (l.ok()) {
    EXPECT_EQ(l->value, lists);
  }

  t::Shape shape;
  shape.name = "s";
  shape.label = "L";
  shape.which = t::Shape::Which::kLabel;
  auto sh = co_await echo.shape(shape);
  EXPECT_TRUE(sh.ok()) << sh.status();
  if (sh.ok()) {
    EXPECT_EQ(*sh, shape);
  }

  auto m = co_await echo.mood(t::Mood::kDelete);
  EXPECT_TRUE(m.ok() && m->value == t::Mood::kDelete);

  t::Outer outer;
  outer.tree.resize(1);
  // Named, not temporaries: g++ 12 mishandles some aggregate temporaries
  // inside coroutines (use-after-free, bad free); named locals are safe.
  const t::WithDefaults defaults;
  auto o = co_await echo.outer(outer, defaults);
  EXPECT_TRUE(o.ok()) << o.status();
  if (o.ok()) {
    EXPECT_EQ(o->value, outer);
    EXPECT_EQ(o->defaults, defaults);
  }
  co_return absl::OkStatus();
}

TEST_F(E2eTest, ActorsExchangeEveryType) {
  EchoLog log;
  t::EchoRef echo = SpawnEcho(&log);
  absl::Status result = rt_.run(ExchangeEveryType(echo));
  EXPECT_TRUE(result.ok()) << result;
}

Async<absl::Status> OneWay(t::EchoRef echo) {
  EXPECT_TRUE((co_await echo.notify(t::Mood::kHappy, "first")).ok());
  EXPECT_TRUE(echo.try_notify(t::Mood::kSad, "second").ok());
  EXPECT_TRUE((co_await echo.delete_()).ok());
  EXPECT_TRUE(echo.try_delete().ok());
  // A call after the sends: they have been handled when it returns.
  auto r = co_await echo.register_(21);
  EXPECT_TRUE(r.ok() && r->errno_ == 42);
  co_return absl::OkStatus();
}

TEST_F(E2eTest, OneWaySendAndTrySend) {
  EchoLog log;
  t::EchoRef echo = SpawnEcho(&log);
  ASSERT_TRUE(rt_.run(OneWay(echo)).ok());
  EXPECT_EQ(log.notes, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(log.deletes, 2);
}

TEST_F(E2eTest, TrySendNamesMethodWhenFull) {
  EchoLog log;
  t::EchoRef echo = SpawnEcho(&log);  // capacity 4, and it does not run meanwhile
  absl::Status status;
  for (int i = 0; i < 100 && status.ok(); ++i) status = echo.try_notify(t::Mood::kHappy, "x");
  EXPECT_TRUE(heph::IsFull(status)) << status;
  EXPECT_EQ(status.message().substr(0, 13), "Echo.notify: ") << status;
}

// Echo::Spawn<Impl> (issue 13): no actor function to write, the protocol's
// name and inbox capacity ($Heph.inboxCapacity(4)) by default.
TEST_F(E2eTest, SpawnBuildsTheHandlerWithTheProtocolsNameAndCapacity) {
  EchoLog log;
  t::EchoRef echo = t::Echo::Spawn<EchoImpl>(rt_, {}, heph::StopSupervisor{}, &log);
  EXPECT_EQ(echo.actor().name(), "Echo");
  absl::Status status;
  int sent = 0;
  for (; sent < 100; ++sent) {
    status = echo.try_notify(t::Mood::kHappy, "x");
    if (!status.ok()) break;
  }
  EXPECT_TRUE(heph::IsFull(status)) << status;
  EXPECT_EQ(sent, 4) << "the protocol's inbox capacity";
  ASSERT_TRUE(rt_.run(OneWay(echo)).ok());
  EXPECT_EQ(log.notes.size(), 6u);
}

TEST_F(E2eTest, SpawnTakesOptionsASupervisorAndAWorker) {
  EchoLog log;
  t::EchoRef named = t::Echo::Spawn<EchoImpl>(rt_, {.name = "mine", .inbox_capacity = 64},
                                              heph::RestartSupervisor<EchoLog*>(&log), &log);
  EXPECT_EQ(named.actor().name(), "mine");
  // Through a Scheduler (what runtime.worker(i) is), as spawn_on does.
  t::EchoRef on_worker = t::Echo::Spawn<EchoImpl>(rt_.scheduler(), {}, heph::StopSupervisor{}, &log);
  ASSERT_TRUE(rt_.run(OneWay(named)).ok());
  ASSERT_TRUE(rt_.run(OneWay(on_worker)).ok());
  EXPECT_EQ(log.notes.size(), 4u);
}

Async<absl::Status> EchoLoop(heph::Context<t::Echo::Message> ctx, int* received) {
  while (auto m = co_await ctx.receive_next()) ++*received;
  co_return absl::OkStatus();
}

TEST_F(E2eTest, SpawnActorNamesAReceiveLoopAfterTheProtocol) {
  int received = 0;
  t::EchoRef echo = t::Echo::SpawnActor(rt_, {}, heph::StopSupervisor{}, &EchoLoop, &received);
  EXPECT_EQ(echo.actor().name(), "Echo");
  ASSERT_TRUE(echo.try_notify(t::Mood::kHappy, "x").ok());
  echo = {};
  ASSERT_TRUE(rt_.run_all().ok());
  EXPECT_EQ(received, 1);
}

absl::Status SyncEchoLoop(heph::SyncContext<t::Echo::Message>& ctx, std::atomic<int>* received) {
  while (auto m = ctx.receive_next()) received->fetch_add(1);
  return absl::OkStatus();
}

TEST(E2eSpawnSync, SpawnSyncRunsASyncActorNamedAfterTheProtocol) {
  std::atomic<int> received{0};
  heph::Runtime runtime({.name = "sync", .workers = 1});
  t::EchoRef echo = t::Echo::SpawnSync(runtime, {}, heph::StopSupervisor{}, &SyncEchoLoop, &received);
  EXPECT_EQ(echo.actor().name(), "Echo");
  ASSERT_TRUE(echo.try_notify(t::Mood::kHappy, "x").ok());
  echo = {};
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_EQ(received.load(), 1);
}

Async<absl::Status> HandlerError(t::EchoRef echo) {
  auto r = co_await echo.register_(-1);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "Echo.register: negative class");
  co_return absl::OkStatus();
}

TEST_F(E2eTest, HandlerErrorReachesCallerNamingMethod) {
  EchoLog log;
  ASSERT_TRUE(rt_.run(HandlerError(SpawnEcho(&log))).ok());
}

Async<absl::Status> Forgotten(t::BaseRef base) {
  auto r = co_await base.ping();
  EXPECT_TRUE(heph::IsNoResponse(r.status())) << r.status();
  EXPECT_EQ(r.status().message().substr(0, 11), "Base.ping: ") << r.status();
  co_return absl::OkStatus();
}

TEST_F(E2eTest, ForgettingToReplyIsAnErrorTheCallerSees) {
  t::BaseRef base(rt_.spawn(heph::SpawnOptions{.name = "forgetful"}, heph::StopSupervisor{}, &ForgetfulBase));
  ASSERT_TRUE(rt_.run(Forgotten(base)).ok());
}

Async<absl::Status> CallStopped(t::EchoRef echo) {
  auto r = co_await echo.mood(t::Mood::kHappy);
  EXPECT_TRUE(heph::IsSendFailed(r.status())) << r.status();
  EXPECT_EQ(r.status().message().substr(0, 11), "Echo.mood: ") << r.status();
  absl::Status s = co_await echo.notify(t::Mood::kHappy, "late");
  EXPECT_TRUE(heph::IsDisconnected(s)) << s;
  EXPECT_EQ(s.message().substr(0, 13), "Echo.notify: ") << s;
  co_return absl::OkStatus();
}

Async<absl::Status> FailingEcho(Context<t::Echo::Message>) {
  co_return absl::InternalError("gone");
}

TEST_F(E2eTest, CallingAStoppedActorNamesMethod) {
  t::EchoRef echo(rt_.spawn(heph::SpawnOptions{.name = "stopped"}, heph::SilentStopSupervisor{}, &FailingEcho));
  rt_.run_until_idle();
  ASSERT_TRUE(rt_.run(CallStopped(echo)).ok());
}

Async<absl::Status> PassReferences(t::RegistryRef registry, t::EchoRef echo) {
  EXPECT_TRUE((co_await registry.put("main", echo)).ok());
  auto missing = co_await registry.find("other");
  EXPECT_TRUE(missing.ok() && !missing->found);
  auto found = co_await registry.find("main");
  EXPECT_TRUE(found.ok() && found->found);
  if (!found.ok()) co_return found.status();
  EXPECT_TRUE(found->echo == echo);
  auto r = co_await found->echo.register_(5);
  EXPECT_TRUE(r.ok() && r->errno_ == 10);
  // Echo extends Named: an EchoRef converts to a NamedRef.
  imp::NamedRef named = echo;
  auto n = co_await named.name();
  EXPECT_TRUE(n.ok() && n->name == "echo");
  auto via = co_await registry.named(echo);
  EXPECT_TRUE(via.ok()) << via.status();
  if (via.ok()) {
    EXPECT_EQ(via->name, "named echo");
  }
  co_return absl::OkStatus();
}

TEST_F(E2eTest, ReferencesTravelInMessages) {
  EchoLog log;
  t::EchoRef echo = SpawnEcho(&log);
  t::RegistryRef registry(rt_.spawn(heph::SpawnOptions{.name = "registry"}, heph::StopSupervisor{}, &RegistryActor));
  ASSERT_TRUE(rt_.run(PassReferences(registry, echo)).ok());
}

Async<absl::Status> UseDiamond(t::DiamondRef diamond) {
  EXPECT_TRUE((co_await diamond.ping()).ok());
  EXPECT_TRUE((co_await diamond.left()).ok());
  EXPECT_TRUE((co_await diamond.right()).ok());
  t::LeftRef left = diamond;
  t::RightRef right = diamond;
  t::BaseRef base = diamond;
  EXPECT_TRUE((co_await left.left()).ok());
  EXPECT_TRUE((co_await right.ping()).ok());
  EXPECT_TRUE((co_await base.ping()).ok());
  t::BaseRef base_of_left = left;
  EXPECT_TRUE((co_await base_of_left.ping()).ok());
  EXPECT_TRUE(base.actor().sends_to(diamond.actor()));
  auto count = co_await diamond.both();
  EXPECT_TRUE(count.ok() && count->count == 7) << (count.ok() ? count->count : 0);
  co_return absl::OkStatus();
}

TEST_F(E2eTest, InheritedInterfaces) {
  t::DiamondRef diamond(rt_.spawn(heph::SpawnOptions{.name = "diamond"}, heph::StopSupervisor{}, &DiamondActor));
  ASSERT_TRUE(rt_.run(UseDiamond(diamond)).ok());
}

// Keyword-named methods and fields compile and work.
class RegisterImpl final : public kw::Register::Handler {
 public:
  Async<absl::StatusOr<kw::Register::DeleteResults>> delete_(kw::Register::DeleteParams p) override {
    co_return kw::Register::DeleteResults{.errno_ = p.class_ + 1};
  }
  Async<absl::Status> register_(kw::Register::RegisterParams) override { co_return absl::OkStatus(); }
  Async<absl::StatusOr<kw::Register::NewResults>> new_(kw::Register::NewParams) override {
    co_return kw::Register::NewResults{};
  }
  Async<absl::StatusOr<kw::Register::ActorResults>> actor_(kw::Register::ActorParams) override {
    kw::Register::ActorResults results;
    results.is_connected = true;
    co_return results;
  }
};

Async<absl::Status> RegisterActor(Context<kw::Register::Message> ctx) {
  RegisterImpl impl;
  co_return co_await impl.Serve(ctx);
}

Async<absl::Status> UseKeywords(kw::RegisterRef r) {
  auto d = co_await r.delete_(1);
  EXPECT_TRUE(d.ok() && d->errno_ == 2);
  kw::Keywords keywords;  // a named local: see ExchangeEveryType
  keywords.class_ = 3;
  EXPECT_TRUE((co_await r.register_(keywords)).ok());
  auto n = co_await r.new_();
  EXPECT_TRUE(n.ok() && n->this_.value == -1);
  auto a = co_await r.actor_();
  EXPECT_TRUE(a.ok() && a->is_connected);
  EXPECT_TRUE(r.is_connected());
  co_return absl::OkStatus();
}

TEST_F(E2eTest, KeywordNames) {
  kw::RegisterRef r(rt_.spawn(heph::SpawnOptions{.name = "register"}, heph::StopSupervisor{}, &RegisterActor));
  ASSERT_TRUE(rt_.run(UseKeywords(r)).ok());
}

// Methods named like C++20 keywords and C library macros capnpc-c++ 0.9.2
// cannot compile (keywords.capnp has capnp_cpp = False) get a trailing _,
// and work; so do names that are keywords once in snake_case.
class Cpp20Impl final : public kw::Cpp20::Handler {
 public:
  Async<absl::StatusOr<kw::Cpp20::ConceptResults>> concept_(kw::Cpp20::ConceptParams p) override {
    kw::Cpp20::ConceptResults results;
    results.consteval_ = p.requires_ + 1;
    co_return results;
  }
  Async<absl::Status> requires_(kw::Cpp20::RequiresParams p) override {
    required += p.constinit_;
    co_return absl::OkStatus();
  }
  Async<absl::Status> consteval_(kw::Cpp20::ConstevalParams) override { co_return absl::OkStatus(); }
  Async<absl::StatusOr<kw::Cpp20::ConstinitResults>> constinit_(kw::Cpp20::ConstinitParams) override {
    kw::Cpp20::ConstinitResults results;
    results.constinit_ = required == 5;
    co_return results;
  }
  Async<absl::StatusOr<kw::Cpp20::CoAwaitResults>> co_await_(kw::Cpp20::CoAwaitParams p) override {
    kw::Cpp20::CoAwaitResults results;
    results.co_yield_ = p.co_return_ * 2;
    co_return results;
  }
  Async<absl::Status> char8_t_(kw::Cpp20::Char8TParams p) override {
    text += p.static_assert_;
    co_return absl::OkStatus();
  }
  Async<absl::StatusOr<kw::Cpp20::AssertResults>> assert_(kw::Cpp20::AssertParams p) override {
    kw::Cpp20::AssertResults results;
    results.makedev_ = p.offsetof_;
    co_return results;
  }
  Async<absl::Status> offsetof_(kw::Cpp20::OffsetofParams) override { co_return absl::OkStatus(); }
  Async<absl::Status> makedev_(kw::Cpp20::MakedevParams) override { co_return absl::OkStatus(); }

  int required = 0;
  std::string text;
};

Async<absl::Status> Cpp20Actor(Context<kw::Cpp20::Message> ctx) {
  Cpp20Impl impl;
  co_return co_await impl.Serve(ctx);
}

Async<absl::Status> UseCpp20(kw::Cpp20Ref r) {
  auto c = co_await r.concept_(41);
  EXPECT_TRUE(c.ok() && c->consteval_ == 42);
  EXPECT_TRUE((co_await r.requires_(2)).ok());
  EXPECT_TRUE(r.try_requires(3).ok());
  EXPECT_TRUE((co_await r.consteval_()).ok());
  auto ci = co_await r.constinit_();  // after both requires: one inbox, in order
  EXPECT_TRUE(ci.ok() && ci->constinit_);
  auto a = co_await r.co_await_(4);
  EXPECT_TRUE(a.ok() && a->co_yield_ == 8);
  EXPECT_TRUE(r.try_char8_t("u8").ok());
  auto m = co_await r.assert_(6);
  EXPECT_TRUE(m.ok() && m->makedev_ == 6);
  EXPECT_TRUE((co_await r.offsetof_()).ok());
  EXPECT_TRUE(r.try_makedev().ok());
  co_return absl::OkStatus();
}

TEST_F(E2eTest, Cpp20KeywordMethodNames) {
  kw::Cpp20Ref r(rt_.spawn(heph::SpawnOptions{.name = "cpp20"}, heph::StopSupervisor{}, &Cpp20Actor));
  ASSERT_TRUE(rt_.run(UseCpp20(r)).ok());
}

// ---- Handler methods: plain functions, coroutines, or neither ----

// Job's methods are named like the dispatch's own variables. `status` and
// `message` are plain functions, `method` is a coroutine, `call` is both
// (the plain one runs).
class PlainJobImpl final : public kw::Job::Handler {
 public:
  explicit PlainJobImpl(std::string* log) : log_(log) {}
  absl::Status status(kw::Job::StatusParams&, kw::Job::StatusResults& results) override {
    results.done = log_->size() >= 2;
    return absl::OkStatus();
  }
  absl::Status message(kw::Job::MessageParams& params) override {
    *log_ += std::move(params.ctx);
    return absl::OkStatus();
  }
  Async<absl::StatusOr<kw::Job::MethodResults>> method(kw::Job::MethodParams params) override {
    co_await heph::Sleep(absl::Milliseconds(1));  // a coroutine may wait
    if (params.done == 0) co_return absl::InvalidArgumentError("done must not be 0");
    co_return kw::Job::MethodResults{.results = params.done * 2};
  }
  absl::Status call(kw::Job::CallParams& params) override {
    *log_ += "plain" + std::to_string(params.h) + ";";
    return absl::OkStatus();
  }
  Async<absl::Status> call(kw::Job::CallParams) override {
    *log_ += "coroutine;";
    co_return absl::OkStatus();
  }

 private:
  std::string* log_;
};

Async<absl::Status> UsePlainJob(kw::JobRef job, std::string* log) {
  auto before = co_await job.status();
  EXPECT_TRUE(before.ok() && !before->done) << before.status();
  EXPECT_TRUE((co_await job.message("ab")).ok());
  EXPECT_TRUE(job.try_message("c").ok());
  auto after = co_await job.status();
  EXPECT_TRUE(after.ok() && after->done) << after.status();
  auto m = co_await job.method(21);
  EXPECT_TRUE(m.ok() && m->results == 42) << m.status();
  auto bad = co_await job.method(0);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "Job.method: done must not be 0");
  EXPECT_TRUE((co_await job.call(7)).ok());
  auto last = co_await job.status();  // the one-way call was handled before it
  EXPECT_TRUE(last.ok());
  EXPECT_EQ(*log, "abcplain7;");
  co_return absl::OkStatus();
}

TEST_F(E2eTest, HandlerMethodsArePlainFunctionsOrCoroutinesAndThePlainOneWinsWhenBothExist) {
  std::string log;
  kw::JobRef job = kw::Job::Spawn<PlainJobImpl>(rt_, {}, heph::StopSupervisor{}, &log);
  EXPECT_TRUE(rt_.run(UsePlainJob(job, &log)).ok());
}

// A plain method's error goes to its caller; a one-way plain method's error
// ends Serve, named, like a coroutine's.
class FailingJobImpl final : public kw::Job::Handler {
 public:
  absl::Status status(kw::Job::StatusParams&, kw::Job::StatusResults&) override {
    return absl::FailedPreconditionError("not started");
  }
  absl::Status message(kw::Job::MessageParams& params) override {
    return absl::DataLossError("lost " + params.ctx);
  }
};

struct RecordingSupervisor {
  absl::Status* last;
  heph::StopActor operator()(std::string_view, const absl::Status& error) const {
    *last = error;
    return {};
  }
};

Async<absl::Status> UseFailingJob(kw::JobRef job) {
  auto s = co_await job.status();
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(), "Job.status: not started");
  // Methods overridden in neither form answer Unimplemented, naming both forms.
  auto m = co_await job.method(1);
  EXPECT_EQ(m.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(m.status().message(),
            "Job.method: not implemented: the handler overrides neither "
            "method(Job_MethodParams&, Job_MethodResults&) nor method(Job_MethodParams)");
  EXPECT_TRUE((co_await job.message("x")).ok());  // delivered; it fails the actor
  co_return absl::OkStatus();
}

TEST_F(E2eTest, PlainMethodErrorsGoToTheCallerOrEndServe) {
  absl::Status ended;
  kw::JobRef job = kw::Job::Spawn<FailingJobImpl>(rt_, {}, RecordingSupervisor{&ended});
  EXPECT_TRUE(rt_.run(UseFailingJob(job)).ok());
  EXPECT_TRUE(rt_.join(std::move(job)).ok());
  EXPECT_EQ(ended.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(ended.message(), "Job.message: lost x");
}

TEST_F(E2eTest, AOneWayMethodOverriddenInNeitherFormEndsServeWithUnimplemented) {
  absl::Status ended;
  kw::JobRef job = kw::Job::Spawn<FailingJobImpl>(rt_, {}, RecordingSupervisor{&ended});
  EXPECT_TRUE(job.try_call(1).ok());
  EXPECT_TRUE(rt_.join(std::move(job)).ok());
  EXPECT_EQ(ended.code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(ended.message(),
            "Job.call: not implemented: the handler overrides neither "
            "call(Job_CallParams&) nor call(Job_CallParams)");
}

}  // namespace
