// Generated from codegen/tests/corpus/types.capnp by capnpc-heph. Do not edit.
// Conversions between the value types of codegen/tests/corpus/types.heph.h and the readers and
// builders of codegen/tests/corpus/types.capnp.h (capnpc-c++).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HCONVERT_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HCONVERT_H_

#include "codegen/tests/corpus/types.capnp.h"
#include "codegen/tests/corpus/types.heph.h"
#include "codegen/tests/corpus/imported.heph.convert.h"

// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)
// are found by argument-dependent lookup.
namespace corpus {

inline actors::Scalars FromCapnp(::corpus::Scalars::Reader from) {
  actors::Scalars to;
  to.bool_ = from.getBool();
  to.i8 = from.getI8();
  to.i16 = from.getI16();
  to.i32 = from.getI32();
  to.i64 = from.getI64();
  to.u8 = from.getU8();
  to.u16 = from.getU16();
  to.u32 = from.getU32();
  to.u64 = from.getU64();
  to.f32 = from.getF32();
  to.f64 = from.getF64();
  to.inf = from.getInf();
  to.text = std::string(from.getText().cStr(), from.getText().size());
  to.data.assign(from.getData().begin(), from.getData().end());
  to.mood = static_cast<actors::Mood>(from.getMood());
  to.plain = from.getPlain();
  return to;
}
inline void ToCapnp(const actors::Scalars& from, ::corpus::Scalars::Builder to) {
  to.setBool(from.bool_);
  to.setI8(from.i8);
  to.setI16(from.i16);
  to.setI32(from.i32);
  to.setI64(from.i64);
  to.setU8(from.u8);
  to.setU16(from.u16);
  to.setU32(from.u32);
  to.setU64(from.u64);
  to.setF32(from.f32);
  to.setF64(from.f64);
  to.setInf(from.inf);
  to.setText(::capnp::Text::Reader(from.text.data(), from.text.size()));
  to.setData(::capnp::Data::Reader(from.data.data(), from.data.size()));
  to.setMood(static_cast<::corpus::Mood>(from.mood));
  to.setPlain(from.plain);
}

inline actors::Lists FromCapnp(::corpus::Lists::Reader from) {
  actors::Lists to;
  {
    auto list0 = from.getBools();
    to.bools.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.bools[i0] = list0[i0];
    }
  }
  {
    auto list0 = from.getInts();
    to.ints.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.ints[i0] = list0[i0];
    }
  }
  {
    auto list0 = from.getTexts();
    to.texts.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.texts[i0] = std::string(list0[i0].cStr(), list0[i0].size());
    }
  }
  {
    auto list0 = from.getDatas();
    to.datas.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.datas[i0].assign(list0[i0].begin(), list0[i0].end());
    }
  }
  {
    auto list0 = from.getNested();
    to.nested.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      {
        auto list1 = list0[i0];
        to.nested[i0].resize(list1.size());
        for (unsigned i1 = 0; i1 < list1.size(); ++i1) {
          to.nested[i0][i1] = list1[i1];
        }
      }
    }
  }
  {
    auto list0 = from.getDeep();
    to.deep.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      {
        auto list1 = list0[i0];
        to.deep[i0].resize(list1.size());
        for (unsigned i1 = 0; i1 < list1.size(); ++i1) {
          {
            auto list2 = list1[i1];
            to.deep[i0][i1].resize(list2.size());
            for (unsigned i2 = 0; i2 < list2.size(); ++i2) {
              to.deep[i0][i1][i2] = std::string(list2[i2].cStr(), list2[i2].size());
            }
          }
        }
      }
    }
  }
  {
    auto list0 = from.getStructs();
    to.structs.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.structs[i0] = FromCapnp(list0[i0]);
    }
  }
  {
    auto list0 = from.getEnums();
    to.enums.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.enums[i0] = static_cast<actors::Mood>(list0[i0]);
    }
  }
  to.voids.resize(from.getVoids().size());
  {
    auto list0 = from.getFloats();
    to.floats.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.floats[i0] = list0[i0];
    }
  }
  return to;
}
inline void ToCapnp(const actors::Lists& from, ::corpus::Lists::Builder to) {
  {
    auto list = to.initBools(from.bools.size());
    for (unsigned i0 = 0; i0 < from.bools.size(); ++i0) {
      list.set(i0, from.bools[i0]);
    }
  }
  {
    auto list = to.initInts(from.ints.size());
    for (unsigned i0 = 0; i0 < from.ints.size(); ++i0) {
      list.set(i0, from.ints[i0]);
    }
  }
  {
    auto list = to.initTexts(from.texts.size());
    for (unsigned i0 = 0; i0 < from.texts.size(); ++i0) {
      list.set(i0, ::capnp::Text::Reader(from.texts[i0].data(), from.texts[i0].size()));
    }
  }
  {
    auto list = to.initDatas(from.datas.size());
    for (unsigned i0 = 0; i0 < from.datas.size(); ++i0) {
      list.set(i0, ::capnp::Data::Reader(from.datas[i0].data(), from.datas[i0].size()));
    }
  }
  {
    auto list = to.initNested(from.nested.size());
    for (unsigned i0 = 0; i0 < from.nested.size(); ++i0) {
      {
        auto list1 = list.init(i0, from.nested[i0].size());
        for (unsigned i2 = 0; i2 < from.nested[i0].size(); ++i2) {
          list1.set(i2, from.nested[i0][i2]);
        }
      }
    }
  }
  {
    auto list = to.initDeep(from.deep.size());
    for (unsigned i0 = 0; i0 < from.deep.size(); ++i0) {
      {
        auto list1 = list.init(i0, from.deep[i0].size());
        for (unsigned i2 = 0; i2 < from.deep[i0].size(); ++i2) {
          {
            auto list3 = list1.init(i2, from.deep[i0][i2].size());
            for (unsigned i4 = 0; i4 < from.deep[i0][i2].size(); ++i4) {
              list3.set(i4, ::capnp::Text::Reader(from.deep[i0][i2][i4].data(), from.deep[i0][i2][i4].size()));
            }
          }
        }
      }
    }
  }
  {
    auto list = to.initStructs(from.structs.size());
    for (unsigned i0 = 0; i0 < from.structs.size(); ++i0) {
      ToCapnp(from.structs[i0], list[i0]);
    }
  }
  {
    auto list = to.initEnums(from.enums.size());
    for (unsigned i0 = 0; i0 < from.enums.size(); ++i0) {
      list.set(i0, static_cast<::corpus::Mood>(from.enums[i0]));
    }
  }
  to.initVoids(from.voids.size());
  {
    auto list = to.initFloats(from.floats.size());
    for (unsigned i0 = 0; i0 < from.floats.size(); ++i0) {
      list.set(i0, from.floats[i0]);
    }
  }
}

