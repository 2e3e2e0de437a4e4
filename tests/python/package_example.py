# unspin from Python through the package in python/ (pip install ./python).
# Kept identical to the snippet in README.md; ctest runs it.
import unspin

detector = unspin.Detector()  # the shipped tables: UNSPIN_DATA_DIR, or found
result = detector.scan("The bad guy gangs used counterfeit consciousness.")
for f in result.findings:
    print('%d:%d: "%s" -> "%s" (%.2f, %s)' % (
        f.line, f.column, f.text, f.suggestion if f.has_suggestion else "?",
        f.confidence, f.source))
print("spun:", result.verdict.spun, round(result.verdict.spun_score, 2))
print(detector.fix("The bad guy gangs left."))

try:
    unspin.Detector(tables=[("mine.tsv", "fluffy cloud\tcloud computing\nno tab\n")])
except unspin.UnspinError as e:
    print(e.code_name, e.message)
