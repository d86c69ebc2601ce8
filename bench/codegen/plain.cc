// The baseline for bench/codegen_compile_time.sh: the same 20 operations as
// plain structs and functions, without actors or generated code.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace plain {

struct Call0Params { std::uint64_t value{}; std::uint32_t tag = 0; };
struct Call0Results { std::uint64_t value{}; std::uint64_t count = 0; };
absl::StatusOr<Call0Results> Call0(Call0Params p, std::uint64_t& count) {
  count += p.tag;
  Call0Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call1Params { std::string value{}; std::uint32_t tag = 0; };
struct Call1Results { std::string value{}; std::uint64_t count = 0; };
absl::StatusOr<Call1Results> Call1(Call1Params p, std::uint64_t& count) {
  count += p.tag;
  Call1Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call2Params { std::vector<std::int32_t> value{}; std::uint32_t tag = 0; };
struct Call2Results { std::vector<std::int32_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call2Results> Call2(Call2Params p, std::uint64_t& count) {
  count += p.tag;
  Call2Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Notify3Params { std::vector<std::uint8_t> value{}; std::uint32_t tag = 0; };
absl::Status Notify3(Notify3Params p, std::uint64_t& count) {
  count += p.tag;
  return absl::OkStatus();
}

struct Call4Params { double value{}; std::uint32_t tag = 0; };
struct Call4Results { double value{}; std::uint64_t count = 0; };
absl::StatusOr<Call4Results> Call4(Call4Params p, std::uint64_t& count) {
  count += p.tag;
  Call4Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call5Params { std::uint64_t value{}; std::uint32_t tag = 0; };
struct Call5Results { std::uint64_t value{}; std::uint64_t count = 0; };
absl::StatusOr<Call5Results> Call5(Call5Params p, std::uint64_t& count) {
  count += p.tag;
  Call5Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call6Params { std::string value{}; std::uint32_t tag = 0; };
struct Call6Results { std::string value{}; std::uint64_t count = 0; };
absl::StatusOr<Call6Results> Call6(Call6Params p, std::uint64_t& count) {
  count += p.tag;
  Call6Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Notify7Params { std::vector<std::int32_t> value{}; std::uint32_t tag = 0; };
absl::Status Notify7(Notify7Params p, std::uint64_t& count) {
  count += p.tag;
  return absl::OkStatus();
}

struct Call8Params { std::vector<std::uint8_t> value{}; std::uint32_t tag = 0; };
struct Call8Results { std::vector<std::uint8_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call8Results> Call8(Call8Params p, std::uint64_t& count) {
  count += p.tag;
  Call8Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call9Params { double value{}; std::uint32_t tag = 0; };
struct Call9Results { double value{}; std::uint64_t count = 0; };
absl::StatusOr<Call9Results> Call9(Call9Params p, std::uint64_t& count) {
  count += p.tag;
  Call9Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call10Params { std::uint64_t value{}; std::uint32_t tag = 0; };
struct Call10Results { std::uint64_t value{}; std::uint64_t count = 0; };
absl::StatusOr<Call10Results> Call10(Call10Params p, std::uint64_t& count) {
  count += p.tag;
  Call10Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Notify11Params { std::string value{}; std::uint32_t tag = 0; };
absl::Status Notify11(Notify11Params p, std::uint64_t& count) {
  count += p.tag;
  return absl::OkStatus();
}

struct Call12Params { std::vector<std::int32_t> value{}; std::uint32_t tag = 0; };
struct Call12Results { std::vector<std::int32_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call12Results> Call12(Call12Params p, std::uint64_t& count) {
  count += p.tag;
  Call12Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call13Params { std::vector<std::uint8_t> value{}; std::uint32_t tag = 0; };
struct Call13Results { std::vector<std::uint8_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call13Results> Call13(Call13Params p, std::uint64_t& count) {
  count += p.tag;
  Call13Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call14Params { double value{}; std::uint32_t tag = 0; };
struct Call14Results { double value{}; std::uint64_t count = 0; };
absl::StatusOr<Call14Results> Call14(Call14Params p, std::uint64_t& count) {
  count += p.tag;
  Call14Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Notify15Params { std::uint64_t value{}; std::uint32_t tag = 0; };
absl::Status Notify15(Notify15Params p, std::uint64_t& count) {
  count += p.tag;
  return absl::OkStatus();
}

struct Call16Params { std::string value{}; std::uint32_t tag = 0; };
struct Call16Results { std::string value{}; std::uint64_t count = 0; };
absl::StatusOr<Call16Results> Call16(Call16Params p, std::uint64_t& count) {
  count += p.tag;
  Call16Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call17Params { std::vector<std::int32_t> value{}; std::uint32_t tag = 0; };
struct Call17Results { std::vector<std::int32_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call17Results> Call17(Call17Params p, std::uint64_t& count) {
  count += p.tag;
  Call17Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Call18Params { std::vector<std::uint8_t> value{}; std::uint32_t tag = 0; };
struct Call18Results { std::vector<std::uint8_t> value{}; std::uint64_t count = 0; };
absl::StatusOr<Call18Results> Call18(Call18Params p, std::uint64_t& count) {
  count += p.tag;
  Call18Results r;
  r.value = std::move(p.value);
  r.count = count;
  return r;
}

struct Notify19Params { double value{}; std::uint32_t tag = 0; };
absl::Status Notify19(Notify19Params p, std::uint64_t& count) {
  count += p.tag;
  return absl::OkStatus();
}

}  // namespace plain
