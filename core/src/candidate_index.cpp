// Candidate index: layout and algorithms (docs/matching.md has the why).
//
// Per language, each variant is a sequence of token classes (the `norm`
// hashes of PrepareScoreTokens), mapped to dense ids. Variants are numbered
// in order of token count, so the variants of one length band are one
// contiguous range of numbers and a posting list (ascending numbers) is cut
// to the band by two binary searches.
//
// File "<db>.fuzzy.<lang>" (little-endian, every array 8-byte aligned):
//   header: magic, format version, build id, TmVersion, language code
//   counts; unit_id[n]; token_offset[n+1]; signature[2n];
//   length_start[max_len+2]; tokens[]; vocabulary hashes (sorted; id = rank);
//   posting_offset[vocab+1]; postings[]
// File "<db>.fuzzy.<lang>.delta": variants read since the build (small;
// loaded into memory and scanned), with the TmVersion they bring it up to.
#include "lovcen/candidate_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "lovcen/match_score.h"
#include "lovcen/tokenizer.h"

namespace lovcen {
namespace {

constexpr char kMagic[8] = {'L', 'V', 'C', 'F', 'Z', 'I', 'X', '1'};
constexpr char kDeltaMagic[8] = {'L', 'V', 'C', 'F', 'Z', 'D', 'L', '1'};
// Bump when the layout or the token classes (PrepareScoreTokens) change: an
// index of another version is rebuilt, never misread.
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kChangedBytes = 40;
constexpr std::array<Language, 4> kAllLanguages = {Language::kEnglish, Language::kGerman,
                                                   Language::kMontenegrinLatin,
                                                   Language::kMontenegrinCyrillic};

std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

// Bit of a token id in the 128-bit signature.
unsigned SignatureBit(std::uint32_t id) {
  return static_cast<unsigned>(Mix(id + 0x9e37ull) & 127u);
}

struct Signature {
  std::uint64_t w[2] = {0, 0};
  void Set(unsigned bit) { w[bit >> 6] |= std::uint64_t{1} << (bit & 63u); }
};

// ---- bit-parallel edit distance --------------------------------------------

// Query-side table for Myers/Hyyro: token id -> bit mask of its positions.
class PatternMasks {
 public:
  explicit PatternMasks(std::span<const std::uint32_t> pattern) {
    for (auto& slot : slots_) slot.id = kEmpty;
    for (std::size_t i = 0; i < pattern.size() && i < 64; ++i) {
      Slot& s = Find(pattern[i]);
      s.id = pattern[i];
      s.mask |= std::uint64_t{1} << i;
    }
  }
  std::uint64_t Mask(std::uint32_t id) const {
    std::size_t h = Mix(id) & 127u;
    while (true) {
      const Slot& s = slots_[h];
      if (s.id == id) return s.mask;
      if (s.id == kEmpty) return 0;
      h = (h + 1) & 127u;
    }
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  struct Slot {
    std::uint32_t id;
    std::uint64_t mask = 0;
  };
  Slot& Find(std::uint32_t id) {
    std::size_t h = Mix(id) & 127u;
    while (slots_[h].id != id && slots_[h].id != kEmpty) h = (h + 1) & 127u;
    return slots_[h];
  }
  std::array<Slot, 128> slots_;
};

int MyersDistance(const PatternMasks& masks, std::size_t m, std::span<const std::uint32_t> text,
                  int max_distance) {
  const std::uint64_t high = std::uint64_t{1} << (m - 1);
  std::uint64_t pv = m == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << m) - 1;
  std::uint64_t mv = 0;
  int score = static_cast<int>(m);
  const int n = static_cast<int>(text.size());
  for (int j = 0; j < n; ++j) {
    const std::uint64_t eq = masks.Mask(text[static_cast<std::size_t>(j)]);
    const std::uint64_t xv = eq | mv;
    const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
    std::uint64_t ph = mv | ~(xh | pv);
    std::uint64_t mh = pv & xh;
    if (ph & high) ++score;
    if (mh & high) --score;
    // Row 0 of the DP grows by one per column (global distance): carry in 1.
    ph = (ph << 1) | 1u;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    // The last row can fall by at most one per remaining column.
    if (score - (n - 1 - j) > max_distance) return max_distance + 1;
  }
  return score;
}

int DpDistance(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
               int max_distance) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    int best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      best = std::min(best, row[j]);
    }
    if (best > max_distance) return max_distance + 1;
  }
  return row[b.size()];
}

// ---- memory-mapped main index ------------------------------------------------

struct Mapping {
  void* data = nullptr;
  std::size_t size = 0;
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (data != nullptr) munmap(data, size);
  }
};

