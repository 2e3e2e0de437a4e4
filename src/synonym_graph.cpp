// unspin: the substitution-graph reader (see synonym_graph.hpp): maps
// graph.bin, validates it once, then answers lookups in place.
#include "synonym_graph.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "graph_format.hpp"
#include "hash.hpp"

namespace unspin::detail {

namespace gf = graph_format;

/// The bytes a graph reads: a read-only mapping or an owned string. Never
/// moves once made (graphs point into it).
struct SynonymGraph::Storage {
  std::string owned;
  void* map = nullptr;
  std::size_t map_size = 0;
  const unsigned char* data = nullptr;
  std::size_t size = 0;

  Storage() = default;
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  ~Storage() {
    if (map != nullptr) munmap(map, map_size);
  }
};

namespace {

static_assert(sizeof(SynonymGraph::Original) == 4);
static_assert(sizeof(SynonymGraph::Inflection) == 4);

Status bad(const std::string& name, const std::string& msg) {
  return Status(ErrorCode::kParseError, name + ": " + msg);
}

bool little_endian_host() {
  const std::uint32_t one = 1;
  unsigned char first = 0;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

std::uint32_t le32(const unsigned char* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 |
         std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

std::uint64_t le64(const unsigned char* p) {
  return std::uint64_t{le32(p)} | std::uint64_t{le32(p + 4)} << 32;
}

/// True when off[0] == 0, off is nondecreasing and off[n] == total.
bool offsets_ok(const std::uint32_t* off, std::size_t n, std::uint64_t total) {
  if (off[0] != 0 || off[n] != total) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (off[i] > off[i + 1]) return false;
  return true;
}

/// True when the table has a power-of-two size, an empty slot (so probing
/// ends) and only ids below n.
bool hash_ok(const std::uint32_t* slots, std::uint32_t count, std::size_t n) {
  if (count == 0 || (count & (count - 1)) != 0) return false;
  bool empty = false;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (slots[i] == gf::kEmpty)
      empty = true;
    else if (slots[i] >= n)
      return false;
  }
  return empty;
}

/// True when the strings of `blob` cut at `off` are strictly increasing.
bool sorted_ok(const char* blob, const std::uint32_t* off, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    const std::string_view a(blob + off[i - 1], off[i] - off[i - 1]);
    const std::string_view b(blob + off[i], off[i + 1] - off[i]);
    if (!(a < b)) return false;
  }
  return true;
}

/// Id of `key` in a validated table over the strings `blob`/`off`.
std::uint32_t probe(std::string_view key, const std::uint32_t* slots,
                    std::uint32_t mask, const char* blob,
                    const std::uint32_t* off) {
  if (slots == nullptr) return SynonymGraph::kNone;
  for (auto i = static_cast<std::uint32_t>(fnv1a64(key)) & mask;;
       i = (i + 1) & mask) {
    const std::uint32_t id = slots[i];
    if (id == gf::kEmpty) return SynonymGraph::kNone;
    if (std::string_view(blob + off[id], off[id + 1] - off[id]) == key)
      return id;
  }
}

}  // namespace

Result<SynonymGraph> SynonymGraph::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status(ErrorCode::kIoError,
                  path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    return Status(ErrorCode::kIoError,
                  path + ": cannot stat: " + std::strerror(err));
  }
  auto storage = std::make_shared<Storage>();
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > 0) {
    void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      const int err = errno;
      close(fd);
      return Status(ErrorCode::kIoError,
                    path + ": cannot map: " + std::strerror(err));
    }
    storage->map = map;
    storage->map_size = size;
    storage->data = static_cast<const unsigned char*>(map);
    storage->size = size;
  }
  close(fd);
  return validate(std::move(storage), path);
}

Result<SynonymGraph> SynonymGraph::from_bytes(std::string bytes) {
  auto storage = std::make_shared<Storage>();
  storage->owned = std::move(bytes);
  storage->data = reinterpret_cast<const unsigned char*>(storage->owned.data());
  storage->size = storage->owned.size();
  return validate(std::move(storage), "graph.bin");
}

