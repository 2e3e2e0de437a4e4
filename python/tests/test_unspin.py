# unspin Python package tests (stdlib unittest): run by ctest against the
# package installed with pip, the built libunspin.so and the build-tree data.
"""Environment: UNSPIN_LIBRARY (the built library), UNSPIN_TEST_DATA_DIR
(the build tree's share/unspin) and, optionally, UNSPIN_TEST_PACKAGE_DIR
(where pip installed the package: the tests check they import that copy)."""
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

import unspin

DATA_DIR = os.environ.get("UNSPIN_TEST_DATA_DIR")

# A hermetic table (no morphology): exact forms only.
TABLE = (
    "# name\n"
    "bad guy gangs\tcriminal gangs\t0.95\tnews\n"
    "counterfeit consciousness\tartificial intelligence\t0.97\tscience\n"
    "fog computing\tcloud computing|edge computing\t0.9\tscience\n"
    "weird term\t?\t0.9\n"
    "actually\t<delete>\t0.9\n"
)


def tiny(**kwargs):
    """A Detector over TABLE only, reporting everything."""
    kwargs.setdefault("min_confidence", 0.0)
    return unspin.Detector(None, tables=[("tiny.tsv", TABLE)], **kwargs)


def run_python(code, **env_changes):
    """Runs `code` in a fresh interpreter with the environment changed
    (None removes a variable); returns (exit status, stdout + stderr)."""
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    # The child imports the same unspin as this process.
    package_parent = os.path.dirname(os.path.dirname(unspin.__file__))
    env["PYTHONPATH"] = os.pathsep.join(
        [package_parent] + [p for p in env.get("PYTHONPATH", "").split(
            os.pathsep) if p])
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    return done.returncode, done.stdout


class TestInstalled(unittest.TestCase):
    def test_imports_the_copy_pip_installed(self):
        expected = os.environ.get("UNSPIN_TEST_PACKAGE_DIR")
        if not expected:
            self.skipTest("UNSPIN_TEST_PACKAGE_DIR not set")
        self.assertTrue(os.path.realpath(unspin.__file__).startswith(
            os.path.realpath(expected) + os.sep), unspin.__file__)

    def test_library_version_matches_the_package(self):
        self.assertEqual(unspin.library_version(), unspin.__version__)


