# unspin from Python through ctypes and the C API (include/unspin/unspin.h).
# Kept identical to the snippet in docs/c-api-python.md; ctest runs it.
import ctypes, ctypes.util, os

lib = ctypes.CDLL(os.environ.get("UNSPIN_LIBRARY")
                  or ctypes.util.find_library("unspin") or "libunspin.so")
data = os.environ.get("UNSPIN_DATA_DIR", "/usr/local/share/unspin")

P, S, STR = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
for name, res, args in [
    ("unspin_options_new_from_data_dir", ctypes.c_int,
     [STR, ctypes.c_uint, ctypes.POINTER(P), ctypes.POINTER(P)]),
    ("unspin_options_free", None, [P]),
    ("unspin_detector_new", ctypes.c_int, [P, ctypes.POINTER(P), ctypes.POINTER(P)]),
    ("unspin_detector_scan", ctypes.c_int, [P, STR, S, ctypes.POINTER(P), ctypes.POINTER(P)]),
    ("unspin_detector_free", None, [P]),
    ("unspin_result_count", S, [P]),
    ("unspin_finding_line", S, [P, S]),
    ("unspin_finding_column", S, [P, S]),
    ("unspin_finding_text", STR, [P, S]),
    ("unspin_finding_suggestion", STR, [P, S]),  # None: no suggestion
    ("unspin_finding_confidence", ctypes.c_double, [P, S]),
    ("unspin_result_free", None, [P]),
    ("unspin_error_message", STR, [P]),
    ("unspin_error_free", None, [P]),
]:
    getattr(lib, name).restype, getattr(lib, name).argtypes = res, args

def check(code, error):
    if code != 0:  # UNSPIN_OK
        message = lib.unspin_error_message(error).decode()
        lib.unspin_error_free(error)
        raise RuntimeError(message)

options, detector, result, error = P(), P(), P(), P()
# The shipped tables and morphology (flags 0; UNSPIN_DATA_DIR_DISCOVERY = 2).
check(lib.unspin_options_new_from_data_dir(data.encode(), 0, ctypes.byref(options),
                                           ctypes.byref(error)), error)
check(lib.unspin_detector_new(options, ctypes.byref(detector), ctypes.byref(error)), error)
lib.unspin_options_free(options)

text = "The bad guy gangs used counterfeit consciousness.".encode()
check(lib.unspin_detector_scan(detector, text, len(text), ctypes.byref(result),
                               ctypes.byref(error)), error)
for i in range(lib.unspin_result_count(result)):
    suggestion = lib.unspin_finding_suggestion(result, i)
    print('%d:%d: "%s" -> "%s" (%.2f)' % (
        lib.unspin_finding_line(result, i), lib.unspin_finding_column(result, i),
        lib.unspin_finding_text(result, i).decode(),
        suggestion.decode() if suggestion is not None else "?",
        lib.unspin_finding_confidence(result, i)))
lib.unspin_result_free(result)
lib.unspin_detector_free(detector)
