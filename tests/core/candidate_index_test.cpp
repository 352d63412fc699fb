// The candidate index: bit-parallel distance against a plain DP, the lower
// bound against the §3 distance, lookups against brute force, persistence,
// incremental catch-up and rebuilds.
#include "lovcen/candidate_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "lovcen/match_score.h"
#include "lovcen/tm_store.h"
#include "lovcen/tokenizer.h"
#include "test_paths.h"

namespace lovcen {
namespace {

const LanguageTag kEn(Language::kEnglish);
const LanguageTag kDe(Language::kGerman);

int PlainDistance(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(BoundedEditDistanceTest, AgreesWithPlainDpIncludingLongPatterns) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t m = rng() % 90, n = rng() % 90;
    const std::uint32_t alphabet = 1 + rng() % 8;
    std::vector<std::uint32_t> a(m), b(n);
    for (auto& x : a) x = rng() % alphabet;
    for (auto& x : b) x = rng() % alphabet;
    const int exact = PlainDistance(a, b);
    EXPECT_EQ(BoundedEditDistance(a, b, 1000), exact) << "m=" << m << " n=" << n;
    const int cap = static_cast<int>(rng() % 20);
    const int bounded = BoundedEditDistance(a, b, cap);
    if (exact <= cap) {
      EXPECT_EQ(bounded, exact);
    } else {
      EXPECT_GT(bounded, cap);
    }
  }
}

// A small newsroom-like generator: Zipf-ish words, near-duplicates with one
// word changed, the odd number.
class Sentences {
 public:
  explicit Sentences(unsigned seed) : rng_(seed) {}
  std::string Next() {
    if (!recent_.empty() && rng_() % 4 == 0) {
      std::string s = recent_[rng_() % recent_.size()];
      const std::size_t space = s.find(' ', rng_() % s.size());
      if (space != std::string::npos) s.insert(space, " " + Word());
      return Remember(s);
    }
    const int n = 3 + static_cast<int>(rng_() % 28);
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i) s += (i % 7 == 6) ? ", " : " ";
      s += (rng_() % 15 == 0) ? std::to_string(rng_() % 3000) : Word();
    }
    return Remember(s + ".");
  }

 private:
  std::string Word() {
    static const char* kSyllables[] = {"ka", "ro", "mi", "ne", "za", "vo", "li", "da", "pre", "sta"};
    const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    const int rank = static_cast<int>(std::pow(400.0, u));  // roughly Zipf over 400 words
    std::string w;
    int x = rank * 7919 + 13;
    for (int k = 0; k < 1 + rank % 3; ++k) {
      w += kSyllables[x % 10];
      x /= 10;
    }
    return w + std::to_string(rank % 10 == 0 ? 0 : rank % 7);
  }
  std::string Remember(std::string s) {
    if (recent_.size() < 50) {
      recent_.push_back(s);
    } else {
      recent_[rng_() % recent_.size()] = s;
    }
    return s;
  }
  std::mt19937 rng_;
  std::vector<std::string> recent_;
};

TranslationUnit Unit(const std::string& en, const std::string& de) {
  TranslationUnit u;
  Variant a, b;
  a.language = kEn;
  a.segment.text = en;
  b.language = kDe;
  b.segment.text = de;
  u.variants = {a, b};
  return u;
}

class CandidateIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("candidate-index");
    db_ = dir_ + "/tm.db";
    auto store = OpenSqliteStore(db_);
    ASSERT_TRUE(store.ok()) << store.error().ToString();
    store_ = std::move(*store);
    auto t = Tokenizer::Create(kEn);
    ASSERT_TRUE(t.ok());
    tokenizer_ = std::make_unique<Tokenizer>(std::move(*t));
  }

  void AddUnits(Sentences& gen, int count) {
    WriteOptions options;
    options.on_duplicate = DuplicatePolicy::kKeepBoth;
    auto writer = store_->BeginWrite(options);
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < count; ++i) {
      const std::string en = gen.Next();
      ASSERT_TRUE((*writer)->Add(Unit(en, "DE " + en)).ok());
      texts_.push_back(en);
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }

  std::vector<std::uint64_t> Norms(const std::string& text) const {
    Segment s;
    s.text = text;
    const auto score = PrepareScoreTokens(s, tokenizer_->Tokenize(s));
    std::vector<std::uint64_t> out;
    for (const auto& t : score) out.push_back(t.norm);
    return out;
  }

  // Units within the threshold's unit-cost bound, by brute force over the TM.
  std::set<std::int64_t> BruteForce(const std::string& query, int threshold) {
    const auto q = Norms(query);
    std::set<std::int64_t> out;
    Status s = store_->ForEachUnit({}, [&](const TranslationUnit& u) {
      const auto t = Norms(u.Find(kEn)->segment.text);
      // Ids from hashes: equal hashes, equal ids.
      std::map<std::uint64_t, std::uint32_t> ids;
      std::vector<std::uint32_t> a, b;
      for (auto h : q) a.push_back(ids.emplace(h, static_cast<std::uint32_t>(ids.size())).first->second);
      for (auto h : t) b.push_back(ids.emplace(h, static_cast<std::uint32_t>(ids.size())).first->second);
      const int allowed = MaxDistanceForThreshold(threshold, a.size(), b.size()) / 10;
      if (PlainDistance(a, b) <= allowed) out.insert(u.id);
      return true;
    });
    EXPECT_TRUE(s.ok());
    return out;
  }

  std::set<std::int64_t> Found(const CandidateIndex& index, const std::string& query, int threshold) {
    std::set<std::int64_t> out;
    for (const IndexHit& h : index.Lookup(kEn, Norms(query), threshold, 1000000)) out.insert(h.unit_id);
    return out;
  }

  std::string dir_, db_;
  std::unique_ptr<TmStore> store_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::vector<std::string> texts_;
};

TEST_F(CandidateIndexTest, LowerBoundNeverExceedsTheWeightedDistance) {
  Sentences gen(3);
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    std::string a = gen.Next();
    std::string b = gen.Next();
    if (i % 2 == 0) {
      // A near copy: case, punctuation and number changes.
      b = a;
      if (!b.empty()) b[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(b[0])));
      for (char& c : b) {
        if (c == ',' && rng() % 2) c = ';';
      }
      b += " 42";
    }
    Segment sa, sb;
    sa.text = a;
    sb.text = b;
    const auto ta = PrepareScoreTokens(sa, tokenizer_->Tokenize(sa));
    const auto tb = PrepareScoreTokens(sb, tokenizer_->Tokenize(sb));
    std::map<std::uint64_t, std::uint32_t> ids;
    std::vector<std::uint32_t> x, y;
    for (const auto& t : ta) x.push_back(ids.emplace(t.norm, static_cast<std::uint32_t>(ids.size())).first->second);
    for (const auto& t : tb) y.push_back(ids.emplace(t.norm, static_cast<std::uint32_t>(ids.size())).first->second);
    EXPECT_LE(PlainDistance(x, y) * 10, ScoreFuzzy(ta, tb).distance) << a << " | " << b;
  }
}

TEST_F(CandidateIndexTest, LookupFindsExactlyWhatBruteForceFinds) {
  Sentences gen(11);
  AddUnits(gen, 1500);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  IndexOptions options;
  options.languages = {kEn, kDe};
  auto index = CandidateIndex::Build(**source, db_ + ".fuzzy", options);
  ASSERT_TRUE(index.ok()) << index.error().ToString();
  EXPECT_EQ(index->size(kEn), 1500u);
  Sentences queries(99);
  for (int threshold : {50, 75, 90}) {
    for (int i = 0; i < 40; ++i) {
      // Half the queries are stored sentences or their near copies.
      const std::string q = i % 2 ? queries.Next() : texts_[static_cast<std::size_t>(i * 37) % texts_.size()] + " za";
      EXPECT_EQ(Found(*index, q, threshold), BruteForce(q, threshold)) << q << " @" << threshold;
    }
  }
}

