#!/usr/bin/env bash
# MailCheck's performance, measured side by side with the tools people would pick instead (docs/benchmarks.md).
#
#   benchmarks/run.sh            # every measure at the issue's sizes (100 000 checks: hours on a busy 2-core machine)
#   benchmarks/run.sh --quick    # the same measures, smaller (about 12 minutes on 2 busy cores)
# Sizes can be set one by one (defaults in brackets), e.g. the "medium" run of docs/benchmarks.md:
#   BENCH_SESSIONS [2000] sequential sessions; BENCH_SWAKS_SECONDS [30]; BENCH_SWEEP ["8 16 32 64 128"] MaxConcurrentChecks
#   values; BENCH_SWEEP_COUNT [3000] checks per value (after as many, at least 1 000, to warm up); BENCH_POSTURE_COUNT [1000];
#   BENCH_MEMORY_COUNTS [1000,10000,100000] (the stored history that measure 6 then reads); BENCH_LATENCY_ROUNDS [10];
#   BENCH_HUBS [500]; BENCH_PAGES [50]; BENCH_CIRCUIT_PAGES [40] (pages of a finished check whose retained heap is
#   measured); BENCH_SAMPLES [40]; BENCH_NO_BUILD=1 reuses the last build and publish;
#   BENCH_PROFILE=1 records a V8 sampling profile of the first fan-out page (it slows that page: off by default;
#   the whole profile in fanout-page.cpuprofile in the run's folder, for DevTools);
#   BENCH_TRACE=1 records a Chromium trace of the fan-out's wait and live phase (fanout-trace.json in the run's folder,
#   for Perfetto or chrome://tracing: what each frame cost, per process and thread, and which tiles were rastered), and
#   one of each reference round beside it (fanout-trace-floor.json, -blazorfloor.json, -blazorfloor10.json);
#   BENCH_BROWSER_IDLE=1 runs Chromium under the SCHED_IDLE policy (chrt --idle: its pages stand for viewers on their
#   own machines, so the server keeps the cores it needs and the browsers get the rest; Chromium sets its processes'
#   nice levels itself, so nice would not hold; off by default, as in the figures before 2026-12-01);
#   BENCH_CSS='css' adds a style sheet to every page the driver opens (an experiment: a style's cost without a rebuild);
#   BENCH_REDUCED_MOTION=1 opens the pages with "prefers-reduced-motion: reduce" (no busy-bar animation);
#   BENCH_MEASURES ["1 2 3 4 5 6"] runs only some measures (the table says n/a for the others; 6 reads the history
#   that 3 leaves).
#
# Starts on loopback (addresses 127.0.0.90-99, ports 15400-15419 only):
#   Postfix's smtp-sink     127.0.0.90:15400   the mail server of measures 1-3
#   gated SMTP servers      127.0.0.91:15401, 127.0.0.92:15402 (inside the driver: they note when each reply left)
#   dnsmasq                 127.0.0.93:15403   bench.test (MX -> the sink, SPF, DMARC, PTR) for checks with posture
#   nginx                   127.0.0.94:15404   in front of the app, for the browser, the hub and the page figures
#   the published app       127.0.0.95:15405   embedded defaults (SQLite, in-process queue) + a lab configuration
#   bare live pages         127.0.0.96:15406   measure 5's reference (inside the driver: a page and a WebSocket per page)
#   bare Blazor pages       127.0.0.97:15407   its second reference (benchmarks/MailCheck.BlazorFloor: the framework alone),
#                           127.0.0.97:15408   and the same with the framework's default of 10 render batches in flight
# and Chromium (/usr/bin/chromium, headless, through Playwright), runs each measure, prints ONE table with every
# figure next to its reference from the same run, and stops everything it started (also on Ctrl-C or failure).
# It uses none of the rig's fixed ports, so it needs no rig lock and may run beside ./test.sh (the figures are then
# noisier: the table prints the load average). Set BENCH_LOCK=1 to take /tmp/mailcheck-rig.lock for the run anyway.
# A benchmark reports, it never fails: the exit status is 0 unless the harness itself could not run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCK=/tmp/mailcheck-rig.lock
if [ "${BENCH_LOCK:-0}" = 1 ] && [ "${MAILCHECK_RIG_LOCK_HELD:-0}" != 1 ]; then
  exec env MAILCHECK_RIG_LOCK_HELD=1 flock "$LOCK" "$0" "$@"
