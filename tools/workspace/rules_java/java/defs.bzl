"""Minimal offline @rules_java for Bazel 4: @bazel_tools loads these names while
resolving toolchains, even for C++-only builds. Re-exports the native rules."""

java_binary = native.java_binary
java_import = native.java_import
java_library = native.java_library
java_runtime = native.java_runtime
java_test = native.java_test
java_toolchain = native.java_toolchain
