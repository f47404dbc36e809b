#!/usr/bin/env bash
# MailCheck's one test command: builds the solution, runs every test project and prints
# "N passed, N failed, N skipped" summed over all of them. Exits non-zero when a test failed,
# a project could not run, or no test ran.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

stage() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)"; }

stage "build"
if ! dotnet build MailCheck.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
for proj in $(grep -l "Microsoft.NET.Test.Sdk" tests/*/*.csproj); do
  name="$(basename "$proj" .csproj)"
  stage "test $name"
  if ! dotnet test "$proj" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
      --logger "console;verbosity=normal"; then
    status=1
  fi
  if [ ! -f "$RESULTS/$name.trx" ]; then
    echo "no results from $name"
    status=1
  fi
done

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed)
  e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  n=$(get notExecuted); skipped=$((skipped + ${n:-0}))
done

stage "summary"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  status=1
fi
exit $status
