// unspin cleanup: the `cleanup dict` subcommand (check phrase tables, import
// substitution lists of Vale, textlint prh and LanguageTool).
#ifndef UNSPIN_EXAMPLES_CLEANUP_DICT_CMD_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_DICT_CMD_HPP_

/// Runs `cleanup dict ...`; argv[0] is "dict".
///   dict check [--errors-only] [--no-canonical-scan] [--all] FILE...
///       prints FILE:LINE: error|warning: message per problem (the first 50
///       of each kind and severity, then "... and N more", unless --all);
///       exit 0 when there is none, 1 when problems are reported, 2 on
///       usage/IO errors (a write error on stdout included).
///   dict import --from vale|prh|languagetool FILE [-o OUT]
///       writes the phrase table to stdout or atomically to OUT (refusing
///       an OUT that is not a regular file); skipped items go to stderr as
///       notes; exit 0, or 2 on errors (FILE:LINE).
int run_dict_command(int argc, char** argv);

#endif  // UNSPIN_EXAMPLES_CLEANUP_DICT_CMD_HPP_
