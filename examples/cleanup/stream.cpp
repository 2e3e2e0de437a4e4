// unspin cleanup: --stream mode. A line reader that flushes before it
// blocks, and per-record JSON handling that never stops the stream.
#include "stream.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

namespace unspin_cli {
namespace {

using json = nlohmann::ordered_json;

/// Splits a file descriptor into lines; reads only when no complete line
/// is buffered, so callers know when they are about to block.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  /// Takes the next buffered line (without '\n' or "\r\n"); at end of input
  /// also the unterminated rest. False when none is buffered.
  bool take(std::string& line) {
    std::size_t nl = buf_.find('\n', pos_);
    if (nl == std::string::npos) {
      if (!eof_ || pos_ >= buf_.size()) return false;
      nl = buf_.size();
    }
    line.assign(buf_, pos_, nl - pos_);
    pos_ = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }
  /// Reads more input (may block). False at end of input or on error
  /// (error() then says which).
  bool fill() {
    if (eof_) return false;
    buf_.erase(0, std::min(pos_, buf_.size()));
    pos_ = 0;
    char chunk[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      if (n <= 0) {
        eof_ = true;
        return false;
      }
      buf_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
  }
  bool at_eof() const { return eof_; }
  int error() const { return error_; }

 private:
  int fd_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

struct Record {
  std::size_t line = 0;
  std::string raw;
};

using Processed = RecordOutput;

// True when `s` (JSON or not) opens more than `limit` arrays or objects at
// once, counting brackets outside strings: a cheap check before parsing.
bool nested_deeper(const std::string& s, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  auto at = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  unsigned c = at(0);
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k, unsigned lo, unsigned hi) {
    unsigned b = at(k);
    return b >= lo && b <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4
                                                                         : 0;
  }
  return 0;
}

// `s` with each invalid byte replaced by U+FFFD (--invalid-utf8=replace).
std::string repair_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

// `s` safe for one stderr line: invalid UTF-8 becomes U+FFFD, control
// characters become \xHH.
std::string printable(const std::string& s) {
  std::string out;
  for (char ch : repair_utf8(s)) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

// "a number", "an array", "null", ... for messages.
std::string type_name(const json& j) {
  if (j.is_null()) return "null";
  if (j.is_array() || j.is_object()) return std::string("an ") + j.type_name();
  return std::string("a ") + j.type_name();
}

// The value a --text-field or --id-field names: a JSON Pointer (RFC 6901)
// when it starts with '/', else a top-level member; nullptr when absent.
const json* find_field(const json& j, const std::string& field) {
  if (field.empty() || field[0] != '/') {
    auto it = j.find(field);
    return it == j.end() ? nullptr : &*it;
  }
  try {
    const json::json_pointer ptr(field);
    return j.contains(ptr) ? &j.at(ptr) : nullptr;
  } catch (const json::exception&) {
    return nullptr;  // check_stream_options() refuses malformed pointers
  }
}

// The record's id for messages: a string, number or boolean at `id_field`
// in JSON spelling, at most 80 bytes of it; "" when there is none.
std::string record_id(const json& j, const std::string& id_field) {
  if (id_field.empty()) return {};
  const json* id = find_field(j, id_field);
  if (!id || !(id->is_string() || id->is_number() || id->is_boolean()))
    return {};
  std::string s = id->dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 80) {
    std::size_t cut = 77;  // not inside a UTF-8 character
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
      --cut;
    s = s.substr(0, cut) + "...";
  }
  return s;
}

}  // namespace

std::string check_stream_options(const StreamOptions& options) {
  if (options.text_fields.empty()) return "--text-field: no field given";
  std::vector<std::string> seen;
  std::vector<std::string> all = options.text_fields;
  all.push_back(options.id_field);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::string& f = all[i];
    const bool is_id = i + 1 == all.size();
    const char* flag = is_id ? "--id-field" : "--text-field";
    if (f.empty()) {
      if (is_id) continue;  // --id-field '': no id in messages
      return std::string(flag) + ": the name is empty";
    }
    if (f[0] == '/') {
      try {
        json::json_pointer ptr(f);
      } catch (const json::exception& e) {
        std::string what = e.what();
        std::size_t cut = what.find("] ");
        if (cut != std::string::npos) what.erase(0, cut + 2);
        return std::string(flag) + " '" + f + "': not a JSON Pointer: " + what;
      }
    }
    if (!is_id) {
      for (const std::string& s : seen)
        if (s == f) return "--text-field '" + f + "' is given twice";
      seen.push_back(f);
    }
  }
  return {};
}