struct LanguageSection {
  bool present = false;
  std::uint64_t segments = 0, token_count = 0, vocabulary = 0, max_len = 0;
  const std::int64_t* unit_id = nullptr;
  const std::uint64_t* token_offset = nullptr;
  const std::uint64_t* signature = nullptr;  // two words per segment
  const std::uint64_t* length_start = nullptr;
  const std::uint32_t* tokens = nullptr;
  const std::uint64_t* vocab_hash = nullptr;
  const std::uint64_t* posting_offset = nullptr;
  const std::uint32_t* postings = nullptr;

  std::uint64_t Frequency(std::uint32_t id) const {
    return id < vocabulary ? posting_offset[id + 1] - posting_offset[id] : 0;
  }
  // Dense id of a class hash, or ~0 when the TM never had it.
  std::uint32_t IdOf(std::uint64_t hash) const {
    const std::uint64_t* end = vocab_hash + vocabulary;
    const std::uint64_t* it = std::lower_bound(vocab_hash, end, hash);
    return it != end && *it == hash ? static_cast<std::uint32_t>(it - vocab_hash) : 0xffffffffu;
  }
};

struct DeltaSegment {
  std::int64_t unit_id = 0;
  std::vector<std::uint64_t> norms;  // class hashes, kept for the delta file
  std::vector<std::uint32_t> ids;    // in the section's id space (fresh ids beyond it)
  Signature signature;
};

struct DeltaLanguage {
  std::vector<DeltaSegment> segments;
  std::unordered_map<std::int64_t, std::size_t> by_unit;
  std::unordered_map<std::uint64_t, std::uint32_t> fresh_ids;  // hashes the main index lacks
};

// Writes POD arrays to a stream, each padded to 8 bytes, counting bytes so
// that section offsets are known without seeking.
class Sink {
 public:
  explicit Sink(std::ostream& out) : out_(out) {}
  template <class T>
  void Put(const T* data, std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    out_.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    pos_ += bytes;
    static constexpr char kZeros[8] = {};
    if (pos_ % 8 != 0) {
      const std::size_t pad = 8 - pos_ % 8;
      out_.write(kZeros, static_cast<std::streamsize>(pad));
      pos_ += pad;
    }
  }
  template <class T>
  void PutOne(const T& value) {
    Put(&value, 1);
  }
  std::size_t pos() const { return pos_; }
  bool ok() const { return static_cast<bool>(out_); }

 private:
  std::ostream& out_;
  std::size_t pos_ = 0;
};

class Reader {
 public:
  Reader(const char* data, std::size_t size) : data_(data), size_(size) {}
  template <class T>
  const T* Take(std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    if (count > size_ || pos_ + bytes > size_) {
      ok_ = false;
      return nullptr;
    }
    const T* p = reinterpret_cast<const T*>(data_ + pos_);
    pos_ += (bytes + 7) & ~std::size_t{7};
    return p;
  }
  template <class T>
  T One() {
    const T* p = Take<T>(1);
    return p ? *p : T{};
  }
  bool ok() const { return ok_; }
  std::size_t pos() const { return pos_; }
  void Seek(std::size_t pos) {
    if (pos > size_) ok_ = false;
    pos_ = pos;
  }

