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
  x.heph.cc         the header's out-of-line part (references' calls, message
                    constructors, handlers' dispatch), compiled here once
  x.heph.convert.h  conversions to/from the capnpc-c++ readers and builders
  x.capnp.h, .c++   capnpc-c++'s output
and, in a second cc_library `<name>_remote` (only with capnp_cpp), the remote bridge:
  x.heph.remote.h   heph::remote::Serve(runtime, address, ref) and
                    heph::remote::Connect<Protocol>(address) for these protocols
  x.heph.remote.cc  the capnp servers and the proxies' forwarding
Schemas import each other by workspace path (`import "/pkg/other.capnp"`) or
relative path; `/capnp/c++.capnp` and `/idl/heph.capnp` are always available.
"""

def _schemas_of(dep):
    """The schema filegroup of a heph_cc_actor_library label ("//a/b" = "//a/b:b")."""
    if ":" not in dep:
        dep = dep + ":" + dep.split("/")[-1]
    return dep + "_schemas"

def _remote_of(dep):
    """The remote bridge library of a heph_cc_actor_library label."""
    if ":" not in dep:
        dep = dep + ":" + dep.split("/")[-1]
    return dep + "_remote"

# Attributes every rule of the macro takes from the caller; the cc_library
# takes all the others (copts, features, linkopts, ...) too.
_COMMON_ATTRIBUTES = ["visibility", "testonly", "tags", "compatible_with", "target_compatible_with", "restricted_to"]

def heph_cc_actor_library(name, srcs, deps = [], capnp_cpp = True, remote = True, **kwargs):
    """A cc_library with the actor protocols of `srcs`.

    Args:
      name: the cc_library.
      srcs: .capnp files of this package.
      deps: heph_cc_actor_library targets whose schemas `srcs` import.
      capnp_cpp: also run capnpc-c++ and offer x.heph.convert.h and the
        remote bridge (the `<name>_remote` library). False for
        schemas capnpc-c++ cannot compile (e.g. a struct named EOF, or a
        method named concept or requires: capnpc-heph rejects those while
        this is True, and tells capnpc-heph so through HEPH_CAPNPC_CPP).
      remote: with capnp_cpp, also the `<name>_remote` library (the bridge
        is generated either way; False leaves it uncompiled, e.g. for a
        protocol nobody serves remotely).
      **kwargs: passed on as usual: visibility, testonly, tags and the like
        to every rule the macro makes, everything else (copts, features,
        linkopts, ...) to the cc_library.
    """
    common = {key: kwargs[key] for key in _COMMON_ATTRIBUTES if key in kwargs}
    hdrs = []
    extra_outs = []
    cc_srcs = []
    remote_hdrs = []
    remote_srcs = []
    for src in srcs:
        if not src.endswith(".capnp"):
            fail("heph_cc_actor_library %s: %s does not end in .capnp" % (name, src))
        base = src[:-len(".capnp")]
        hdrs.append(base + ".heph.h")
        cc_srcs.append(base + ".heph.cc")
        if capnp_cpp:
            hdrs += [base + ".heph.convert.h", src + ".h"]
            cc_srcs.append(src + ".c++")
            remote_hdrs.append(base + ".heph.remote.h")
            remote_srcs.append(base + ".heph.remote.cc")
        else:
            extra_outs.append(base + ".heph.convert.h")
    outs = hdrs + cc_srcs + extra_outs + remote_hdrs + remote_srcs

    # The schemas of this library and of everything it imports, for the sandbox.
    native.filegroup(
        name = name + "_schemas",
        srcs = srcs + [_schemas_of(dep) for dep in deps],
        **common
    )

    native.genrule(
        name = name + "_capnp_gen",
        srcs = srcs + [":" + name + "_schemas", "//idl:heph.capnp"],
        outs = outs,
        tools = ["//codegen:capnpc-heph", "@system//:capnp_tool"],
        cmd = " ".join([
            "HEPH_CAPNPC_SRCDIR=$$PWD",
            # Whether capnpc-c++ runs too: capnpc-heph then rejects the names
            # capnpc-c++'s output cannot compile (capnp 0.9.2 has no plugin
            # parameters).
            "HEPH_CAPNPC_CPP=" + ("1" if capnp_cpp else "0"),
            "$(location @system//:capnp_tool) compile",
            "-I/usr/include -I.",
            "-o$$PWD/$(location //codegen:capnpc-heph):$(GENDIR)",
        ] + (["-o/usr/bin/capnpc-c++:$(GENDIR)"] if capnp_cpp else []) + ["$(location %s)" % src for src in srcs]),
        message = "capnpc-heph " + name,
        **common
    )

    # capnpc-c++'s headers include those of workspace-path imports as
    # <pkg/x.capnp.h>: this makes every generated capnp header reachable at
    # its workspace path through -I (virtual includes).
    capnp_hdrs = [src + ".h" for src in srcs] if capnp_cpp else []
    if capnp_cpp:
        native.cc_library(
            name = name + "_capnp_includes",
            hdrs = capnp_hdrs,
            strip_include_prefix = "/",
            deps = ["@system//:capnp"],
            **common
        )

    native.cc_library(
        name = name,
        hdrs = hdrs,
        srcs = cc_srcs,
        deps = deps + ([":" + name + "_capnp_includes"] if capnp_cpp else []) + [
            "//codegen:support",
            "//runtime/actor",
            "@system//:absl",
            "@system//:capnp",
            "@system//:capnp_rpc",  # capnpc-c++ code for interfaces
        ],
        **kwargs
    )

    if capnp_cpp and remote:
        # The remote bridge: depends on the runtime's remote layer, so only
        # those who serve or connect over Cap'n Proto RPC link it.
        native.cc_library(
            name = name + "_remote",
            hdrs = remote_hdrs,
            srcs = remote_srcs,
            # The bridges of the imported schemas: references to their
            # protocols in messages cross as capabilities.
            deps = [_remote_of(dep) for dep in deps] + [
                ":" + name,
                "//runtime/remote",
                "//runtime/rt",
                "@system//:absl",
                "@system//:capnp",
                "@system//:capnp_rpc",
                "@system//:kj",
                "@system//:kj_async",
            ],
            **kwargs
        )
