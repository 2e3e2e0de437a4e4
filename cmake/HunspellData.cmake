# Generates the annotated en_US Hunspell dictionary (share/unspin/hunspell)
# from the system's hunspell-en-us files with tools/annotate_hunspell.cpp.
set(UNSPIN_HUNSPELL_SOURCE_DIR /usr/share/hunspell CACHE PATH
  "Directory holding the en_US.aff and en_US.dic Hunspell files to annotate")

foreach(ext aff dic)
  if(NOT EXISTS ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.${ext})
    message(FATAL_ERROR
      "unspin needs the en_US Hunspell dictionary, but "
      "${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.${ext} does not exist. Install it "
      "(Debian/Ubuntu: apt-get install hunspell-en-us) or set "
      "UNSPIN_HUNSPELL_SOURCE_DIR to a directory holding en_US.aff/en_US.dic.")
  endif()
endforeach()

# A host tool: it runs at build time and is not installed. (When
# cross-compiling, build it separately for the host instead.)
add_executable(unspin_annotate_hunspell
  ${PROJECT_SOURCE_DIR}/tools/annotate_hunspell.cpp)
target_compile_features(unspin_annotate_hunspell PRIVATE cxx_std_17)
if(UNSPIN_TOP_LEVEL)
  target_compile_options(unspin_annotate_hunspell PRIVATE -Wall -Wextra -Wpedantic)
endif()

set(UNSPIN_HUNSPELL_AFF ${UNSPIN_BUILD_DATA_DIR}/hunspell/en_US.aff)
set(UNSPIN_HUNSPELL_DIC ${UNSPIN_BUILD_DATA_DIR}/hunspell/en_US.dic)
add_custom_command(
  OUTPUT ${UNSPIN_HUNSPELL_AFF} ${UNSPIN_HUNSPELL_DIC}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${UNSPIN_BUILD_DATA_DIR}/hunspell
  COMMAND unspin_annotate_hunspell
          ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.aff
          ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.dic
          ${UNSPIN_HUNSPELL_AFF} ${UNSPIN_HUNSPELL_DIC}
  DEPENDS unspin_annotate_hunspell
          ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.aff
          ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.dic
  COMMENT "Annotating the en_US Hunspell dictionary"
  VERBATIM)
add_custom_target(unspin_hunspell_data ALL
  DEPENDS ${UNSPIN_HUNSPELL_AFF} ${UNSPIN_HUNSPELL_DIC})
