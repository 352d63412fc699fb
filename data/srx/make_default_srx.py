# Writes lovcen-default.srx beside this script: the word lists and rules
# below are the source; the SRX file is what lovcen reads (edit here, rerun
# `python3 data/srx/make_default_srx.py`, commit both).
import html
import os
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lovcen-default.srx')

EN_OPEN = """The A An He She It They We I You This That These Those There Here His Her Its Their Our My Your
In On At But And Or So If When While After Before As For With Since Although Though However Meanwhile
Also Yet Some Many Most All No Not Now Then Still Both Each Every Did Do Does Is Are Was Were Will Would
Can Could Should Has Have Had Why What How Who Whom Whose Where Which Millions Thousands Hundreds Dozens
Last Next Earlier Later According Under From By To Of About During Despite Among Because Once Just Even
Only Instead Other Another Such Several Few Today Yesterday Tomorrow Asked Speaking Let Let's Please
Nor Unlike Until Following Without Thus Therefore Moreover Furthermore Indeed Nevertheless Otherwise""".split()
DE_OPEN = """Der Die Das Den Dem Des Ein Eine Einen Einem Einer Er Sie Es Ich Wir Ihr Man Dies Diese Dieser Dieses
Doch Aber Und Oder Auch Nach Im In Am An Auf Bei Mit Seit Wie Was Wer Wo Wann Warum Damit Dabei Dann So
Zudem Zuvor Laut Bis Um Vor Für Von Vom Zum Zur Als Noch Nun Jetzt Heute Gestern Morgen Allerdings
Außerdem Trotzdem Deshalb Daher Dort Hier Denn Wenn Weil Obwohl Während Nachdem Bereits Schon Zunächst
Insgesamt Unter Über Gegen Ohne Durch Aus Zwar Sein Seine Ihre Unser Unsere Mehr Viele Alle Jeder Jede
Kein Keine Nicht Nur Ob Zugleich Inzwischen Damals Später Zuletzt Bisher Derzeit Demnach Dagegen
Jedoch Hingegen Stattdessen Sowohl Weder Etwa Rund Fast Knapp Herr Frau Dr Prof""".split()
CNR_OPEN = """U Na Iz Od Do Za Sa S Po Pri Prema Nakon Prije Poslije Tokom Zbog Kako Što Šta Da Ali I A Ili Ne
On Ona Ono Oni One Mi Vi Ja Ti To Taj Ta Te Ovo Ova Ovaj Ove Ovi Tada Sada Danas Juče Sjutra Međutim
Osim Takođe Nije Je Su Bio Bila Bilo Bili Će Kao Kada Kad Gdje Ko Koji Koja Koje Njegov Njegova Njen
Njena Njihov Njihova Ipak Dakle Zato Jer Iako Dok Pored Uprkos Između Protiv Bez Kroz Ovim Tim Time
Prošle Ove Ovog Ove Sve Svi Neki Mnogi Više Još Već Samo Nakon Takav Takva To Tu Tamo Ovdje Inače
У На Из Од До За Са С По При Према Након Прије Послије Током Због Како Што Шта Да Али И А Или Не
Он Она Оно Они Оне Ми Ви Ја Ти То Тај Та Те Ово Ова Овај Ове Ови Тада Сада Данас Јуче Сјутра Међутим
Осим Такође Није Је Су Био Била Било Били Ће Као Када Кад Гдје Ко Који Која Које Његов Његова Њен
Њена Њихов Њихова Ипак Дакле Зато Јер Иако Док Поред Упркос Између Против Без Кроз Овим Тим Тиме
Прошле Овог Све Сви Неки Многи Више Још Већ Само Такав Таква Ту Тамо Овдје Иначе""".split()

def alt(words):
    seen=[]
    for w in words:
        if w not in seen: seen.append(w)
    # longest first, so that an alternative is never cut short by a prefix
    seen.sort(key=lambda w: (-len(w), w))
    return '|'.join(w.replace("'", "\\'") for w in seen)

