#!/usr/bin/env bash
# Publishes samples/RetentionMetrics.AotSample with Native AOT, fails on any build, trim or AOT warning, runs the
# native binary on the bundled CDNOW sample and compares its output with expected-output.txt (the text the tests
# check under the JIT), checks that bad input exits with code 2, and prints the binary's size and start-up time.
set -euo pipefail
cd "$(dirname "$0")/.."
project=samples/RetentionMetrics.AotSample
out=artifacts/aot
binary=$out/retention-aot-sample

# Native AOT on Linux links with clang and needs the zlib headers; install what is missing (CI runs as root).
missing=()
command -v clang >/dev/null || missing+=(clang)
[[ -e /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
if ((${#missing[@]})); then
    echo "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The core must keep its trim, AOT and single-file analyzers on (IsAotCompatible), so a reflection-based change fails
# its own build before it reaches this sample.
for property in IsAotCompatible EnableTrimAnalyzer EnableAotAnalyzer EnableSingleFileAnalyzer; do
    value=$(dotnet msbuild src/RetentionMetrics/RetentionMetrics.csproj -getProperty:"$property")
    [[ $value == true ]] || { echo "src/RetentionMetrics: $property is '$value', expected true"; exit 1; }
done

log=$(mktemp)
rm -rf "$out"
dotnet publish "$project" -c Release -r linux-x64 -o "$out" -p:ContinuousIntegrationBuild=true 2>&1 | tee "$log"
# Any warning fails the step. The SourceLink notices appear only in a working copy whose remote is missing or a
# local path (a clone of a folder), where there is no repository URL to link to.
warnings=$(grep -E '(^|[^a-z])warning ' "$log" | grep -vE 'has no remote|remote .* is invalid|Source control information is not available' | sort -u || true)
rm -f "$log"
if [[ -n $warnings ]]; then
    echo "the Native AOT publish reported warnings:"
    echo "$warnings"
    exit 1
fi

actual=$(mktemp)
"$binary" >"$actual"
if ! diff -u "$project/expected-output.txt" "$actual"; then
    echo "the native binary's output differs from $project/expected-output.txt"
    exit 1
fi
rm -f "$actual"

bad=$(mktemp --suffix=.csv)
printf 'customer_id,date,amount\n1,1997-13-01,10.00\n' >"$bad"
set +e
"$binary" "$bad" >/dev/null 2>&1
code=$?
set -e
rm -f "$bad"
[[ $code -eq 2 ]] || { echo "bad input: expected exit code 2, got $code"; exit 1; }

size=$(stat -c %s "$binary")
start=$(date +%s%N)
for _ in $(seq 20); do "$binary" >/dev/null; done
end=$(date +%s%N)
echo "native binary: $((size / 1024)) KiB, $(( (end - start) / 20000000 )) ms per run (mean of 20, bundled CDNOW sample)"
