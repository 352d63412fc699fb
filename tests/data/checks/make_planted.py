#!/usr/bin/env python3
"""Builds the planted check corpus (tests/data/checks/*.xlf) from corpora/.

Every aligned row of the corpora becomes a clean unit ("clean-..."); chosen
rows are copied with one planted error each ("<check>-<n>"), and hand-made
look-alikes ("alike-<check>-<n>") are valid forms that must give no finding.
tests/cli/check_cli_test.cpp reads the unit ids as the expectation. Run from
the repository root: python3 tests/data/checks/make_planted.py
"""
import csv, glob, os, re, sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(ROOT, "..", "..", ".."))

rows = []  # (story, n, {lang: text})
for path in sorted(glob.glob(os.path.join(REPO, "corpora", "*", "*.tsv"))):
    story = os.path.basename(path)[:-4]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    for n, line in enumerate(lines[1:], 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        rows.append((story, n, dict(zip(header, cells))))

from collections import Counter
source_count = Counter(r.get("en", "") for _, _, r in rows)

def pick(pred, lang, k, skip=()):
    # Rows whose source occurs once only: a mutated copy of a sentence that
    # another story repeats would also be an (unplanted) inconsistency.
    out = []
    for story, n, r in rows:
        if (story, n) in skip or source_count[r.get("en", "")] > 1:
            continue
        if r.get("en") and r.get(lang) and pred(r["en"], r[lang]):
            out.append((story, n, r))
        if len(out) == k:
            break
    return out

def unit(uid, src, tgt, tgt_lang_attr=None, raw=False):
    s = src if raw else escape(src)
    if tgt is None:
        t = ""
    else:
        t = "<target>" + (tgt if raw else escape(tgt)) + "</target>"
    return f'   <trans-unit id="{uid}"><source>{s}</source>{t}</trans-unit>\n'

def write(name, tgt_lang, units):
    with open(os.path.join(ROOT, name), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                f' <file original="{name}" source-language="en" target-language="{tgt_lang}" datatype="plaintext">\n'
                '  <body>\n')
        f.writelines(units)
        f.write('  </body>\n </file>\n</xliff>\n')

ends_stop = lambda s, t: s.rstrip().endswith(".") and t.rstrip().endswith(".") and not re.search(r"\d\.?$", t) and not re.search(r"\d$", s.rstrip(". "))
plain = lambda s, t: ends_stop(s, t) and not re.search(r"\d", s + t) and not re.search('[\u201e\u201c\u201d"]', s + t) and len(s) > 40

def build(lang, glossary_terms):
    units = []
    used = set()
    def take(pred, k):
        got = pick(pred, lang, k, used)
        for story, n, _ in got:
            used.add((story, n))
        return got
    # number-mismatch: change one digit of the target.
    for i, (_, _, r) in enumerate(take(lambda s, t: re.search(r"\d", t) and re.search(r"\d", s), 3), 1):
        t = r[lang]
        m = list(re.finditer(r"\d", t))[-1]
        d = str((int(m.group()) + 1) % 10)
        units.append(unit(f"number-mismatch-{i}", r["en"], t[:m.start()] + d + t[m.end():]))
    # punctuation-end: the final full stop becomes "!" / is dropped / becomes "?".
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        t = r[lang].rstrip()[:-1] + ["!", "", "?"][i - 1]
        units.append(unit(f"punctuation-end-{i}", r["en"], t))
    # whitespace: double, trailing, non-breaking.
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        t = r[lang]
        words = t.split(" ")
        if i == 1:
            t = words[0] + "  " + " ".join(words[1:])
        elif i == 2:
            t = t + " "
        else:
            t = words[0] + "\u00a0" + " ".join(words[1:])
        units.append(unit(f"whitespace-{i}", r["en"], t))
    # length-ratio: the target cut to its first two words.
    for i, (_, _, r) in enumerate(take(lambda s, t: plain(s, t) and len(s) > 120, 3), 1):
        units.append(unit(f"length-ratio-{i}", r["en"], " ".join(r[lang].split(" ")[:2]) + "."))
    # untranslated: the English sentence as target, an empty target, no target.
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        units.append(unit(f"untranslated-{i}", r["en"], [r["en"], "", None][i - 1]))
    # inconsistent-target: the same source with a second, different target.
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        units.append(unit(f"inconsistent-target-{i}", r["en"], r[lang]))
        units.append(unit(f"inconsistent-target-{i}-b", r["en"], r[lang].rstrip(".") + (" (поново)." if lang == "cnr-Cyrl" else " (ponovo).")))
    # inconsistent-source: two sources, one target.
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        units.append(unit(f"inconsistent-source-{i}", r["en"], r[lang]))
        units.append(unit(f"inconsistent-source-{i}-b", r["en"].rstrip(".") + " again.", r[lang]))
    # code-mismatch: a <g> pair in the source only, an extra <x/>, crossed pairs.
    for i, (_, _, r) in enumerate(take(plain, 3), 1):
        s_words = [escape(w) for w in r["en"].split(" ")]
        t_words = [escape(w) for w in r[lang].split(" ")]
        if i == 1:
            src = '<g id="1">' + s_words[0] + "</g> " + " ".join(s_words[1:])
            tgt = " ".join(t_words)
        elif i == 2:
            src = " ".join(s_words)
            tgt = " ".join(t_words[:2]) + '<x id="2"/> ' + " ".join(t_words[2:])
        else:
            src = ('<bx id="1"/>' + s_words[0] + ' <bx id="2"/>' + s_words[1] + '<ex id="2"/> ' +
                   s_words[2] + '<ex id="1"/> ' + " ".join(s_words[3:]))
            tgt = ('<bx id="1"/>' + t_words[0] + ' <bx id="2"/>' + t_words[1] + '<ex id="1"/> ' +
                   t_words[2] + '<ex id="2"/> ' + " ".join(t_words[3:]))
        units.append(unit(f"code-mismatch-{i}", src, tgt, raw=True))
    # Clean rows: every row not used for a planted error (a mutated copy
    # beside its original would be an inconsistency).
    for story, n, r in rows:
        if r.get("en") and r.get(lang) and (story, n) not in used:
            units.append(unit(f"clean-{story}-{n}", r["en"], r[lang]))
    return units, used

def latin_alikes():
    return [unit("alike-untranslated-1", "NATO", "NATO"),
            unit("alike-untranslated-2", "Marco Rubio", "Marco Rubio"),
            unit("alike-untranslated-3", "87:79", "87:79"),
            unit("alike-untranslated-4", "CNN", "CNN")]

def split_write(lang, units):
    planted = [u for u in units if 'id="alike-' not in u]
    alike = [u for u in units if 'id="alike-' in u]
    write(f"planted-en-{lang}.xlf", lang, planted)
    write(f"alike-en-{lang}.xlf", lang, alike)

# --- en -> cnr-Latn --------------------------------------------------------
units, _ = build("cnr-Latn", None)
units += latin_alikes() + [
    unit("number-mismatch-4", "Inflation reached 1,500.5 points on 05-Apr-2025.", "Inflacija je dostigla 1.500,6 poena 5. aprila 2025."),
    unit("alike-number-mismatch-1", "Inflation reached 1,500.5 points on 05-Apr-2025.", "Inflacija je dostigla 1.500,5 poena 5. aprila 2025."),
    unit("alike-number-mismatch-2", "The festival runs from July 5 to July 20, 2025.", "Festival traje od 5. do 20. jula 2025."),
    unit("alike-number-mismatch-3", "It was the third win and the 25th season.", "To je bila treća pobjeda i 25. sezona."),
    unit("placeable-mismatch-1", "Read more at https://www.vijesti.me/svijet.", "Više na https://www.vijesti.me/politika."),
    unit("placeable-mismatch-2", "Write to desk@lovcen.news for details.", "Pišite na redakcija@lovcen.news za detalje."),
    unit("placeable-mismatch-3", "Tickets are sold at https://kotorfest.me and by mail.", "Ulaznice se prodaju poštom."),
    unit("alike-placeable-mismatch-1", "Read more at https://www.vijesti.me/svijet.", "Više na https://www.vijesti.me/svijet."),
    unit("alike-placeable-mismatch-2", "Write to desk@lovcen.news for details.", "Za detalje pišite na desk@lovcen.news."),
    unit("alike-placeable-mismatch-3", "See https://kotorfest.me/ for the programme.", "Program je na https://kotorfest.me."),
    unit("quote-style-1", "\u201cWe are ready,\u201d he said.", "\u201cSpremni smo\u201d, rekao je."),
    unit("quote-style-2", "\u201cWe are not ready,\u201d he said.", "\"Nismo spremni\", rekao je."),
    unit("quote-style-3", "He called it \u201ca new chapter\u201d.", "Nazvao je to \u201enovim poglavljem\u201d."),
    unit("alike-quote-style-1", "\u201cWe are ready,\u201d he said.", "\u201eSpremni smo\u201c, rekao je."),
    unit("alike-quote-style-2", "are ready for the next step,\u201d he said.", "spremni za sljede\u0107i korak\u201c, rekao je."),
    unit("alike-quote-style-3", "He called it \u201ca new chapter\u201d.", "Nazvao je to \u201enovim poglavljem\u201c."),
    unit("script-mismatch-1", "Talks in Brussels continue.", "Razgovori u Бриселу se nastavljaju."),
    unit("script-mismatch-2", "The minister met the president.", "Ministar se sastao са predsjednikom."),
    unit("script-mismatch-3", "The vote was postponed.", "Glasanje je одложено."),
    unit("alike-script-mismatch-1", "Reuters reported on the talks.", "Reuters je izvijestio o razgovorima."),
    unit("alike-script-mismatch-2", "The talks took place in Podgorica.", "Razgovori su održani u Podgorici."),
    unit("alike-script-mismatch-3", "Witkoff met Lavrov.", "Witkoff se sastao sa Lavrovim."),
    unit("term-mismatch-1", "Rubio will travel to Moscow next week.", "Rubio će sljedeće sedmice otputovati u rusku prijestonicu."),
    unit("term-mismatch-2", "The government adopted the plan.", "Kabinet je usvojio plan."),
    unit("term-mismatch-3", "The ministry issued a statement.", "Resor je izdao saopštenje."),
    unit("alike-term-mismatch-1", "Rubio will travel to Moscow next week.", "Rubio će sljedeće sedmice otputovati u Moskvu."),
    unit("alike-term-mismatch-2", "Talks in Moscow continue.", "Razgovori u Moskvi se nastavljaju."),
    unit("alike-term-mismatch-3", "He spoke with the government.", "Razgovarao je sa Vladom."),
    unit("alike-term-mismatch-4", "Talks with Moscow continue.", "Razgovori sa Moskvom se nastavljaju."),
    unit("alike-whitespace-1", "Prices rose  again. ", "Cijene su ponovo  porasle. "),
    unit("alike-code-mismatch-1", '<g id="1">Rubio</g> met Lavrov.', 'Sa Lavrovim se sastao <g id="1">Rubio</g>.', raw=True),
    unit("alike-code-mismatch-2", 'Prices<x id="1"/> rose.', 'Cijene su<x id="1"/> porasle.', raw=True),
    unit("alike-code-mismatch-3", '<bx id="1"/>Prices <bx id="2"/>rose<ex id="2"/><ex id="1"/>.', '<bx id="1"/>Cijene su <bx id="2"/>porasle<ex id="2"/><ex id="1"/>.', raw=True),
]
split_write("cnr-Latn", units)

# --- en -> de ---------------------------------------------------------------
units, _ = build("de", None)
units += latin_alikes() + [
    unit("number-mismatch-4", "Inflation reached 1,500.5 points.", "Die Inflation erreichte 1.050,5 Punkte."),
    unit("alike-number-mismatch-1", "Inflation reached 1,500.5 points.", "Die Inflation erreichte 1.500,5 Punkte."),
    unit("alike-number-mismatch-2", "He scored 11 three-pointers.", "Er traf elf Dreier."),
    unit("quote-style-1", "\u201cWe are ready,\u201d he said.", "\u201cWir sind bereit\u201d, sagte er."),
    unit("quote-style-2", "\u201cWe are not ready,\u201d he said.", "\"Wir sind nicht bereit\", sagte er."),
    unit("quote-style-3", "\u201cWe are here,\u201d he said.", "\u201eWir sind hier\u201d, sagte er."),
    unit("alike-quote-style-1", "\u201cWe are ready,\u201d he said.", "\u201eWir sind bereit\u201c, sagte er."),
    unit("term-mismatch-1", "The government adopted the plan.", "Das Kabinett verabschiedete den Plan."),
    unit("term-mismatch-2", "The ministry issued a statement.", "Das Amt gab eine Erklärung ab."),
    unit("term-mismatch-3", "Rubio will travel to Moscow.", "Rubio wird nach Russland reisen."),
    unit("alike-term-mismatch-1", "The ministry's spokesman spoke.", "Der Sprecher des Ministeriums sprach."),
    unit("alike-term-mismatch-2", "Both governments agreed.", "Beide Regierungen einigten sich."),
    unit("alike-term-mismatch-3", "Rubio will travel to Moscow.", "Rubio wird nach Moskau reisen."),
]
split_write("de", units)

# --- en -> cnr-Cyrl ---------------------------------------------------------
units, _ = build("cnr-Cyrl", None)
units += [
    unit("script-mismatch-1", "Talks in Brussels continue.", "Разговори у Briselu се настављају."),
    unit("script-mismatch-2", "The vote was postponed.", "Гласање je одложено."),
    unit("script-mismatch-3", "The minister met the president.", "Министар се састао sa предсједником."),
    unit("alike-script-mismatch-1", "CNN reported on the talks.", "CNN је извијестио о разговорима."),
    unit("alike-script-mismatch-2", "Details at https://www.vijesti.me.", "Детаљи на https://www.vijesti.me."),
    unit("alike-script-mismatch-3", "Witkoff met Lavrov.", "Witkoff се састао са Лавровим."),
    unit("alike-quote-style-1", "\u201cWe are ready,\u201d he said.", "\u201eСпремни смо\u201c, рекао је."),
]
split_write("cnr-Cyrl", units)
print("written")
