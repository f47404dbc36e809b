#!/usr/bin/env bash
# MailCheck's one test command (CI runs exactly this through .ci/run).
#   1. installs what is missing (postfix, dnsmasq, nginx, chromium, swaks, dig) with apt-get;
#   2. builds the solution and runs the unit and component test projects (no service needed);
#   3. brings up the real-world rig on loopback (tests/rig/rig.sh: dnsmasq, a signed zone on knotd behind a
#      validating unbound, a private postfix, nginx serving MTA-STS policies, the published app, nginx,
#      a private PostgreSQL and HAProxy) and runs the projects that need it:
#      tests/MailCheck.EndToEnd (one instance behind nginx) and tests/MailCheck.ScaleOut (two instances
#      on PostgreSQL behind HAProxy, started and killed by the tests);
#   4. stops everything it started (also on failure or Ctrl-C), removes the rig's folder after a green run
#      (a failed run keeps it for its logs), and prints each stage's time and the line
#      "N passed, N failed, N skipped" summed over every test project's .trx results.
# Exits non-zero when a test or a stage failed, or when no test ran. docs/testing.md has the details.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
RESULTS="$ROOT/artifacts/test-results"
RIG="$ROOT/tests/rig/rig.sh"
# The projects that run against the rig, in this order.
RIG_PROJECTS=("tests/MailCheck.EndToEnd/MailCheck.EndToEnd.csproj" "tests/MailCheck.ScaleOut/MailCheck.ScaleOut.csproj")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

status=0
stage_failures=0
declare -a STAGE_LINES=()
T0=$SECONDS

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "$RIG" down >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# run_stage NAME COMMAND...: runs, times and records one stage; returns the command's status.
run_stage() {
  local name="$1"; shift
  local t=$SECONDS rc=0
  printf '\n=== %s (%s)\n' "$name" "$(date +%T)"
  "$@" || rc=$?
  local took=$((SECONDS - t)) result=ok
  if [ $rc -ne 0 ]; then result="FAILED ($rc)"; fi
  printf '=== %s: %s in %ss\n' "$name" "$result" "$took"
  STAGE_LINES+=("$(printf '%-34s %6ss  %s' "$name" "$took" "$result")")
  return $rc
}

fail_stage() { stage_failures=$((stage_failures + 1)); status=1; }

# test_project PROJECT [dotnet test args...]: runs one test project with a trx logger.
test_project() {
  local proj="$1"; shift
  local name; name="$(basename "$proj" .csproj)"
  local rc=0
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m --blame-hang-dump-type none "$@" || rc=$?
  if [ ! -f "$RESULTS/$name.trx" ]; then
    echo "no results from $name"
    return 1
  fi
  return $rc
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

run_stage "install packages" "$RIG" install || fail_stage

if ! run_stage "build" dotnet build MailCheck.sln -c Release -nologo -clp:ErrorsOnly; then
  fail_stage
else
  for proj in $(grep -l "Microsoft.NET.Test.Sdk" tests/*/*.csproj); do
    [[ " ${RIG_PROJECTS[*]} " == *" $proj "* ]] && continue
    run_stage "test $(basename "$proj" .csproj)" test_project "$proj" || status=1
  done

  rig_ok=1
  for step in configure start-dns start-postfix start-sts publish start-app start-nginx start-postgres start-haproxy; do
    if ! run_stage "rig $step" "$RIG" "$step"; then rig_ok=0; fail_stage; break; fi
  done
  if [ $rig_ok -eq 1 ]; then
    # Tell the rig's test projects where everything is.
    while IFS= read -r line; do eval "export $line"; done < <("$RIG" env)
    logs_shown=0
    for proj in "${RIG_PROJECTS[@]}"; do
      [ -f "$proj" ] || continue
      if ! run_stage "test $(basename "$proj" .csproj)" test_project "$proj"; then
        status=1
        [ $logs_shown -eq 1 ] || "$RIG" logs || true
        logs_shown=1
      fi
    done
  else
    echo "the rig did not come up: the end-to-end and scale-out tests did not run"
    "$RIG" logs || true
  fi
  run_stage "rig down" "$RIG" down || true
fi

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
# A stage that failed before its tests could run counts as a failure.
failed=$((failed + stage_failures))

# Name every failed test and the first lines of its message here, at the end, where a short log tail still shows them.
if [ "$failed" -gt 0 ]; then
  printf '\n=== failed tests\n'
  for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
        match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); shown = 0; inmsg = 0
        print "- " name; want = 1; next
      }
      want && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
      want && inmsg {
        line = $0; end = sub(/<\/Message>.*/, "", line)
        gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&quot;/, "\"", line); gsub(/&amp;/, "\\&", line)
        if (shown < 6) { print "    " line; shown++ }
        if (end) { inmsg = 0; want = 0 }
      }
      want && /<\/UnitTestResult>/ { want = 0; inmsg = 0 }
    ' "$trx"
  done
fi

printf '\n=== stage times\n'
printf '%s\n' "${STAGE_LINES[@]}"
printf '%-34s %6ss\n' "total" "$((SECONDS - T0))"
printf '\n=== summary\n'
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  status=1
fi
# A green run leaves nothing behind under /tmp; a failed one keeps the rig's logs (tests/rig/rig.sh clean removes them).
if [ $status -eq 0 ]; then "$RIG" clean >/dev/null 2>&1 || true; fi
exit $status