fi

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
# BENCH_MEASURES: which measures to run (default all); the table says n/a for the others.
MEASURES=" ${BENCH_MEASURES:-1 2 3 4 5 6} "
want() { [[ "$MEASURES" == *" $1 "* ]]; }

BENCH_DIR="${BENCH_DIR:-/tmp/mailcheck-bench-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)}"
PUBLISH="$BENCH_DIR/publish"
DRIVER="$ROOT/benchmarks/MailCheck.Benchmarks/bin/Release/net10.0/MailCheck.Benchmarks.dll"
RESULTS="$BENCH_DIR/results.txt"
SINK=127.0.0.90:15400
GATED_LATENCY=127.0.0.91:15401
GATED_FANOUT=127.0.0.92:15402
DNS_ADDR=127.0.0.93 DNS_PORT=15403
NGINX_ADDR=127.0.0.94 NGINX_PORT=15404
APP_ADDR=127.0.0.95 APP_PORT=15405
APP_URL="http://$APP_ADDR:$APP_PORT/"
FLOOR_URL="http://127.0.0.96:15406/"   # measure 5's reference: bare live pages served by the driver
BLAZOR_FLOOR_ADDR=127.0.0.97 BLAZOR_FLOOR_PORT=15407 # its second: bare live Blazor Server pages (MailCheck.BlazorFloor)
BLAZOR_FLOOR_URL="http://$BLAZOR_FLOOR_ADDR:$BLAZOR_FLOOR_PORT/"
BLAZOR_FLOOR10_PORT=15408 # the same with the framework's default of 10 render batches in flight (the app and the above: 1)
BLAZOR_FLOOR10_URL="http://$BLAZOR_FLOOR_ADDR:$BLAZOR_FLOOR10_PORT/"
PROXY_URL="http://$NGINX_ADDR:$NGINX_PORT/"

if [ $QUICK -eq 1 ]; then
  SESSIONS=500; SWAKS_SECONDS=10; SWEEP=(8 32); SWEEP_COUNT=500; POSTURE_COUNT=200
  MEMORY_COUNTS=1000,3000,6000; LATENCY_ROUNDS=3; HUBS=100; PAGES=10; SAMPLES=10; CIRCUIT_PAGES=10
else
  SESSIONS="${BENCH_SESSIONS:-2000}"; SWAKS_SECONDS="${BENCH_SWAKS_SECONDS:-30}"
  read -r -a SWEEP <<< "${BENCH_SWEEP:-8 16 32 64 128}"; SWEEP_COUNT="${BENCH_SWEEP_COUNT:-3000}"
  POSTURE_COUNT="${BENCH_POSTURE_COUNT:-1000}"; MEMORY_COUNTS="${BENCH_MEMORY_COUNTS:-1000,10000,100000}"
  LATENCY_ROUNDS="${BENCH_LATENCY_ROUNDS:-10}"; HUBS="${BENCH_HUBS:-500}"; PAGES="${BENCH_PAGES:-50}"; SAMPLES="${BENCH_SAMPLES:-40}"
  CIRCUIT_PAGES="${BENCH_CIRCUIT_PAGES:-40}"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ "${BENCH_PROFILE:-0}" = 1 ] && export BENCH_PROFILE_FILE="${BENCH_PROFILE_FILE:-$BENCH_DIR/fanout-page.cpuprofile}"
PIDS=()
APP_PID=""

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
result() { printf '%s %s\n' "$1" "$2" >> "$RESULTS"; }
get() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "n/a" : v) }' "$RESULTS"; }
calc() { # printf-format expression: n/a when a figure is missing
  case "${2,,}" in *n/a*|*nan*|"") printf 'n/a'; return ;; esac
  awk "BEGIN { printf \"$1\", $2 }" 2>/dev/null || printf 'n/a'
}

stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  trap - EXIT INT TERM
  [ -n "$APP_PID" ] && stop_pid "$APP_PID"
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null --max-time 2 "$1"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.3
  done
}

# ------------------------------------------------------------------ build
mkdir -p "$BENCH_DIR"
chmod 755 "$BENCH_DIR"
: > "$RESULTS"
log "folder: $BENCH_DIR"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  log "building the driver and publishing the app (Release)"
  dotnet build "$ROOT/benchmarks/MailCheck.Benchmarks" -c Release -nologo -clp:ErrorsOnly >"$BENCH_DIR/build.log" 2>&1 \
    || { tail -20 "$BENCH_DIR/build.log"; exit 1; }
  rm -rf "$PUBLISH"
  dotnet publish "$ROOT/src/MailCheck.Web" -c Release -o "$PUBLISH" -nologo -clp:ErrorsOnly >>"$BENCH_DIR/build.log" 2>&1 \
    || { tail -20 "$BENCH_DIR/build.log"; exit 1; }
  rm -rf "$BENCH_DIR/blazor-floor"
  dotnet publish "$ROOT/benchmarks/MailCheck.BlazorFloor" -c Release -o "$BENCH_DIR/blazor-floor" -nologo -clp:ErrorsOnly >>"$BENCH_DIR/build.log" 2>&1 \
    || { tail -20 "$BENCH_DIR/build.log"; exit 1; }
fi
for a in "${SINK%:*} ${SINK#*:}" "${GATED_LATENCY%:*} ${GATED_LATENCY#*:}" "${GATED_FANOUT%:*} ${GATED_FANOUT#*:}" \
         "$DNS_ADDR $DNS_PORT" "$NGINX_ADDR $NGINX_PORT" "$APP_ADDR $APP_PORT" "127.0.0.96 15406" "$BLAZOR_FLOOR_ADDR $BLAZOR_FLOOR_PORT" "$BLAZOR_FLOOR_ADDR $BLAZOR_FLOOR10_PORT"; do
  # shellcheck disable=SC2086
  port_free $a || { log "ERROR: $a is in use (another benchmark run?)"; exit 1; }
done
if [ "${BENCH_BROWSER_IDLE:-0}" = 1 ]; then
  printf '#!/bin/sh\nexec chrt --idle 0 %s "$@"\n' "${CHROMIUM:-/usr/bin/chromium}" > "$BENCH_DIR/chromium-idle"
  chmod 755 "$BENCH_DIR/chromium-idle"
  export CHROMIUM="$BENCH_DIR/chromium-idle"
fi
driver() { dotnet "$DRIVER" "$@" 2>>"$BENCH_DIR/driver.log" | tee -a "$BENCH_DIR/driver.log" | awk '$1 == "RESULT" { print $2, $3 }' >> "$RESULTS"; }

# ------------------------------------------------------------------ services
log "smtp-sink on $SINK"
sink_user=()
[ "$(id -u)" -eq 0 ] && sink_user=(-u postfix)
smtp-sink "${sink_user[@]}" "$SINK" 1024 >"$BENCH_DIR/smtp-sink.log" 2>&1 &
PIDS+=($!)

log "dnsmasq on $DNS_ADDR:$DNS_PORT"
cat > "$BENCH_DIR/dnsmasq.conf" <<EOF
port=$DNS_PORT
listen-address=$DNS_ADDR
bind-interfaces
no-resolv
no-hosts
no-poll
user=nobody
cache-size=0
local=/bench.test/
local=/in-addr.arpa/
local=/localhost/
mx-host=bench.test,mx.bench.test,10
host-record=mx.bench.test,${SINK%:*}
txt-record=bench.test,"v=spf1 ip4:127.0.0.0/8 -all"
txt-record=_dmarc.bench.test,"v=DMARC1; p=reject; rua=mailto:dmarc@bench.test"
ptr-record=90.0.0.127.in-addr.arpa,mx.bench.test
EOF
dnsmasq --no-daemon --conf-file="$BENCH_DIR/dnsmasq.conf" >"$BENCH_DIR/dnsmasq.log" 2>&1 &
PIDS+=($!)

