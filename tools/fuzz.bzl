"""heph_fuzz_test: a libFuzzer target, as a regression test.

    heph_fuzz_test(
        name = "resp_fuzz",
        srcs = ["resp_fuzz.cc"],          # defines LLVMFuzzerTestOneInput
        deps = [":resp"],
        corpus = glob(["fuzz/resp/**"]),  # seeds and past crashes' inputs
    )

makes `name`: a cc_test that runs the target once over every corpus file
(g++, under whatever --config the tests run with: asan, ubsan, ...), and
`name`_lib, the target alone, for tools/fuzz/run.sh to fuzz with clang's
libFuzzer. Other arguments (tags, size, visibility) go to the test.
"""

def heph_fuzz_test(name, srcs, corpus, deps = [], **kwargs):
    native.cc_library(
        name = name + "_lib",
        srcs = srcs,
        deps = deps,
        alwayslink = True,
        testonly = True,
    )
    native.cc_test(
        name = name,
        deps = [":" + name + "_lib", "//tools/fuzz:replay_main"],
        data = corpus,
        args = ["$(location %s)" % c for c in corpus],
        **kwargs
    )