class TestScan(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.detector = tiny()

    @classmethod
    def tearDownClass(cls):
        cls.detector.close()

    def test_finds_the_table_phrases_with_their_places(self):
        result = self.detector.scan("Fine.\nThe bad guy gangs left.")
        self.assertEqual(len(result), 1)
        f = result.findings[0]
        self.assertEqual((f.begin, f.end, f.line, f.column), (10, 23, 2, 5))
        self.assertEqual(f.text, "bad guy gangs")
        self.assertEqual(f.suggestion, "criminal gangs")
        self.assertTrue(f.has_suggestion)
        self.assertTrue(f.rewritable)
        self.assertEqual(f.source, "table:tiny.tsv:2")
        self.assertEqual((f.entry_spun, f.entry_canonical),
                         ("bad guy gangs", "criminal gangs"))
        self.assertGreater(f.confidence, 0.5)
        self.assertLessEqual(f.confidence, 1.0)
        self.assertEqual(list(result), [f])
        self.assertIs(result[0], f)

    def test_keeps_capitalization_and_gives_alternatives(self):
        f = self.detector.scan("Fog computing is here.")[0]
        self.assertEqual(f.suggestion, "Cloud computing")
        self.assertEqual(f.alternatives, ("Edge computing",))

    def test_an_unknown_canonical_has_no_suggestion_and_delete_is_empty(self):
        result = self.detector.scan("A weird term, actually, is used.")
        self.assertEqual([f.text for f in result],
                         ["weird term", ", actually,"])
        self.assertIsNone(result[0].suggestion)
        self.assertFalse(result[0].has_suggestion)
        self.assertEqual(result[1].suggestion, "")
        self.assertTrue(result[1].has_suggestion)

    def test_offsets_are_bytes_and_char_offsets_index_the_str(self):
        text = "Caf\u00e9 \u00fcber alles: bad guy gangs, counterfeit consciousness."
        result = self.detector.scan(text)
        self.assertEqual(len(result), 2)
        data = text.encode("utf-8")
        for f in result:
            self.assertEqual(data[f.begin:f.end].decode("utf-8"), f.text)
            self.assertEqual(text[f.char_begin:f.char_end], f.text)
        self.assertEqual(result[0].begin - result[0].char_begin, 2)
        self.assertEqual(result[0].column, result[0].char_begin + 1)

    def test_bytes_in_bytes_out(self):
        result = self.detector.scan(b"the bad guy gangs")
        self.assertEqual((result[0].begin, result[0].char_begin), (4, 4))
        self.assertEqual(self.detector.fix(b"the bad guy gangs"),
                         b"the criminal gangs")
        self.assertEqual(self.detector.fix(bytearray(b"Bad guy gangs")),
                         b"Criminal gangs")

    def test_verdict(self):
        spun = self.detector.scan(
            "The bad guy gangs used counterfeit consciousness.").verdict
        self.assertTrue(spun.spun)
        self.assertGreaterEqual(spun.spun_score, 0.5)
        self.assertEqual(spun.words, 7)
        self.assertEqual(spun.distinct_phrases, 2)
        self.assertAlmostEqual(spun.findings_per_1000_words, 2000 / 7)
        clean = self.detector.scan("A perfectly ordinary sentence.").verdict
        self.assertFalse(clean.spun)
        self.assertEqual(clean.distinct_phrases, 0)

    def test_empty_text(self):
        result = self.detector.scan("")
        self.assertEqual(result.findings, ())
        self.assertEqual(result.verdict.words, 0)
        self.assertEqual(self.detector.fix(""), "")

    def test_fix(self):
        self.assertEqual(
            self.detector.fix("Bad guy gangs, actually, use fog computing."),
            "Criminal gangs use cloud computing.")

    def test_markdown_and_html_prose_only(self):
        md = ("Bad guy gangs ran `bad guy gangs` and "
              "![bad guy gangs](https://x.test/bad-guy-gangs).\n")
        result = self.detector.scan(md, markup="markdown")
        self.assertEqual([(f.column, f.rewritable) for f in result],
                         [(1, True), (41, False)])
        self.assertEqual(
            self.detector.fix(md, "markdown"),
            "Criminal gangs ran `bad guy gangs` and "
            "![bad guy gangs](https://x.test/bad-guy-gangs).\n")
        self.assertIn("![criminal gangs]", self.detector.fix(
            md, unspin.Markup.MARKDOWN, rewrite_attributes=True))
        html = '<p title="bad guy gangs">bad guy gangs</p>'
        self.assertEqual(self.detector.fix(html, "HTML"),
                         '<p title="bad guy gangs">criminal gangs</p>')

    def test_suppression_comments_unless_inline_config_is_off(self):
        off = "<!-- unspin-disable -->\n<p>bad guy gangs</p>"
        self.assertEqual(len(self.detector.scan(off, "html")), 0)
        self.assertEqual(self.detector.fix(off, "html", inline_config=False),
                         "<!-- unspin-disable -->\n<p>criminal gangs</p>")

    def test_an_unknown_markup_is_a_value_error(self):
        with self.assertRaises(ValueError):
            self.detector.scan("x", markup="rtf")
        with self.assertRaises(ValueError):
            self.detector.scan("x", markup=7)

    def test_many_threads_share_one_detector(self):
        texts = ["Line %d: the bad guy gangs, fog computing." % i
                 for i in range(64)]
        expected = [self.detector.scan(t) for t in texts]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(self.detector.scan, texts * 4))
            fixed = list(pool.map(self.detector.fix, texts))
        self.assertEqual(got, expected * 4)
        self.assertEqual(fixed[3], "Line 3: the criminal gangs, cloud computing.")