 private:
  const char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void PutVersion(Sink& out, const TmVersion& v) {
  out.PutOne(v.units);
  out.PutOne(v.max_unit_id);
  char changed[kChangedBytes] = {};
  std::memcpy(changed, v.max_changed.data(), std::min(v.max_changed.size(), kChangedBytes - 1));
  out.Put(changed, kChangedBytes);
}

TmVersion TakeVersion(Reader& r) {
  TmVersion v;
  v.units = r.One<std::int64_t>();
  v.max_unit_id = r.One<std::int64_t>();
  if (const char* c = r.Take<char>(kChangedBytes))
    v.max_changed = std::string(c, strnlen(c, kChangedBytes));
  return v;
}

// Writes `path` through `write` into a temporary file renamed over it, so a
// reader never sees half an index.
Status WriteFileAtomically(const std::string& path, const std::function<Status(Sink&)>& write) {
  // One temporary name per process: two processes building the same index
  // at once must not write into one file.
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write the fuzzy index", tmp);
    Sink sink(out);
    if (Status s = write(sink); !s.ok()) {
      out.close();
      std::filesystem::remove(tmp);
      return s;
    }
    out.flush();
    if (!out) return IoError("cannot write the fuzzy index (disk full?)", tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError("cannot replace the fuzzy index: " + ec.message(), path);
  return Status::Ok();
}

// Class hashes of a segment's tokens.
std::vector<std::uint64_t> Norms(const Tokenizer& tokenizer, const Segment& segment) {
  const std::vector<Token> tokens = tokenizer.Tokenize(segment);
  std::vector<std::uint64_t> out(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) out[i] = TokenClass(segment, tokens[i]);
  return out;
}

// One language's section, built in memory then serialised.
struct SectionBuilder {
  std::vector<std::int64_t> unit_ids;
  std::vector<std::uint32_t> lengths;
  std::vector<std::uint32_t> tokens;  // provisional ids, concatenated in read order
  std::unordered_map<std::uint64_t, std::uint32_t> ids;  // class hash -> provisional id
  std::vector<std::uint64_t> hashes;                     // provisional id -> hash

  void Add(std::int64_t unit_id, const std::vector<std::uint64_t>& norms) {
    unit_ids.push_back(unit_id);
    lengths.push_back(static_cast<std::uint32_t>(norms.size()));
    for (std::uint64_t h : norms) {
      auto [it, fresh] = ids.try_emplace(h, static_cast<std::uint32_t>(hashes.size()));
      if (fresh) hashes.push_back(h);
      tokens.push_back(it->second);
    }
  }

  // Serialises the section; frees the builder's memory as it goes.
  void Write(Sink& out) {
    const std::size_t n = unit_ids.size();
    // Final ids: rank of the hash, so a lookup is a binary search.
    std::vector<std::uint32_t> order(hashes.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return hashes[a] < hashes[b]; });
    std::vector<std::uint32_t> remap(hashes.size());
    std::vector<std::uint64_t> sorted_hashes(hashes.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) {
      remap[order[r]] = r;
      sorted_hashes[r] = hashes[order[r]];
    }
    ids = {};
    hashes = {};
    std::vector<std::uint64_t> read_offset(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) read_offset[i + 1] = read_offset[i] + lengths[i];
    // Segment numbers in length order (stable: unit id order within a length).
    std::vector<std::uint32_t> by_length(n);
    for (std::uint32_t i = 0; i < n; ++i) by_length[i] = i;
    std::stable_sort(by_length.begin(), by_length.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return lengths[a] < lengths[b]; });
    const std::uint64_t max_len = n == 0 ? 0 : lengths[by_length.back()];

    std::vector<std::int64_t> units(n);
    std::vector<std::uint64_t> offsets(n + 1, 0);
    std::vector<std::uint64_t> signatures(2 * n, 0);
    std::vector<std::uint32_t> ordered_tokens(tokens.size());
    std::vector<std::uint64_t> length_start(max_len + 2, n);
    std::vector<std::uint64_t> frequency(sorted_hashes.size() + 1, 0);
    // Last segment that counted each id: distinct ids per segment without sorting.
    std::vector<std::uint32_t> last(sorted_hashes.size(), 0xffffffffu);
    for (std::size_t k = n; k-- > 0;) length_start[lengths[by_length[k]]] = k;
    for (std::size_t l = max_len + 1; l-- > 0;)
      length_start[l] = std::min(length_start[l], length_start[l + 1]);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t i = by_length[k];
      units[k] = unit_ids[i];
      offsets[k + 1] = offsets[k] + lengths[i];
      Signature sig;
      for (std::uint64_t t = 0; t < lengths[i]; ++t) {
        const std::uint32_t id = remap[tokens[read_offset[i] + t]];
        ordered_tokens[offsets[k] + t] = id;
        sig.Set(SignatureBit(id));
        if (last[id] != k) {
          last[id] = static_cast<std::uint32_t>(k);
          ++frequency[id + 1];
        }
      }
      signatures[2 * k] = sig.w[0];
      signatures[2 * k + 1] = sig.w[1];
    }
    tokens = {};
    for (std::size_t v = 0; v < sorted_hashes.size(); ++v) frequency[v + 1] += frequency[v];
    std::vector<std::uint32_t> postings(frequency.back());
    std::vector<std::uint64_t> fill(frequency.begin(), frequency.end() - 1);
    std::fill(last.begin(), last.end(), 0xffffffffu);
    for (std::size_t k = 0; k < n; ++k) {
      for (std::uint64_t t = offsets[k]; t < offsets[k + 1]; ++t) {
        const std::uint32_t id = ordered_tokens[t];
        if (last[id] == k) continue;
        last[id] = static_cast<std::uint32_t>(k);
        postings[fill[id]++] = static_cast<std::uint32_t>(k);
      }
    }
    out.PutOne(static_cast<std::uint64_t>(n));
    out.PutOne(static_cast<std::uint64_t>(ordered_tokens.size()));
    out.PutOne(static_cast<std::uint64_t>(sorted_hashes.size()));
    out.PutOne(max_len);
    out.Put(units.data(), units.size());
    out.Put(offsets.data(), offsets.size());
    out.Put(signatures.data(), signatures.size());
    out.Put(length_start.data(), length_start.size());
    out.Put(ordered_tokens.data(), ordered_tokens.size());
    out.Put(sorted_hashes.data(), sorted_hashes.size());
    out.Put(frequency.data(), frequency.size());
    out.Put(postings.data(), postings.size());
  }
};