def trie(words):
    # A prefix tree as a regex: ICU then looks at one initial, not every word.
    groups = {}
    end = False
    for w in words:
        if w == '':
            end = True
            continue
        groups.setdefault(w[0], []).append(w[1:])
    parts = [(("\\'" if ch == "'" else ch) + trie(rest)) for ch, rest in sorted(groups.items())]
    if not parts:
        return ''
    if len(parts) == 1 and not end:
        return parts[0]
    return '(?:' + '|'.join(parts) + ')' + ('?' if end else '')

def words(ws):
    seen = []
    for w in ws:
        if w not in seen: seen.append(w)
    return seen

def abbr(ws, ci=False):
    body = trie(words(ws))
    return (r'(?i:\b' + body + r')\.') if ci else (r'\b' + body + r'\.')

def opener(ws):
    return r'\s+' + trie(words(ws)) + r'(?![\p{L}\p{M}\d])'
def not_opener(ws):
    return r'\s+(?!' + trie(words(ws)) + r'(?![\p{L}\p{M}\d]))'

# Characters that may close a sentence after its final punctuation.
CLOSE = r'["\'”“’‘»«)\]]'
# What may start the next sentence: not a lower-case letter.
START = r'[\p{Lu}\p{Lt}\p{Lo}\p{N}\p{Ps}\p{Pi}\p{Pf}"\'„‚«»¡¿•‣⁃◦▪–—\-\p{Sc}#@*]'

rules = {}
def R(lang, brk, before, after, comment=None):
    rules.setdefault(lang, []).append((brk, before, after, comment))

# ---------------- English ----------------
E='English'
R(E, False, abbr('Mr Mrs Ms Mmes Messrs Dr Drs Prof St Mt Ft Gen Col Lt Sgt Capt Cpt Cmdr Adm Maj Brig Gov Sen Rep Reps Rev Hon Pres Supt Insp Det Atty Amb Cpl Pvt Mme Mlle Msgr'.split()), r'\s',
  'Titles before a name never end a sentence: "Dr. Smith", "St. Michael\'s".')
R(E, False, r'\b(?:e\.\s?g|i\.\s?e|et\s?al)\.|' + abbr('cf viz vs approx incl esp ca resp fig figs vol vols ed eds ch para paras ref est misc dept govt univ assn hr hrs sq ft lb lbs oz yr yrs'.split()), r'\s',
  'Abbreviations that do not end sentences in news text: e.g., i.e., vs., approx. ...')
R(E, False, r'(?:\b(?i:No|Nos|Nr|Art|Sec|p|pp|Tel|Ext|Rs|Ref)|(?:N°|Nº|№))\.', r'\s*\d',
  'Before a number: "No. 5", "p. 55".')
R(E, False, r'\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.', r'\s+\d',
  'Month abbreviations before a day: "Dec. 31".')
R(E, False, r'\b[AaPp]\.\s?[Mm]\.', r'\s+(?:[A-Z]{2,4}\b|\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Eastern|Central|Pacific|Mountain|GMT|UTC)\b)',
  'Times: "6 p.m. EST", "10 a.m. Monday" continue; any other capital after a.m./p.m. starts a sentence.')
R(E, True, r'\b[AaPp]\.\s?[Mm]\.', r'\s+\p{Lu}', None)
R(E, False, r'[?!]["”’\']', r'\s+(?:\p{Lu}[\p{L}.\-]*\s+){1,3}(?:said|asked|told|added|wrote|says|asks|replied|shouted|cried|explained|insisted|warned)\b',
  'A quoted question or exclamation followed by its speaker: "Why now?" Rubio asked.')
R(E, False, r'\b(?:Inc|Ltd|Corp|Co|Bros|Jr|Sr|Esq|Plc|LLC|etc|al)\.', not_opener(EN_OPEN),
  'Company suffixes, Jr./Sr., etc.: a sentence ends after them only when the next word is one that opens sentences (The, He, It, ...).')
R(E, False, r'(?:\b\p{L}\.){2,}', not_opener(EN_OPEN),
  'Dotted acronyms (U.S., U.K., E.U., i.v.): same test as above: "the U.S. Army" / "in the U.S. How ...".')
