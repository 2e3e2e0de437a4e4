# unspin::dict: the dictionary tools (check_tables, import_table; public
# header include/unspin/dict.hpp) as a library of their own on top of
# unspin::unspin, so that the core library needs no YAML parser. yaml-cpp
# (Debian: libyaml-cpp-dev) reads Vale rules and prh dictionaries.
find_package(yaml-cpp CONFIG REQUIRED)
if(TARGET yaml-cpp::yaml-cpp)
  set(UNSPIN_YAML_CPP_TARGET yaml-cpp::yaml-cpp)
else()
  set(UNSPIN_YAML_CPP_TARGET yaml-cpp)  # yaml-cpp 0.7 (Debian 12)
endif()

file(GLOB UNSPIN_DICT_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/dict/*.cpp)
add_library(unspin_dict ${UNSPIN_DICT_SOURCES})
add_library(unspin::dict ALIAS unspin_dict)
target_compile_features(unspin_dict PUBLIC cxx_std_17)
# Installed as libunspin-dict, exported as unspin::dict.
set_target_properties(unspin_dict PROPERTIES CXX_EXTENSIONS OFF
  POSITION_INDEPENDENT_CODE ON VISIBILITY_INLINES_HIDDEN ON
  VERSION ${PROJECT_VERSION} OUTPUT_NAME unspin-dict EXPORT_NAME dict)
target_include_directories(unspin_dict PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(unspin_dict PUBLIC unspin
  PRIVATE ICU::uc ICU::i18n ${UNSPIN_YAML_CPP_TARGET})
if(UNSPIN_TOP_LEVEL)
  target_compile_options(unspin_dict PRIVATE -Wall -Wextra -Wpedantic)
endif()
