//===- ModelTest.cpp - Model creation, signatures and run-time checks -----===//
//
// Drives seqc_model_* with a hand-written model: what the entry functions
// receive as descriptors, every check seqc_model_run makes before running,
// the staging of strided tensors, and the signature parser's errors.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/FakeModel.h"

#include <gtest/gtest.h>

#include <cstring>
#include <ostream>
#include <vector>

using namespace seqc::test;

namespace {

/// What the last call of an entry saw.
struct Seen {
  int calls = 0;
  Memref<2> x{}, y{};
  Memref<1> a{}, c{};
  Memref<0> b{};
};
Seen seen;

/// y = 2 * x over [2, 3], honoring whatever layout the descriptors give.
void scaleEntry(void **descriptors) {
  auto *x = static_cast<Memref<2> *>(descriptors[0]);
  auto *y = static_cast<Memref<2> *>(descriptors[1]);
  ++seen.calls;
  seen.x = *x;
  seen.y = *y;
  const float *in = static_cast<const float *>(x->aligned) + x->offset;
  float *out = static_cast<float *>(y->aligned) + y->offset;
  for (int64_t i = 0; i < x->sizes[0]; ++i)
    for (int64_t j = 0; j < x->sizes[1]; ++j)
      out[i * y->strides[0] + j * y->strides[1]] =
          2 * in[i * x->strides[0] + j * x->strides[1]];
}

/// c = a + b with a rank-0 b.
void addScalarEntry(void **descriptors) {
  auto *a = static_cast<Memref<1> *>(descriptors[0]);
  auto *b = static_cast<Memref<0> *>(descriptors[1]);
  auto *c = static_cast<Memref<1> *>(descriptors[2]);
  ++seen.calls;
  seen.a = *a;
  seen.b = *b;
  seen.c = *c;
  int32_t scalar = static_cast<int32_t *>(b->aligned)[b->offset];
  for (int64_t i = 0; i < a->sizes[0]; ++i)
    static_cast<double *>(c->aligned)[i * c->strides[0]] =
        static_cast<double *>(a->aligned)[i * a->strides[0]] + scalar;
}

void emptyEntry(void **) { ++seen.calls; }

const char kToySignature[] = "model toy\n"
                             "entry scale 1 1\n"
                             "input x f32 2 2 3\n"
                             "output y f32 2 2 3\n"
                             "\n"
                             "entry add_scalar 2 1\n"
                             "  input a f64 1 4\n"
                             "\tinput b i32 0\n"
                             "output c f64 1 4\r\n"
                             "entry empty 1 1\n"
                             "input e bf16 2 0 3\n"
                             "output f i8 1 0\n";
const EntryFn kToyEntries[] = {scaleEntry, addScalarEntry, emptyEntry};
const seqc_model_def kToy = {SEQC_ABI_VERSION, 3, kToySignature, kToyEntries};

const int64_t kShape23[] = {2, 3};
const int64_t kShape4[] = {4};

class ModelTest : public ::testing::Test {
protected:
  void SetUp() override {
    seen = Seen();
    ASSERT_EQ(toy.status, SEQC_OK) << toy.error;
    for (int i = 0; i < 6; ++i)
      x[i] = float(i + 1);
  }

  /// Runs `scale` with these tensors.
  seqc_status runScale(const seqc_tensor &in, const seqc_tensor &out) {
    return seqc_model_run(toy.model, "scale", &in, 1, &out, 1);
  }

  ModelHandle toy{&kToy, 2};
  float x[6];
  float y[6] = {};
  seqc_tensor xTensor{x, SEQC_F32, 2, kShape23, nullptr};
  seqc_tensor yTensor{y, SEQC_F32, 2, kShape23, nullptr};
};

TEST_F(ModelTest, IntrospectsTheSignature) {
  EXPECT_STREQ(toy.error.c_str(), "");
  EXPECT_STREQ(seqc_model_name(toy.model), "toy");
  ASSERT_EQ(seqc_model_num_entries(toy.model), 3u);
  const seqc_entry_info *add = seqc_model_entry(toy.model, 1);
  ASSERT_NE(add, nullptr);
  EXPECT_STREQ(add->name, "add_scalar");
  ASSERT_EQ(add->num_inputs, 2u);
  ASSERT_EQ(add->num_outputs, 1u);
  EXPECT_STREQ(add->inputs[0].name, "a");
  EXPECT_EQ(add->inputs[0].dtype, SEQC_F64);
  EXPECT_EQ(add->inputs[0].rank, 1);
  EXPECT_EQ(add->inputs[0].shape[0], 4);
  EXPECT_STREQ(add->inputs[1].name, "b");
  EXPECT_EQ(add->inputs[1].rank, 0);
  EXPECT_STREQ(add->outputs[0].name, "c");
  const seqc_entry_info *empty = seqc_model_find_entry(toy.model, "empty");
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->inputs[0].dtype, SEQC_BF16);
  EXPECT_EQ(empty->outputs[0].dtype, SEQC_I8);
  EXPECT_EQ(seqc_model_find_entry(toy.model, "nope"), nullptr);
  EXPECT_EQ(seqc_model_entry(toy.model, 3), nullptr);
  EXPECT_STREQ(seqc_model_last_error(toy.model), "");
}