ILABEL = r'(?:\(?\d{1,3}[.)]\)?(?=\s{1,3}\p{Lu})|(?:[a-z]|[ivx]{1,5})[.)]\)?(?=\s{1,3}\p{Lu})|(?:[a-z]|[ivx]{1,5})\))'
ITEM = r'(?<![^\s•‣⁃◦▪])(?<=(?:^|[.?!•‣⁃◦▪]\s{0,3}|[\p{L}\d]\s))' + ILABEL + r'\s[^.?!\n•‣⁃◦▪]{0,79}[^.?!\n•‣⁃◦▪\s]\s'
R(E, True, ITEM, ILABEL + r'\s+\p{L}',
  'Inline lists: a second label ("2. The", "b) ...", "iii) ...") after an item that began with one starts a new segment.')
R(E, False, r'[\s(]\(?(?:\d{1,3}[.)]\)?|[a-z]\.?\)|[ivx]{1,5}\.?\))(?<=' + ITEM + r'\(?(?:\d{1,3}[.)]\)?|[a-z]\.?\)|[ivx]{1,5}\.?\)))', r'\s',
  'The label itself stays with its item ("2.", "b)", "b.)"; "b." is a single letter, kept by a rule below).')
R(E, True, r'(?:^|[.?!]\s{1,3}|\p{L}\s)[a-z]\.\s[^.?!\n]{0,79}[^.?!\n\s]\s', r'[a-z]\.\s+\p{Ll}',
  'Inline lists with letters: "a. here it is b. another c. one more".')
R(E, False, r'(?<![^\s•‣⁃◦▪])\p{L}\.(?<=(?:^|[.?!]\s{1,3}|[•‣⁃◦▪]\s{0,3})\p{L}\.)', r'\s',
  'A letter label at the start of a block or sentence ("Q. What ...? A. His name ...") is no sentence.')
R(E, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Ll}\.', r'\s',
  'A single lower-case letter with a period is an abbreviation part ("a.", "p."), not a sentence end.')
R(E, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Lu}\.', not_opener(EN_OPEN),
  'Initials ("M.J. Smith", "Jonas E. Smith") unless a sentence-opening word follows ("you and I. Did ...").')

# ---------------- German ----------------
D='German'
R(D, False, r'(?i:\b(?:z\.\s?B|d\.\s?h|u\.\s?a|u\.\s?Ä|o\.\s?Ä|z\.\s?T|z\.\s?Z|v\.\s?a|u\.\s?U|i\.\s?d\.\s?R|s\.\s?o|s\.\s?u|z\.\s?Hd|u\.\s?v\.\s?m|u\.\s?E|m\.\s?E|i\.\s?A|i\.\s?V|a\.\s?D|n\.\s?Chr|v\.\s?Chr)\.)', r'\s',
  'Multi-part abbreviations: z. B., d. h., u. a., u. Ä., z. T., v. a., n. Chr. ...')
R(D, False, r'\b(?i:z|d|u|o|v|i|s|m|n|a)\.', r'\s?\p{L}{1,3}\.',
  'Inside a multi-part abbreviation ("z. | B.", "d. | h.").')
R(D, False, abbr('Dr Prof Hr Hrn Fr Frl St Mag Ing Dipl Univ Priv Doz med jur phil rer nat oec pol habil dent vet theol Pfr Bgm Min Abg Gen Oberst Kap Verf Hrsg Red Sen Präs Vors Gf Kfm Mio Mrd Tsd Jh Jhd Jhs bzw ca evtl ggf vgl sog geb gest inkl exkl zzgl ggü gem lt lfd urspr allg bspw insb ehem ev kath dt engl frz ital span russ österr schweiz europ amerik int nat Str Pl Tel Fa Hbf Bhf Abt Bd Bde Kap Anm Aufl Ausg Tab Abb Std Min Sek Mo Di Mi Do Fr Sa So Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez'.split()), r'\s',
  'Titles and abbreviations that do not end sentences: Dr., Prof., Nr., bzw., ca., vgl., Str., Mio. ...')
R(D, False, r'\b(?:Nr|Nrn|Abs|Art|Ziff|S|Bd|Kap|Tel|Fax|Pkt|Rn|Rdnr)\.', r'\s*\d',
  'Before a number: "Nr. 5", "S. 225", "Abs. 2".')
R(D, False, r'(?:\b\d{1,2}\.\s?\d{1,2}\.)', r'\s?\d{2,4}\b',
  'Numeric dates: "5. 4. 2025" (between month and year).')
