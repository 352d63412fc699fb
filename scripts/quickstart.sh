#!/usr/bin/env bash
# The main job on the bundled corpora: install what is missing, build, build a
# TM from corpora/, and pre-fill the new article in corpora/incoming/ into
# cnr-Latn and de (XLIFF files, analysis report); then show what the TM holds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh --target lovcen

out=out
mkdir -p "$out"
db="$out/corpora.db"
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
lovcen=./build/lovcen

echo "== building a translation memory from corpora/"
"$lovcen" --db "$db" import corpora/*/*.tsv
echo
echo "== pre-filling corpora/incoming/2025-05-10-rubio-ceasefire.en.txt into cnr-Latn and de"
"$lovcen" --db "$db" prefill corpora/incoming/2025-05-10-rubio-ceasefire.en.txt \
  --from en --to cnr-Latn,de -o "$out" --report html
echo
echo "== concordance: where the TM says 'Moskv' (any inflected form) in cnr-Latn"
"$lovcen" --db "$db" search Moskv --lang cnr-Latn --mode prefix --limit 3
echo
echo "== what the TM holds"
"$lovcen" --db "$db" stats
