#!/usr/bin/env bash
# Regenerates codegen/tests/golden/ from the corpus and bad schemas, with the
# plugin built by Bazel. Review the diff (git diff codegen/tests/golden) before
# committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/bazel build //codegen:capnpc-heph
codegen/tests/golden_test.sh bazel-bin/codegen/capnpc-heph /usr/bin/capnp --update "$PWD"
