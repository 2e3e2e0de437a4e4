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

# Paradigms of every word the shipped tables need, precomputed with the
# annotated Hunspell dictionary (tools/build_paradigms.cpp), so that
# Detector::create() with them need not load Hunspell (Options::
# morphology_cache).
add_executable(unspin_build_paradigms ${PROJECT_SOURCE_DIR}/tools/build_paradigms.cpp)
target_compile_features(unspin_build_paradigms PRIVATE cxx_std_17)
target_include_directories(unspin_build_paradigms PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(unspin_build_paradigms PRIVATE unspin)
set(UNSPIN_PARADIGMS ${UNSPIN_BUILD_DATA_DIR}/hunspell/en_US.paradigms)
add_custom_command(
  OUTPUT ${UNSPIN_PARADIGMS}
  COMMAND unspin_build_paradigms ${UNSPIN_BUILD_DATA_DIR} ${UNSPIN_PARADIGMS}
  DEPENDS unspin_build_paradigms ${UNSPIN_DICT_OUTPUTS}
          ${UNSPIN_BUILD_DATA_DIR}/hunspell/en_US.aff
          ${UNSPIN_BUILD_DATA_DIR}/hunspell/en_US.dic
  COMMENT "Precomputing the paradigms of the shipped tables' words"
  VERBATIM)
add_custom_target(unspin_paradigm_data ALL DEPENDS ${UNSPIN_PARADIGMS})
add_dependencies(unspin_paradigm_data unspin_dictionaries unspin_hunspell_data)
