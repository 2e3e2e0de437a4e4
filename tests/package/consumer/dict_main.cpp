// unspin package test consumer of unspin::dict: imports a LanguageTool list
// and a Vale rule (YAML, through yaml-cpp) and checks the imported table.
#include <iostream>
#include <string>
#include <unspin/dict.hpp>

int main() {
  auto lt = unspin::import_table("languagetool", "bad guy gang=criminal gang\n",
                                 "r.txt");
  auto vale = unspin::import_table(
      "vale", "extends: substitution\nswap: {utilize: &u use, utilise: *u}\n",
      "v.yml");
  if (!lt.ok() || !vale.ok()) {
    std::cerr << (lt.ok() ? vale.status() : lt.status()).message() << '\n';
    return 1;
  }
  auto problems = unspin::check_tables(
      {unspin::DataSource::from_text("lt.tsv", lt->tsv),
       unspin::DataSource::from_text("vale.tsv", vale->tsv)});
  if (!problems.ok() || !problems->empty() || lt->entries != 1 ||
      vale->entries != 2) {
    std::cerr << "unexpected import or check result\n";
    return 1;
  }
  std::cout << "dict: " << lt->entries + vale->entries
            << " entries imported, no problems\n";
  return 0;
}
