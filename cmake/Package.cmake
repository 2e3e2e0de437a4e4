# unspin packaging: the optional shared library for C/FFI users, install
# rules, the exported CMake package (unspin::) and the pkg-config file.
include(CMakePackageConfigHelpers)

# unspin is static unless BUILD_SHARED_LIBS is on. C programs and FFIs
# (Python ctypes, ...) want a shared library, so a static build also links
# the very same object files into libunspin.so (target unspin_shared,
# exported as unspin::unspin_shared). No source is compiled twice: this
# needs TARGET_OBJECTS of a static library (CMake >= 3.15) and relies on
# unspin's POSITION_INDEPENDENT_CODE. It exports the whole public API, C
# and C++, and nothing of unspin::detail (cmake/libunspin.map).
get_target_property(UNSPIN_LIBRARY_TYPE unspin TYPE)
set(UNSPIN_SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
if(UNSPIN_LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
  set_target_properties(unspin PROPERTIES SOVERSION ${UNSPIN_SOVERSION})
  set(UNSPIN_SHARED_TARGET unspin)
elseif(UNSPIN_BUILD_SHARED_C)
  add_library(unspin_shared SHARED $<TARGET_OBJECTS:unspin>)
  add_library(unspin::unspin_shared ALIAS unspin_shared)
  target_compile_features(unspin_shared PUBLIC cxx_std_17)
  target_include_directories(unspin_shared PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(unspin_shared PRIVATE ICU::uc ICU::i18n
    PkgConfig::HUNSPELL PkgConfig::MD4C PkgConfig::GUMBO)
  set_target_properties(unspin_shared PROPERTIES OUTPUT_NAME unspin
    LINKER_LANGUAGE CXX VERSION ${PROJECT_VERSION}
    SOVERSION ${UNSPIN_SOVERSION})
  # Export the C API and the public C++ API only (see the map file);
  # tests/c checks the list and links a C++ program against it.
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(UNSPIN_VERSION_SCRIPT ${PROJECT_SOURCE_DIR}/cmake/libunspin.map)
    target_link_options(unspin_shared PRIVATE
      "LINKER:--version-script=${UNSPIN_VERSION_SCRIPT}")
    set_property(TARGET unspin_shared APPEND PROPERTY
      LINK_DEPENDS ${UNSPIN_VERSION_SCRIPT})
  endif()
  set(UNSPIN_SHARED_TARGET unspin_shared)
else()
  set(UNSPIN_SHARED_TARGET "")
endif()

# The dictionary tools follow libunspin's type (BUILD_SHARED_LIBS).
set(UNSPIN_DICT_NEEDS_DEPENDENCIES OFF)
if(TARGET unspin_dict)
  get_target_property(UNSPIN_DICT_TYPE unspin_dict TYPE)
  if(UNSPIN_DICT_TYPE STREQUAL "SHARED_LIBRARY")
    set_target_properties(unspin_dict PROPERTIES SOVERSION ${UNSPIN_SOVERSION})
  else()
    set(UNSPIN_DICT_NEEDS_DEPENDENCIES ON)  # yaml-cpp, for the link
  endif()
endif()

# A parent project that uses add_subdirectory() finds the runtime data here
# (the same variable find_package(unspin) sets).
if(NOT UNSPIN_TOP_LEVEL)
  set(unspin_DATA_DIR ${UNSPIN_BUILD_DATA_DIR} PARENT_SCOPE)
endif()

if(NOT UNSPIN_INSTALL)
  return()
endif()

set(UNSPIN_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/unspin)
set(UNSPIN_DATA_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/unspin)

if(TARGET unspin_shared)
  set(UNSPIN_INSTALL_TARGETS unspin unspin_shared)
else()
  set(UNSPIN_INSTALL_TARGETS unspin)
endif()
install(TARGETS ${UNSPIN_INSTALL_TARGETS} EXPORT unspinTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/unspin
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${UNSPIN_BUILD_DATA_DIR}/ DESTINATION ${UNSPIN_DATA_INSTALL_DIR})

install(EXPORT unspinTargets NAMESPACE unspin::
  FILE unspinTargets.cmake DESTINATION ${UNSPIN_CMAKE_INSTALL_DIR})
# unspin::dict in a file of its own: the package config loads it when
# yaml-cpp, which a static libunspin-dict links, can be found.
if(TARGET unspin_dict)
  install(TARGETS unspin_dict EXPORT unspinDictTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT unspinDictTargets NAMESPACE unspin::
    FILE unspinDictTargets.cmake DESTINATION ${UNSPIN_CMAKE_INSTALL_DIR})
endif()
# The config re-finds what a static libunspin links (ICU, hunspell).
if(UNSPIN_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY")
  set(UNSPIN_NEEDS_DEPENDENCIES ON)
else()
  set(UNSPIN_NEEDS_DEPENDENCIES OFF)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/unspinConfig.cmake.in
  ${PROJECT_BINARY_DIR}/unspinConfig.cmake
  INSTALL_DESTINATION ${UNSPIN_CMAKE_INSTALL_DIR}
  PATH_VARS UNSPIN_DATA_INSTALL_DIR)
# 0.x: minor versions may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/unspinConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/unspinConfig.cmake
  ${PROJECT_BINARY_DIR}/unspinConfigVersion.cmake
  DESTINATION ${UNSPIN_CMAKE_INSTALL_DIR})

# pkg-config: relocatable (paths relative to ${pcfiledir}) unless the
# install dirs are absolute.
set(UNSPIN_PC_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}"
    OR IS_ABSOLUTE "${CMAKE_INSTALL_DATADIR}")
  set(UNSPIN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH UNSPIN_PC_UP /unspin-root/${UNSPIN_PC_INSTALL_DIR} /unspin-root)
  string(REGEX REPLACE "/$" "" UNSPIN_PC_UP "${UNSPIN_PC_UP}")
  set(UNSPIN_PC_PREFIX "\${pcfiledir}/${UNSPIN_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR DATADIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(UNSPIN_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(UNSPIN_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/unspin.pc.in
  ${PROJECT_BINARY_DIR}/unspin.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/unspin.pc DESTINATION ${UNSPIN_PC_INSTALL_DIR})
if(TARGET unspin_dict)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/unspin-dict.pc.in
    ${PROJECT_BINARY_DIR}/unspin-dict.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/unspin-dict.pc
    DESTINATION ${UNSPIN_PC_INSTALL_DIR})
endif()