R(D, False, r'(?:^|[\s(\[/–-])\d{1,2}\.', r'\s?\d{1,2}\.',
  'Numeric dates: "5. 4. 2025" (between day and month).')
R(D, False, r'(?:^|[\s(\[„"“‚\'/–-])\d{1,3}\.', not_opener(DE_OPEN),
  'Ordinal numbers: "Am 5. April", "Der 3. Teil", "im 20. Jahrhundert"; a number ends a sentence only when a sentence-opening word follows ("stieg auf 25. Die Polizei ...").')
R(D, False, r'\b(?:usw|usf|etc|Co|Inc|Ltd|Corp|GmbH|AG|jun|sen)\.', not_opener(DE_OPEN),
  'usw., etc., Co.: a sentence ends after them only when a sentence-opening word follows.')
R(D, False, r'(?:\b\p{L}\.){2,}', not_opener(DE_OPEN),
  'Dotted acronyms (U.S., u.a. without space) and initials.')
R(D, False, r'(?<![^\s•‣⁃◦▪])\p{L}\.(?<=(?:^|[.?!]\s{1,3}|[•‣⁃◦▪]\s{0,3})\p{L}\.)', r'\s', 'Letter labels at the start of a block or sentence.')
R(D, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Ll}\.', r'\s', 'A single lower-case letter with a period is an abbreviation part.')
R(D, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Lu}\.', not_opener(DE_OPEN), 'Initials ("M. J. Schmidt").')

# ---------------- Montenegrin (also sr, hr, bs), both scripts ----------------
C='Montenegrin'
R(C, True, r'\bi\s+(?:dr|sl)\.|\bи\s+(?:др|сл)\.', opener(CNR_OPEN), None)
R(C, False, r'\bi\s+(?:dr|sl|dr\.\s?sl)\.|\bи\s+(?:др|сл)\.', not_opener(CNR_OPEN),
  '"i dr." / "i sl." (and others / and the like) end a sentence only before a sentence-opening word.')
R(C, False, abbr('''dr mr gosp gđa gđe gđi gđu gđica prof doc akad ing inž dipl mag spec mons msgr vlč sv tj npr tzv odn al pov izd tel ul mil pok ambas asist dir pred potpred gen pukov kap ser ek vd br čl st str op orig lat engl njem franc rus crnogor srp hrv bos jan feb apr avg sep sept okt nov dec pon uto sri čet pet sub ned cca oko min sek km kg tj npr resp vs'''.split(), ci=True), r'\s',
  'Titles and abbreviations that do not end sentences: dr., mr., gosp., sv., tj., npr., tzv., br., čl., ul. ...')
R(C, False, abbr('''др мр госп гђа гђе гђи гђу гђица проф доц акад инг инж дипл маг спец монс мсгр влч св тј нпр тзв одн ал пов изд тел ул мил пок амбас асист дир пред потпред ген пуков кап сер ек вд бр чл ст стр оп ориг лат енгл њем франц рус црногор срп хрв бос јан феб апр авг сеп септ окт нов дец пон уто сри чет пет суб нед цца мин сек км кг'''.split(), ci=True), r'\s',
  'The same in Cyrillic: др., мр., госп., св., тј., нпр., тзв., бр. ...')
R(C, False, r'(?:\b\d{1,2}\.\s?\d{1,2}\.)', r'\s?\d{2,4}\b', 'Numeric dates: "5. 4. 2025." (between month and year).')
R(C, False, r'(?:^|[\s(\[/–-])\d{1,2}\.', r'\s?\d{1,2}\.', 'Numeric dates: "5. 4. 2025." (between day and month).')
R(C, False, r'(?:^|[\s(\[„"“‚\'/–-])\d{1,3}\.', r'\s+(?:[Jj]anuar|[Ff]ebruar|[Mm]art|[Aa]pril|[Mm]aj|[Jj]un|[Jj]ul|[Aa]vgust|[Ss]eptemb|[Oo]ktob|[Nn]ovemb|[Dd]ecemb|[Јј]ануар|[Фф]ебруар|[Мм]арт|[Аа]прил|[Мм]ај|[Јј]ун|[Јј]ул|[Аа]вгуст|[Сс]ептемб|[Оо]ктоб|[Нн]овемб|[Дд]ецемб)',
  'Ordinal day before a month, also when the month is capitalised: "5. aprila 2025.", "12. Mart".')