bool ParseSection(Reader& r, LanguageSection& s) {
  s.segments = r.One<std::uint64_t>();
  s.token_count = r.One<std::uint64_t>();
  s.vocabulary = r.One<std::uint64_t>();
  s.max_len = r.One<std::uint64_t>();
  s.unit_id = r.Take<std::int64_t>(s.segments);
  s.token_offset = r.Take<std::uint64_t>(s.segments + 1);
  s.signature = r.Take<std::uint64_t>(2 * s.segments);
  s.length_start = r.Take<std::uint64_t>(s.max_len + 2);
  s.tokens = r.Take<std::uint32_t>(s.token_count);
  s.vocab_hash = r.Take<std::uint64_t>(s.vocabulary);
  s.posting_offset = r.Take<std::uint64_t>(s.vocabulary + 1);
  if (!r.ok()) return false;
  s.postings = r.Take<std::uint32_t>(s.posting_offset[s.vocabulary]);
  if (!r.ok() || s.token_offset[s.segments] != s.token_count || s.token_offset[0] != 0)
    return false;
  // length_start must be a non-decreasing map into the variants.
  for (std::uint64_t l = 0; l <= s.max_len; ++l) {
    if (s.length_start[l] > s.length_start[l + 1] || s.length_start[l + 1] > s.segments)
      return false;
  }
  for (std::uint64_t v = 0; v < s.vocabulary; ++v) {
    if (s.posting_offset[v] > s.posting_offset[v + 1]) return false;
  }
  s.present = true;
  return true;
}

}  // namespace

// ---- index -----------------------------------------------------------------

namespace {

// One language: its mapped main file, its delta and what the delta replaces.
struct LanguageIndex {
  Mapping mapping;
  std::uint64_t build_id = 0;
  TmVersion built_version;  // of the main file
  TmVersion version;        // including the delta
  LanguageSection section;
  DeltaLanguage delta;
  std::unordered_set<std::int64_t> superseded;  // main units replaced by the delta
  std::string path;

  Status Load();
  void LoadDelta();
  Status WriteDelta() const;
  void AddToDelta(std::int64_t unit_id, std::vector<std::uint64_t> norms);
};

Status LanguageIndex::Load() {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("no fuzzy index at " + path);
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < 64) {
    ::close(fd);
    return BadInput("fuzzy index too short").InFile(path);
  }
  mapping.size = static_cast<std::size_t>(st.st_size);
  void* data = mmap(nullptr, mapping.size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) {
    mapping.data = nullptr;
    return IoError("cannot map the fuzzy index", path);
  }
  mapping.data = data;
  Reader r(static_cast<const char*>(data), mapping.size);
  const char* magic = r.Take<char>(8);
  if (magic == nullptr || std::memcmp(magic, kMagic, 8) != 0)
    return BadInput("not a lovcen fuzzy index").InFile(path);
  if (r.One<std::uint32_t>() != kFormatVersion)
    return BadInput("fuzzy index of another format version").InFile(path);
  build_id = r.One<std::uint64_t>();
  built_version = TakeVersion(r);
  version = built_version;
  r.One<std::uint64_t>();  // language code, for people reading the file
  if (!r.ok() || !ParseSection(r, section)) return BadInput("corrupt fuzzy index").InFile(path);
  return Status::Ok();
}

void LanguageIndex::AddToDelta(std::int64_t unit_id, std::vector<std::uint64_t> norms) {
  DeltaSegment seg;
  seg.unit_id = unit_id;
  for (std::uint64_t h : norms) {
    std::uint32_t id = section.present ? section.IdOf(h) : 0xffffffffu;
    if (id == 0xffffffffu) {
      auto [it, fresh] = delta.fresh_ids.try_emplace(
          h, static_cast<std::uint32_t>(section.vocabulary + delta.fresh_ids.size()));
      id = it->second;
    }
    seg.ids.push_back(id);
    seg.signature.Set(SignatureBit(id));
  }
  seg.norms = std::move(norms);
  if (unit_id <= built_version.max_unit_id) superseded.insert(unit_id);
  auto it = delta.by_unit.find(unit_id);
  if (it != delta.by_unit.end()) {
    delta.segments[it->second] = std::move(seg);
  } else {
    delta.by_unit.emplace(unit_id, delta.segments.size());
    delta.segments.push_back(std::move(seg));
  }
}