inline actors::Shape_Position FromCapnp(::corpus::Shape::Position::Reader from) {
  actors::Shape_Position to;
  to.x = from.getX();
  to.y = from.getY();
  return to;
}
inline void ToCapnp(const actors::Shape_Position& from, ::corpus::Shape::Position::Builder to) {
  to.setX(from.x);
  to.setY(from.y);
}

inline actors::Shape_Fill FromCapnp(::corpus::Shape::Fill::Reader from) {
  actors::Shape_Fill to;
  to.which = static_cast<actors::Shape_Fill::Which>(from.which());
  if (to.which == actors::Shape_Fill::Which::kColor) {
    to.color = static_cast<::corpus::imported::actors::Color>(from.getColor());
  }
  if (to.which == actors::Shape_Fill::Which::kPattern) {
    to.pattern = std::string(from.getPattern().cStr(), from.getPattern().size());
  }
  return to;
}
inline void ToCapnp(const actors::Shape_Fill& from, ::corpus::Shape::Fill::Builder to) {
  if (from.which == actors::Shape_Fill::Which::kNone) {
    to.setNone();
  }
  if (from.which == actors::Shape_Fill::Which::kColor) {
    to.setColor(static_cast<::corpus::imported::Color>(from.color));
  }
  if (from.which == actors::Shape_Fill::Which::kPattern) {
    to.setPattern(::capnp::Text::Reader(from.pattern.data(), from.pattern.size()));
  }
}