TEST_F(CandidateIndexTest, ReopeningDoesNotRebuildAndCatchesUpWithNewUnits) {
  Sentences gen(21);
  AddUnits(gen, 300);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  const std::string path = db_ + ".fuzzy";
  {
    auto built = CandidateIndex::Open(**source, path);
    ASSERT_TRUE(built.ok()) << built.error().ToString();
    EXPECT_TRUE(built->stats().rebuilt);  // no file yet
  }
  {
    auto reopened = CandidateIndex::Open(**source, path);
    ASSERT_TRUE(reopened.ok());
    EXPECT_FALSE(reopened->stats().rebuilt);
    EXPECT_EQ(reopened->delta_size(), 0u);
  }
  // New units land in the delta, persisted: the next open neither rebuilds
  // nor reads them again.
  AddUnits(gen, 20);
  const std::string added = texts_.back();
  {
    auto caught_up = CandidateIndex::Open(**source, path);
    ASSERT_TRUE(caught_up.ok());
    EXPECT_FALSE(caught_up->stats().rebuilt);
    EXPECT_EQ(caught_up->stats().caught_up, 40u);  // 20 units, two languages
    EXPECT_EQ(caught_up->size(kEn), 320u);
    EXPECT_EQ(Found(*caught_up, added, 75), BruteForce(added, 75));
    EXPECT_FALSE(Found(*caught_up, added, 75).empty());
  }
  auto again = CandidateIndex::Open(**source, path);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->stats().rebuilt);
  EXPECT_EQ(again->stats().caught_up, 0u);
  EXPECT_EQ(again->delta_size(), 40u);
  EXPECT_EQ(Found(*again, added, 75), BruteForce(added, 75));
}

TEST_F(CandidateIndexTest, UnitsChangedInPlaceReplaceTheirOldText) {
  Sentences gen(31);
  AddUnits(gen, 200);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  const std::string path = db_ + ".fuzzy";
  ASSERT_TRUE(CandidateIndex::Open(**source, path).ok());
  // Newer-wins: same English source, new German: the unit is updated in place
  // with a newer change date.
  auto writer = store_->BeginWrite();
  ASSERT_TRUE(writer.ok());
  TranslationUnit u = Unit(texts_[5], "NEU");
  u.changed = "2999-01-01T00:00:00Z";
  auto id = (*writer)->Add(u);
  ASSERT_TRUE(id.ok());
  ASSERT_GT(*id, 0);
  ASSERT_TRUE((*writer)->Commit().ok());
  auto index = CandidateIndex::Open(**source, path);
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(index->stats().rebuilt);
  EXPECT_GE(index->stats().caught_up, 1u);
  // Found once (from the delta), not twice.
  std::size_t times = 0;
  for (const IndexHit& h : index->Lookup(kEn, Norms(texts_[5]), 100, 1000)) times += h.unit_id == *id;
  EXPECT_EQ(times, 1u);
}

TEST_F(CandidateIndexTest, CorruptOrForeignFilesAreRebuiltNotTrusted) {
  Sentences gen(41);
  AddUnits(gen, 100);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  const std::string path = db_ + ".fuzzy";
  for (const std::string& junk : {std::string("not an index at all, just text that is long enough to read"),
                                 std::string("LVCFZIX1\x07\0\0\0\0\0\0\0", 16) + std::string(100, 'x')}) {
    std::ofstream(IndexFilePath(path, kEn), std::ios::binary | std::ios::trunc) << junk;
    auto index = CandidateIndex::Open(**source, path);
    ASSERT_TRUE(index.ok()) << index.error().ToString();
    EXPECT_TRUE(index->stats().rebuilt);
    EXPECT_EQ(index->size(kEn), 100u);
  }
  // Truncated to half: rebuilt too.
  const auto size = std::filesystem::file_size(IndexFilePath(path, kEn));
  std::filesystem::resize_file(IndexFilePath(path, kEn), size / 2);
  auto index = CandidateIndex::Open(**source, path);
  ASSERT_TRUE(index.ok());
  EXPECT_TRUE(index->stats().rebuilt);
}