RecordOutput process_record(const unspin::Detector& detector, std::size_t line,
                            const std::string& raw,
                            const StreamOptions& options) {
  const Record rec{line, raw};
  Processed p;
  json j;
  if (nested_deeper(rec.raw, kMaxRecordDepth)) {
    p.error = "record nested deeper than " + std::to_string(kMaxRecordDepth) +
              " levels";
  } else {
    try {
      j = json::parse(options.replace_invalid_utf8 ? repair_utf8(rec.raw)
                                                   : rec.raw);
    } catch (const json::exception& e) {
      std::string what = e.what();
      std::size_t cut = what.find("] ");
      if (cut != std::string::npos) what.erase(0, cut + 2);
      p.error = "invalid JSON: " + what;
    }
  }
  if (p.error.empty() && !j.is_object()) {
    p.error = "record is " + type_name(j) + ", not a JSON object";
  }
  if (!p.error.empty()) {
    json bad = json::object();
    bad["line"] = rec.line;
    bad["raw"] = rec.raw;
    bad["unspin"] = {{"error", p.error}};
    append_json(p.out, bad);
    return p;
  }
  p.id = record_id(j, options.id_field);
  // One field: {"findings", "verdict", "rewrite"} as always; several:
  // {"fields": {FIELD: {"findings", "verdict", "rewrite"}, ...}}.
  json fields = json::object();
  json single;
  for (const std::string& field : options.text_fields) {
    const json* value = find_field(j, field);
    if (!value) {
      p.error = "missing field \"" + field + "\"";
      break;
    }
    if (!value->is_string()) {
      p.error =
          "field \"" + field + "\" is " + type_name(*value) + ", not a string";
      break;
    }
    const std::string& text = value->get_ref<const std::string&>();
    unspin::Result<unspin::ScanResult> scanned =
        detector.scan(text, options.scan);
    unspin::Result<std::string> fixed =
        scanned.ok() ? unspin::Detector::rewrite(text, scanned->findings)
                     : unspin::Result<std::string>(scanned.status());
    if (!fixed.ok()) {
      p.error = "field \"" + field + "\": " + fixed.status().message();
      break;
    }
    json findings = json::array();
    for (const unspin::Finding& f : scanned->findings) {
      findings.push_back(finding_json(f, options.style));
    }
    json result = json::object();
    result["findings"] = std::move(findings);
    result["verdict"] = verdict_json(scanned->verdict);
    result["rewrite"] = std::move(*fixed);
    p.words += scanned->verdict.words;
    p.findings += scanned->findings.size();
    p.spun = p.spun || scanned->verdict.spun;
    if (options.text_fields.size() == 1) {
      single = std::move(result);
    } else {
      fields[field] = std::move(result);
    }
  }
  if (p.error.empty()) {
    if (options.text_fields.size() == 1) {
      j["unspin"] = std::move(single);
    } else {
      j["unspin"] = {{"fields", std::move(fields)}};
    }
  }
  if (!p.error.empty()) j["unspin"] = {{"error", p.error}};
  append_json(p.out, j);
  return p;
}

namespace {

// Whitespace-only lines are not records.
bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\f\v") == std::string::npos;
}

}  // namespace

StreamOutcome run_stream(const unspin::Detector& detector,
                         const std::vector<std::string>& inputs,
                         const StreamOptions& options) {
  StreamOutcome outcome;
  const std::size_t batch_max = options.jobs <= 1 ? 1 : 64 * options.jobs;
  std::vector<Record> batch;
  for (const std::string& input : inputs) {
    const bool is_stdin = input == "-";
    const std::string name = is_stdin ? "<stdin>" : printable_name(input);
    int fd =
        is_stdin ? STDIN_FILENO : ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::cout.flush();
      std::cerr << "cleanup: " << name << ": " << std::strerror(errno) << '\n';
      outcome.input_error = true;
      continue;
    }
    LineReader reader(fd);
    std::size_t line_no = 0;
    std::string line;
    for (;;) {
      while (batch.size() < batch_max && reader.take(line)) {
        ++line_no;
        if (!blank(line)) batch.push_back(Record{line_no, std::move(line)});
      }
      if (batch.empty()) {
        if (reader.at_eof()) break;
        // About to block: whatever is done must reach the reader first.
        std::cout.flush();
        reader.fill();
        continue;
      }
      ordered_parallel<Processed>(
          batch.size(), options.jobs,
          [&](std::size_t i) {
            try {
              return process_record(detector, batch[i].line, batch[i].raw,
                                    options);
            } catch (const std::bad_alloc&) {
              Processed p;
              p.error = "out of memory";
              json bad = json::object();
              bad["line"] = batch[i].line;
              bad["unspin"] = {{"error", p.error}};
              append_json(p.out, bad);
              return p;
            }
          },
          [&](std::size_t i, Processed& p) {
            if (!p.error.empty()) {
              std::cout.flush();  // keep stdout and stderr roughly in step
              std::cerr << "cleanup: " << name << ':' << batch[i].line << ": ";
              if (!p.id.empty()) std::cerr << "id " << printable(p.id) << ": ";
              std::cerr << printable(p.error) << '\n';
              ++outcome.totals.errors;
            } else {
              ++outcome.totals.documents;
              outcome.totals.words += p.words;
              outcome.totals.findings += p.findings;
              if (p.spun) ++outcome.totals.spun;
              if (p.findings > 0) outcome.any_findings = true;
            }
            std::cout << p.out;
          });
      batch.clear();
    }
    if (reader.error() != 0) {
      std::cout.flush();
      std::cerr << "cleanup: " << name << ": " << std::strerror(reader.error())
                << '\n';
      outcome.input_error = true;
    }
    if (!is_stdin) ::close(fd);
  }
  std::cout.flush();
  return outcome;
}

}  // namespace unspin_cli