void LanguageIndex::LoadDelta() {
  std::ifstream in(path + ".delta", std::ios::binary);
  if (!in) return;  // no delta yet
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Reader r(data.data(), data.size());
  const char* magic = r.Take<char>(8);
  if (magic == nullptr || std::memcmp(magic, kDeltaMagic, 8) != 0) return;
  if (r.One<std::uint64_t>() != build_id) return;  // belongs to an older build
  const TmVersion v = TakeVersion(r);
  const std::uint64_t count = r.One<std::uint64_t>();
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) {
    const std::int64_t unit_id = r.One<std::int64_t>();
    const std::uint64_t n = r.One<std::uint64_t>();
    const std::uint64_t* norms = r.Take<std::uint64_t>(n);
    if (!r.ok()) break;
    AddToDelta(unit_id, std::vector<std::uint64_t>(norms, norms + n));
  }
  if (!r.ok()) {
    // A torn delta: forget it; Update() reads the TM again from the build.
    delta = {};
    superseded.clear();
    return;
  }
  version = v;
}

Status LanguageIndex::WriteDelta() const {
  return WriteFileAtomically(path + ".delta", [&](Sink& out) {
    out.Put(kDeltaMagic, 8);
    out.PutOne(build_id);
    PutVersion(out, version);
    out.PutOne(static_cast<std::uint64_t>(delta.segments.size()));
    for (const DeltaSegment& seg : delta.segments) {
      out.PutOne(seg.unit_id);
      out.PutOne(static_cast<std::uint64_t>(seg.norms.size()));
      out.Put(seg.norms.data(), seg.norms.size());
    }
    return Status::Ok();
  });
}

// Builds one language's file from the TM.
Status BuildLanguage(VariantSource& source, const TmVersion& version, const std::string& path,
                     const LanguageTag& tag, unsigned threads, IndexBuildStats& stats) {
  std::random_device random;
  const std::uint64_t build_id =
      (static_cast<std::uint64_t>(random()) << 32) ^ random() ^
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  LOVCEN_RETURN_IF_ERROR(WriteFileAtomically(path, [&](Sink& out) -> Status {
    out.Put(kMagic, 8);
    out.PutOne(kFormatVersion);
    out.PutOne(build_id);
    PutVersion(out, version);
    out.PutOne(static_cast<std::uint64_t>(tag.language()));
    auto tokenizer = Tokenizer::Create(tag);
    if (!tokenizer.ok()) return tokenizer.error();
    std::vector<Tokenizer> workers;
    for (unsigned t = 0; t < threads; ++t) workers.push_back(tokenizer->Clone());
    SectionBuilder builder;
    // Tokenizing is most of the build: while the worker threads tokenize
    // one batch, this thread interns the previous one and reads the next.
    constexpr std::size_t kBatch = 8192;
    std::vector<std::pair<std::int64_t, Segment>> batch[2];
    std::vector<std::vector<std::uint64_t>> norms[2];
    std::vector<std::thread> pool;
    int current = 0;
    bool pending = false;  // batch[current ^ 1] is being tokenized
    auto launch = [&](int b) {
      norms[b].assign(batch[b].size(), {});
      const std::size_t per = (batch[b].size() + threads - 1) / threads;
      for (unsigned t = 0; t < threads && t * per < batch[b].size(); ++t) {
        pool.emplace_back([&, b, t, per] {
          const std::size_t end = std::min(batch[b].size(), (t + 1) * per);
          for (std::size_t i = t * per; i < end; ++i)
            norms[b][i] = Norms(workers[t], batch[b][i].second);
        });
      }
    };
    auto join = [&] {
      for (std::thread& th : pool) th.join();
      pool.clear();
    };
    auto intern = [&](int b) {
      for (std::size_t i = 0; i < batch[b].size(); ++i) builder.Add(batch[b][i].first, norms[b][i]);
      stats.segments += batch[b].size();
      batch[b].clear();
      norms[b].clear();
    };
    auto rotate = [&] {
      join();
      launch(current);
      if (pending) intern(current ^ 1);
      pending = true;
      current ^= 1;
    };
    Status status =
        source.ForEachVariant({tag, 0, {}}, [&](std::int64_t unit_id, const Segment& segment) {
          batch[current].emplace_back(unit_id, segment);
          if (batch[current].size() == kBatch) rotate();
        });
    if (!status.ok()) {
      join();
      return status;
    }
    rotate();
    join();
    intern(current ^ 1);
    stats.tokens += builder.tokens.size();
    builder.Write(out);
    return Status::Ok();
  }));
  std::error_code ec;
  std::filesystem::remove(path + ".delta", ec);
  return Status::Ok();
}

}  // namespace