TEST_F(CandidateIndexTest, DamagedArraysNeverCrashALookup) {
  Sentences gen(71);
  AddUnits(gen, 300);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  const std::string path = db_ + ".fuzzy";
  IndexOptions options;
  options.languages = {kEn};
  ASSERT_TRUE(CandidateIndex::Build(**source, path, options).ok());
  const std::string file = IndexFilePath(path, kEn);
  const auto size = std::filesystem::file_size(file);
  std::mt19937 rng(3);
  for (int round = 0; round < 20; ++round) {
    // Scribble over a stretch past the header (the postings, vocabulary, tokens).
    {
      std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
      const std::size_t at = 200 + rng() % (size - 400);
      f.seekp(static_cast<std::streamoff>(at));
      for (int i = 0; i < 200; ++i) f.put(static_cast<char>(rng()));
    }
    auto index = CandidateIndex::Open(**source, path, options);
    ASSERT_TRUE(index.ok()) << index.error().ToString();
    for (int q = 0; q < 10; ++q) index->Lookup(kEn, Norms(texts_[static_cast<std::size_t>(q * 13)]), 50, 100);
  }
}

TEST_F(CandidateIndexTest, LazyOpenBuildsALanguageOnlyWhenAskedFor) {
  Sentences gen(61);
  AddUnits(gen, 100);
  auto source = SqliteVariantSource(db_);
  ASSERT_TRUE(source.ok());
  const std::string path = db_ + ".fuzzy";
  IndexOptions options;
  options.lazy = true;
  auto index = CandidateIndex::Open(**source, path, options);
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(index->has(kEn));
  EXPECT_FALSE(std::filesystem::exists(IndexFilePath(path, kEn)));
  ASSERT_TRUE(index->Ensure(**source, kEn).ok());
  EXPECT_TRUE(index->has(kEn));
  EXPECT_FALSE(index->has(kDe));
  EXPECT_TRUE(std::filesystem::exists(IndexFilePath(path, kEn)));
  EXPECT_FALSE(std::filesystem::exists(IndexFilePath(path, kDe)));
  EXPECT_EQ(Found(*index, texts_[3], 90), BruteForce(texts_[3], 90));
  // The next lazy open finds the built language.
  auto again = CandidateIndex::Open(**source, path, options);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->has(kEn));
  EXPECT_FALSE(again->stats().rebuilt);
}

TEST_F(CandidateIndexTest, GenericStoreSourceGivesTheSameIndex) {
  Sentences gen(51);
  AddUnits(gen, 200);
  auto sqlite_source = SqliteVariantSource(db_);
  ASSERT_TRUE(sqlite_source.ok());
  auto store_source = StoreVariantSource(*store_);
  auto v1 = (*sqlite_source)->Version();
  auto v2 = store_source->Version();
  ASSERT_TRUE(v1.ok() && v2.ok());
  EXPECT_EQ(*v1, *v2);
  auto a = CandidateIndex::Build(**sqlite_source, dir_ + "/a.fuzzy");
  auto b = CandidateIndex::Build(*store_source, dir_ + "/b.fuzzy");
  ASSERT_TRUE(a.ok() && b.ok());
  for (int i = 0; i < 20; ++i) {
    const std::string& q = texts_[static_cast<std::size_t>(i * 7)];
    EXPECT_EQ(Found(*a, q, 70), Found(*b, q, 70));
  }
}

}  // namespace
}  // namespace lovcen
