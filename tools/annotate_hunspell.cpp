// unspin: build-time tool that copies a Hunspell .aff/.dic pair, adding the
// morphological fields that Hunspell::generate() and unspin's morphology need.
//
// Usage: annotate_hunspell IN.aff IN.dic OUT.aff OUT.dic
//
// The annotation (see dictionaries/morphology/README.md):
//  - every affix rule gets a field naming its own flag: "SFX D 0 ed [^ey]"
//    becomes "SFX D 0 ed [^ey] is:D" (prefix rules: "ip:A"). Without it,
//    Hunspell cannot tell affixes apart when generating.
//  - every .dic entry with flags gets a field repeating them: "kill/JMDRSZG"
//    becomes "kill/JMDRSZG fl:JMDRSZG". Hunspell generates only from entries
//    that carry morphological data, and analyze() then reports the root's
//    flags, which is how unspin finds a lemma's inflection classes.
// Spelling and stemming are unaffected. Rules or entries that already carry
// morphological fields are copied unchanged. Outputs are written to a
// temporary file and renamed into place, so a failed run leaves no partial
// output. No dependencies beyond the standard library.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string f;
  while (in >> f) out.push_back(f);
  return out;
}

std::string RTrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\r' || s.back() == '\n')) {
    s.pop_back();
  }
  return s;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Annotates one .aff line (returned unchanged if it is not an affix rule).
std::string annotate_aff_line(const std::string& raw) {
  std::string line = RTrim(raw);
  std::vector<std::string> f = split_ws(line);
  if (f.size() < 4 || (f[0] != "SFX" && f[0] != "PFX")) return line;
  // Header: "SFX D Y 4" (cross-product flag, rule count).
  if (f.size() == 4 && (f[2] == "Y" || f[2] == "N") && is_number(f[3])) {
    return line;
  }
  if (f.size() > 5) return line;  // already has morphological fields
  const std::string key = f[0] == "SFX" ? " is:" : " ip:";
  // A rule may omit its condition; spell it out so the field is not read
  // as the condition.
  if (f.size() == 4) line += " .";
  return line + key + f[1];
}

// Annotates one .dic entry line.
std::string annotate_dic_line(const std::string& raw) {
  std::string line = RTrim(raw);
  if (line.empty() || line[0] == '#' || line[0] == '\t') return line;
  // The word ends at the first unescaped '/' or at whitespace.
  size_t slash = std::string::npos;
  size_t end = line.size();
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      end = i;
      break;
    }
    if (c == '/' && slash == std::string::npos && i > 0) slash = i;
  }
  if (end != line.size()) return line;  // already has morphological fields
  if (slash == std::string::npos || slash + 1 >= end) return line;
  return line + " fl:" + line.substr(slash + 1, end - slash - 1);
}

bool read_lines(const std::string& path, std::vector<std::string>* lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) lines->push_back(line);
  return !in.bad();
}

bool write_atomically(const std::string& path,
                      const std::vector<std::string>& lines) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    for (const std::string& l : lines) out << l << '\n';
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: annotate_hunspell IN.aff IN.dic OUT.aff OUT.dic\n";
    return 2;
  }
  std::vector<std::string> aff, dic;
  if (!read_lines(argv[1], &aff)) {
    std::cerr << "annotate_hunspell: cannot read " << argv[1] << "\n";
    return 1;
  }
  if (!read_lines(argv[2], &dic)) {
    std::cerr << "annotate_hunspell: cannot read " << argv[2] << "\n";
    return 1;
  }
  for (std::string& l : aff) l = annotate_aff_line(l);
  // The first .dic line is the entry count.
  for (size_t i = 0; i < dic.size(); ++i) {
    dic[i] = i == 0 ? RTrim(dic[i]) : annotate_dic_line(dic[i]);
  }
  if (!write_atomically(argv[3], aff)) {
    std::cerr << "annotate_hunspell: cannot write " << argv[3] << "\n";
    return 1;
  }
  if (!write_atomically(argv[4], dic)) {
    std::cerr << "annotate_hunspell: cannot write " << argv[4] << "\n";
    return 1;
  }
  return 0;
}
