#!/usr/bin/env bash
# MailCheck's real-world test rig: dnsmasq, a private postfix, the published app and nginx, all on loopback; for
# transport security (issue 11) a signed zone on knotd behind a validating unbound, and a second postfix listener and
# nginx for MTA-STS; for the scale-out tests also a private PostgreSQL cluster and HAProxy (the two MailCheck instances
# are started by the tests).
# Usage: tests/rig/rig.sh install|configure|start-dns|start-postfix|start-sts|publish|start-app|start-nginx|start-postgres|
#                         start-haproxy|start-instances|up|up-scale|down|clean|env|status|logs|check-dane
# Configuration and state live in $RIG_DIR: a folder under /tmp that unprivileged users can reach (postfix's daemons,
# PostgreSQL), because CI may run from a checkout only root can enter (artifacts/rig links to it). Nothing on the
# machine is reconfigured. docs/testing.md describes the rig.
set -euo pipefail

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$RIG_SRC/../.." && pwd)"
RIG_DIR="${RIG_DIR:-/tmp/mailcheck-rig-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)}"
RIG_LINK="$ROOT/artifacts/rig"
PUBLISH_DIR="${PUBLISH_DIR:-$ROOT/artifacts/publish}"
DNS_PORT="${RIG_DNS_PORT:-15353}"
APP_PORT="${RIG_APP_PORT:-15080}"
HTTP_PORT="${RIG_HTTP_PORT:-18480}"
HTTPS_PORT="${RIG_HTTPS_PORT:-18443}"
PG_PORT="${RIG_PG_PORT:-15432}"
LB_PORT="${RIG_LB_PORT:-18580}"
SCALE_A_PORT="${RIG_SCALE_A_PORT:-15081}"
SCALE_B_PORT="${RIG_SCALE_B_PORT:-15082}"
SMTP_ADDRESS=127.0.0.25
# Receive mode (issue 13): the app's own SMTP listener (addresses 127.0.0.70-79 are this branch's).
RECEIVE_ADDRESS=127.0.0.70
RECEIVE_PORT=2525
PF_DIR="$RIG_DIR/postfix"
PF_ETC="$PF_DIR/etc"
NGINX_DIR="$RIG_DIR/nginx"
PG_DIR="$RIG_DIR/postgres"
LB_DIR="$RIG_DIR/haproxy"
PIDS="$RIG_DIR/pids"
PG_USER=mailcheck
PG_PASSWORD=mailcheck-rig
PG_DATABASE=mailcheck
# DNSSEC and DANE (issue 11): the signed zone dane.test on knotd, the validating unbound the app asks.
DANE_DIR="$RIG_DIR/dane"
KNOT_PORT="${RIG_KNOT_PORT:-15361}"
RESOLVER_PORT="${RIG_RESOLVER_PORT:-15362}"
DANE_TA_ADDRESS=127.0.0.41

log() { printf 'rig: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Waits (bounded) until "$@" succeeds.
wait_for() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then die "$what did not come up within ${seconds}s"; fi
    sleep 0.5
  done
  log "$what is up"
}