class TestOptions(unittest.TestCase):
    def test_min_confidence_domains_and_allowlists(self):
        text = "The bad guy gangs used counterfeit consciousness."
        with tiny(domains=["science"]) as d:
            self.assertEqual([f.text for f in d.scan(text)],
                             ["counterfeit consciousness"])
        with tiny(allow=["bad guy gangs"]) as d:
            self.assertEqual(len(d.scan(text)), 1)
        with tempfile.TemporaryDirectory() as tmp:
            allow = os.path.join(tmp, "allow.txt")
            with open(allow, "w", encoding="utf-8") as f:
                f.write("# never flag\ncounterfeit consciousness\n")
            table = os.path.join(tmp, "mine.tsv")
            with open(table, "w", encoding="utf-8") as f:
                f.write("used\temployed\t0.9\n")
            with unspin.Detector(None, allowlists=[allow],
                                 tables=[("tiny.tsv", TABLE), table]) as d:
                self.assertEqual([f.suggestion for f in d.scan(text)],
                                 ["criminal gangs", "employed"])
                self.assertEqual(d.scan(text)[1].source, "table:mine.tsv:1")
        with unspin.Detector(None, tables=[("t.tsv", "weak phrase\tx\t0.3\n")],
                             min_confidence=0.9) as d:
            self.assertEqual(len(d.scan("a weak phrase")), 0)

    def test_invalid_utf8_is_an_error_or_replaced(self):
        with tiny() as d:
            with self.assertRaises(unspin.UnspinError) as caught:
                d.scan(b"ok \xff bad guy gangs")
            self.assertEqual(caught.exception.code, unspin.Code.INVALID_UTF8)
            self.assertIn("byte 3", caught.exception.message)
        with tiny(invalid_utf8="replace") as d:
            # U+FFFD stands in for the byte; offsets stay the caller's.
            self.assertEqual(d.scan(b"ok \xff bad guy gangs")[0].begin, 5)
        with self.assertRaises(ValueError):
            tiny(invalid_utf8="ignore")

    def test_closed_detector(self):
        d = tiny()
        self.assertIn("entries", repr(d))
        d.close()
        d.close()
        self.assertIn("closed", repr(d))
        with self.assertRaises(ValueError):
            d.scan("bad guy gangs")


class TestErrors(unittest.TestCase):
    def test_a_malformed_table_names_file_and_line(self):
        with self.assertRaises(unspin.UnspinError) as caught:
            unspin.Detector(None, tables=[("mine.tsv", "a\tb\n\nbroken\n")])
        e = caught.exception
        self.assertEqual(e.code, unspin.Code.PARSE_ERROR)
        self.assertEqual(e.code_name, "UNSPIN_PARSE_ERROR")
        self.assertEqual(
            str(e), "mine.tsv:3: expected 2-5 tab-separated fields, found 1")

    def test_a_missing_file_is_an_io_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "none.tsv")
            with self.assertRaises(unspin.UnspinError) as caught:
                unspin.Detector(None, tables=[missing])
            self.assertEqual(caught.exception.code, unspin.Code.IO_ERROR)
            self.assertIn(missing, caught.exception.message)
            with self.assertRaises(unspin.UnspinError) as caught:
                unspin.Detector(os.path.join(tmp, "no-such-dir"))
            self.assertEqual(caught.exception.code, unspin.Code.IO_ERROR)

    def test_an_out_of_range_option_is_an_invalid_argument(self):
        with self.assertRaises(unspin.UnspinError) as caught:
            tiny(min_confidence=1.5)
        self.assertEqual(caught.exception.code, unspin.Code.INVALID_ARGUMENT)
        self.assertIn("min_confidence", caught.exception.message)

    def test_a_missing_library_says_what_was_tried(self):
        status, out = run_python("""
            import unspin
            try:
                unspin.Detector(None)
            except unspin.LibraryNotFoundError as e:
                print("not found:", e)
            """, UNSPIN_LIBRARY="/nonexistent/libunspin.so")
        self.assertEqual(status, 0, out)
        self.assertIn("not found: cannot load libunspin.so; tried: "
                      "/nonexistent/libunspin.so (UNSPIN_LIBRARY)", out)


