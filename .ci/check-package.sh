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

# The notebook package: formatters only, depending on the core and .NET Interactive's formatting, with the script
# that registers the formatters when a notebook loads it.
inupkg=$(ls "$dir"/RetentionMetrics.Interactive.[0-9]*.nupkg | grep -v snupkg | head -n 1)
[[ -f ${inupkg%.nupkg}.snupkg ]] || { echo "missing symbol package for $inupkg"; exit 1; }
ilisting=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$inupkg")
for entry in lib/net10.0/RetentionMetrics.Interactive.dll lib/net10.0/RetentionMetrics.Interactive.xml README.md \
    interactive-extensions/dotnet/extension.dib; do
    grep -qx "$entry" <<<"$ilisting" || { echo "no $entry in $inupkg"; exit 1; }
done
ideps=$(python3 - "$inupkg" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
nuspec = next(n for n in z.namelist() if n.endswith('.nuspec'))
print(" ".join(sorted(set(re.findall(r'<dependency id="([^"]+)"', z.read(nuspec).decode())))))
PY
)
[[ $ideps == "Microsoft.DotNet.Interactive.Formatting RetentionMetrics" ]] || { echo "unexpected dependencies of $inupkg: $ideps"; exit 1; }
echo "package ok: $(basename "$inupkg") depends on $ideps; docs, README, extension.dib and symbols present"