# ---------------------------------------------------------------- install
cmd_install() {
  local -a need=()
  command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || need+=(postfix)
  command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v swaks >/dev/null 2>&1 || need+=(swaks)
  command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  [ -x /usr/bin/setpriv ] || need+=(util-linux)
  pg_bin >/dev/null 2>&1 || need+=(postgresql)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
  # DNSSEC and DANE (issue 11): a signed zone (ldns-signzone) served by knotd behind a validating unbound.
  command -v unbound >/dev/null 2>&1 || [ -x /usr/sbin/unbound ] || need+=(unbound)
  command -v knotd >/dev/null 2>&1 || [ -x /usr/sbin/knotd ] || need+=(knot)
  command -v ldns-signzone >/dev/null 2>&1 || need+=(ldnsutils)
  command -v delv >/dev/null 2>&1 || need+=(bind9-dnsutils)
  if [ ${#need[@]} -eq 0 ]; then
    log "all packages present"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "missing packages (${need[*]}); run as root or install them"
  log "installing: ${need[*]}"
  # Packages must not start their system services (a system postfix on *:25 would take the rig's port; Debian's
  # PostgreSQL cluster on 5432 and the system HAProxy stay stopped: the rig runs private ones).
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; made_policy=1
  fi
  local rc=0
  {
    apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Use-Pty=0 "${need[@]}"
  } || rc=$?
  [ $made_policy -eq 1 ] && rm -f "$policy"
  [ $rc -eq 0 ] || die "apt-get install failed ($rc)"
}

# ---------------------------------------------------------------- configure
render() { # template -> output with @VARS@ replaced
  sed -e "s|@RIG_DIR@|$RIG_DIR|g" -e "s|@PF_DIR@|$PF_DIR|g" -e "s|@PF_ETC@|$PF_ETC|g" \
      -e "s|@NGINX_DIR@|$NGINX_DIR|g" -e "s|@DNS_PORT@|$DNS_PORT|g" -e "s|@APP_PORT@|$APP_PORT|g" \
      -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" \
      -e "s|@DANE_DIR@|$DANE_DIR|g" -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@RESOLVER_PORT@|$RESOLVER_PORT|g" "$1" > "$2"
}

make_cert() { # out-prefix common-name
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$2" \
    -addext "subjectAltName=DNS:$2" -keyout "$1.key" -out "$1.crt" >/dev/null 2>&1 \
    || die "openssl could not make a certificate for $2"
  chmod 600 "$1.key"
}

cmd_configure() {
  cmd_down >/dev/null 2>&1 || true
  rm -rf "$RIG_DIR"
  mkdir -p "$RIG_DIR" "$PIDS" "$PF_ETC" "$PF_DIR/queue" "$PF_DIR/data" "$RIG_DIR/mail" "$NGINX_DIR/tmp" "$RIG_DIR/app" "$LB_DIR"
  # postfix's virtual(8) delivers as nobody, PostgreSQL runs as postgres: they must be able to reach their folders.
  chmod 755 "$RIG_DIR" "$PF_DIR"
  mkdir -p "$(dirname "$RIG_LINK")"
  rm -rf "$RIG_LINK"
  ln -s "$RIG_DIR" "$RIG_LINK"
  chown 65534:65534 "$RIG_DIR/mail"
  chown postfix:postfix "$PF_DIR/data" 2>/dev/null || true

  render "$RIG_SRC/dnsmasq.conf.in" "$RIG_DIR/dnsmasq.conf"
  render "$RIG_SRC/postfix/main.cf.in" "$PF_ETC/main.cf"
  render "$RIG_SRC/postfix/master.cf.in" "$PF_ETC/master.cf"
  cp "$RIG_SRC/postfix/recipient_access" "$PF_ETC/recipient_access"
  cp "$RIG_SRC/postfix/transport" "$PF_ETC/transport"
  make_cert "$PF_ETC/tls" mx.mailcheck.test
  render "$RIG_SRC/nginx.conf.in" "$NGINX_DIR/nginx.conf"
  make_cert "$NGINX_DIR/tls" localhost
  sts_configure
  configure_dane
  render_haproxy "$ROOT/deploy/haproxy/haproxy.cfg" > "$LB_DIR/haproxy.cfg"
  log "configured in $RIG_DIR (linked from artifacts/rig)"
}

# ---------------------------------------------------------------- DNSSEC and DANE (issue 11)
spki_sha256() { # certificate file -> hex SHA-256 of its SubjectPublicKeyInfo (the data of a "3 1 1" TLSA record)
  openssl x509 -in "$1" -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1
}
cert_sha256() { # certificate file -> hex SHA-256 of the whole certificate (a "2 0 1" record)
  openssl x509 -in "$1" -outform DER | openssl dgst -sha256 -r | cut -d' ' -f1
}

# The rig's DANE CA (root, intermediate) and postfix's second certificate, mx.ta.dane.test, issued by it.
make_dane_ca() {
  local d="$DANE_DIR/ca" ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
  mkdir -p "$d"
  openssl req -x509 "${ec[@]}" -days 30 -subj "/CN=MailCheck Rig DANE Root" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$d/root.key" -out "$d/root.crt" >/dev/null 2>&1 || die "openssl could not make the DANE root"
  openssl req "${ec[@]}" -subj "/CN=MailCheck Rig DANE Intermediate" -keyout "$d/int.key" -out "$d/int.csr" >/dev/null 2>&1 \
    && openssl x509 -req -in "$d/int.csr" -CA "$d/root.crt" -CAkey "$d/root.key" -set_serial "0x$(openssl rand -hex 8)" -days 30 \
      -extfile <(printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n') -out "$d/int.crt" >/dev/null 2>&1 \
    || die "openssl could not make the DANE intermediate"
  openssl req "${ec[@]}" -subj "/CN=mx.ta.dane.test" -keyout "$d/ta.key" -out "$d/ta.csr" >/dev/null 2>&1 \
    && openssl x509 -req -in "$d/ta.csr" -CA "$d/int.crt" -CAkey "$d/int.key" -set_serial "0x$(openssl rand -hex 8)" -days 30 \
      -extfile <(printf 'subjectAltName=DNS:mx.ta.dane.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n') -out "$d/ta.crt" >/dev/null 2>&1 \
    || die "openssl could not make the mx.ta.dane.test certificate"
  # postfix's smtpd_tls_chain_files: the key, then the leaf, the intermediate and the root (RFC 7672 §3.1.2).
  cat "$d/ta.key" "$d/ta.crt" "$d/int.crt" "$d/root.crt" > "$PF_ETC/dane-ta.pem"
  chmod 600 "$PF_ETC/dane-ta.pem" "$d"/*.key
}

# Renders dane.test with the digests of this run's certificates, signs it (ldns-signzone), tampers with one signature,
# and writes knotd's and unbound's configuration, unbound's trust anchor and delv's.
configure_dane() {
  mkdir -p "$DANE_DIR/knot/db" "$DANE_DIR/unbound"
  make_dane_ca
  local postfix_spki other_spki root_sha
  postfix_spki="$(spki_sha256 "$PF_ETC/tls.crt")"
  other_spki="$(spki_sha256 "$NGINX_DIR/tls.crt")"
  root_sha="$(cert_sha256 "$DANE_DIR/ca/root.crt")"
  sed -e "s|@POSTFIX_SPKI_SHA256@|$postfix_spki|g" -e "s|@OTHER_SPKI_SHA256@|$other_spki|g" \
      -e "s|@DANE_ROOT_SHA256@|$root_sha|g" -e "s|@SERIAL@|$(date +%s)|g" \
      -e "s|@KNOT_PORT@|$KNOT_PORT|g" -e "s|@RESOLVER_PORT@|$RESOLVER_PORT|g" \
      "$RIG_SRC/dane/dane.test.zone.in" > "$DANE_DIR/dane.test.zone"
  sed -e "s|@POSTFIX_SPKI_SHA256@|$postfix_spki|g" "$RIG_SRC/dane/dnsmasq-dane.conf.in" > "$DANE_DIR/dnsmasq-dane.conf"
  (
    cd "$DANE_DIR" || exit 1
    zsk="$(ldns-keygen -a ECDSAP256SHA256 dane.test)" && ksk="$(ldns-keygen -a ECDSAP256SHA256 -k dane.test)" || exit 1
    # Signatures valid from an hour ago (clocks) for 30 days.
    ldns-signzone -i "$(date -u -d '-1 hour' +%Y%m%d%H%M%S)" -e "$(date -u -d '+30 days' +%Y%m%d%H%M%S)" \
      -f dane.test.valid dane.test.zone "$zsk" "$ksk" || exit 1
    cp "$ksk.ds" dane.test.ds
  ) || die "ldns could not sign dane.test"
  # bogus.dane.test: change one character of the RRSIG over its TLSA record, so validation fails (EDE 6, DNSSEC Bogus).
  awk 'BEGIN { OFS = "\t" }
       $1 == "_25._tcp.mx.bogus.dane.test." && $4 == "RRSIG" && $5 == "TLSA" {
         sig = $NF; c = substr(sig, 20, 1); $NF = substr(sig, 1, 19) (c == "A" ? "B" : "A") substr(sig, 21); done = 1 }
       { print } END { exit done ? 0 : 1 }' "$DANE_DIR/dane.test.valid" > "$DANE_DIR/dane.test.signed" \
    || die "no RRSIG over _25._tcp.mx.bogus.dane.test TLSA to tamper with"
  # delv's own trust anchor: an oracle independent of unbound's validation.
  read -r _ _ _ tag alg digest_type digest < "$DANE_DIR/dane.test.ds"
  printf 'trust-anchors {\n  "dane.test." static-ds %s %s %s "%s";\n};\n' "$tag" "$alg" "$digest_type" "$digest" > "$DANE_DIR/delv-anchors.conf"
  render "$RIG_SRC/dane/knot.conf.in" "$DANE_DIR/knot/knot.conf"
  render "$RIG_SRC/dane/unbound.conf.in" "$DANE_DIR/unbound/unbound.conf"
}

start_dnssec() {
  port_free 127.0.0.1 "$KNOT_PORT" knotd
  knotc -c "$DANE_DIR/knot/knot.conf" conf-check >"$DANE_DIR/knot/check.log" 2>&1 || { cat "$DANE_DIR/knot/check.log" >&2; die "knot's configuration is not valid"; }
  start_bg knotd "$DANE_DIR/knot/stderr.log" knotd -c "$DANE_DIR/knot/knot.conf"
  wait_for "knotd on 127.0.0.1:$KNOT_PORT" 20 \
    bash -c "dig +short +norec +time=1 +tries=1 @127.0.0.1 -p $KNOT_PORT SOA dane.test | grep -q ns.dane.test"
  port_free 127.0.0.1 "$RESOLVER_PORT" unbound
  unbound-checkconf "$DANE_DIR/unbound/unbound.conf" >"$DANE_DIR/unbound/check.log" 2>&1 || { cat "$DANE_DIR/unbound/check.log" >&2; die "unbound's configuration is not valid"; }
  start_bg unbound "$DANE_DIR/unbound/stderr.log" unbound -d -c "$DANE_DIR/unbound/unbound.conf"
  wait_for "unbound on 127.0.0.1:$RESOLVER_PORT" 20 \
    bash -c "dig +dnssec +time=1 +tries=1 @127.0.0.1 -p $RESOLVER_PORT MX good.dane.test | grep -q 'flags:.* ad'"
  cmd_check_dane
}

# The rig's own self-check, with dig and delv as oracles independent of MailCheck: the signed zone validates, the
# tampered record is bogus with EDE 6, the unsigned child is provably insecure, the lab zones still resolve.
cmd_check_dane() {
  local r=(+time=2 +tries=1 @127.0.0.1 -p "$RESOLVER_PORT") delv=(delv -a "$DANE_DIR/delv-anchors.conf" +root=dane.test @127.0.0.1 -p "$RESOLVER_PORT")
  dig +dnssec "${r[@]}" TLSA _25._tcp.mx.good.dane.test | grep -q 'flags:.* ad' || die "check-dane: _25._tcp.mx.good.dane.test TLSA is not authenticated"
  "${delv[@]}" TLSA _25._tcp.mx.good.dane.test 2>&1 | grep -q '; fully validated' || die "check-dane: delv does not validate _25._tcp.mx.good.dane.test"
  dig +dnssec "${r[@]}" TLSA _25._tcp.mx.bogus.dane.test | grep -q 'status: SERVFAIL' || die "check-dane: the tampered TLSA record is not SERVFAIL"
  dig +dnssec "${r[@]}" TLSA _25._tcp.mx.bogus.dane.test | grep -q 'EDE: 6 (DNSSEC Bogus)' || die "check-dane: no EDE 6 for the tampered record"
  "${delv[@]}" A mx.unsigned.dane.test 2>&1 | grep -q '; unsigned answer' || die "check-dane: mx.unsigned.dane.test is not provably insecure"
  dig +short "${r[@]}" MX mailcheck.test | grep -q mx.mailcheck.test || die "check-dane: the lab zone does not resolve through unbound"
  log "check-dane: dane.test validates, the tampered record is bogus (EDE 6), unsigned.dane.test is insecure, the lab zones resolve"
}

# ---------------------------------------------------------------- start
# Fails when something already listens on 127.x.x.x:port (another rig, or a developer's own app).
port_free() { # address port what
  if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then
    die "$1:$2 ($3) is already in use: $(ss -ltnpH "sport = :$2" 2>/dev/null | head -1). Stop it or move the rig's ports (RIG_*_PORT)."
  fi
}
start_bg() { # name logfile command...
  local name="$1" logfile="$2"; shift 2
  "$@" >"$logfile" 2>&1 &
  echo $! > "$PIDS/$name.pid"
}

cmd_start_dns() {
  port_free 127.0.0.1 "$DNS_PORT" dnsmasq
  start_bg dnsmasq "$RIG_DIR/dnsmasq.log" dnsmasq --keep-in-foreground --conf-file="$RIG_DIR/dnsmasq.conf" \
    --pid-file="$RIG_DIR/dnsmasq.pidfile" --user=root
  wait_for "dnsmasq on 127.0.0.1:$DNS_PORT" 20 \
    bash -c "dig +short +time=1 +tries=1 @127.0.0.1 -p $DNS_PORT MX mailcheck.test | grep -q mx.mailcheck.test"
  start_dnssec
}

smtp_up() { # true when postfix answers with its banner
  exec 3<>"/dev/tcp/$SMTP_ADDRESS/25" || return 1
  local line; read -r -t 5 line <&3 || { exec 3>&-; return 1; }
  printf 'QUIT\r\n' >&3; exec 3>&-
  [[ "$line" == 220* ]]
}

cmd_start_postfix() {
  port_free "$SMTP_ADDRESS" 25 postfix
  if ! postfix -c "$PF_ETC" check >"$PF_DIR/check.log" 2>&1; then
    cat "$PF_DIR/check.log" >&2; die "postfix check failed"
  fi
  postfix -c "$PF_ETC" start >"$PF_DIR/start.log" 2>&1 || { cat "$PF_DIR/start.log" "$PF_DIR/maillog" >&2 || true; die "postfix did not start"; }
  wait_for "postfix on $SMTP_ADDRESS:25" 30 smtp_up
}

cmd_publish() {
  dotnet publish "$ROOT/src/MailCheck.Web/MailCheck.Web.csproj" -c Release -o "$PUBLISH_DIR" -nologo -clp:ErrorsOnly \
    || die "dotnet publish failed"
}

app_env() {
  cat <<ENV
ASPNETCORE_ENVIRONMENT=Production
ASPNETCORE_URLS=http://127.0.0.1:$APP_PORT
MailCheck__PathBase=/mailcheck
MailCheck__Dns__Servers__0=127.0.0.1:$RESOLVER_PORT
MailCheck__Dns__DnssecProbeName=dane.test
MailCheck__ReverseProxy__KnownProxies__0=127.0.0.1
MailCheck__Safety__AllowedNetworks__0=127.0.0.0/8
MailCheck__Smtp__EhloName=mailcheck-rig.localhost
MailCheck__Smtp__DefaultFrom=mailcheck@mailcheck-rig.localhost
MailCheck__Smtp__ConnectTimeout=00:00:05
MailCheck__Limits__PerClient__Limit=1000
MailCheck__Limits__PerDomain__Limit=1000
MailCheck__Dnsbl__Zones__0=bl.rig.test
MailCheck__Receive__Domain=receive.rig.test
MailCheck__Receive__Listen=$RECEIVE_ADDRESS:$RECEIVE_PORT
MailCheck__Receive__CommandTimeout=00:00:15
MailCheck__Safety__AllowedNetworks__1=::1/128
MailCheck__Tls__ExtraTrustedCaFile=$STS_DIR/ca.crt
ConnectionStrings__MailCheck=Data Source=$RIG_DIR/app/mailcheck.db
ENV
}

cmd_start_app() {
  [ -f "$PUBLISH_DIR/MailCheck.Web.dll" ] || die "no published app in $PUBLISH_DIR (run: $0 publish)"
  port_free 127.0.0.1 "$APP_PORT" app
  port_free "$RECEIVE_ADDRESS" "$RECEIVE_PORT" "app's receive listener"
  local -a envs=()
  while IFS= read -r line; do envs+=("$line"); done < <(app_env)
  # The content root is the publish folder (wwwroot, appsettings.json).
  ( cd "$PUBLISH_DIR" && exec env "${envs[@]}" dotnet MailCheck.Web.dll ) >"$RIG_DIR/app/app.log" 2>&1 &
  echo $! > "$PIDS/app.pid"
  local pid; pid="$(cat "$PIDS/app.pid")"
  local deadline=$((SECONDS + 90))
  until curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$APP_PORT/mailcheck/"; do
    if ! kill -0 "$pid" 2>/dev/null; then tail -50 "$RIG_DIR/app/app.log" >&2; die "the app exited"; fi
    if [ $SECONDS -ge $deadline ]; then tail -50 "$RIG_DIR/app/app.log" >&2; die "the app did not answer within 90s"; fi
    sleep 0.5
  done
  log "app on 127.0.0.1:$APP_PORT is up"
}

cmd_start_nginx() {
  port_free 127.0.0.1 "$HTTP_PORT" "nginx http"
  port_free 127.0.0.1 "$HTTPS_PORT" "nginx https"
  nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -t >"$NGINX_DIR/test.log" 2>&1 || { cat "$NGINX_DIR/test.log" >&2; die "nginx config test failed"; }
  start_bg nginx "$NGINX_DIR/stderr.log" nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;'
  wait_for "nginx on 127.0.0.1:$HTTP_PORT and :$HTTPS_PORT" 20 \
    bash -c "curl -sS -o /dev/null --max-time 2 http://127.0.0.1:$HTTP_PORT/ && curl -ksS -o /dev/null --max-time 2 https://127.0.0.1:$HTTPS_PORT/"
}

# ---------------------------------------------------------------- PostgreSQL (private cluster)
pg_bin() { # the newest installed server's bin folder
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s' "$dir"
}
pg_up() { (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; }
pg_sql() { # database sql...: as the superuser over TCP
  local db="$1"; shift
  PGPASSWORD= psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"
}

cmd_start_postgres() {
  local bin; bin="$(pg_bin)" || die "PostgreSQL is not installed (run: $0 install)"
  port_free 127.0.0.1 "$PG_PORT" postgres
  id postgres >/dev/null 2>&1 || die "there is no 'postgres' user (the Debian package creates it)"
  # initdb refuses root: the cluster belongs to postgres, in a folder it owns, outside any checkout.
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR/run"; chown -R postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
  runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$RIG_DIR/postgres-initdb.log" 2>&1 \
    || { cat "$RIG_DIR/postgres-initdb.log" >&2; die "initdb failed"; }
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR/run -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start"; }
  wait_for "PostgreSQL on 127.0.0.1:$PG_PORT" 30 pg_up
  pg_sql postgres -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER"
  log "PostgreSQL database $PG_DATABASE (user $PG_USER) ready"
}

stop_postgres() {
  local bin; bin="$(pg_bin)" || return 0
  [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do pg_up || break; sleep 0.25; done
  log "stopped PostgreSQL"
}

# ---------------------------------------------------------------- HAProxy (the shipped configuration)
# deploy/haproxy/haproxy.cfg with only the addresses changed: the public bind and the two compose services.
render_haproxy() {
  sed -e "s|^\( *bind \).*:8080\(.*\)$|\1127.0.0.1:$LB_PORT\2|" \
      -e "s|mailcheck-1:8080|127.0.0.1:$SCALE_A_PORT|" -e "s|mailcheck-2:8080|127.0.0.1:$SCALE_B_PORT|" "$1"
}

cmd_start_haproxy() {
  command -v haproxy >/dev/null 2>&1 || die "HAProxy is not installed (run: $0 install)"
  port_free 127.0.0.1 "$LB_PORT" haproxy
  [ -f "$LB_DIR/haproxy.cfg" ] || die "not configured (run: $0 configure)"
  haproxy -c -f "$LB_DIR/haproxy.cfg" >"$LB_DIR/check.log" 2>&1 || { cat "$LB_DIR/check.log" >&2; die "haproxy -c failed"; }
  start_bg haproxy "$LB_DIR/haproxy.log" haproxy -db -f "$LB_DIR/haproxy.cfg"
  wait_for "HAProxy on 127.0.0.1:$LB_PORT" 20 bash -c "(exec 3<>/dev/tcp/127.0.0.1/$LB_PORT)"
}

# The two MailCheck instances behind HAProxy, for use by hand (the scale-out tests start and kill their own).
scale_env() { # instance-letter port
  cat <<ENV
ASPNETCORE_ENVIRONMENT=Production
ASPNETCORE_URLS=http://127.0.0.1:$2
MailCheck__Storage__Provider=Postgres
ConnectionStrings__MailCheck=$(pg_connection "$PG_DATABASE")
MailCheck__Scale__InstanceId=rig-$1
MailCheck__Dns__Servers__0=127.0.0.1:$DNS_PORT
MailCheck__ReverseProxy__KnownProxies__0=127.0.0.1
MailCheck__Safety__AllowedNetworks__0=127.0.0.0/8
MailCheck__Smtp__EhloName=mailcheck-scale.localhost
MailCheck__Smtp__DefaultFrom=mailcheck@mailcheck-scale.localhost
MailCheck__Smtp__InstanceName=MailCheck rig-$1
MailCheck__Limits__PerClient__Limit=1000
MailCheck__Limits__PerDomain__Limit=1000
ENV
}
pg_connection() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$PG_PORT" "$1" "$PG_USER" "$PG_PASSWORD"; }

cmd_start_instances() {
  [ -f "$PUBLISH_DIR/MailCheck.Web.dll" ] || die "no published app in $PUBLISH_DIR (run: $0 publish)"
  local letter port
  for letter in a b; do
    port=$SCALE_A_PORT; [ "$letter" = b ] && port=$SCALE_B_PORT
    port_free 127.0.0.1 "$port" "instance $letter"
    local -a envs=()
    while IFS= read -r line; do envs+=("$line"); done < <(scale_env "$letter" "$port")
    ( cd "$PUBLISH_DIR" && exec env "${envs[@]}" dotnet MailCheck.Web.dll ) >"$RIG_DIR/app/instance-$letter.log" 2>&1 &
    echo $! > "$PIDS/instance-$letter.pid"
  done
  wait_for "instances a and b through HAProxy" 90 bash -c \
    "curl -fs http://127.0.0.1:$SCALE_A_PORT/healthz/ready && curl -fs http://127.0.0.1:$SCALE_B_PORT/healthz/ready"
}

cmd_up_scale() {
  [ -f "$RIG_DIR/dnsmasq.conf" ] || cmd_configure
  pg_up || cmd_start_postgres
  [ -f "$PIDS/haproxy.pid" ] || cmd_start_haproxy
  [ -f "$PUBLISH_DIR/MailCheck.Web.dll" ] || cmd_publish
  cmd_start_instances
}

cmd_up() {
  cmd_configure
  cmd_start_dns
  cmd_start_postfix
  cmd_start_sts
  [ -f "$PUBLISH_DIR/MailCheck.Web.dll" ] || cmd_publish
  cmd_start_app
  cmd_start_nginx
}

# ---------------------------------------------------------------- stop
stop_pid() { # name
  local file="$PIDS/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped $1 ($pid)"
  fi
  rm -f "$file"
}

cmd_down() {
  local rc=0
  stop_pid nginx || rc=1
  stop_pid nginx-sts || rc=1
  stop_pid haproxy || rc=1
  stop_pid instance-a || rc=1
  stop_pid instance-b || rc=1
  stop_pid app || rc=1
  stop_postgres || rc=1
  if [ -f "$PF_ETC/main.cf" ] && [ -f "$PF_DIR/queue/pid/master.pid" ]; then
    postfix -c "$PF_ETC" stop >/dev/null 2>&1 && log "stopped postfix" || true
  fi
  stop_pid unbound || rc=1
  stop_pid knotd || rc=1
  stop_pid dnsmasq || rc=1
  return $rc
}

# Removes the rig's folder (after a green run; a failed one keeps it for its logs).
cmd_clean() {
  cmd_down >/dev/null 2>&1 || true
  rm -rf "$RIG_DIR"
  [ -L "$RIG_LINK" ] && rm -f "$RIG_LINK"
  log "removed $RIG_DIR"
}

# ---------------------------------------------------------------- env
# Where everything is, for the end-to-end and scale-out tests (MailCheck.EndToEnd and MailCheck.ScaleOut read these).
# Values are single-quoted (a connection string has ';'): `set -a; eval "$(tests/rig/rig.sh env)"; set +a`.
cmd_env() {
  cat <<ENV
MAILCHECK_E2E_BASE_URL='https://127.0.0.1:$HTTPS_PORT/mailcheck/'
MAILCHECK_E2E_HTTP_BASE_URL='http://127.0.0.1:$HTTP_PORT/mailcheck/'
MAILCHECK_E2E_APP_URL='http://127.0.0.1:$APP_PORT/mailcheck/'
MAILCHECK_E2E_DNS='127.0.0.1:$RESOLVER_PORT'
MAILCHECK_E2E_DNSMASQ='127.0.0.1:$DNS_PORT'
MAILCHECK_E2E_DANE_TA_SMTP='$DANE_TA_ADDRESS:25'
MAILCHECK_E2E_MAILDIR='$RIG_DIR/mail/sink'
MAILCHECK_E2E_RIG_DIR='$RIG_DIR'
MAILCHECK_E2E_SLOW_SMTP='127.0.0.26:25'
MAILCHECK_E2E_CHROMIUM='/usr/bin/chromium'
MAILCHECK_E2E_RECEIVE_SMTP='$RECEIVE_ADDRESS:$RECEIVE_PORT'
MAILCHECK_SCALE_DATABASE='$(pg_connection "$PG_DATABASE")'
MAILCHECK_SCALE_BALANCER_URL='http://127.0.0.1:$LB_PORT/'
MAILCHECK_SCALE_INSTANCE_PORTS='$SCALE_A_PORT,$SCALE_B_PORT'
MAILCHECK_SCALE_SPARE_PORTS='15083,15084'
MAILCHECK_SCALE_SLOW_SMTP='127.0.0.1:15099'
MAILCHECK_SCALE_PUBLISH_DIR='$PUBLISH_DIR'
MAILCHECK_SCALE_HAPROXY_LOG='$LB_DIR/haproxy.log'
ENV
}

cmd_status() {
  for n in dnsmasq knotd unbound app nginx haproxy instance-a instance-b nginx-sts; do
    if [ -f "$PIDS/$n.pid" ] && kill -0 "$(cat "$PIDS/$n.pid")" 2>/dev/null; then log "$n running ($(cat "$PIDS/$n.pid"))"; else log "$n not running"; fi
  done
  if smtp_up 2>/dev/null; then log "postfix answering on $SMTP_ADDRESS:25"; else log "postfix not answering"; fi
  if pg_up; then log "PostgreSQL answering on 127.0.0.1:$PG_PORT"; else log "PostgreSQL not answering"; fi
}

# The end of every log, for a failed run.
cmd_logs() {
  for f in "$PF_DIR/maillog" "$NGINX_DIR/error.log" "$NGINX_DIR/access.log" "$STS_DIR/nginx-error.log" "$STS_DIR/nginx-access.log" "$RIG_DIR/app/app.log" "$RIG_DIR/dnsmasq.log" "$DANE_DIR/knot/knot.log" "$DANE_DIR/unbound/unbound.log" \
           "$PG_DIR/postgres.log" "$LB_DIR/haproxy.log" "$RIG_DIR/app/instance-a.log" "$RIG_DIR/app/instance-b.log"; do
    [ -f "$f" ] || continue
    printf '\n----- %s (last 40 lines)\n' "${f#"$ROOT"/}"
    tail -n 40 "$f"
  done
}

# ---------------------------------------------------------------- MTA-STS and the private CA (issue 11, transport)
# A private CA made at configure time signs the certificate of a second postfix listener (mx.sts.test on
# 127.0.0.50:25, master.cf) and those of a second private nginx that serves MTA-STS policies on 127.0.0.51:443
# (tests/rig/sts/nginx-sts.conf.in). The app trusts the CA through MailCheck:Tls:ExtraTrustedCaFile (app_env).
# The domains are in dnsmasq.conf.in's "MTA-STS zone" section; docs/testing.md lists the cases.
STS_DIR="$RIG_DIR/sts"
STS_MX_ADDRESS=127.0.0.50
STS_POLICY_ADDRESS=127.0.0.51

sts_issue() { # out-prefix common-name subjectAltName-list: a server certificate from the rig's CA
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr" >/dev/null 2>&1 \
    || die "openssl could not make a key for $2"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$3" > "$1.ext"
  openssl x509 -req -sha256 -days 30 -in "$1.csr" -CA "$STS_DIR/ca.crt" -CAkey "$STS_DIR/ca.key" -CAcreateserial \
    -extfile "$1.ext" -out "$1.crt" >/dev/null 2>&1 || die "openssl could not sign a certificate for $2"
  chmod 600 "$1.key"
  rm -f "$1.csr" "$1.ext"
}

sts_configure() {
  mkdir -p "$STS_DIR/tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=MailCheck Rig CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$STS_DIR/ca.key" -out "$STS_DIR/ca.crt" >/dev/null 2>&1 || die "openssl could not make the rig's CA"
  chmod 600 "$STS_DIR/ca.key"
  # postfix's 127.0.0.50 listener (read by postfix as root at start): valid for the wildcard cases' MX names too.
  sts_issue "$PF_ETC/sts-mx" mx.sts.test "DNS:mx.sts.test,DNS:*.wild.sts.test,DNS:a.b.wild.sts.test,DNS:wild.sts.test"
  local names="" d
  for d in enforce outside wildcard wilddeep wildapex selfsigned testing mismatch redirect wrongtype notxt nopolicy; do
    names="${names:+$names,}DNS:mta-sts.$d.sts.test"
  done
  # both.dane.test (issue 11, DANE with MTA-STS): its policy host is in the signed zone dane.test.
  names="$names,DNS:mta-sts.both.dane.test"
  sts_issue "$STS_DIR/policy" mta-sts.enforce.sts.test "$names"
  sts_issue "$STS_DIR/wrongname" www.sts.test "DNS:www.sts.test"
  sed -e "s|@STS_DIR@|$STS_DIR|g" -e "s|@STS_POLICY_ADDRESS@|$STS_POLICY_ADDRESS|g" \
    "$RIG_SRC/sts/nginx-sts.conf.in" > "$STS_DIR/nginx-sts.conf"
}

sts_smtp_up() { # true when postfix's mx.sts.test listener greets
  exec 3<>"/dev/tcp/$STS_MX_ADDRESS/25" || return 1
  local line; read -r -t 5 line <&3 || { exec 3>&-; return 1; }
  printf 'QUIT\r\n' >&3; exec 3>&-
  [[ "$line" == "220 mx.sts.test"* ]]
}

sts_policy_up() {
  curl -fsS -o /dev/null --max-time 2 --cacert "$STS_DIR/ca.crt" \
    --resolve "mta-sts.enforce.sts.test:443:$STS_POLICY_ADDRESS" https://mta-sts.enforce.sts.test/.well-known/mta-sts.txt
}

cmd_start_sts() {
  wait_for "postfix (mx.sts.test) on $STS_MX_ADDRESS:25" 20 sts_smtp_up
  port_free "$STS_POLICY_ADDRESS" 443 "nginx (MTA-STS policies)"
  nginx -p "$STS_DIR" -c "$STS_DIR/nginx-sts.conf" -t >"$STS_DIR/nginx-test.log" 2>&1 \
    || { cat "$STS_DIR/nginx-test.log" >&2; die "nginx (MTA-STS policies) config test failed"; }
  start_bg nginx-sts "$STS_DIR/nginx-stderr.log" nginx -p "$STS_DIR" -c "$STS_DIR/nginx-sts.conf" -g 'daemon off;'
  wait_for "nginx (MTA-STS policies) on $STS_POLICY_ADDRESS:443" 20 sts_policy_up
}

case "${1:-}" in
  install) cmd_install ;;
  configure) cmd_configure ;;
  start-dns) cmd_start_dns ;;
  start-postfix) cmd_start_postfix ;;
  start-sts) cmd_start_sts ;;
  publish) cmd_publish ;;
  start-app) cmd_start_app ;;
  start-nginx) cmd_start_nginx ;;
  start-postgres) cmd_start_postgres ;;
  start-haproxy) cmd_start_haproxy ;;
  start-instances) cmd_start_instances ;;
  up) cmd_up ;;
  up-scale) cmd_up_scale ;;
  down) cmd_down ;;
  clean) cmd_clean ;;
  env) cmd_env ;;
  status) cmd_status ;;
  logs) cmd_logs ;;
  check-dane) cmd_check_dane ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