log "nginx on $NGINX_ADDR:$NGINX_PORT"
mkdir -p "$BENCH_DIR/nginx/tmp"
cat > "$BENCH_DIR/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $BENCH_DIR/nginx/nginx.pid;
error_log $BENCH_DIR/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $BENCH_DIR/nginx/tmp/body;
    proxy_temp_path $BENCH_DIR/nginx/tmp/proxy;
    fastcgi_temp_path $BENCH_DIR/nginx/tmp/fastcgi;
    uwsgi_temp_path $BENCH_DIR/nginx/tmp/uwsgi;
    scgi_temp_path $BENCH_DIR/nginx/tmp/scgi;
    map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
    upstream mailcheck { server $APP_ADDR:$APP_PORT; keepalive 16; }
    server {
        listen $NGINX_ADDR:$NGINX_PORT;
        location / {
            proxy_pass http://mailcheck;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_read_timeout 1h;
            proxy_buffering off;
        }
    }
}
EOF
nginx -p "$BENCH_DIR/nginx" -c "$BENCH_DIR/nginx/nginx.conf" -g 'daemon off;' >"$BENCH_DIR/nginx/stderr.log" 2>&1 &
PIDS+=($!)
sleep 1

# start_app MAX_CONCURRENT [keep-db]: the published app on its embedded defaults plus the lab configuration.
start_app() {
  local concurrent="$1" keep="${2:-}"
  [ -n "$keep" ] || rm -rf "$BENCH_DIR/app"
  mkdir -p "$BENCH_DIR/app"
  ( cd "$PUBLISH" && exec env \
      ASPNETCORE_ENVIRONMENT=Production \
      ASPNETCORE_URLS="$APP_URL" \
      "ConnectionStrings__MailCheck=Data Source=$BENCH_DIR/app/mailcheck.db" \
      MailCheck__Dns__Servers__0="$DNS_ADDR:$DNS_PORT" \
      MailCheck__Safety__AllowedNetworks__0=127.0.0.0/8 \
      MailCheck__Safety__AllowedPorts__0="${SINK#*:}" \
      MailCheck__Safety__AllowedPorts__1="${GATED_LATENCY#*:}" \
      MailCheck__Safety__AllowedPorts__2="${GATED_FANOUT#*:}" \
      MailCheck__Smtp__EhloName=mailcheck-bench.localhost \
      MailCheck__Smtp__CommandTimeout=00:05:00 MailCheck__Smtp__CheckTimeout=00:10:00 \
      MailCheck__Limits__MaxConcurrentChecks="$concurrent" \
      MailCheck__Limits__QueueCapacity=1000 \
      MailCheck__Limits__PerClient__Limit=1000 MailCheck__Limits__PerClient__Window=00:00:01 \
      MailCheck__Limits__PerDomain__Limit=1000 MailCheck__Limits__PerDomain__Window=00:00:01 \
      MailCheck__ReverseProxy__KnownNetworks__0=127.0.0.0/8 \
      'Serilog__MinimumLevel__Override__Microsoft.AspNetCore.SignalR.HubConnectionContext=Debug' \
      'Serilog__MinimumLevel__Override__Microsoft.AspNetCore.SignalR.HubConnectionHandler=Debug' \
      dotnet MailCheck.Web.dll ) >"$BENCH_DIR/app.log" 2>&1 &
  APP_PID=$!
  wait_http "${APP_URL}healthz/ready" 120 || { tail -30 "$BENCH_DIR/app.log" >&2; log "ERROR: the app did not start"; exit 1; }
  log "app up (pid $APP_PID, MaxConcurrentChecks=$concurrent)"
}
stop_app() { [ -n "$APP_PID" ] && stop_pid "$APP_PID"; APP_PID=""; }

