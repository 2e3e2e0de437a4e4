#!/usr/bin/env python3
# Tests of tools/spin_sim.py on a tiny purpose-built thesaurus and corpus in a
# temporary directory (no network, no installed data; touches only its own).
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "spin_sim.py")
sys.path.insert(0, os.path.dirname(TOOL))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import spin_sim  # noqa: E402

# Moby format: headword, then synonyms; multiword entries on both sides.
THESAURUS = """stock market,exchange,bourse,inventory market
heart attack,cardiac arrest,coronary
market,mart,bazaar,emporium
report,account,statement,story
quick,fast,rapid,speedy
house,home,dwelling,abode
walk,stroll,hike,march
city,town,metropolis,municipality
big,large,huge,great
news,tidings,word
"""

SENTENCE = ("\tThe/at big/jj city/nn reports/nns a/at heart/nn attack/nn "
            "on/in the/at stock/nn market/nn ,/, ``/`` quick/jj ''/'' news/nn "
            "./.\n\n\n\tHe/pps walked/vbd home/nn ,/, BIG/jj HOUSE/nn ./.\n")


def run_tool(*args):
    proc = subprocess.run([sys.executable, TOOL] + list(args),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError("spin_sim failed: " + proc.stderr)
    return proc.stdout


class SpinSimTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="spin_sim_test_")
        root = cls.tmp.name
        cls.thesaurus = os.path.join(root, "words.txt")
        with open(cls.thesaurus, "w") as f:
            f.write(THESAURUS)
        cls.corpus = os.path.join(root, "corpus")
        os.mkdir(cls.corpus)
        # 40 files of 30 copies each: enough units to check the rate.
        for i in range(40):
            with open(os.path.join(cls.corpus, "ca%02d" % i), "w") as f:
                f.write("\n\n".join([SENTENCE] * 30))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def simulate(self, out, rate="0.35", seed="7"):
        return run_tool("--corpus", self.corpus, "--thesaurus", self.thesaurus,
                        "--out", os.path.join(self.tmp.name, out),
                        "--rate", rate, "--seed", seed)

    def outputs(self, out):
        root = os.path.join(self.tmp.name, out)
        files = {}
        for split in ("fit", "dev", "test"):
            for name in sorted(os.listdir(os.path.join(root, split))):
                with open(os.path.join(root, split, name), "rb") as f:
                    files[split + "/" + name] = f.read()
        return files

    def test_detokenizes_with_ordinary_spacing_and_quotes(self):
        self.simulate("detok", rate="0")
        files = self.outputs("detok")
        clean = next(v for k, v in files.items() if k.endswith(".clean.txt"))
        first = clean.decode().split("\n\n")[0]
        self.assertEqual(first, 'The big city reports a heart attack on the '
                                'stock market, "quick" news.')
        self.assertEqual(clean.decode().split("\n\n")[1],
                         "He walked home, BIG HOUSE.")
        spun = next(v for k, v in files.items() if k.endswith(".spun.txt"))
        self.assertEqual(spun, clean)

    def test_swaps_about_the_requested_share_of_replaceable_units(self):
        stdout = self.simulate("rate", rate="0.35")
        figures = dict(line.split(": ", 1) for line in stdout.splitlines())
        share = float(figures["swap_share_of_replaceable"])
        self.assertGreater(int(figures["replaceable_units"]), 5000)
        self.assertAlmostEqual(share, 0.35, delta=0.03)
        # Function words are never replaceable: 12 replaceable units per copy
        # (big, city, reports, heart attack, stock market, quick, news,
        # walked, home, BIG, HOUSE; "on", "the", "a", "He" are not).
        self.assertEqual(int(figures["replaceable_units"]), 40 * 30 * 11)

    def test_gold_offsets_point_at_the_spun_words(self):
        self.simulate("gold")
        files = self.outputs("gold")
        swaps = 0
        originals = set()
        for key, spun in files.items():
            if not key.endswith(".spun.txt"):
                continue
            gold = files[key.replace(".spun.txt", ".gold.jsonl")]
            for line in gold.decode().splitlines():
                g = json.loads(line)
                self.assertEqual(spun[g["begin"]:g["end"]].decode(), g["spun"])
                self.assertNotEqual(g["spun"].lower(), g["original"].lower())
                originals.add(g["original"])
                swaps += 1
        self.assertGreater(swaps, 1000)
        # Multiword entries are swapped as a whole, inflected words too.
        self.assertIn("heart attack", originals)
        self.assertIn("stock market", originals)
        self.assertIn("reports", originals)
        self.assertIn("walked", originals)

    def test_keeps_capitalization_and_inflection(self):
        self.simulate("case")
        files = self.outputs("case")
        seen = {}
        for key, gold in files.items():
            if key.endswith(".gold.jsonl"):
                for line in gold.decode().splitlines():
                    g = json.loads(line)
                    seen.setdefault(g["original"], set()).add(g["spun"])
        self.assertEqual(seen["BIG"], {"LARGE", "HUGE", "GREAT"})
        self.assertEqual(seen["HOUSE"], {"HOME", "DWELLING", "ABODE"})
        self.assertTrue(seen["big"] <= {"large", "huge", "great"})
        self.assertNotIn("He", seen)
        self.assertEqual(seen["reports"], {"accounts", "statements", "stories"})
        self.assertEqual(seen["walked"], {"strolled", "hiked", "marched"})
        # Title case of a phrase, a capital of a single word (the fixture's
        # capitalized words are function words or all caps).
        self.assertEqual(spin_sim.apply_case("inventory market",
                                             spin_sim.case_of("Stock Market")),
                         "Inventory Market")
        self.assertEqual(spin_sim.apply_case("fast", spin_sim.case_of("Quick")),
                         "Fast")

    def test_links_are_used_in_both_directions(self):
        self.simulate("both")
        files = self.outputs("both")
        seen = {}
        for key, gold in files.items():
            if key.endswith(".gold.jsonl"):
                for line in gold.decode().splitlines():
                    g = json.loads(line)
                    seen.setdefault(g["original"], set()).add(g["spun"])
        # "home" is listed under "house" only.
        self.assertEqual(seen["home"], {"house"})

    def test_same_seed_gives_the_same_output(self):
        self.simulate("det_a", seed="3")
        self.simulate("det_b", seed="3")
        self.simulate("det_c", seed="4")
        a, b, c = (self.outputs(x) for x in ("det_a", "det_b", "det_c"))
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)

    def test_pick_common_favours_frequent_synonyms(self):
        import random
        spinner = spin_sim.Spinner({}, 0.35, {"large": 998, "the": 5})
        options = ["great", "huge", "large", "large number"]
        rng = random.Random(5)
        picks = [options[spinner.pick_index(options, rng)]
                 for _ in range(2000)]
        # Weights 1, 1, 999 and 1 (a phrase takes its rarest word's count).
        self.assertGreater(picks.count("large"), 1900)
        self.assertGreater(picks.count("great") + picks.count("huge"), 0)
        uniform = spin_sim.Spinner({}, 0.35)
        rng = random.Random(5)
        picks = [options[uniform.pick_index(options, rng)]
                 for _ in range(2000)]
        self.assertLess(picks.count("large"), 700)

    def test_pick_common_is_deterministic_and_differs_from_uniform(self):
        for out, pick in (("pc_a", "common"), ("pc_b", "common"),
                          ("pc_u", "uniform")):
            run_tool("--corpus", self.corpus, "--thesaurus", self.thesaurus,
                     "--out", os.path.join(self.tmp.name, out),
                     "--seed", "3", "--pick", pick)
        a, b, u = (self.outputs(x) for x in ("pc_a", "pc_b", "pc_u"))
        self.assertEqual(a, b)
        self.assertNotEqual(a, u)

    def test_split_is_a_stable_hash_of_the_file_name(self):
        self.simulate("split")
        with open(os.path.join(self.tmp.name, "split", "split.tsv")) as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        self.assertEqual(rows[0], ["file", "split", "words"])
        for name, split, words in rows[1:]:
            bucket = int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % 100
            expected = "fit" if bucket < 60 else "dev" if bucket < 80 else "test"
            self.assertEqual(split, expected)
            self.assertTrue(os.path.exists(os.path.join(
                self.tmp.name, "split", split, name + ".spun.txt")))
            self.assertEqual(int(words), 30 * 18)  # 13 + 5 words a copy
        self.assertEqual(spin_sim.split_of("ca01"), spin_sim.split_of("ca01"))

    def test_hide_fraction_removes_about_that_share_of_links(self):
        big = os.path.join(self.tmp.name, "big.txt")
        with open(big, "w") as f:
            for i in range(200):
                f.write(",".join(["h%d" % i] + ["s%d_%d" % (i, j)
                                                for j in range(20)]) + "\n")
        out = os.path.join(self.tmp.name, "hidden.txt")
        run_tool("--thesaurus", big, "--hide-fraction", "0.3",
                 "--hide-seed", "5", "--out", out)
        with open(out) as f:
            lines = f.read().splitlines()
        self.assertEqual(len(lines), 200)
        kept = sum(len(line.split(",")) - 1 for line in lines)
        self.assertAlmostEqual(1 - kept / 4000.0, 0.3, delta=0.03)
        self.assertTrue(all(line.startswith("h") for line in lines))
        again = os.path.join(self.tmp.name, "hidden2.txt")
        run_tool("--thesaurus", big, "--hide-fraction", "0.3",
                 "--hide-seed", "5", "--out", again)
        with open(again) as f:
            self.assertEqual(f.read().splitlines(), lines)

    def test_missing_inputs_are_clear_errors(self):
        proc = subprocess.run(
            [sys.executable, TOOL, "--corpus",
             os.path.join(self.tmp.name, "nowhere"), "--thesaurus",
             self.thesaurus, "--out", os.path.join(self.tmp.name, "x")],
            capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("corpus directory not found", proc.stderr)


if __name__ == "__main__":
    unittest.main()
