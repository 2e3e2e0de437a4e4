# Copies the shipped phrase tables into the build tree's data dir
# (share/unspin/dictionaries), the same layout as after `cmake --install`.
file(GLOB_RECURSE UNSPIN_DICT_FILES CONFIGURE_DEPENDS
  RELATIVE ${PROJECT_SOURCE_DIR}/dictionaries
  ${PROJECT_SOURCE_DIR}/dictionaries/*.tsv ${PROJECT_SOURCE_DIR}/dictionaries/*.md)
set(UNSPIN_DICT_OUTPUTS)
foreach(f ${UNSPIN_DICT_FILES})
  set(out ${UNSPIN_BUILD_DATA_DIR}/dictionaries/${f})
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different
            ${PROJECT_SOURCE_DIR}/dictionaries/${f} ${out}
    DEPENDS ${PROJECT_SOURCE_DIR}/dictionaries/${f}
    COMMENT "Copying dictionary ${f}" VERBATIM)
  list(APPEND UNSPIN_DICT_OUTPUTS ${out})
endforeach()
add_custom_target(unspin_dictionaries ALL DEPENDS ${UNSPIN_DICT_OUTPUTS})
