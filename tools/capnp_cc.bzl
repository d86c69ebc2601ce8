"""capnp_cc_library: plain capnpc-c++ output (x.capnp.h, x.capnp.c++) as a cc_library.

    load("//tools:capnp_cc.bzl", "capnp_cc_library")
    capnp_cc_library(name = "calc_capnp", srcs = ["calc.capnp"])

For code that uses Cap'n Proto directly (interop tests, remote bridges), without
the heph actor stubs of heph_cc_actor_library. capnpc-c++ is invoked the way
heph_capnp.bzl invokes it: `capnp compile -I/usr/include -I. -o/usr/bin/capnpc-c++:$(GENDIR)`.
"""

def capnp_cc_library(name, srcs, deps = [], visibility = None, testonly = False):
    """A cc_library with capnpc-c++'s output for `srcs` (.capnp files of this package)."""
    hdrs = [src + ".h" for src in srcs]
    cc_srcs = [src + ".c++" for src in srcs]
    native.genrule(
        name = name + "_gen",
        srcs = srcs,
        outs = hdrs + cc_srcs,
        tools = ["@system//:capnp_tool"],
        cmd = " ".join([
            "$(location @system//:capnp_tool) compile",
            "-I/usr/include -I.",
            "-o/usr/bin/capnpc-c++:$(GENDIR)",
        ] + ["$(location %s)" % src for src in srcs]),
        message = "capnpc-c++ " + name,
        testonly = testonly,
    )
    native.cc_library(
        name = name,
        hdrs = hdrs,
        srcs = cc_srcs,
        deps = deps + [
            "@system//:capnp",
            "@system//:capnp_rpc",
        ],
        visibility = visibility,
        testonly = testonly,
    )
