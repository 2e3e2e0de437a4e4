# General-English discovery data: the word and word-pair counts shipped in
# dictionaries/general/general-ngrams.tar.xz (counted by tools/count_ngrams.cpp
# from 48 million words of general English; dictionaries/LICENSE-DATA.md)
# converted into the mapped file share/unspin/lm/general.ngc
# (tools/build_ngrams.cpp, layout in src/ngram_counts.hpp).
add_executable(unspin_build_ngrams ${PROJECT_SOURCE_DIR}/tools/build_ngrams.cpp)
target_compile_features(unspin_build_ngrams PRIVATE cxx_std_17)
target_include_directories(unspin_build_ngrams PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(unspin_build_ngrams PRIVATE unspin)
set_target_properties(unspin_build_ngrams PROPERTIES CXX_EXTENSIONS OFF)

set(UNSPIN_NGRAMS_ARCHIVE ${PROJECT_SOURCE_DIR}/dictionaries/general/general-ngrams.tar.xz)
set(UNSPIN_NGRAMS_WORK ${PROJECT_BINARY_DIR}/general-ngrams)
set(UNSPIN_NGC ${UNSPIN_BUILD_DATA_DIR}/lm/general.ngc)
add_custom_command(
  OUTPUT ${UNSPIN_NGC}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${UNSPIN_NGRAMS_WORK}
          ${UNSPIN_BUILD_DATA_DIR}/lm
  COMMAND ${CMAKE_COMMAND} -E chdir ${UNSPIN_NGRAMS_WORK}
          ${CMAKE_COMMAND} -E tar xf ${UNSPIN_NGRAMS_ARCHIVE}
  COMMAND unspin_build_ngrams ${UNSPIN_NGRAMS_WORK}/general-ngrams.tsv
          ${UNSPIN_NGC}
  COMMAND ${CMAKE_COMMAND} -E remove ${UNSPIN_NGRAMS_WORK}/general-ngrams.tsv
  DEPENDS unspin_build_ngrams ${UNSPIN_NGRAMS_ARCHIVE}
  COMMENT "Converting the general-English n-gram counts"
  VERBATIM)
add_custom_target(unspin_general_data ALL DEPENDS ${UNSPIN_NGC})
