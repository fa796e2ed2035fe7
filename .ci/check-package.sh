#!/usr/bin/env bash
# Checks what the core package holds: its only dependencies are NodaTime and System.Linq.Async, the XML docs and
# the README are inside, and a symbol package stands beside it.
set -euo pipefail
dir=$1
nupkg=$(ls "$dir"/RetentionMetrics.[0-9]*.nupkg | grep -v snupkg | head -n 1)
snupkg=${nupkg%.nupkg}.snupkg
[[ -f $snupkg ]] || { echo "missing symbol package $snupkg"; exit 1; }
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$nupkg")
grep -q '^lib/net10.0/RetentionMetrics.dll$' <<<"$listing" || { echo "no library in $nupkg"; exit 1; }
grep -q '^lib/net10.0/RetentionMetrics.xml$' <<<"$listing" || { echo "no XML docs in $nupkg"; exit 1; }
grep -q '^README.md$' <<<"$listing" || { echo "no README in $nupkg"; exit 1; }
deps=$(python3 - "$nupkg" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
nuspec = next(n for n in z.namelist() if n.endswith('.nuspec'))
print(" ".join(sorted(set(re.findall(r'<dependency id="([^"]+)"', z.read(nuspec).decode())))))
PY
)
[[ $deps == "NodaTime System.Linq.Async" ]] || { echo "unexpected dependencies: $deps"; exit 1; }
echo "package ok: $(basename "$nupkg") depends on $deps; docs, README and $(basename "$snupkg") present"
