# cmake -DNM=nm -DLIBRARY=libunspin.so -P check_exports.cmake
# Fails unless the library's dynamic symbols hold the C API and the public
# C++ API and nothing of unspin::detail or of templates instantiated inside.
execute_process(COMMAND ${NM} -D -C --defined-only ${LIBRARY}
  OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()
foreach(needed "unspin_detector_new" "unspin_detector_scan"
    "unspin::Detector::create(" "unspin::Detector::scan(" "unspin::version()")
  string(FIND "${symbols}" "${needed}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${LIBRARY} does not export ${needed}")
  endif()
endforeach()
foreach(internal "unspin::detail::" "std::_Hashtable<" "boost::")
  string(FIND "${symbols}" "${internal}" at)
  if(NOT at EQUAL -1)
    string(SUBSTRING "${symbols}" ${at} 200 sample)
    message(FATAL_ERROR "${LIBRARY} exports internals: ${sample}")
  endif()
endforeach()
string(REGEX MATCHALL "\n[0-9a-f]+ [A-Za-z] " lines "\n${symbols}")
list(LENGTH lines n)
message(STATUS "${LIBRARY}: ${n} exported symbols, no internals")