# ------------------------------------------------------------------ 1: one session, engine vs smtp-source
if want 1; then
log "1: $SESSIONS sequential sessions: smtp-source, then the engine"
smtp-source -s 1 -m 100 "$SINK" >/dev/null 2>&1
t0=$(date +%s.%N); smtp-source -s 1 -m "$SESSIONS" "$SINK" >/dev/null 2>&1; t1=$(date +%s.%N)
result source.session.ms "$(calc '%.4f' "($t1 - $t0) * 1000 / $SESSIONS")"
t0=$(date +%s.%N); smtp-source -s 16 -m $((SESSIONS * 4)) "$SINK" >/dev/null 2>&1; t1=$(date +%s.%N)
result source.parallel16.per_s "$(calc '%.0f' "$SESSIONS * 4 / ($t1 - $t0)")"
driver session --smtp "$SINK" --count "$SESSIONS"
fi

# ------------------------------------------------------------------ 2: the reference, swaks x16
best=0 best_c=8
if want 2; then
log "2: swaks --quit-after RCPT, 16 in parallel, ${SWAKS_SECONDS}s"
swaks_loop() {
  local end=$((SECONDS + SWAKS_SECONDS)) n=0
  while [ $SECONDS -lt $end ]; do
    swaks --server "$SINK" --from bench@bench.test --to postmaster@bench.test --quit-after RCPT >/dev/null 2>&1 && n=$((n + 1))
  done
  echo "$n" > "$BENCH_DIR/swaks.$1"
}
t0=$(date +%s.%N)
swaks_pids=()
for i in $(seq 16); do swaks_loop "$i" & swaks_pids+=($!); done
wait "${swaks_pids[@]}" # only these: a bare wait would wait for the sink, dnsmasq and nginx too
t1=$(date +%s.%N)
swaks_total=$(cat "$BENCH_DIR"/swaks.* | awk '{ s += $1 } END { print s }')
rm -f "$BENCH_DIR"/swaks.*
result swaks.per_s "$(calc '%.1f' "$swaks_total / ($t1 - $t0)")"

# ------------------------------------------------------------------ 2: the app, MaxConcurrentChecks sweep (posture off)
for c in "${SWEEP[@]}"; do
  log "2: $SWEEP_COUNT probe checks through the API, MaxConcurrentChecks=$c, posture off"
  start_app "$c"
  driver throughput --base "$APP_URL" --to "postmaster@[${SINK%:*}]" --port "${SINK#*:}" --posture false --count "$SWEEP_COUNT" --key "app.c$c"
  stop_app
  rate=$(get "app.c$c")
  if awk "BEGIN { exit !($rate > $best) }" 2>/dev/null; then best=$rate; best_c=$c; fi
done
result app.best "$best"
result app.best_c "$best_c"
fi