std::string IndexFilePath(const std::string& path, const LanguageTag& language) {
  return path + "." + std::string(language.str());
}

struct CandidateIndex::Impl {
  std::string path;
  IndexOptions options;
  std::array<std::unique_ptr<LanguageIndex>, 4> languages;
  IndexBuildStats stats;
  TmVersion version;

  std::vector<Language> Wanted() const {
    if (options.languages.empty()) return {kAllLanguages.begin(), kAllLanguages.end()};
    std::vector<Language> out;
    for (const LanguageTag& t : options.languages) out.push_back(t.language());
    return out;
  }
  unsigned Threads() const {
    const unsigned t = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    return std::clamp(t, 1u, 8u);
  }
  const LanguageIndex* Find(const LanguageTag& language) const {
    return languages[static_cast<std::size_t>(language.language())].get();
  }

  // Builds and loads one language.
  Status Build(VariantSource& source, const TmVersion& current, Language language) {
    const auto start = std::chrono::steady_clock::now();
    const LanguageTag tag(language);
    auto li = std::make_unique<LanguageIndex>();
    li->path = IndexFilePath(path, tag);
    LOVCEN_RETURN_IF_ERROR(BuildLanguage(source, current, li->path, tag, Threads(), stats));
    LOVCEN_RETURN_IF_ERROR(li->Load());
    languages[static_cast<std::size_t>(language)] = std::move(li);
    stats.rebuilt = true;
    stats.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return Status::Ok();
  }

  // Opens one language's file; builds it when missing, unreadable or stale
  // beyond catching up; then catches up with `current`.
  Status Open(VariantSource& source, const TmVersion& current, Language language,
              bool build_missing) {
    auto li = std::make_unique<LanguageIndex>();
    li->path = IndexFilePath(path, LanguageTag(language));
    if (!li->Load().ok()) {
      if (!build_missing) return Status::Ok();
      return Build(source, current, language);  // derived data: rebuild
    }
    li->LoadDelta();
    languages[static_cast<std::size_t>(language)] = std::move(li);
    return CatchUp(source, current, language);
  }

  Status CatchUp(VariantSource& source, const TmVersion& current, Language language) {
    LanguageIndex& li = *languages[static_cast<std::size_t>(language)];
    if (current == li.version) return Status::Ok();
    const bool shrank =
        current.units < li.version.units || current.max_unit_id < li.version.max_unit_id;
    if (shrank) return Build(source, current, language);  // the TM was replaced
    const LanguageTag tag(language);
    auto tokenizer = Tokenizer::Create(tag);
    if (!tokenizer.ok()) return tokenizer.error();
    VariantFilter filter{tag, li.version.max_unit_id, li.version.max_changed};
    std::size_t read = 0;
    LOVCEN_RETURN_IF_ERROR(
        source.ForEachVariant(filter, [&](std::int64_t unit_id, const Segment& segment) {
          li.AddToDelta(unit_id, Norms(*tokenizer, segment));
          ++read;
        }));
    stats.caught_up += read;
    li.version = current;
    const double share = static_cast<double>(li.delta.segments.size()) /
                         static_cast<double>(std::max<std::uint64_t>(1, li.section.segments));
    if (share > options.max_delta_share && li.delta.segments.size() >= 1000) {
      return Build(source, current, language);
    }
    return li.WriteDelta();
  }
};

CandidateIndex::CandidateIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CandidateIndex::CandidateIndex(CandidateIndex&&) noexcept = default;
CandidateIndex& CandidateIndex::operator=(CandidateIndex&&) noexcept = default;
CandidateIndex::~CandidateIndex() = default;

Result<CandidateIndex> CandidateIndex::Build(VariantSource& source, const std::string& path,
                                             const IndexOptions& options) {
  auto current = source.Version();
  if (!current.ok()) return current.error();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->version = *current;
  for (Language l : impl->Wanted()) LOVCEN_RETURN_IF_ERROR(impl->Build(source, *current, l));
  return CandidateIndex(std::move(impl));
}

Result<CandidateIndex> CandidateIndex::Open(VariantSource& source, const std::string& path,
                                            const IndexOptions& options) {
  auto current = source.Version();
  if (!current.ok()) return current.error();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->version = *current;
  for (Language l : impl->Wanted())
    LOVCEN_RETURN_IF_ERROR(impl->Open(source, *current, l, !options.lazy));
  return CandidateIndex(std::move(impl));
}

