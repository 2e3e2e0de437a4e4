# unspin tests: a Python snippet in the docs is exactly a tested example file
# (minus its two-line file header), so the documented code is the tested code.
import sys

example, docs = sys.argv[1], sys.argv[2:]
with open(example, encoding="utf-8") as f:
    body = "".join(f.readlines()[2:])
for path in docs:
    try:
        with open(path, encoding="utf-8") as f:
            if "```python\n" + body + "```" in f.read():
                print("snippet found in", path)
                sys.exit(0)
    except FileNotFoundError:
        pass
sys.exit("the snippet in %s is not in any of: %s" % (example, ", ".join(docs)))