inline actors::Shape FromCapnp(::corpus::Shape::Reader from) {
  actors::Shape to;
  to.which = static_cast<actors::Shape::Which>(from.which());
  to.name = std::string(from.getName().cStr(), from.getName().size());
  if (to.which == actors::Shape::Which::kCircle) {
    to.circle = from.getCircle();
  }
  if (to.which == actors::Shape::Which::kSquare) {
    if (from.hasSquare()) to.square = FromCapnp(from.getSquare());
  }
  if (to.which == actors::Shape::Which::kLabel) {
    to.label = std::string(from.getLabel().cStr(), from.getLabel().size());
  }
  to.position = FromCapnp(from.getPosition());
  to.fill = FromCapnp(from.getFill());
  return to;
}
inline void ToCapnp(const actors::Shape& from, ::corpus::Shape::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
  if (from.which == actors::Shape::Which::kCircle) {
    to.setCircle(from.circle);
  }
  if (from.which == actors::Shape::Which::kSquare) {
    ToCapnp(from.square, to.initSquare());
  }
  if (from.which == actors::Shape::Which::kEmpty) {
    to.setEmpty();
  }
  if (from.which == actors::Shape::Which::kLabel) {
    to.setLabel(::capnp::Text::Reader(from.label.data(), from.label.size()));
  }
  ToCapnp(from.position, to.initPosition());
  ToCapnp(from.fill, to.initFill());
}

inline actors::Outer_Inner FromCapnp(::corpus::Outer::Inner::Reader from) {
  actors::Outer_Inner to;
  to.value = from.getValue();
  to.kind = static_cast<actors::Outer_Inner_Kind>(from.getKind());
  return to;
}
inline void ToCapnp(const actors::Outer_Inner& from, ::corpus::Outer::Inner::Builder to) {
  to.setValue(from.value);
  to.setKind(static_cast<::corpus::Outer::Inner::Kind>(from.kind));
}

inline actors::Outer FromCapnp(::corpus::Outer::Reader from) {
  actors::Outer to;
  if (from.hasInner()) to.inner = FromCapnp(from.getInner());
  {
    auto list0 = from.getInners();
    to.inners.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.inners[i0] = FromCapnp(list0[i0]);
    }
  }
  {
    auto list0 = from.getTree();
    to.tree.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.tree[i0] = FromCapnp(list0[i0]);
    }
  }
  return to;
}
inline void ToCapnp(const actors::Outer& from, ::corpus::Outer::Builder to) {
  ToCapnp(from.inner, to.initInner());
  {
    auto list = to.initInners(from.inners.size());
    for (unsigned i0 = 0; i0 < from.inners.size(); ++i0) {
      ToCapnp(from.inners[i0], list[i0]);
    }
  }
  {
    auto list = to.initTree(from.tree.size());
    for (unsigned i0 = 0; i0 < from.tree.size(); ++i0) {
      ToCapnp(from.tree[i0], list[i0]);
    }
  }
}

inline actors::WithDefaults FromCapnp(::corpus::WithDefaults::Reader from) {
  actors::WithDefaults to;
  if (from.hasPoint()) to.point = FromCapnp(from.getPoint());
  if (from.hasShape()) to.shape = FromCapnp(from.getShape());
  to.color = static_cast<::corpus::imported::actors::Color>(from.getColor());
  {
    auto list0 = from.getList();
    to.list.resize(list0.size());
    for (unsigned i0 = 0; i0 < list0.size(); ++i0) {
      to.list[i0] = FromCapnp(list0[i0]);
    }
  }
  return to;
}
inline void ToCapnp(const actors::WithDefaults& from, ::corpus::WithDefaults::Builder to) {
  ToCapnp(from.point, to.initPoint());
  ToCapnp(from.shape, to.initShape());
  to.setColor(static_cast<::corpus::imported::Color>(from.color));
  {
    auto list = to.initList(from.list.size());
    for (unsigned i0 = 0; i0 < from.list.size(); ++i0) {
      ToCapnp(from.list[i0], list[i0]);
    }
  }
}

inline actors::Echo_ScalarsParams FromCapnp(::corpus::Echo::ScalarsParams::Reader from) {
  actors::Echo_ScalarsParams to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_ScalarsParams& from, ::corpus::Echo::ScalarsParams::Builder to) {
  ToCapnp(from.value, to.initValue());
}

