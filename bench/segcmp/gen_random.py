# 3 MB of random text for the byte-for-byte comparison: words, abbreviations,
# numbers, quotes, brackets, bullets, line breaks, CJK, emoji, combining marks.
import random
r = random.Random(20261207)
words = ("the a of and Dr Mr Mrs Prof St Inc Co Jr etc vs e.g i.e U.S U.K No p pp Dec Jan "
 "am pm a.m p.m. Smith Jones Brussels said told He She They It In On At But Der Die Das "
 "z.B d.h u.a Nr bzw ca vgl Str usw Herr Frau Am dr mr gosp prof sv tj npr tzv br čl i dr "
 "sl god mlrd d.o.o itd NATO-a SAD-a S.A.D Đukanović Podgorica aprila mart Mart April "
 "др мр госп св тј нпр год млрд и сл Подгорица априла Његов Он Она је "
 "x y z b c I II iv xi a) 1) 2. (a) ß Straße ſ K İ ı ǅ ﬀ café naïve Ａ 北京 東京 😀 👍🏽").split()
punct = [".", ".", ".", "?", "!", "...", "…", ". . .", ",", ";", ":", ".)", ".”", ".\"", "?”", "!’", "."]
opens = ["“", "\"", "„", "«", "»", "‚", "'", "‘", "(", "[", "–", "—", "-", "• ", "‣ ", "◦ "]
closes = ["”", "\"", "“", "»", "«", "’", "'", ")", "]", "[1]", "[12]", "11"]
out = []
size = 0
while size < 3_000_000:
    k = r.random()
    if k < 0.55: t = r.choice(words)
    elif k < 0.65: t = str(r.randint(0, 3000)) + r.choice(["", ".", ",5", ".25", ".000", ")", "."])
    elif k < 0.8: t = r.choice(words) + r.choice(punct)
    elif k < 0.87: t = r.choice(opens) + r.choice(words)
    elif k < 0.93: t = r.choice(words) + r.choice(punct) + r.choice(closes)
    elif k < 0.96: t = r.choice(["[...]", "[…]", "。", "！", "？", "．", "\u0301", "\u200b", "\u00ad", "i.", "A.", "ab."])
    else: t = r.choice(["\n", "\n\n", " \n", "\r\n", "\t", "  "])
    q = r.random()
    if q < 0.2: t = t[:1].upper() + t[1:]
    elif q < 0.25: t = t.upper()
    sep = "" if t.startswith("\n") or r.random() < 0.04 else " "
    out.append(sep + t)
    size += len(t) + 1
open("random.txt", "w", encoding="utf-8").write("".join(out) + "\n")