TEST_F(ModelTest, DtypeNamesAndSizes) {
  EXPECT_STREQ(seqc_dtype_name(SEQC_BF16), "bf16");
  EXPECT_EQ(seqc_dtype_size(SEQC_I64), 8u);
  EXPECT_EQ(seqc_dtype_name(seqc_dtype(42)), nullptr);
  EXPECT_EQ(seqc_dtype_size(seqc_dtype(-1)), 0u);
}

TEST_F(ModelTest, ContiguousTensorsArePassedInPlace) {
  ASSERT_EQ(runScale(xTensor, yTensor), SEQC_OK) << toy.lastError();
  EXPECT_EQ(seen.calls, 1);
  EXPECT_EQ(seen.x.aligned, x);
  EXPECT_EQ(seen.x.allocated, x);
  EXPECT_EQ(seen.x.offset, 0);
  EXPECT_EQ(seen.x.sizes[0], 2);
  EXPECT_EQ(seen.x.sizes[1], 3);
  EXPECT_EQ(seen.x.strides[0], 3);
  EXPECT_EQ(seen.x.strides[1], 1);
  EXPECT_EQ(seen.y.aligned, y);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(y[i], 2 * x[i]);
}

TEST_F(ModelTest, NullEntryRunsTheFirst) {
  ASSERT_EQ(seqc_model_run(toy.model, nullptr, &xTensor, 1, &yTensor, 1),
            SEQC_OK);
  EXPECT_EQ(y[5], 12.0f);
}

TEST_F(ModelTest, RankZeroAndMixedDtypes) {
  double a[4] = {0.5, 1.5, 2.5, 3.5}, c[4] = {};
  int32_t b = 10;
  seqc_tensor in[2] = {{a, SEQC_F64, 1, kShape4, nullptr},
                       {&b, SEQC_I32, 0, nullptr, nullptr}};
  seqc_tensor out{c, SEQC_F64, 1, kShape4, nullptr};
  ASSERT_EQ(seqc_model_run(toy.model, "add_scalar", in, 2, &out, 1), SEQC_OK)
      << toy.lastError();
  EXPECT_EQ(seen.b.aligned, &b);
  EXPECT_EQ(seen.b.offset, 0);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(c[i], a[i] + 10);
}

TEST_F(ModelTest, EmptyTensorsMayHaveNullData) {
  const int64_t eShape[] = {0, 3}, fShape[] = {0};
  seqc_tensor e{nullptr, SEQC_BF16, 2, eShape, nullptr};
  seqc_tensor f{nullptr, SEQC_I8, 1, fShape, nullptr};
  ASSERT_EQ(seqc_model_run(toy.model, "empty", &e, 1, &f, 1), SEQC_OK)
      << toy.lastError();
  EXPECT_EQ(seen.calls, 1);
}

TEST_F(ModelTest, StridedInputIsStagedContiguously) {
  // x is the transpose of a [3, 2] array: strides [1, 2].
  float storage[6] = {1, 4, 2, 5, 3, 6};
  const int64_t strides[] = {1, 2};
  seqc_tensor in{storage, SEQC_F32, 2, kShape23, strides};
  ASSERT_EQ(runScale(in, yTensor), SEQC_OK) << toy.lastError();
  EXPECT_NE(seen.x.aligned, storage);
  EXPECT_EQ(uintptr_t(seen.x.aligned) % 64, 0u);
  EXPECT_EQ(seen.x.strides[0], 3);
  EXPECT_EQ(seen.x.strides[1], 1);
  const float expected[6] = {2, 4, 6, 8, 10, 12};
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(y[i], expected[i]) << i;
}