Status CandidateIndex::Ensure(VariantSource& source, const LanguageTag& language) {
  if (impl_->Find(language) != nullptr) return Status::Ok();
  auto current = source.Version();
  if (!current.ok()) return current.error();
  impl_->version = *current;
  return impl_->Open(source, *current, language.language(), true);
}

Status CandidateIndex::Update(VariantSource& source) {
  auto current = source.Version();
  if (!current.ok()) return current.error();
  impl_->version = *current;
  for (Language l : kAllLanguages) {
    if (impl_->languages[static_cast<std::size_t>(l)])
      LOVCEN_RETURN_IF_ERROR(impl_->CatchUp(source, *current, l));
  }
  return Status::Ok();
}

const IndexBuildStats& CandidateIndex::stats() const { return impl_->stats; }
const TmVersion& CandidateIndex::version() const { return impl_->version; }
bool CandidateIndex::has(const LanguageTag& language) const {
  return impl_->Find(language) != nullptr;
}
std::size_t CandidateIndex::size(const LanguageTag& language) const {
  const LanguageIndex* li = impl_->Find(language);
  return li == nullptr ? 0 : li->section.segments + li->delta.segments.size();
}
std::size_t CandidateIndex::delta_size() const {
  std::size_t n = 0;
  for (const auto& li : impl_->languages) n += li ? li->delta.segments.size() : 0;
  return n;
}

