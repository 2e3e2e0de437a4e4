# unspin package tests, run by ctest as `cmake -DSTEP=... -P run.cmake`:
# install the build tree into a prefix, then build and run consumers of it.
#
# STEP=install         BUILD_DIR PREFIX
# STEP=cmake_consumer  SOURCE BINARY GENERATOR BUILD_TYPE CXX [PREFIX]
#                      [UNSPIN_SOURCE_DIR]
# STEP=pkg_config      PREFIX LIBDIR BINARY CXX MAIN DICT_MAIN PKG_CONFIG
cmake_minimum_required(VERSION 3.16)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("$ ${ARGN}\n${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
  set(RUN_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

if(STEP STREQUAL "install")
  # Reuses the already-built tree: no compilation here.
  file(REMOVE_RECURSE ${PREFIX})
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
  # The header-only parts: the test matchers and what they include.
  foreach(header unspin.hpp catch2.hpp gtest.hpp matcher_text.hpp excerpt.hpp)
    file(GLOB found ${PREFIX}/include/unspin/${header})
    if(NOT found)
      message(FATAL_ERROR "not installed: include/unspin/${header}")
    endif()
  endforeach()

elseif(STEP STREQUAL "cmake_consumer")
  set(defs -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCMAKE_CXX_COMPILER=${CXX})
  if(PREFIX)
    # A fresh configure each time: find_package must work from scratch.
    file(REMOVE_RECURSE ${BINARY})
    list(APPEND defs -DCMAKE_PREFIX_PATH=${PREFIX}
      -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
  endif()
  if(UNSPIN_SOURCE_DIR)
    # Kept between runs: rebuilding unspin from scratch every time is slow.
    list(APPEND defs -DUNSPIN_SOURCE_DIR=${UNSPIN_SOURCE_DIR})
  endif()
  run(${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR} ${defs})
  run(${CMAKE_COMMAND} --build ${BINARY})
  run(${BINARY}/consumer)
  run(${BINARY}/dict_consumer)
  if(EXISTS ${BINARY}/gtest_consumer)  # find_package: the gtest.hpp matchers
    run(${BINARY}/gtest_consumer)
  endif()

elseif(STEP STREQUAL "pkg_config")
  file(REMOVE_RECURSE ${BINARY})
  file(MAKE_DIRECTORY ${BINARY})
  # Searched before the system's directories.
  set(ENV{PKG_CONFIG_PATH} ${PREFIX}/${LIBDIR}/pkgconfig)
  run(${PKG_CONFIG} --cflags --libs --static unspin)
  string(STRIP "${RUN_OUTPUT}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  # With both libunspin.a and libunspin.so installed the linker would pick
  # the .so; link the archive itself so that the flags must be complete
  # (Requires.private) for a static link to succeed.
  set(archive ${PREFIX}/${LIBDIR}/libunspin.a)
  if(EXISTS ${archive})
    list(TRANSFORM flags REPLACE "^-lunspin$" "${archive}")
  endif()
  run(${PKG_CONFIG} --variable=datadir unspin)
  string(STRIP "${RUN_OUTPUT}" datadir)
  if(NOT EXISTS ${datadir}/hunspell/en_US.aff)
    message(FATAL_ERROR "pkg-config datadir ${datadir} has no hunspell/en_US.aff")
  endif()
  run(${CXX} -std=c++17 "-DCONSUMER_DATA_DIR=\"${datadir}\"" ${MAIN}
    -o ${BINARY}/consumer ${flags})
  set(ENV{LD_LIBRARY_PATH} ${PREFIX}/${LIBDIR})
  run(${BINARY}/consumer)

  # unspin-dict.pc: Requires unspin, Requires.private yaml-cpp.
  run(${PKG_CONFIG} --cflags --libs --static unspin-dict)
  string(STRIP "${RUN_OUTPUT}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(dict_archive ${PREFIX}/${LIBDIR}/libunspin-dict.a)
  if(EXISTS ${dict_archive})
    list(TRANSFORM flags REPLACE "^-lunspin-dict$" "${dict_archive}")
  endif()
  if(EXISTS ${archive})
    list(TRANSFORM flags REPLACE "^-lunspin$" "${archive}")
  endif()
  run(${CXX} -std=c++17 ${DICT_MAIN} -o ${BINARY}/dict_consumer ${flags})
  run(${BINARY}/dict_consumer)

else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