TEST_F(ModelTest, StridedOutputIsCopiedBack) {
  // y is every other element of a [2, 6] buffer, the rest must stay.
  float storage[12];
  for (float &v : storage)
    v = -1;
  const int64_t strides[] = {6, 2};
  seqc_tensor out{storage, SEQC_F32, 2, kShape23, strides};
  ASSERT_EQ(runScale(xTensor, out), SEQC_OK) << toy.lastError();
  EXPECT_NE(seen.y.aligned, storage);
  EXPECT_EQ(seen.y.strides[0], 3);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 6; ++j)
      EXPECT_EQ(storage[i * 6 + j], j % 2 ? -1.0f : 2 * x[i * 3 + j / 2])
          << i << "," << j;
}

TEST_F(ModelTest, NegativeStridesAndSizeOneDims) {
  // A reversed row order, then a contiguous layout whose size-1 dimension
  // has an odd stride: that one needs no copy.
  float storage[6] = {4, 5, 6, 1, 2, 3};
  const int64_t reversed[] = {-3, 1};
  seqc_tensor in{storage + 3, SEQC_F32, 2, kShape23, reversed};
  ASSERT_EQ(runScale(in, yTensor), SEQC_OK) << toy.lastError();
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(y[i], 2 * float(i + 1));

  double a[4] = {1, 2, 3, 4}, c[4];
  const int64_t oddStride[] = {1};
  int32_t b = 1;
  const int64_t bStrides[] = {0};
  seqc_tensor ins[2] = {{a, SEQC_F64, 1, kShape4, oddStride},
                        {&b, SEQC_I32, 0, nullptr, bStrides}};
  seqc_tensor out{c, SEQC_F64, 1, kShape4, nullptr};
  ASSERT_EQ(seqc_model_run(toy.model, "add_scalar", ins, 2, &out, 1), SEQC_OK);
  EXPECT_EQ(seen.a.aligned, a);
  EXPECT_EQ(c[3], 5.0);
}

TEST_F(ModelTest, MisalignedDataIsStaged) {
  alignas(8) unsigned char bytes[6 * sizeof(float) + 1];
  std::memcpy(bytes + 1, x, sizeof(x));
  seqc_tensor in{bytes + 1, SEQC_F32, 2, kShape23, nullptr};
  ASSERT_EQ(runScale(in, yTensor), SEQC_OK) << toy.lastError();
  EXPECT_NE(seen.x.aligned, bytes + 1);
  EXPECT_EQ(y[4], 10.0f);
}

/// A failed run: its status, its message, and that nothing ran.
void expectFailure(ModelHandle &toy, seqc_status status, seqc_status expected,
                   const char *message) {
  EXPECT_EQ(status, expected);
  EXPECT_STREQ(toy.lastError(), message);
  EXPECT_EQ(seen.calls, 0);
}

TEST_F(ModelTest, RejectsUnknownEntry) {
  expectFailure(toy,
                seqc_model_run(toy.model, "scal", &xTensor, 1, &yTensor, 1),
                SEQC_ERROR_NOT_FOUND, "model `toy` has no entry `scal`");
}

TEST_F(ModelTest, RejectsWrongCounts) {
  expectFailure(
      toy, seqc_model_run(toy.model, "scale", &xTensor, 0, &yTensor, 1),
      SEQC_ERROR_INVALID_ARGUMENT, "entry `scale`: expected 1 inputs, got 0");
  seqc_tensor two[2] = {yTensor, yTensor};
  expectFailure(toy, seqc_model_run(toy.model, "scale", &xTensor, 1, two, 2),
                SEQC_ERROR_INVALID_ARGUMENT,
                "entry `scale`: expected 1 outputs, got 2");
  expectFailure(
      toy, seqc_model_run(toy.model, "scale", nullptr, 1, &yTensor, 1),
      SEQC_ERROR_INVALID_ARGUMENT, "entry `scale`: the inputs are NULL");
}

TEST_F(ModelTest, RejectsWrongDtype) {
  xTensor.dtype = SEQC_F16;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_DTYPE_MISMATCH,
                "entry `scale`: input #0 `x` must have dtype f32, got f16");
  xTensor.dtype = seqc_dtype(99);
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_DTYPE_MISMATCH,
                "entry `scale`: input #0 `x` must have dtype f32, got "
                "unknown dtype 99");
}

TEST_F(ModelTest, RejectsWrongRank) {
  yTensor.rank = 3;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_SHAPE_MISMATCH,
                "entry `scale`: output #0 `y` must have rank 2, got 3");
}

