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
    "1:1: \"bad guy gangs\" -> \"criminal gangs\""
    "rewrites \"bad guy gangs\" as \"criminal gangs\"; but: \"bad guy gangs\" is still at 1:1 bad guy gangs run the port. ^^^^^^^^^^^^^ \"criminal gangs\" is missing"
    "\"Paragraph 1 reports the news in plain words, as the others d...\" (12259 bytes, 190 lines) is free of spin; but it has 1 spun phrase:"
    "120:35: \"bad guy gangs\" -> \"criminal gangs\"")
  string(REGEX REPLACE "[ \t\r\n]+" "" flat_want "${want}")
  string(FIND "${flat}" "${flat_want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the failure message lacks: ${want}")
  endif()
endforeach()
# The long article is shown as an excerpt: its other lines are not printed.
string(FIND "${out}" "Paragraph 190" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the failure message prints the whole article")
endif()
# The finding's line and its carets are printed unwrapped, aligned.
string(FIND "${out}" "\n      ...h 120 reports the news of bad guy gangs in plain words, as the oth...\n                                   ^^^^^^^^^^^^^\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the failure message lacks the article's marked line")
endif()
message("the failing case failed as expected, with a readable message")
