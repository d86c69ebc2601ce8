// A TU with the generated 20-method Wide protocol and an actor implementing
// it with a receive loop (bench/codegen_compile_time.sh).
#include <cstdint>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "bench/codegen/wide.heph.h"
#include "codegen/support/protocol_support.h"
#include "runtime/actor/actor.h"

using bench::actors::Wide;

heph::Async<absl::Status> WideLoopActor(heph::Context<Wide::Message> ctx) {
  std::uint64_t count = 0;
  while (std::optional<Wide::Message> message = co_await ctx.receive_next()) {
    Wide::Visit(*message, heph::codegen::Overloaded{
        [&](Wide::Call0Call& call) {
          count += call.params.tag;
          Wide::Call0Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call1Call& call) {
          count += call.params.tag;
          Wide::Call1Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call2Call& call) {
          count += call.params.tag;
          Wide::Call2Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Notify3Params& p) { count += p.tag; },
        [&](Wide::Call4Call& call) {
          count += call.params.tag;
          Wide::Call4Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call5Call& call) {
          count += call.params.tag;
          Wide::Call5Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call6Call& call) {
          count += call.params.tag;
          Wide::Call6Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Notify7Params& p) { count += p.tag; },
        [&](Wide::Call8Call& call) {
          count += call.params.tag;
          Wide::Call8Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call9Call& call) {
          count += call.params.tag;
          Wide::Call9Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call10Call& call) {
          count += call.params.tag;
          Wide::Call10Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Notify11Params& p) { count += p.tag; },
        [&](Wide::Call12Call& call) {
          count += call.params.tag;
          Wide::Call12Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call13Call& call) {
          count += call.params.tag;
          Wide::Call13Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call14Call& call) {
          count += call.params.tag;
          Wide::Call14Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Notify15Params& p) { count += p.tag; },
        [&](Wide::Call16Call& call) {
          count += call.params.tag;
          Wide::Call16Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call17Call& call) {
          count += call.params.tag;
          Wide::Call17Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Call18Call& call) {
          count += call.params.tag;
          Wide::Call18Results r;
          r.value = std::move(call.params.value);
          r.count = count;
          call.reply(std::move(r));
        },
        [&](Wide::Notify19Params& p) { count += p.tag; }
    });
  }
  co_return absl::OkStatus();
}
