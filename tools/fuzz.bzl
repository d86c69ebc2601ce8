"""heph_fuzz_test: a libFuzzer target, as a regression test.

    heph_fuzz_test(
        name = "resp_fuzz",
        srcs = ["resp_fuzz.cc"],          # defines LLVMFuzzerTestOneInput
        deps = [":resp"],
        corpus = glob(["fuzz/resp/*"]),   # seeds and past crashes' inputs
    )

makes a cc_test that runs the target once over every corpus file (g++,
under whatever --config the tests run with: asan, ubsan, ...). To fuzz it
with clang's libFuzzer, list it in tools/fuzz/run.sh, which takes its
sources and corpus from this rule. Other arguments (tags, size, visibility)
go to the test.
"""

def heph_fuzz_test(name, srcs, corpus, deps = [], **kwargs):
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = deps + ["//tools/fuzz:replay_main"],
        data = corpus,
        args = ["$(location %s)" % c for c in corpus],
        **kwargs
    )
