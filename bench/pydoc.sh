# unspin bench helper, sourced by the bench scripts: find_pydoc prints the
# directory of the Python manual's reStructuredText sources (Debian package
# python3.X-doc), installing python3.11-doc with apt (as root) when missing;
# it returns 1 when there is none.
find_pydoc() {
  local d
  for pass in 1 2; do
    for d in /usr/share/doc/python3*/html/_sources; do
      [[ -d $d ]] && { realpath "$d"; return 0; }
    done
    [[ $pass == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
    echo "# installing python3.11-doc for the corpus" >&2
    apt-get install -y -q python3.11-doc >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 &&
        apt-get install -y -q python3.11-doc >/dev/null 2>&1; } || true
  done
  return 1
}