Result<SynonymGraph> SynonymGraph::validate(
    std::shared_ptr<const Storage> storage, const std::string& name) {
  const unsigned char* p = storage->data;
  const std::size_t size = storage->size;
  if (size < gf::kMagic.size() ||
      std::memcmp(p, gf::kMagic.data(), gf::kMagic.size()) != 0)
    return bad(name, "not an unspin graph file (bad magic)");
  if (size < gf::kHeaderSize) return bad(name, "truncated graph header");
  gf::Header h;
  std::uint32_t* fields[] = {
      &h.version,     &h.entries,    &h.entry_blob_bytes, &h.entry_slots,
      &h.edges,       &h.forms,      &h.form_blob_bytes,  &h.form_slots,
      &h.form_lemmas, &h.lemma_forms};
  std::size_t at = gf::kMagic.size();
  for (std::uint32_t* f : fields) {
    *f = le32(p + at);
    at += 4;
  }
  h.payload_bytes = le64(p + at);
  h.checksum = le64(p + at + 8);
  if (h.version != gf::kVersion)
    return bad(name, "unsupported graph version " + std::to_string(h.version) +
                         " (expected " + std::to_string(gf::kVersion) + ")");
  if (!little_endian_host())
    return bad(name, "graph files are little-endian; this host is not");
  if (h.entries >= gf::kMaxIds || h.forms >= gf::kMaxIds)
    return bad(name, "too many entries or forms for 24-bit ids");
  if (h.payload_bytes != gf::payload_size(h) ||
      h.payload_bytes != size - gf::kHeaderSize)
    return bad(name, "size (" + std::to_string(size) +
                         " bytes) does not match the header (truncated?)");
  const unsigned char* payload = p + gf::kHeaderSize;
  if (reinterpret_cast<std::uintptr_t>(payload) % 4 != 0)
    return bad(name, "graph bytes are not 4-byte aligned");
  if (gf::checksum(payload, h.payload_bytes) != h.checksum)
    return bad(name, "checksum mismatch (corrupt file)");

  SynonymGraph g;
  const auto* w = reinterpret_cast<const std::uint32_t*>(payload);
  auto take = [&w](std::uint64_t n) {
    const std::uint32_t* r = w;
    w += n;
    return r;
  };
  g.entries_ = h.entries;
  g.forms_ = h.forms;
  g.entry_offsets_ = take(std::uint64_t{h.entries} + 1);
  g.entry_hash_ = take(h.entry_slots);
  g.edge_offsets_ = take(std::uint64_t{h.entries} + 1);
  g.edges_ = reinterpret_cast<const Original*>(take(h.edges));
  g.form_offsets_ = take(std::uint64_t{h.forms} + 1);
  g.form_hash_ = take(h.form_slots);
  g.form_lemma_offsets_ = take(std::uint64_t{h.forms} + 1);
  g.form_lemma_rows_ = reinterpret_cast<const Inflection*>(take(h.form_lemmas));
  g.lemma_form_offsets_ = take(std::uint64_t{h.entries} + 1);
  g.lemma_form_rows_ = take(h.lemma_forms);
  g.entry_blob_ = reinterpret_cast<const char*>(w);
  g.form_blob_ = g.entry_blob_ + h.entry_blob_bytes;
  g.entry_mask_ = h.entry_slots - 1;
  g.form_mask_ = h.form_slots - 1;

  if (!offsets_ok(g.entry_offsets_, h.entries, h.entry_blob_bytes) ||
      !offsets_ok(g.form_offsets_, h.forms, h.form_blob_bytes))
    return bad(name, "string offsets out of range");
  if (!sorted_ok(g.entry_blob_, g.entry_offsets_, h.entries) ||
      !sorted_ok(g.form_blob_, g.form_offsets_, h.forms))
    return bad(name, "entries or forms are not sorted and unique");
  if (!hash_ok(g.entry_hash_, h.entry_slots, h.entries) ||
      !hash_ok(g.form_hash_, h.form_slots, h.forms))
    return bad(name, "hash index out of range");
  if (!offsets_ok(g.edge_offsets_, h.entries, h.edges) ||
      !offsets_ok(g.form_lemma_offsets_, h.forms, h.form_lemmas) ||
      !offsets_ok(g.lemma_form_offsets_, h.entries, h.lemma_forms))
    return bad(name, "list offsets out of range");
  for (std::uint32_t i = 0; i < h.edges; ++i) {
    const Original e = g.edges_[i];
    if (e.id() >= h.entries || (e.flags() & ~gf::kFlagMask) != 0 ||
        e.flags() == 0)
      return bad(name, "edge " + std::to_string(i) + " out of range");
  }
  for (std::uint32_t i = 0; i < h.form_lemmas; ++i) {
    const Inflection r = g.form_lemma_rows_[i];
    if (r.lemma() >= h.entries || (r.packed >> 24) >= gf::kSlots)
      return bad(name, "form reading " + std::to_string(i) + " out of range");
  }
  for (std::uint32_t i = 0; i < h.lemma_forms; ++i) {
    const std::uint32_t r = g.lemma_form_rows_[i];
    if ((r & gf::kIdMask) >= h.forms || (r >> 24) >= gf::kSlots)
      return bad(name, "lemma form " + std::to_string(i) + " out of range");
  }
  g.storage_ = std::move(storage);
  return g;
}

std::uint32_t SynonymGraph::find(std::string_view lowercase_entry) const {
  return probe(lowercase_entry, entry_hash_, entry_mask_, entry_blob_,
               entry_offsets_);
}

std::string_view SynonymGraph::entry(std::uint32_t id) const {
  if (id >= entries_) return {};
  return {entry_blob_ + entry_offsets_[id],
          entry_offsets_[id + 1] - entry_offsets_[id]};
}

std::string_view SynonymGraph::form(std::uint32_t id) const {
  return {form_blob_ + form_offsets_[id],
          form_offsets_[id + 1] - form_offsets_[id]};
}

ConstSpan<SynonymGraph::Original> SynonymGraph::originals(
    std::uint32_t id) const {
  if (id >= entries_) return {};
  return {edges_ + edge_offsets_[id],
          edge_offsets_[id + 1] - edge_offsets_[id]};
}

ConstSpan<SynonymGraph::Inflection> SynonymGraph::lemma_of(
    std::string_view form) const {
  const std::uint32_t id =
      probe(form, form_hash_, form_mask_, form_blob_, form_offsets_);
  if (id == kNone) return {};
  return {form_lemma_rows_ + form_lemma_offsets_[id],
          form_lemma_offsets_[id + 1] - form_lemma_offsets_[id]};
}

std::string_view SynonymGraph::form_of(std::uint32_t lemma, Slot slot) const {
  if (lemma >= entries_) return {};
  if (slot == Slot::kBase) return entry(lemma);
  for (std::uint32_t i = lemma_form_offsets_[lemma];
       i < lemma_form_offsets_[lemma + 1]; ++i) {
    const std::uint32_t r = lemma_form_rows_[i];
    if (static_cast<Slot>(r >> 24) == slot) return form(r & gf::kIdMask);
  }
  return {};
}

}  // namespace unspin::detail