std::vector<IndexHit> CandidateIndex::Lookup(const LanguageTag& language,
                                             std::span<const std::uint64_t> query, int threshold,
                                             std::size_t limit, std::size_t probe_tokens) const {
  std::vector<IndexHit> hits;
  const LanguageIndex* index = impl_->Find(language);
  if (index == nullptr) return hits;
  const LanguageSection& s = index->section;
  const DeltaLanguage& delta = index->delta;
  const std::unordered_set<std::int64_t>& superseded = index->superseded;
  const std::size_t m = query.size();
  threshold = std::clamp(threshold, 0, 100);
  // Whole unit-cost edits allowed between m and n tokens: U <= W <= D_max.
  auto allowed = [&](std::size_t n) { return MaxDistanceForThreshold(threshold, m, n) / 10; };

  // Query ids: known classes by the section's vocabulary, then the delta's
  // fresh ids, else an id nothing carries.
  std::vector<std::uint32_t> ids(m);
  std::uint32_t unknown = 0xfffffff0u;
  for (std::size_t i = 0; i < m; ++i) {
    std::uint32_t id = s.present ? s.IdOf(query[i]) : 0xffffffffu;
    if (id == 0xffffffffu) {
      auto it = delta.fresh_ids.find(query[i]);
      id = it != delta.fresh_ids.end() ? it->second : unknown--;
    }
    ids[i] = id;
  }
  Signature qsig;
  std::array<std::uint8_t, 128> bit_count{};
  for (std::uint32_t id : ids) {
    const unsigned b = SignatureBit(id);
    qsig.Set(b);
    ++bit_count[b];
  }
  const PatternMasks masks(ids);
  auto verify = [&](std::span<const std::uint32_t> tokens, const Signature& sig,
                    std::int64_t unit_id) {
    const std::size_t n = tokens.size();
    const int max_u = allowed(n);
    const std::size_t longest = std::max(m, n);
    if ((m > n ? m - n : n - m) > static_cast<std::size_t>(std::max(max_u, 0))) return;
    // Query tokens whose signature bit the candidate lacks cannot be shared.
    int missing = 0;
    for (int w = 0; w < 2; ++w) {
      std::uint64_t absent = qsig.w[w] & ~sig.w[w];
      while (absent != 0) {
        missing += bit_count[static_cast<std::size_t>(w * 64 + std::countr_zero(absent))];
        absent &= absent - 1;
      }
    }
    const long long shared_at_most = static_cast<long long>(m) - missing;
    if (static_cast<long long>(longest) - shared_at_most > max_u) return;
    const int u = m == 0 || n == 0 ? static_cast<int>(longest)
                  : m <= 64        ? MyersDistance(masks, m, tokens, max_u)
                                   : DpDistance(ids, tokens, max_u);
    if (u <= max_u) hits.push_back({unit_id, u, static_cast<std::uint32_t>(n)});
  };

  if (s.present && s.segments > 0) {
    // Length band [lo, hi] (docs/matching.md).
    std::size_t lo = m, hi = m;
    while (lo > 0 && m - (lo - 1) <= static_cast<std::size_t>(std::max(allowed(lo - 1), 0))) --lo;
    while (hi < s.max_len && (hi + 1) - m <= static_cast<std::size_t>(std::max(allowed(hi + 1), 0)))
      ++hi;
    if (lo <= s.max_len) {
      const std::uint64_t first = s.length_start[lo];
      const std::uint64_t last = s.length_start[std::min<std::size_t>(hi, s.max_len) + 1];
      // Shared tokens needed: at least m - allowed(m); so one of the
      // allowed(m) + 1 rarest query tokens must be in every candidate.
      const std::size_t probe =
          probe_tokens > 0 ? probe_tokens : static_cast<std::size_t>(std::max(allowed(m), 0)) + 1;
      // Most candidates fail on their signature alone: test it before
      // touching anything else of the variant (each array is a cache miss).
      const int band_allowed = std::max(allowed(std::min<std::size_t>(hi, s.max_len)), 0);
      auto visit = [&](std::uint64_t k) {
        Signature sig;
        sig.w[0] = s.signature[2 * k];
        sig.w[1] = s.signature[2 * k + 1];
        int missing = 0;
        for (int w = 0; w < 2; ++w) {
          std::uint64_t absent = qsig.w[w] & ~sig.w[w];
          while (absent != 0) {
            missing += bit_count[static_cast<std::size_t>(w * 64 + std::countr_zero(absent))];
            absent &= absent - 1;
          }
        }
        if (missing > band_allowed) return;
        if (!superseded.empty() && superseded.count(s.unit_id[k]) != 0) return;
        // The file is trusted once its structure checks pass; these two
        // compares keep a damaged one from reading out of bounds.
        const std::uint64_t b = s.token_offset[k], e = s.token_offset[k + 1];
        if (b > e || e > s.token_count) return;
        verify({s.tokens + b, s.tokens + e}, sig, s.unit_id[k]);
      };
      if (probe > m) {
        for (std::uint64_t k = first; k < last; ++k) visit(k);
      } else {
        std::vector<std::uint32_t> rare(ids);
        std::sort(rare.begin(), rare.end(), [&](std::uint32_t a, std::uint32_t b) {
          const std::uint64_t fa = s.Frequency(a), fb = s.Frequency(b);
          return fa != fb ? fa < fb : a < b;
        });
        if (probe_tokens > 0) {
          // The cheap look: tokens no variant holds (a word the new sentence
          // spells differently) would spend the probes on empty lists.
          std::erase_if(
              rare, [&](std::uint32_t id) { return id >= s.vocabulary || s.Frequency(id) == 0; });
        }
        rare.resize(std::min(probe, rare.size()));
        rare.erase(std::unique(rare.begin(), rare.end()), rare.end());
        // A variant in several probed lists is verified once: a bitmap over
        // the band is cheaper than sorting the union.
        std::vector<std::uint64_t> seen((last - first + 63) / 64, 0);
        for (std::uint32_t id : rare) {
          if (id >= s.vocabulary) continue;
          const std::uint32_t* b = s.postings + s.posting_offset[id];
          const std::uint32_t* e = s.postings + s.posting_offset[id + 1];
          const std::uint32_t* from = std::lower_bound(b, e, static_cast<std::uint32_t>(first));
          const std::uint32_t* to = std::lower_bound(from, e, static_cast<std::uint32_t>(last));
          for (const std::uint32_t* p = from; p < to; ++p) {
            if (*p < first || *p >= last) continue;  // only in a damaged file
            const std::uint64_t at = *p - first;
            const std::uint64_t bit = std::uint64_t{1} << (at & 63u);
            if (seen[at >> 6] & bit) continue;
            seen[at >> 6] |= bit;
            visit(*p);
          }
        }
      }
    }
  }
  for (const DeltaSegment& seg : delta.segments) verify(seg.ids, seg.signature, seg.unit_id);

  // Best possible score first.
  std::sort(hits.begin(), hits.end(), [&](const IndexHit& a, const IndexHit& b) {
    const int sa = ScoreFromDistance(a.lower_bound * 10, m, a.tokens);
    const int sb = ScoreFromDistance(b.lower_bound * 10, m, b.tokens);
    if (sa != sb) return sa > sb;
    return a.unit_id > b.unit_id;  // newer units first
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

int BoundedEditDistance(std::span<const std::uint32_t> pattern, std::span<const std::uint32_t> text,
                        int max_distance) {
  if (pattern.empty() || text.empty()) {
    const int d = static_cast<int>(std::max(pattern.size(), text.size()));
    return d > max_distance ? max_distance + 1 : d;
  }
  if (pattern.size() <= 64)
    return MyersDistance(PatternMasks(pattern), pattern.size(), text, max_distance);
  return DpDistance(pattern, text, max_distance);
}

}  // namespace lovcen
