"""heph_cc_actor_library: C++ actor protocols from Cap'n Proto schemas.

    load("//tools:heph_capnp.bzl", "heph_cc_actor_library")

    heph_cc_actor_library(
        name = "counter",
        srcs = ["counter.capnp"],
        deps = [],  # other heph_cc_actor_library targets whose schemas are imported
    )

For each `x.capnp` this runs `capnp compile` with our plugin (//codegen:capnpc-heph,
built by Bazel) and with capnpc-c++, and wraps the results in a cc_library:
  x.heph.h          value types, typed references, messages, handlers (include this)
  x.heph.convert.h  conversions to/from the capnpc-c++ readers and builders
  x.capnp.h, .c++   capnpc-c++'s output
Schemas import each other by workspace path (`import "/pkg/other.capnp"`) or
relative path; `/capnp/c++.capnp` and `/idl/heph.capnp` are always available.
"""

def heph_cc_actor_library(name, srcs, deps = [], visibility = None, testonly = False):
    outs = []
    hdrs = []
    cc_srcs = []
    for src in srcs:
        if not src.endswith(".capnp"):
            fail("heph_cc_actor_library %s: %s does not end in .capnp" % (name, src))
        base = src[:-len(".capnp")]
        hdrs += [base + ".heph.h", base + ".heph.convert.h", src + ".h"]
        cc_srcs.append(src + ".c++")
    outs = hdrs + cc_srcs

    # The schemas of this library and of everything it imports, for the sandbox.
    native.filegroup(
        name = name + "_schemas",
        srcs = srcs + [dep + "_schemas" for dep in deps],
        visibility = visibility,
        testonly = testonly,
    )

    native.genrule(
        name = name + "_capnp_gen",
        srcs = srcs + [":" + name + "_schemas", "//idl:heph.capnp"],
        outs = outs,
        tools = ["//codegen:capnpc-heph", "@system//:capnp_tool"],
        cmd = " ".join([
            "$(location @system//:capnp_tool) compile",
            "-I/usr/include -I.",
            "-o$$PWD/$(location //codegen:capnpc-heph):$(GENDIR)",
            "-o/usr/bin/capnpc-c++:$(GENDIR)",
        ] + ["$(location %s)" % src for src in srcs]),
        message = "capnpc-heph " + name,
        testonly = testonly,
    )

    native.cc_library(
        name = name,
        hdrs = hdrs,
        srcs = cc_srcs,
        deps = deps + [
            "//codegen:support",
            "//runtime/actor",
            "@system//:absl",
            "@system//:capnp",
        ],
        visibility = visibility,
        testonly = testonly,
    )