@unittest.skipUnless(DATA_DIR, "UNSPIN_TEST_DATA_DIR not set")
class TestDataDir(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.detector = unspin.Detector(DATA_DIR, min_confidence=0.0)

    def test_the_shipped_tables_and_morphology(self):
        d = self.detector
        self.assertGreater(d.entry_count, 1000)
        result = d.scan("Police eliminated the bad guy gangs, and the "
                        "counterfeit consciousness grew.")
        self.assertEqual([f.text for f in result],
                         ["eliminated", "bad guy gangs",
                          "counterfeit consciousness"])
        self.assertEqual(result[0].suggestion, "killed")  # inflected
        self.assertLess(result[0].confidence, 0.5)  # a lone ordinary word
        self.assertTrue(result[1].source.startswith("table:en/news.tsv:"))
        self.assertEqual(d.fix("The bad guy gangs left."),
                         "The criminal gangs left.")

    def test_tables_of_your_own_beside_or_instead_of_the_shipped_ones(self):
        mine = ("mine.tsv", "sparkly kettle\tmagic teapot\t0.9\n")
        with unspin.Detector(DATA_DIR, tables=[mine]) as d:
            self.assertEqual(d.entry_count, self.detector.entry_count + 1)
            # The data dir's morphology inflects your entries too.
            self.assertEqual(d.fix("Sparkly kettles and bad guy gangs."),
                             "Magic teapots and criminal gangs.")
        with unspin.Detector(DATA_DIR, builtin_tables=False,
                             tables=[mine]) as d:
            self.assertEqual(d.entry_count, 1)
            self.assertEqual(d.fix("Sparkly kettles and bad guy gangs."),
                             "Magic teapots and bad guy gangs.")

    @unittest.skipUnless(
        DATA_DIR and os.path.isfile(os.path.join(DATA_DIR, "lm", "en-us.lmc")),
        "no discovery data (UNSPIN_WITH_DISCOVERY off)")
    def test_discovery_finds_what_no_table_holds(self):
        text = "We apply counterfeit brainpower."
        self.assertEqual(len(self.detector.scan(text)), 0)
        with unspin.Detector(DATA_DIR, discovery=True) as d:
            f = d.scan(text)[0]
        self.assertEqual((f.text, f.suggestion),
                         ("counterfeit brainpower", "artificial intelligence"))
        self.assertTrue(f.source.startswith("discovered:"), f.source)
        self.assertIn("established term", f.explanation)

    def test_the_default_data_dir_is_found_next_to_the_library(self):
        status, out = run_python("""
            import unspin
            print(unspin.default_data_dir())
            print(unspin.Detector().fix("The bad guy gangs left."))
            """, UNSPIN_DATA_DIR=None)
        self.assertEqual(status, 0, out)
        self.assertEqual(out.splitlines(), [
            os.path.realpath(DATA_DIR), "The criminal gangs left."])

    def test_a_data_dir_in_the_environment_that_does_not_exist_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            status, out = run_python("""
                import unspin
                try:
                    unspin.Detector()
                except unspin.UnspinError as e:
                    print(e.code_name, e)
                """, UNSPIN_DATA_DIR=os.path.join(tmp, "gone"))
        self.assertEqual(status, 0, out)
        self.assertTrue(out.startswith("UNSPIN_IO_ERROR " + tmp), out)


if __name__ == "__main__":
    unittest.main()