# ------------------------------------------------------------------ 3, 2 (posture on), 6, 4, 5: one app, a growing history
if want 2 || want 3 || want 4 || want 5 || want 6; then
  start_app "$best_c"
  if want 3; then
    log "3: RSS after $MEMORY_COUNTS checks (MaxConcurrentChecks=$best_c; every 10th with posture against bench.test)"
    driver memory --base "$APP_URL" --pid "$APP_PID" --to "postmaster@[${SINK%:*}]" --posture-to postmaster@bench.test \
      --port "${SINK#*:}" --counts "$MEMORY_COUNTS"
  fi
  if want 2; then
    log "2: $POSTURE_COUNT checks with posture on (the whole app: DNS, SPF, DMARC, DKIM, ... and the SMTP probe)"
    driver throughput --base "$APP_URL" --to postmaster@bench.test --port "${SINK#*:}" --posture true --count "$POSTURE_COUNT" --key app.posture
  fi
  if want 6; then
    log "6: the history, a result page and the list API with the stored history, through nginx"
    driver datascale --base "$PROXY_URL" --samples "$SAMPLES"
  fi
  if want 4; then
    log "4: live latency, server reply -> Chromium's DOM, through nginx"
    driver latency --base "$PROXY_URL" --smtp "$GATED_LATENCY" --rounds "$LATENCY_ROUNDS"
  fi
  if want 5; then
    log "5: fan-out, $HUBS hub clients + $PAGES pages on one check; the references: bare pages, bare Blazor pages on $BLAZOR_FLOOR_URL"
    for f in "1 $BLAZOR_FLOOR_URL" "10 $BLAZOR_FLOOR10_URL"; do
      read -r batches url <<< "$f"
      ( cd "$BENCH_DIR/blazor-floor" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" BatchesInFlight="$batches" \
          dotnet MailCheck.BlazorFloor.dll ) >"$BENCH_DIR/blazor-floor-$batches.log" 2>&1 &
      PIDS+=($!)
      wait_http "$url" 60 || { tail -20 "$BENCH_DIR/blazor-floor-$batches.log" >&2; log "ERROR: the Blazor floor did not start"; exit 1; }
    done
    driver fanout --base "$PROXY_URL" --pid "$APP_PID" --smtp "$GATED_FANOUT" --floor "$FLOOR_URL" --blazor-floor "$BLAZOR_FLOOR_URL" --blazor-floor-10 "$BLAZOR_FLOOR10_URL" --hubs "$HUBS" --pages "$PAGES" --profile "$([ "${BENCH_PROFILE:-0}" = 1 ] && echo true || echo false)" \
      ${BENCH_TRACE:+--trace "$BENCH_DIR/fanout-trace.json"}
    GCDUMP=$(command -v dotnet-gcdump || ls "$HOME/.dotnet/tools/dotnet-gcdump" 2>/dev/null)
    if [ -z "$GCDUMP" ]; then
      log "5: no dotnet-gcdump on PATH (dotnet tool install -g dotnet-gcdump): the retained heap per circuit is not measured"
    else
    log "5: what one open result page (its circuit) retains: dotnet-gcdump before and after $CIRCUIT_PAGES pages of a finished check with posture"
    driver circuits --base "$PROXY_URL" --pid "$APP_PID" --to postmaster@bench.test --port "${SINK#*:}" --pages "$CIRCUIT_PAGES" --dir "$BENCH_DIR" --gcdump "$GCDUMP"
    fi
  fi
  stop_app
fi

# ------------------------------------------------------------------ the table
verdict() {
  case "${1,,}" in *n/a*|*nan*) echo "not measured"; return ;; esac
  awk "BEGIN { if ($1) print \"met\"; else print \"missed\" }" 2>/dev/null || echo "n/a"
}
src=$(get source.session.ms); med=$(get session.median); mean=$(get session.mean)
swaks=$(get swaks.per_s); best=$(get app.best); best_c=$(get app.best_c); posture=$(get app.posture)
IFS=, read -r -a mc <<< "$MEMORY_COUNTS"
rss1=$(get "rss.${mc[0]}"); rss2=$(get "rss.${mc[1]}"); rss3=$(get "rss.${mc[2]}")
lat50=$(get latency.p50); lat95=$(get latency.p95)
f95=$(get fanout.last.p95); f50=$(get fanout.last.p50); kbh=$(get fanout.kb.hub); kbp=$(get fanout.kb.page)
h95=$(get datascale.history.p95); r95=$(get datascale.result.p95); a95=$(get datascale.api.p95)
sweep=""; for c in "${SWEEP[@]}"; do sweep="$sweep $c: $(get "app.c$c")/s;"; done

