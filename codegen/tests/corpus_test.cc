// The corpus compiles, its value types carry the schema's defaults, and every
// value type converts to the capnpc-c++ builders and back unchanged.
#include <capnp/message.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "codegen/tests/corpus/comments.heph.convert.h"
#include "codegen/tests/corpus/comments.heph.h"
#include "codegen/tests/corpus/keywords.heph.h"
#include "codegen/tests/corpus/types.heph.convert.h"
#include "codegen/tests/corpus/types.heph.h"
#include "gtest/gtest.h"

namespace {

namespace t = corpus::actors;
namespace imp = corpus::imported::actors;
namespace kw = corpus::keywords::actors;
namespace cm = corpus::comments::actors;

TEST(CorpusTest, ScalarDefaults) {
  t::Scalars s;
  EXPECT_TRUE(s.bool_);
  EXPECT_EQ(s.i8, -8);
  EXPECT_EQ(s.i16, -16);
  EXPECT_EQ(s.i32, -32);
  EXPECT_EQ(s.i64, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(s.u8, 8);
  EXPECT_EQ(s.u16, 16);
  EXPECT_EQ(s.u32, 4294967295u);
  EXPECT_EQ(s.u64, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(s.f32, 1.25f);
  EXPECT_EQ(s.f64, -0.5e300);
  EXPECT_TRUE(std::isinf(s.inf));
  EXPECT_EQ(s.text, "tab\there");
  EXPECT_EQ(s.data, (std::vector<std::uint8_t>{1, 2, 255}));
  EXPECT_EQ(s.mood, t::Mood::kSad);
  EXPECT_EQ(s.plain, 0);
}

TEST(CorpusTest, ListDefaults) {
  t::Lists l;
  EXPECT_EQ(l.bools, (std::vector<bool>{true, false}));
  EXPECT_TRUE(l.ints.empty());
  EXPECT_EQ(l.texts, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(l.nested, (std::vector<std::vector<std::uint16_t>>{{1, 2}, {}, {3}}));
  EXPECT_EQ(l.enums, (std::vector<t::Mood>{t::Mood::kHappy, t::Mood::kDelete}));
}

TEST(CorpusTest, UnionsGroupsAndStructDefaults) {
  t::Shape shape;
  EXPECT_EQ(shape.which, t::Shape::Which::kCircle);
  EXPECT_EQ(shape.position.x, 3);
  EXPECT_EQ(shape.fill.which, t::Shape::Fill::Which::kNone);
  t::WithDefaults d;
  EXPECT_EQ(d.point, (imp::Point{.x = 1.0, .y = 2.0}));
  EXPECT_EQ(d.shape.name, "dot");
  EXPECT_EQ(d.shape.which, t::Shape::Which::kLabel);
  EXPECT_EQ(d.shape.label, "here");
  EXPECT_EQ(d.shape.position.x, 3);
  EXPECT_EQ(d.shape.position.y, 4);
  EXPECT_EQ(d.color, imp::Color::kBlue);
  ASSERT_EQ(d.list.size(), 2u);
  EXPECT_EQ(d.list[0].x, 1.0);
  EXPECT_EQ(d.list[0].y, 1.5);  // Point's own default
  EXPECT_EQ(d.list[1].y, 3.0);
}

TEST(CorpusTest, NestedTypesAndConstants) {
  t::Outer outer;
  EXPECT_EQ(outer.inner.value, 9);
  EXPECT_EQ(outer.inner.kind, t::Outer::Inner::Kind::kBig);
  static_assert(std::is_same_v<t::Outer::Inner, t::Outer_Inner>);
  EXPECT_EQ(t::kAnswer, 42);
  EXPECT_EQ(t::kGreeting, "hello \"world\"\n");
  EXPECT_EQ(t::kPrimes, (std::vector<std::uint8_t>{2, 3, 5, 7}));
  EXPECT_EQ(t::kOrigin.y, -2.0);
  static_assert(t::Outer_kLimit == 100u);
  static_assert(t::Echo::kDefaultInboxCapacity == 4u);
}

TEST(CorpusTest, KeywordNames) {
  kw::Keywords k;
  k.class_ = 1;
  k.delete_ = "x";
  k.register_ = true;
  k.errno_ = 2;
  k.unix_ = 3;
  k.major_ = 4;
  k.namespace_ = "ns";
  EXPECT_EQ(k.eof.value, -1);
  EXPECT_FALSE(k.null.nullptr_);
  EXPECT_EQ(kw::Mood::kNull, static_cast<kw::Mood>(2));
  kw::Register::DeleteParams p{.class_ = 5};
  EXPECT_EQ(p.class_, 5);
}

// comments.capnp's doc comments end in a backslash, a backslash and blanks,
// ??/ and control characters. The library compiles with -Werror (so no
// -Wcomment or -Wtrigraphs), and every declaration after such a comment is
// still code: the comments swallowed nothing.
TEST(CorpusTest, DocCommentsCannotSwallowCode) {
  cm::Path path;
  EXPECT_EQ(path.second, 7);  // declared after "the field after must stay code \"
  EXPECT_EQ(path.slash, cm::Slash::kBack);
  EXPECT_EQ(cm::kRoot, "/");
  // Text with trigraph-like sequences is written so that -Wtrigraphs stays
  // quiet, and means what the schema says.
  EXPECT_EQ(cm::kTrigraphs, "?\?/ ?\?= ?\?\?/ ?");  // as in the schema
  EXPECT_EQ(path.note, "?\?( and ?\?)");
  static_assert(std::is_same_v<cm::Walker::StopParams, cm::Walker_StopParams>);
  static_assert(std::is_invocable_v<decltype(&cm::WalkerRef::try_stop), const cm::WalkerRef&>);
  capnp::MallocMessageBuilder message;
  path.first = "a\\b";
  ToCapnp(path, message.initRoot<::corpus::comments::Path>());
  EXPECT_EQ(FromCapnp(message.getRoot<::corpus::comments::Path>().asReader()), path);
}

template <class Capnp, class Value>
Value RoundTrip(const Value& value) {
  capnp::MallocMessageBuilder message;
  auto builder = message.initRoot<Capnp>();
  ToCapnp(value, builder);
  return FromCapnp(builder.asReader());
}

TEST(ConversionTest, ScalarsRoundTrip) {
  t::Scalars s;
  s.bool_ = false;
  s.i64 = 123456789012345;
  s.u8 = 200;
  s.f32 = -3.5f;
  s.text = std::string("with\0nul", 8);
  s.data = {0, 1, 2};
  s.mood = t::Mood::kDelete;
  s.plain = -7;
  EXPECT_EQ(RoundTrip<corpus::Scalars>(s), s);
  EXPECT_EQ(RoundTrip<corpus::Scalars>(t::Scalars{}), t::Scalars{});
}

TEST(ConversionTest, ListsRoundTrip) {
  t::Lists l;
  l.ints = {1, -2, 3};
  l.datas = {{1}, {}, {2, 3}};
  l.nested = {{}, {9}};
  l.deep = {{{"a", "b"}, {}}, {{"c"}}};
  l.structs = {imp::Point{.x = 1, .y = 2}, imp::Point{}};
  l.voids.resize(3);
  l.floats = {0.5f};
  EXPECT_EQ(RoundTrip<corpus::Lists>(l), l);
}

TEST(ConversionTest, UnionsAndGroupsRoundTrip) {
  t::Shape shape;
  shape.name = "sq";
  shape.which = t::Shape::Which::kSquare;
  shape.square = imp::Point{.x = 4, .y = 5};
  shape.position = {.x = -1, .y = -2};
  shape.fill.which = t::Shape::Fill::Which::kColor;
  shape.fill.color = imp::Color::kGreen;
  EXPECT_EQ(RoundTrip<corpus::Shape>(shape), shape);
  shape.which = t::Shape::Which::kEmpty;
  shape.square = {};
  shape.fill.which = t::Shape::Fill::Which::kPattern;
  shape.fill.color = imp::Color::kRed;
  shape.fill.pattern = "dots";
  EXPECT_EQ(RoundTrip<corpus::Shape>(shape), shape);
}

TEST(ConversionTest, NestedAndDefaultsRoundTrip) {
  t::Outer outer;
  outer.inners = {t::Outer::Inner{.value = 1, .kind = t::Outer::Inner::Kind::kSmall}};
  outer.tree.resize(2);
  outer.tree[1].inner.value = 77;
  EXPECT_EQ(RoundTrip<corpus::Outer>(outer), outer);
  EXPECT_EQ(RoundTrip<corpus::WithDefaults>(t::WithDefaults{}), t::WithDefaults{});
}

TEST(ConversionTest, ReadsCapnpDefaults) {
  // An empty capnp message reads as the schema's defaults, like a fresh value.
  capnp::MallocMessageBuilder message;
  auto builder = message.initRoot<corpus::Scalars>();
  EXPECT_EQ(FromCapnp(builder.asReader()), t::Scalars{});
}

TEST(ConversionTest, MethodParamsRoundTrip) {
  t::Echo::NotifyParams p{.mood = t::Mood::kClass, .note = "n"};
  EXPECT_EQ(RoundTrip<corpus::Echo::NotifyParams>(p), p);
}

}  // namespace