TEST_F(ModelTest, RejectsWrongShape) {
  const int64_t shape[] = {2, 4};
  xTensor.shape = shape;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_SHAPE_MISMATCH,
                "entry `scale`: input #0 `x` must have shape [2, 3], got "
                "[2, 4]");
  xTensor.shape = nullptr;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_INVALID_ARGUMENT,
                "entry `scale`: input #0 `x` has a NULL shape");
}

TEST_F(ModelTest, RejectsNullData) {
  yTensor.data = nullptr;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_INVALID_ARGUMENT,
                "entry `scale`: output #0 `y` has NULL data");
}

TEST_F(ModelTest, RejectsOverlappingOutput) {
  const int64_t strides[] = {0, 1};
  yTensor.strides = strides;
  expectFailure(toy, runScale(xTensor, yTensor), SEQC_ERROR_INVALID_ARGUMENT,
                "entry `scale`: output #0 `y` has stride 0 in dimension 0, "
                "so its elements overlap");
}

TEST_F(ModelTest, KeepsTheLastErrorUntilTheNextFailure) {
  yTensor.rank = 1;
  EXPECT_EQ(runScale(xTensor, yTensor), SEQC_ERROR_SHAPE_MISMATCH);
  yTensor.rank = 2;
  EXPECT_EQ(runScale(xTensor, yTensor), SEQC_OK);
  EXPECT_STREQ(toy.lastError(),
               "entry `scale`: output #0 `y` must have rank 2, got 1");
}

