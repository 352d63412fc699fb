#!/usr/bin/env bash
# lovcen prefill side by side with translate-toolkit's `pretranslate --tm`
# (issue 5): the same en -> de TMX and the same new 100-segment article as
# XLIFF 1.2, both at a fuzzy threshold of 75. Prints both wall times, the
# ratios (warm: TM already in lovcen with its index built; cold: lovcen init +
# import of the TMX + prefill), and how many segments each filled at >= 75,
# and lists any segment pretranslate filled that lovcen did not.
#
#   bash bench/pretranslate_compare.sh [TM_UNITS=100000] [SEGMENTS=100] [WORK_DIR]
#
# Needs the build (lovcen and pretranslate_data_bench in build/; this script
# calls scripts/build.sh for them), translate-toolkit and python3-levenshtein
# (scripts/install-deps.sh). On the shared machine run it under the build lock:
#   flock /work/build.lock bash bench/pretranslate_compare.sh 100000
set -euo pipefail

units=${1:-100000}
segments=${2:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${3:-$root/build/pretranslate-compare-$units}
lovcen=$root/build/lovcen
gen=$root/build/pretranslate_data_bench

if [[ ! -x $lovcen || ! -x $gen ]]; then
  bash "$root/scripts/build.sh" --target lovcen pretranslate_data_bench >/dev/null
fi
command -v pretranslate >/dev/null || { echo "pretranslate not found: bash scripts/install-deps.sh" >&2; exit 2; }
pt_python=$(head -1 "$(command -v pretranslate)" | sed 's/^#! *//')
$pt_python -c "import Levenshtein" 2>/dev/null ||
  echo "note: python3-levenshtein missing, pretranslate runs its pure-Python matcher (much slower)" >&2

mkdir -p "$work"
if [[ ! -f $work/tm.tmx || ! -f $work/article.xlf ]]; then
  "$gen" "$units" "$segments" "$work"
fi
tmx=$work/tm.tmx
article=$work/article.xlf

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# lovcen, cold: a new TM from the TMX, then pre-fill (the index is built on
# first use, inside prefill).
db=$work/cold.db
rm -f "$db" "$db"-* "$db".fuzzy*
rm -rf "$work/lovcen-cold"
t0=$(now)
"$lovcen" --quiet --db "$db" init
"$lovcen" --quiet --db "$db" import "$tmx"
"$lovcen" --quiet --db "$db" prefill "$article" --from en --to de --threshold 75 -o "$work/lovcen-cold"
t1=$(now)
cold=$(elapsed "$t0" "$t1")

# lovcen, warm: the TM and its index already there (its normal use); best of 3.
warm=""
for _ in 1 2 3; do
  rm -rf "$work/lovcen-warm"
  t0=$(now)
  "$lovcen" --quiet --db "$db" prefill "$article" --from en --to de --threshold 75 -o "$work/lovcen-warm"
  t1=$(now)
  w=$(elapsed "$t0" "$t1")
  if [[ -z $warm ]] || python3 -c "import sys; sys.exit(0 if $w < $warm else 1)"; then warm=$w; fi
done

# translate-toolkit. pretranslate 3.8 needs a template (-t) with --tm: without
# one it fails on template_store.findunit (None); the article itself, whose
# targets are empty, adds nothing to the matches.
t0=$(now)
pretranslate --progress=none --tm "$tmx" --similarity 75 -t "$article" -i "$article" -o "$work/pretranslate.xlf" \
  2> >(grep -v "Python-Levenshtein" >&2)
t1=$(now)
pt=$(elapsed "$t0" "$t1")

# Untimed: lovcen's own (design brief §3, token-based) scores down to 50, to
# show where a segment pretranslate filled scores for lovcen.
rm -rf "$work/lovcen-50"
"$lovcen" --quiet --db "$db" prefill "$article" --from en --to de --threshold 50 -o "$work/lovcen-50"

python3 - "$work/lovcen-warm/article.de.xlf" "$work/pretranslate.xlf" "$work/article.kinds" \
  "$units" "$segments" "$cold" "$warm" "$pt" "$work/lovcen-50/article.de.xlf" <<'PY'
import sys
import xml.etree.ElementTree as ET
lovcen_xlf, pt_xlf, kinds_file, units, segments, cold, warm, pt, low_xlf = sys.argv[1:]
cold, warm, pt = float(cold), float(warm), float(pt)
NS = "{urn:oasis:names:tc:xliff:document:1.2}"

def text(e):
    return "".join(e.itertext()) if e is not None else ""

def filled(path, pretranslate):
    # id -> (target text, quality): lovcen writes the best match as <target>
    # (threshold 75, so every target is >= 75); pretranslate 3.8 puts its
    # best match (>= --similarity) into an <alt-trans> instead of the target.
    out = {}
    for tu in ET.parse(path).iter(NS + "trans-unit"):
        if pretranslate:
            alt = tu.find(NS + "alt-trans")
            if alt is not None and text(alt.find(NS + "target")).strip():
                out[tu.get("id")] = text(alt.find(NS + "target"))
        else:
            target = tu.find(NS + "target")
            alts = tu.findall(NS + "alt-trans")
            q = max((int(a.get("match-quality", "0")) for a in alts), default=0)
            if target is not None and text(target).strip() and q >= 75:
                out[tu.get("id")] = text(target)
    return out

kinds = dict(line.split() for line in open(kinds_file))
lv = filled(lovcen_xlf, False)
tt = filled(pt_xlf, True)
missing = [i for i in tt if i not in lv]
same = sum(1 for i in tt if i in lv and lv[i] == tt[i])
print(f"TM {int(units):,} TUs (en -> de TMX), article {segments} segments, threshold 75")
print(f"  lovcen warm (TM in lovcen, index built): {warm:8.3f} s")
print(f"  lovcen cold (init + import TMX + prefill): {cold:8.3f} s")
print(f"  translate-toolkit pretranslate --tm:       {pt:8.3f} s")
print(f"  ratio warm: {pt / warm:,.0f}x   ratio cold: {pt / cold:,.1f}x")
by_kind = {}
for i, k in kinds.items():
    k = k.split("-")[0] if k.startswith("near") else k
    b = by_kind.setdefault(k, [0, 0, 0])
    b[0] += 1; b[1] += i in lv; b[2] += i in tt
print(f"  filled >= 75: lovcen {len(lv)}, pretranslate {len(tt)} (same target in {same})")
for k, (n, a, b) in sorted(by_kind.items()):
    print(f"    {k:6s} {n:3d} segments: lovcen {a:3d}, pretranslate {b:3d}")
if missing:
    low = {}
    for tu in ET.parse(low_xlf).iter(NS + "trans-unit"):
        low[tu.get("id")] = max((int(a.get("match-quality", "0")) for a in tu.findall(NS + "alt-trans")), default=0)
    print("  filled by pretranslate, not by lovcen (lovcen's token score in brackets): " +
          " ".join(f"{i}({kinds.get(i)}, {low.get(i, 0) or '<50'})" for i in missing))
    sys.exit(1)
print("  every segment pretranslate filled, lovcen filled too")
PY
