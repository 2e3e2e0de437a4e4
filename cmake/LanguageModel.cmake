# Generates the discovery data (share/unspin/lm/en-us.lmc, thesaurus.tsv) from
# Debian's pocketsphinx-en-us LM and mythes-en-us thesaurus (tools/build_lm.cpp),
# and the substitution graph (share/unspin/lm/graph.bin) from Moby Thesaurus II,
# mythes and the en_US Hunspell dictionary (tools/build_graph.cpp).
set(UNSPIN_LM_SOURCE
  /usr/share/pocketsphinx/model/en-us/en-us.lm.bin CACHE FILEPATH
  "CMU US English trigram LM (DMP) from pocketsphinx-en-us")
set(UNSPIN_THESAURUS_SOURCE /usr/share/mythes/th_en_US_v2.dat CACHE FILEPATH
  "OpenOffice/mythes thesaurus from mythes-en-us")
if(DEFINED ENV{UNSPIN_NPM_DATA})
  set(UNSPIN_NPM_DATA_DEFAULT $ENV{UNSPIN_NPM_DATA})
else()
  set(UNSPIN_NPM_DATA_DEFAULT /usr/local/share/unspin-npm)
endif()
set(UNSPIN_MOBY_SOURCE ${UNSPIN_NPM_DATA_DEFAULT}/moby/words.txt CACHE FILEPATH
  "Moby Thesaurus II words.txt (npm package moby 1.1.2, fetched by .ci/install-deps)")
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
if(NOT EXISTS ${UNSPIN_MOBY_SOURCE})
  message(FATAL_ERROR
    "unspin's discovery data needs Moby Thesaurus II (${UNSPIN_MOBY_SOURCE}). "
    "Fetch it with .ci/install-deps (it installs the npm package moby under "
    "UNSPIN_NPM_DATA, default /usr/local/share/unspin-npm), point "
    "UNSPIN_MOBY_SOURCE at words.txt, or configure with "
    "-DUNSPIN_WITH_DISCOVERY=OFF.")
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

# The substitution graph: built with the library (src/graph_build.cpp), from
# the unannotated Hunspell files (the annotation changes no form).
add_executable(unspin_build_graph ${PROJECT_SOURCE_DIR}/tools/build_graph.cpp)
target_compile_features(unspin_build_graph PRIVATE cxx_std_17)
target_include_directories(unspin_build_graph PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(unspin_build_graph PRIVATE unspin)
if(UNSPIN_TOP_LEVEL)
  target_compile_options(unspin_build_graph PRIVATE -Wall -Wextra -Wpedantic)
endif()
set(UNSPIN_GRAPH_INPUTS ${UNSPIN_MOBY_SOURCE} ${UNSPIN_THESAURUS_SOURCE}
  ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.aff ${UNSPIN_HUNSPELL_SOURCE_DIR}/en_US.dic
  ${PROJECT_SOURCE_DIR}/dictionaries/morphology/en_irregular.tsv)
add_custom_command(
  OUTPUT ${UNSPIN_LM_DIR}/graph.bin
  COMMAND ${CMAKE_COMMAND} -E make_directory ${UNSPIN_LM_DIR}
  COMMAND unspin_build_graph ${UNSPIN_GRAPH_INPUTS} ${UNSPIN_LM_DIR}/graph.bin
  DEPENDS unspin_build_graph ${UNSPIN_GRAPH_INPUTS}
  COMMENT "Building the substitution graph for discovery"
  VERBATIM)
add_custom_target(unspin_graph_data ALL DEPENDS ${UNSPIN_LM_DIR}/graph.bin)
# Installed with the rest of the data dir (cmake/Package.cmake).