TEST(ModelCreateTest, RejectsBadArguments) {
  EXPECT_EQ(seqc_model_create(&kToy, nullptr, nullptr),
            SEQC_ERROR_INVALID_ARGUMENT);
  ModelHandle noDef(nullptr);
  EXPECT_EQ(noDef.status, SEQC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(noDef.model, nullptr);
  EXPECT_EQ(noDef.error, "seqc_model_create: the model definition is NULL");
  ModelHandle negative(&kToy, -1);
  EXPECT_EQ(negative.status, SEQC_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(negative.error,
            "seqc_model_create: num_threads must be >= 0, got -1");
  // NULL options are the defaults; calls on a NULL model fail cleanly.
  seqc_model *model = nullptr;
  ASSERT_EQ(seqc_model_create(&kToy, nullptr, &model), SEQC_OK);
  seqc_model_destroy(model);
  seqc_model_destroy(nullptr);
  EXPECT_EQ(seqc_model_run(nullptr, "scale", nullptr, 0, nullptr, 0),
            SEQC_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(seqc_model_last_error(nullptr), "");
  EXPECT_EQ(seqc_model_num_entries(nullptr), 0u);
}

TEST(ModelCreateTest, RejectsAbiMismatch) {
  seqc_model_def def = kToy;
  def.abi_version = SEQC_ABI_VERSION + 1;
  ModelHandle handle(&def);
  EXPECT_EQ(handle.status, SEQC_ERROR_INTERNAL);
  EXPECT_EQ(handle.model, nullptr);
  EXPECT_EQ(handle.error, "model definition has ABI version 3, but this "
                          "runtime implements version 2");
}

TEST(ModelCreateTest, RejectsEntryCountMismatch) {
  seqc_model_def def = kToy;
  def.num_entries = 2;
  ModelHandle handle(&def);
  EXPECT_EQ(handle.status, SEQC_ERROR_INTERNAL);
  EXPECT_EQ(handle.error, "model `toy`: its signature declares 3 entries, but "
                          "the definition has 2 entry functions");
  const EntryFn entries[] = {scaleEntry, nullptr, emptyEntry};
  def = {SEQC_ABI_VERSION, 3, kToySignature, entries};
  ModelHandle nullEntry(&def);
  EXPECT_EQ(nullEntry.status, SEQC_ERROR_INTERNAL);
  EXPECT_EQ(nullEntry.error,
            "model `toy`: the function of entry `add_scalar` is NULL");
  def.signature = nullptr;
  ModelHandle noSignature(&def);
  EXPECT_EQ(noSignature.error, "model definition has no signature");
}

TEST(ModelCreateTest, ModelWithoutEntries) {
  seqc_model_def def = {SEQC_ABI_VERSION, 0, "model nothing\n", nullptr};
  ModelHandle handle(&def);
  ASSERT_EQ(handle.status, SEQC_OK) << handle.error;
  EXPECT_EQ(seqc_model_run(handle.model, nullptr, nullptr, 0, nullptr, 0),
            SEQC_ERROR_NOT_FOUND);
  EXPECT_STREQ(handle.lastError(), "model `nothing` has no entries");
}

/// A malformed signature, named for the rule it breaks.
struct BadSignature {
  const char *name;
  const char *signature;
  const char *message;
};

// Keeps pointer bytes out of the test names that ctest shows.
[[maybe_unused]] void PrintTo(const BadSignature &bad, std::ostream *os) {
  *os << bad.name;
}

class SignatureTest : public ::testing::TestWithParam<BadSignature> {};

TEST_P(SignatureTest, IsRejected) {
  const EntryFn entries[] = {emptyEntry};
  seqc_model_def def = {SEQC_ABI_VERSION, 1, GetParam().signature, entries};
  ModelHandle handle(&def);
  EXPECT_EQ(handle.status, SEQC_ERROR_INTERNAL);
  EXPECT_EQ(handle.model, nullptr);
  EXPECT_EQ(handle.error, GetParam().message);
}

#define PREFIX "malformed model signature, line "
const BadSignature kBadSignatures[] = {
    {"ModelNotFirst", "entry e 0 0\n",
     PREFIX "1: expected `model <name>` first, got `entry`"},
    {"Empty", "", PREFIX "1: no `model` record"},
    {"ModelWithoutName", "model\n", PREFIX "1: expected `model <name>`"},
    {"ModelWithTwoNames", "model a b\n", PREFIX "1: expected `model <name>`"},
    {"SecondModel", "model m\nmodel n\n", PREFIX "2: second `model` record"},
    {"EntryWithoutCounts", "model m\nentry e 1\n",
     PREFIX "2: expected `entry <name> <num_inputs> <num_outputs>`"},
    {"NegativeCount", "model m\nentry e -1 0\n",
     PREFIX "2: expected `entry <name> <num_inputs> <num_outputs>`"},
    {"InputBeforeEntry", "model m\ninput x f32 0\n",
     PREFIX "2: `input` record before any `entry`"},
    {"UnknownDtype", "model m\nentry e 1 0\ninput x f31 0\n",
     PREFIX "3: input `x` has unknown dtype `f31`"},
    {"MissingSize", "model m\nentry e 1 0\ninput x f32 2 4\n",
     PREFIX "3: input `x` has rank 2 but 1 sizes"},
    {"SizeNotANumber", "model m\nentry e 1 0\ninput x f32 1 4x\n",
     PREFIX "3: input `x` has invalid size `4x`"},
    {"NegativeSize", "model m\nentry e 1 0\ninput x f32 1 -4\n",
     PREFIX "3: input `x` has invalid size `-4`"},
    {"RankTooHigh", "model m\nentry e 1 0\ninput x f32 33\n",
     PREFIX "3: expected `input <name> <dtype> <rank> <size>...` with a "
            "rank from 0 to 32"},
    {"TooLarge", "model m\nentry e 1 0\ninput x f32 2 4294967296 4294967296\n",
     PREFIX "3: input `x` is too large"},
    {"OutputBeforeInput", "model m\nentry e 1 1\noutput y f32 0\n",
     PREFIX "3: entry `e` declares 1 inputs but lists 0"},
    {"InputAfterOutput",
     "model m\nentry e 0 1\noutput y f32 0\ninput x f32 0\n",
     PREFIX "4: unexpected `input` record: entry `e` takes 0 inputs and 1 "
            "outputs, inputs first"},
    {"MissingOutput", "model m\nentry e 1 1\ninput x f32 0\n",
     PREFIX "3: entry `e` declares 1 inputs and 1 outputs but lists 1 and 0"},
    {"DuplicateEntry", "model m\nentry e 0 0\nentry e 0 0\n",
     PREFIX "3: second entry named `e`"},
    {"DuplicateValue", "model m\nentry e 1 1\ninput x f32 0\noutput x f32 0\n",
     PREFIX "4: entry `e` has two values named `x`"},
    {"UnknownRecord", "model m\nentry e 0 0\nweights w\n",
     PREFIX "3: unknown record `weights`"},
};
INSTANTIATE_TEST_SUITE_P(Malformed, SignatureTest,
                         ::testing::ValuesIn(kBadSignatures),
                         [](const auto &info) {
                           return std::string(info.param.name);
                         });
#undef PREFIX

} // namespace
