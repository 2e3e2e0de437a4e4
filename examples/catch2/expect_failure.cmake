# unspin Catch2 example: runs the deliberately failing test case ([failing])
# and checks that it fails with a message naming the phrase and its place.
execute_process(COMMAND ${PROGRAM} [failing]
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "the [failing] test case passed; it must fail")
endif()
# Catch wraps long lines at 80 columns, also after punctuation: compare
# with all whitespace removed.
string(REGEX REPLACE "[ \t\r\n]+" "" flat "${out}")
foreach(want
    "is free of spin; but it has 1 spun phrase:"
    "line 1, column 1: \"bad guy gangs\" -> \"criminal gangs\""
    "rewrites \"bad guy gangs\" as \"criminal gangs\"; but \"bad guy gangs\" is still at line 1, column 1; \"criminal gangs\" is missing")
  string(REGEX REPLACE "[ \t\r\n]+" "" flat_want "${want}")
  string(FIND "${flat}" "${flat_want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the failure message lacks: ${want}")
  endif()
endforeach()
message("the failing case failed as expected, with a readable message")