inline actors::Echo_ScalarsResults FromCapnp(::corpus::Echo::ScalarsResults::Reader from) {
  actors::Echo_ScalarsResults to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_ScalarsResults& from, ::corpus::Echo::ScalarsResults::Builder to) {
  ToCapnp(from.value, to.initValue());
}

inline actors::Echo_ListsParams FromCapnp(::corpus::Echo::ListsParams::Reader from) {
  actors::Echo_ListsParams to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_ListsParams& from, ::corpus::Echo::ListsParams::Builder to) {
  ToCapnp(from.value, to.initValue());
}

inline actors::Echo_ListsResults FromCapnp(::corpus::Echo::ListsResults::Reader from) {
  actors::Echo_ListsResults to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_ListsResults& from, ::corpus::Echo::ListsResults::Builder to) {
  ToCapnp(from.value, to.initValue());
}

inline actors::Echo_MoodParams FromCapnp(::corpus::Echo::MoodParams::Reader from) {
  actors::Echo_MoodParams to;
  to.value = static_cast<actors::Mood>(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_MoodParams& from, ::corpus::Echo::MoodParams::Builder to) {
  to.setValue(static_cast<::corpus::Mood>(from.value));
}

inline actors::Echo_MoodResults FromCapnp(::corpus::Echo::MoodResults::Reader from) {
  actors::Echo_MoodResults to;
  to.value = static_cast<actors::Mood>(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Echo_MoodResults& from, ::corpus::Echo::MoodResults::Builder to) {
  to.setValue(static_cast<::corpus::Mood>(from.value));
}

inline actors::Echo_OuterParams FromCapnp(::corpus::Echo::OuterParams::Reader from) {
  actors::Echo_OuterParams to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  if (from.hasDefaults()) to.defaults = FromCapnp(from.getDefaults());
  return to;
}
inline void ToCapnp(const actors::Echo_OuterParams& from, ::corpus::Echo::OuterParams::Builder to) {
  ToCapnp(from.value, to.initValue());
  ToCapnp(from.defaults, to.initDefaults());
}

inline actors::Echo_OuterResults FromCapnp(::corpus::Echo::OuterResults::Reader from) {
  actors::Echo_OuterResults to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  if (from.hasDefaults()) to.defaults = FromCapnp(from.getDefaults());
  return to;
}
inline void ToCapnp(const actors::Echo_OuterResults& from, ::corpus::Echo::OuterResults::Builder to) {
  ToCapnp(from.value, to.initValue());
  ToCapnp(from.defaults, to.initDefaults());
}

inline actors::Echo_NotifyParams FromCapnp(::corpus::Echo::NotifyParams::Reader from) {
  actors::Echo_NotifyParams to;
  to.mood = static_cast<actors::Mood>(from.getMood());
  to.note = std::string(from.getNote().cStr(), from.getNote().size());
  return to;
}
inline void ToCapnp(const actors::Echo_NotifyParams& from, ::corpus::Echo::NotifyParams::Builder to) {
  to.setMood(static_cast<::corpus::Mood>(from.mood));
  to.setNote(::capnp::Text::Reader(from.note.data(), from.note.size()));
}

inline actors::Echo_DeleteParams FromCapnp(::corpus::Echo::DeleteParams::Reader) { return {}; }
inline void ToCapnp(const actors::Echo_DeleteParams&, ::corpus::Echo::DeleteParams::Builder) {}

inline actors::Echo_RegisterParams FromCapnp(::corpus::Echo::RegisterParams::Reader from) {
  actors::Echo_RegisterParams to;
  to.class_ = from.getClass();
  return to;
}
inline void ToCapnp(const actors::Echo_RegisterParams& from, ::corpus::Echo::RegisterParams::Builder to) {
  to.setClass(from.class_);
}

inline actors::Echo_RegisterResults FromCapnp(::corpus::Echo::RegisterResults::Reader from) {
  actors::Echo_RegisterResults to;
  to.errno_ = from.getErrno();
  return to;
}
inline void ToCapnp(const actors::Echo_RegisterResults& from, ::corpus::Echo::RegisterResults::Builder to) {
  to.setErrno(from.errno_);
}

inline actors::Params_GetParams FromCapnp(::corpus::Params::GetParams::Reader) { return {}; }
inline void ToCapnp(const actors::Params_GetParams&, ::corpus::Params::GetParams::Builder) {}

inline actors::Params_GetResults FromCapnp(::corpus::Params::GetResults::Reader from) {
  actors::Params_GetResults to;
  to.x = from.getX();
  return to;
}
inline void ToCapnp(const actors::Params_GetResults& from, ::corpus::Params::GetResults::Builder to) {
  to.setX(from.x);
}

inline actors::Registry_PutParams FromCapnp(::corpus::Registry::PutParams::Reader from) {
  actors::Registry_PutParams to;
  to.name = std::string(from.getName().cStr(), from.getName().size());
  return to;
}
inline void ToCapnp(const actors::Registry_PutParams& from, ::corpus::Registry::PutParams::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
}

inline actors::Registry_FindParams FromCapnp(::corpus::Registry::FindParams::Reader from) {
  actors::Registry_FindParams to;
  to.name = std::string(from.getName().cStr(), from.getName().size());
  return to;
}
inline void ToCapnp(const actors::Registry_FindParams& from, ::corpus::Registry::FindParams::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
}

inline actors::Registry_FindResults FromCapnp(::corpus::Registry::FindResults::Reader from) {
  actors::Registry_FindResults to;
  to.found = from.getFound();
  return to;
}
inline void ToCapnp(const actors::Registry_FindResults& from, ::corpus::Registry::FindResults::Builder to) {
  to.setFound(from.found);
}

inline actors::Registry_NamedParams FromCapnp(::corpus::Registry::NamedParams::Reader) { return {}; }
inline void ToCapnp(const actors::Registry_NamedParams&, ::corpus::Registry::NamedParams::Builder) {}

inline actors::Registry_NamedResults FromCapnp(::corpus::Registry::NamedResults::Reader from) {
  actors::Registry_NamedResults to;
  to.name = std::string(from.getName().cStr(), from.getName().size());
  return to;
}
inline void ToCapnp(const actors::Registry_NamedResults& from, ::corpus::Registry::NamedResults::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
}

inline actors::Entry FromCapnp(::corpus::Entry::Reader from) {
  actors::Entry to;
  to.name = std::string(from.getName().cStr(), from.getName().size());
  return to;
}
inline void ToCapnp(const actors::Entry& from, ::corpus::Entry::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
}

inline actors::Base_PingParams FromCapnp(::corpus::Base::PingParams::Reader) { return {}; }
inline void ToCapnp(const actors::Base_PingParams&, ::corpus::Base::PingParams::Builder) {}

inline actors::Base_PingResults FromCapnp(::corpus::Base::PingResults::Reader from) {
  actors::Base_PingResults to;
  to.pong = from.getPong();
  return to;
}
inline void ToCapnp(const actors::Base_PingResults& from, ::corpus::Base::PingResults::Builder to) {
  to.setPong(from.pong);
}

inline actors::Left_LeftParams FromCapnp(::corpus::Left::LeftParams::Reader) { return {}; }
inline void ToCapnp(const actors::Left_LeftParams&, ::corpus::Left::LeftParams::Builder) {}

inline actors::Right_RightParams FromCapnp(::corpus::Right::RightParams::Reader) { return {}; }
inline void ToCapnp(const actors::Right_RightParams&, ::corpus::Right::RightParams::Builder) {}

inline actors::Diamond_BothParams FromCapnp(::corpus::Diamond::BothParams::Reader) { return {}; }
inline void ToCapnp(const actors::Diamond_BothParams&, ::corpus::Diamond::BothParams::Builder) {}

inline actors::Diamond_BothResults FromCapnp(::corpus::Diamond::BothResults::Reader from) {
  actors::Diamond_BothResults to;
  to.count = from.getCount();
  return to;
}
inline void ToCapnp(const actors::Diamond_BothResults& from, ::corpus::Diamond::BothResults::Builder to) {
  to.setCount(from.count);
}

}  // namespace corpus

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HCONVERT_H_
