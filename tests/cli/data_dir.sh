# unspin cli tests: which data directory a build-tree cleanup uses and says
# it uses (--print-data-dir, --version); an explicit data directory that is
# not one is an error, never skipped. (The installed program: tests/package.)
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1
tables() {  # tables DIR: the shipped tables' lines of --print-data-dir
  for t in "$1"/dictionaries/en/*.tsv; do printf '\n  %s' "$t"; done
}

# Run from the build tree, cleanup reads the build tree's data.
run "$CLEANUP" --print-data-dir
expect_rc 0 "--print-data-dir"
expect_out "data directory: $DATA (the build tree of this program)
tables:$(tables "$DATA")" "--print-data-dir from the build tree"
expect_err_empty "--print-data-dir"

# --version: the version, then the same.
run "$CLEANUP" --version
expect_rc 0 "--version"
case "$OUT" in "cleanup (unspin) "[0-9]*.[0-9]*.[0-9]*"
data directory: $DATA (the build tree of this program)
tables:"*) ;;
  *) fail "--version shows the version and the data directory" ;; esac

# Explicit directories say so; user tables are listed after the shipped ones.
run "$CLEANUP" --data-dir "$DATA" --dict basic.tsv --print-data-dir
expect_rc 0 "--print-data-dir --data-dir"
expect_out "data directory: $DATA (from --data-dir)
tables:$(tables "$DATA")
  basic.tsv" "--print-data-dir --data-dir --dict"
run env UNSPIN_DATA_DIR="$DATA" "$CLEANUP" --print-data-dir
expect_out_has "data directory: $DATA (from UNSPIN_DATA_DIR)" "UNSPIN_DATA_DIR"
run env UNSPIN_DATA_DIR="$WORK/nowhere" "$CLEANUP" --data-dir "$DATA" --print-data-dir
expect_rc 0 "--data-dir overrides UNSPIN_DATA_DIR"
expect_out_has "data directory: $DATA (from --data-dir)" "--data-dir overrides UNSPIN_DATA_DIR"
run "$CLEANUP" --no-builtin --dict basic.tsv --print-data-dir
expect_out "data directory: $DATA (the build tree of this program)
tables:
  basic.tsv" "--no-builtin --dict: only the user table"

# A wrong explicit data directory is an error (exit 2), for --version too,
# and nothing falls back to another directory.
mkdir "$WORK/empty"
: >"$WORK/file"
for how in env flag; do
  for dir in nowhere file empty; do
    case $dir in
      nowhere) why="no such directory" ;;
      file) why="not a directory" ;;
      empty) why="not an unspin data directory (no dictionaries/en)" ;;
    esac
    for what in "clean.txt" "--print-data-dir" "--version"; do
      if [ $how = env ]; then
        run env UNSPIN_DATA_DIR="$WORK/$dir" "$CLEANUP" $what
        msg="cleanup: UNSPIN_DATA_DIR=$WORK/$dir: $why"
      else
        run "$CLEANUP" --data-dir "$WORK/$dir" $what
        msg="cleanup: --data-dir $WORK/$dir: $why"
      fi
      expect_rc 2 "$how $dir $what"
      [ "$ERR" = "$msg" ] || fail "$how $dir $what: stderr is not: $msg"
      case "$OUT" in *"data directory"*) fail "$how $dir $what: no data dir shown" ;; esac
    done
  done
done
# An empty UNSPIN_DATA_DIR is unset.
run env UNSPIN_DATA_DIR= "$CLEANUP" --print-data-dir
expect_rc 0 "empty UNSPIN_DATA_DIR"
expect_out_has "(the build tree of this program)" "empty UNSPIN_DATA_DIR"

finish