R(C, False, r'(?i:\b(?:sl|god|mlrd|hilj|d\.o\.o|a\.d|d\.d|сл|год|млрд|хиљ|д\.о\.о|а\.д|д\.д))\.', not_opener(CNR_OPEN),
  'god., mlrd., d.o.o.: a sentence ends after them only when a sentence-opening word follows (itd. ends one before any capital).')
R(C, False, r'(?:\b\p{L}\.){2,}', not_opener(CNR_OPEN), 'Dotted acronyms and initials ("M.J.", "S.A.D.").')
R(C, False, r'(?<![^\s•‣⁃◦▪])\p{L}\.(?<=(?:^|[.?!]\s{1,3}|[•‣⁃◦▪]\s{0,3})\p{L}\.)', r'\s', 'Letter labels at the start of a block or sentence.')
R(C, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Ll}\.', r'\s', 'A single lower-case letter with a period is an abbreviation part.')
R(C, False, r'(?:^|[^\p{L}\p{M}\d.\-’\'])\p{Lu}\.', not_opener(CNR_OPEN), 'Initials ("M. Đukanović", "Ј. Ђукановић").')

# ---------------- Common (every language, after its own rules) ----------------
K='Common'
LABEL = r'\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\)?'
R(K, False, r'(?<![^\s•‣⁃◦▪])(?:\d{1,3}|[ivxIVX]{1,5}|\p{L})[.)]\)?(?<=(?:^|[•‣⁃◦▪\n])[ \t]{0,3}(?:\d{1,3}|[ivxIVX]{1,5}|\p{L})[.)]\)?)', r'\s',
  'List numbering at the start of a block or line: "1. ", "2.) ", "iv) ", "a) ".')
R(K, False, r'[.?!](?<=\p{Ll}{3}[.?!])\s{1,3}\d{1,3}[.)]\)?', r'\s',
  'List numbering right after a sentence: "... item. 2. The second item" (not after an abbreviation: "p. 12.").')
R(K, True, r'[\n\r\u2028\u2029\u0085]', r'[ \t]*[•‣⁃◦▪]', 'A line that starts with a bullet is a new segment.')
R(K, False, r'[ \t]\r?\n', r'[^\s•‣⁃◦▪]',
  'A line ending in a space is soft-wrapped (RFC 3676 format=flowed) when the next line goes on at once: no break.')
R(K, False, r'[\n\r\u2028\u2029\u0085]', r'[ \t]*[.,;:!?]',
  'A line holding only the punctuation that ends the previous one belongs to it.')
R(K, True, r'[\n\r\u2028\u2029\u0085]', r'', 'A line break ends a segment.')
R(K, True, r'', r'[•‣⁃◦▪]\s*\d{1,3}[.)]', 'A bullet with a number starts a new segment.')
R(K, False, r'\[(?:\.\.\.|…)\]["”’\']?', r'\s', 'An omission mark "[...]" does not end a sentence.')
R(K, True, r'[\p{L}\d]\.', r'\s\.\s\.\s\.\s+\p{Lu}',
  'A period followed by a spaced ellipsis that opens the next sentence: "compounds. . . . The practice".')
R(K, False, r'\s\.\s\.\s\.(?<=(?:^|[^.\s])\s\.\s\.\s\.)|\.\s\.\s\.\s\.(?<=[^.\s]\.\s\.\s\.\s\.)', r'\s',
  'A spaced ellipsis ". . ." marks an omission inside a sentence (Chicago style); "word. . . ." closes an omission.')
R(K, False, r"(?<![^\s(\[—–])['‘`]\p{L}(?:[^'‘’`\n\s]|\p{L}['’]\p{L})*\s(?:[^'‘’`\n]|\p{L}['’]\p{L}){0,300}[.?!…]",
  r"\s(?:[^'‘’`\n]|\p{L}['’]\p{L}){0,300}['’](?![\p{L}\d])",
  'Inside a single-quoted passage (\'...\', ‘...’, `...\') that closes later in the block: no break.')
R(K, False, r'[(\[][^()\[\]\n]{0,200}[.?!…]', r'\s[^()\[\]\n]{0,200}[)\]]',
  'Inside parentheses or brackets that close later in the block: no break.')
