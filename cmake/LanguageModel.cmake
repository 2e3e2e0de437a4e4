# Generates the discovery data (share/unspin/lm/en-us.lmc, thesaurus.tsv) from
# Debian's pocketsphinx-en-us LM and mythes-en-us thesaurus (tools/build_lm.cpp).
set(UNSPIN_LM_SOURCE
  /usr/share/pocketsphinx/model/en-us/en-us.lm.bin CACHE FILEPATH
  "CMU US English trigram LM (DMP) from pocketsphinx-en-us")
set(UNSPIN_THESAURUS_SOURCE /usr/share/mythes/th_en_US_v2.dat CACHE FILEPATH
  "OpenOffice/mythes thesaurus from mythes-en-us")
find_package(PkgConfig REQUIRED)
pkg_check_modules(UNSPIN_SPHINXBASE IMPORTED_TARGET sphinxbase)
if(NOT UNSPIN_SPHINXBASE_FOUND OR NOT EXISTS ${UNSPIN_LM_SOURCE}
   OR NOT EXISTS ${UNSPIN_THESAURUS_SOURCE})
  message(FATAL_ERROR
    "unspin's discovery data needs libsphinxbase-dev, pocketsphinx-en-us "
    "(${UNSPIN_LM_SOURCE}) and mythes-en-us (${UNSPIN_THESAURUS_SOURCE}). "
    "Install them (apt-get install libsphinxbase-dev pocketsphinx-en-us "
    "mythes-en-us), point UNSPIN_LM_SOURCE/UNSPIN_THESAURUS_SOURCE at them, "
    "or configure with -DUNSPIN_WITH_DISCOVERY=OFF (cleanup --discover "
    "then reports the missing model).")
endif()
# A host tool: it runs at build time and is not installed.
add_executable(unspin_build_lm ${PROJECT_SOURCE_DIR}/tools/build_lm.cpp)
target_compile_features(unspin_build_lm PRIVATE cxx_std_17)
target_include_directories(unspin_build_lm PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(unspin_build_lm PRIVATE PkgConfig::UNSPIN_SPHINXBASE)

set(UNSPIN_LM_DIR ${UNSPIN_BUILD_DATA_DIR}/lm)
add_custom_command(
  OUTPUT ${UNSPIN_LM_DIR}/en-us.lmc ${UNSPIN_LM_DIR}/thesaurus.tsv
  COMMAND ${CMAKE_COMMAND} -E make_directory ${UNSPIN_LM_DIR}
  COMMAND unspin_build_lm ${UNSPIN_LM_SOURCE} ${UNSPIN_THESAURUS_SOURCE}
          ${UNSPIN_LM_DIR}
  DEPENDS unspin_build_lm ${UNSPIN_LM_SOURCE} ${UNSPIN_THESAURUS_SOURCE}
  COMMENT "Converting the en-us LM and thesaurus for discovery"
  VERBATIM)
add_custom_target(unspin_lm_data ALL
  DEPENDS ${UNSPIN_LM_DIR}/en-us.lmc ${UNSPIN_LM_DIR}/thesaurus.tsv)
# Installed with the rest of the data dir (cmake/Package.cmake).