{
  echo
  echo "MailCheck benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| # | measure | MailCheck | reference (same run) | ratio | goal | |"
  echo "|---|---|---:|---:|---:|---|---|"
  echo "| 1 | engine: one probe session vs smtp-sink, sequential | median $(calc '%.3f' "$med") ms (mean $(calc '%.3f' "$mean")) | smtp-source $(calc '%.3f' "$src") ms/session | $(calc '%.2f' "$med / $src")× | ≤ 2× | $(verdict "$med <= 2 * $src") |"
  echo "| 2 | whole app: probe checks/s via POST /api/checks, posture off, best MaxConcurrentChecks ($best_c) | $(calc '%.0f' "$best")/s | swaks ×16: $(calc '%.1f' "$swaks")/s | $(calc '%.1f' "$best / $swaks")× | ≥ 10× | $(verdict "$best >= 10 * $swaks") |"
  echo "| 2 | … the same with posture on (every real check: DNS, SPF, DMARC, DKIM, TLS-RPT, BIMI, PTR + probe) | $(calc '%.0f' "$posture")/s | swaks ×16: $(calc '%.1f' "$swaks")/s | $(calc '%.1f' "$posture / $swaks")× | (reported) | |"
  echo "| 2 | … MaxConcurrentChecks sweep (posture off) |$sweep | | | | |"
  echo "| 3 | server RSS after ${mc[0]} / ${mc[1]} / ${mc[2]} checks | $(calc '%.0f' "$rss1") / $(calc '%.0f' "$rss2") / $(calc '%.0f' "$rss3") MiB | — | last/first $(calc '%.2f' "$rss3 / $rss1") | flat | $(verdict "$rss3 <= 1.25 * $rss1") |"
  echo "| 4 | live latency: reply sent → line in Chromium's DOM via nginx, p50 / p95 | $(calc '%.1f' "$lat50") / $(calc '%.1f' "$lat95") ms | — | | p95 < 50 ms | $(verdict "$lat95 < 50") |"
  echo "| 5 | fan-out: last reply → last of $HUBS hub clients + $PAGES pages, p50 / p95 | $(calc '%.0f' "$f50") / $(calc '%.0f' "$f95") ms (hub p95 $(calc '%.0f' "$(get fanout.hub.last.p95)"), pages p95 $(calc '%.0f' "$(get fanout.page.last.p95)")) | $PAGES bare live pages (the floor): p95 $(calc '%.0f' "$(get fanout.floor.page.p95)") ms; $PAGES bare Blazor Server pages: p95 $(calc '%.0f' "$(get fanout.blazorfloor.page.p95)") ms (10 batches in flight: $(calc '%.0f' "$(get fanout.blazorfloor10.page.p95)") ms) | pages $(calc '%.1f' "$(get fanout.page.last.p95) / $(get fanout.floor.page.p95)")× / $(calc '%.1f' "$(get fanout.page.last.p95) / $(get fanout.blazorfloor.page.p95)")× | p95 < 250 ms | $(verdict "$f95 < 250") |"
  echo "| 5 | … every event once, in order | $(get fanout.complete) watchers ($(get fanout.events) events) | — | | all | $(verdict "\"$(get fanout.complete)\" == \"$((HUBS + PAGES))/$((HUBS + PAGES))\"") |"
  echo "| 5 | … server memory per hub watcher / per circuit (RSS growth) | $(calc '%.0f' "$kbh") / $(calc '%.0f' "$kbp") KB | — | | < 250 KB | $(verdict "$kbh < 250 && $kbp < 250") |"
  echo "| 5 | … managed heap one more open result page retains (gcdump; the second half of $CIRCUIT_PAGES pages; average over all) | $(calc '%.0f' "$(get circuits.marginal.kb)") KiB ($(calc '%.0f' "$(get circuits.heap.kb)") KiB; RSS +$(calc '%.0f' "$(get circuits.rss.kb)") KiB) | — | | < 250 KB | $(verdict "$(get circuits.marginal.kb) * 1.024 < 250") |"
  echo "| 6 | $(get datascale.checks) stored checks: history page / result page / GET /api/checks?limit=50, p95 | $(calc '%.1f' "$h95") / $(calc '%.1f' "$r95") / $(calc '%.1f' "$a95") ms | — | | < 200 ms each | $(verdict "$h95 < 200 && $r95 < 200 && $a95 < 200") |"
  echo
  echo "more: smtp-source -s 16: $(get source.parallel16.per_s) sessions/s; live latency samples $(get latency.samples) (not seen $(get latency.missing)),"
  echo "      of which read by the engine p95 $(calc '%.1f' "$(get latency.engine.p95)") ms, engine → DOM p50/p95 $(calc '%.1f' "$(get latency.todom.p50)") / $(calc '%.1f' "$(get latency.todom.p95)") ms; fan-out: hub clients, every reply p95 $(calc '%.0f' "$(get fanout.hub.allreplies.p95)") ms"
  echo "      RSS checks/s per step: $(get "rss.${mc[0]}.rate") / $(get "rss.${mc[1]}.rate") / $(get "rss.${mc[2]}.rate"); outcomes of the posture run: $(get app.posture.outcomes)"
  echo "      raw figures: $RESULTS; logs: $BENCH_DIR/{driver,app,build}.log"
} | tee "$BENCH_DIR/table.md"
exit 0