R(K, True, r'[.?!…‼⁇⁈⁉]+(?:' + CLOSE + r'|</[\p{L}\d]{1,10}>){0,4}(?:\[\d{1,3}\]){0,3}',
  r'\s+(?=' + LABEL + r'\s|(?![\p{Ll}\p{Lm}.,;:!?…)\]}]|[-–—]+(?!\s*[\p{Lu}\d]))\S)',
  'Sentence end: . ? ! or an ellipsis, then closing quotes or brackets (kept with the sentence) and footnote marks, then white space and anything but a lower-case letter or continuing punctuation.')
R(K, True, r'[.?!](?<=[\p{L})\]"”’][.?!])\d{1,3}(?:[\s,–-]\d{1,3}){0,3}', r'\s+\p{Lu}',
  'Footnote numbers after the end of a sentence: "a consultation.11 12 Take ...".')
R(K, True, r'[\p{Ll}\d][.?!]', r'\p{Lu}\p{Ll}+(?![\p{L}\d@/]|\.[\p{L}\d])',
  'A missing space after a sentence: "world.Today"; not in "Jane.Doe@", "www.testurl.Awesome.com".')
R(K, True, r'[。．！？]' + CLOSE + r'{0,4}', r'', 'Full-width sentence ends need no space.')

def emit():
    o=[]
    o.append('<?xml version="1.0" encoding="UTF-8"?>')
    o.append('<!--')
    o.append('  lovcen default segmentation rules: English, German, Montenegrin (cnr; also used')
    o.append('  for sr, hr and bs), in Latin and Cyrillic script. SRX 2.0, cascading: a')
    o.append('  language\'s own rules are tried first, then the Common rules. At each position')
    o.append('  the first rule whose beforebreak matches the text ending there and whose')
    o.append('  afterbreak matches the text starting there decides; no match, no break.')
    o.append('  Abbreviation lists for cnr were learned from the ReLDI tokeniser lists for')
    o.append('  Serbian and Croatian and from Montenegrin news usage; see docs/segmentation.md.')
    o.append('  Sentence-opening words: several rules below end a sentence after an')
    o.append('  ambiguous abbreviation, acronym, initial or ordinal only when the next word is')
    o.append('  one that typically opens a sentence (articles, pronouns, conjunctions,')
    o.append('  prepositions, auxiliaries); the list is repeated in each such rule.')
    o.append('  Generated by make_default_srx.py beside this file: edit the word lists and')
    o.append('  rules there and rerun it.')
    o.append('-->')
    o.append('<srx xmlns="http://www.lisa.org/srx20" version="2.0">')
    o.append('  <header segmentsubflows="yes" cascade="yes">')
    o.append('    <formathandle type="start" include="no"/>')
    o.append('    <formathandle type="end" include="yes"/>')
    o.append('    <formathandle type="isolated" include="yes"/>')
    o.append('  </header>')
    o.append('  <body>')
    o.append('    <languagerules>')
    for lang in [E, D, C, K]:
        o.append(f'      <languagerule languagerulename="{lang}">')
        for brk,b,a,c in rules[lang]:
            if c: o.append(f'        <!-- {c.replace("--","- -")} -->')
            o.append(f'        <rule break="{"yes" if brk else "no"}">')
            o.append(f'          <beforebreak>{html.escape(b, quote=False)}</beforebreak>')
            o.append(f'          <afterbreak>{html.escape(a, quote=False)}</afterbreak>')
            o.append('        </rule>')
        o.append('      </languagerule>')
    o.append('    </languagerules>')
    o.append('    <maprules>')
    o.append('      <languagemap languagepattern="en([-_].*)?" languagerulename="English"/>')
    o.append('      <languagemap languagepattern="de([-_].*)?" languagerulename="German"/>')
    o.append('      <languagemap languagepattern="(cnr|sr|hr|bs|sh)([-_].*)?" languagerulename="Montenegrin"/>')
    o.append('      <languagemap languagepattern=".*" languagerulename="Common"/>')
    o.append('    </maprules>')
    o.append('  </body>')
    o.append('</srx>')
    open(OUT,'w').write('\n'.join(o)+'\n')
emit()
