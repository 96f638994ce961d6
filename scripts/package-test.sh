#!/usr/bin/env bash
# Builds the Linux packages (vigiad and vigia .deb, one .tar.gz) the way a
# release would, checks them (lintian, appstreamcli, desktop-file-validate,
# systemd-analyze), installs them with apt, and smoke-tests what was installed:
#   - the installed /usr/bin/vigiad runs as the vigia user with the unit's
#     ExecStart line, except for a temporary config (loopback port, the store
#     in the package's /var/lib/vigia), under setpriv with the unit's
#     NoNewPrivileges, empty capability set and UMask (no systemd needed);
#   - a token is made with the installed vigiad, and the installed console's
#     `vigia --check-connection` (offscreen) must reach it and read the status;
# then purges both packages and checks that nothing is left: no package, no
# vigiad process, no /etc/vigia or /var/lib/vigia; the vigia user stays, as
# docs/deployment.md says (the script removes it afterwards if it made it).
#
# Needs root (apt-get, setpriv). Safe to run again: whatever a run installs
# or starts is undone on exit, also when a step fails. Refuses to run where
# vigia or vigiad is installed, or /etc/vigia or /var/lib/vigia exists, other
# than by an interrupted run of this script: it would purge them.
#
#   VIGIA_PACKAGE_BUILD_DIR  build tree (build-pkg); the packages go to its packages/
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "package-test.sh: run as root (apt-get, setpriv)" >&2; exit 1; }

root=$PWD
build=${VIGIA_PACKAGE_BUILD_DIR:-build-pkg}
out="$root/$build/packages"
unit=/lib/systemd/system/vigiad.service
# Written while this script has the packages installed: a later run may purge them.
marker=/var/lib/vigia-package-test.installed

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
ok() { echo "package-test: ok: $*"; }

# Known to dpkg: installed, or removed with its config files left ("rc").
installed() { # package
    local status
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) || return 1
    case "$status" in "" | un* | pn*) return 1 ;; esac
}

# --- Clean-up, on every exit ---------------------------------------------------------------

tmp=
pid=
user_was_there=1
packages_before=
cleanup() {
    local rc=$?
    set +e
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    if [ -e "$marker" ]; then
        for p in vigia vigiad; do
            installed "$p" && DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$p" >/dev/null
        done
        rm -f "$marker"
    fi
    # Anything apt brought in for the packages goes too: the machine is left as found.
    if [ -n "$packages_before" ]; then
        local added
        added=$(comm -13 <(echo "$packages_before") <(dpkg-query -W -f='${binary:Package}\n' | sort))
        if [ -n "$added" ]; then
            echo "package-test: removing what apt installed for the packages: $added"
            # shellcheck disable=SC2086
            DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null
        fi
    fi
    if [ "$user_was_there" = 0 ] && getent passwd vigia >/dev/null; then
        deluser --system --quiet vigia >/dev/null 2>&1
        getent group vigia >/dev/null && delgroup --system --quiet vigia >/dev/null 2>&1
    fi
    [ -n "$tmp" ] && rm -rf "$tmp"
    [ "$rc" -eq 0 ] || echo "package-test: failed (exit $rc); installed packages purged" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- A machine this may run on --------------------------------------------------------------

if [ -e "$marker" ]; then
    echo "package-test: purging what an interrupted run left"
    for p in vigia vigiad; do
        installed "$p" && DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$p" >/dev/null
    done
    rm -f "$marker"
fi
for p in vigia vigiad; do
    installed "$p" && fail "$p is installed on this machine; this test would purge it"
done
for d in /etc/vigia /var/lib/vigia; do
    [ -e "$d" ] && fail "$d exists on this machine; purging vigiad would remove it"
done
getent passwd vigia >/dev/null || user_was_there=0
tmp=$(mktemp -d /tmp/vigia-package-test.XXXXXX)
chmod 0755 "$tmp"

# --- Build, with Debian's hardening flags -------------------------------------------------

echo "== package: configure and build ($build, Release, dpkg-buildflags hardening=+all)"
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
# -g is left out: cpack strips the binaries anyway.
cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
cxxflags=$(echo " $cxxflags " | sed -e 's/ -g / /g' -e 's/^ *//' -e 's/ *$//')
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DVIGIA_BUILD_TESTS=OFF -DVIGIA_BUILD_BENCH=OFF -DVIGIA_WARNINGS_AS_ERRORS=ON \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
python3 scripts/check-deps.py "$build"
cmake --build "$build" -j "$(nproc)"

echo "== package: cpack"
rm -rf "$out"
(cd "$build" && cpack -B "$out" >/dev/null)
arch=$(dpkg --print-architecture)
deb_d=$(ls "$out"/vigiad_*_"$arch".deb) || fail "cpack made no vigiad .deb"
deb_c=$(ls "$out"/vigia_*_"$arch".deb) || fail "cpack made no vigia .deb"
tgz=$(ls "$out"/*.tar.gz) || fail "cpack made no .tar.gz"
stat -c '  %s bytes  %n' "$deb_d" "$deb_c" "$tgz"

# --- What the packages hold -----------------------------------------------------------------

echo "== package: contents and control fields"
for deb in "$deb_d" "$deb_c"; do
    dpkg-deb -f "$deb" Package Version Architecture Section Depends Recommends | sed 's/^/  /'
done
has() { # deb path...
    local deb=$1 list
    shift
    list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
    for path in "$@"; do
        grep -qx -- "$path" <<<"$list" || fail "$(basename "$deb") lacks $path"
    done
}
has "$deb_d" /usr/bin/vigiad /etc/vigia/vigiad.ini "$unit" /usr/share/man/man8/vigiad.8.gz \
    /usr/share/doc/vigiad/copyright /usr/share/doc/vigiad/changelog.gz
has "$deb_c" /usr/bin/vigia /usr/share/applications/vigia.desktop \
    /usr/share/metainfo/io.github.vigia.Vigia.metainfo.xml /usr/share/man/man1/vigia.1.gz \
    /usr/share/icons/hicolor/scalable/apps/vigia.svg \
    /usr/share/doc/vigia/copyright /usr/share/doc/vigia/changelog.gz
for size in 16 22 24 32 48 64 128 256; do
    has "$deb_c" "/usr/share/icons/hicolor/${size}x${size}/apps/vigia.png"
done
dpkg-deb --ctrl-tarfile "$deb_d" | tar -xO ./conffiles >"$tmp/conffiles"
grep -qx /etc/vigia/vigiad.ini "$tmp/conffiles" ||
    fail "/etc/vigia/vigiad.ini is not a conffile"
tar -tzf "$tgz" >"$tmp/tgz.list"
for path in usr/bin/vigiad usr/bin/vigia etc/vigia/vigiad.ini lib/systemd/system/vigiad.service; do
    grep -q "/$path\$" "$tmp/tgz.list" || fail "the .tar.gz lacks $path"
done
ok "files, conffile and .tar.gz"

echo "== package: lintian"
# Tags left are explained in packaging/lintian-notes.md; any warning or error fails.
lintian --fail-on error,warning --info "$deb_d" "$deb_c"
ok "lintian"

# --- Install ------------------------------------------------------------------------------

echo "== package: apt-get install"
packages_before=$(dpkg-query -W -f='${binary:Package}\n' | sort)
touch "$marker"
# dpkg's progress lines ("Reading database ... 5%") are left out.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb_d" "$deb_c" 2>&1 |
    sed '/^(Reading database/d; /^debconf: delaying/d'
for p in vigia vigiad; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p")" = "ii " ] || fail "$p is not installed"
done
ok "installed: $(dpkg-query -W -f='${Package} ${Version}  ' vigiad vigia)"

passwd=$(getent passwd vigia) || fail "postinst made no vigia user"
[[ "$passwd" == *:/var/lib/vigia:/usr/sbin/nologin ]] ||
    fail "vigia should have home /var/lib/vigia and no login shell: $passwd"
[ "$(id -u vigia)" -lt 1000 ] || fail "vigia is not a system user"
[ "$(stat -c '%U:%G %a' /var/lib/vigia)" = "vigia:vigia 750" ] ||
    fail "/var/lib/vigia is $(stat -c '%U:%G %a' /var/lib/vigia)"
[ "$(stat -c '%U:%G %a' /etc/vigia/vigiad.ini)" = "root:vigia 640" ] ||
    fail "/etc/vigia/vigiad.ini is $(stat -c '%U:%G %a' /etc/vigia/vigiad.ini)"
ok "user vigia ($(id vigia)), /var/lib/vigia and /etc/vigia/vigiad.ini"
# The service user reads the shipped config (through its group) and keeps its store in
# /var/lib/vigia before systemd ever starts it: what docs/deployment.md has operators do.
(cd / && setpriv --reuid=vigia --regid=vigia --init-groups -- \
    /usr/bin/vigiad token list --config /etc/vigia/vigiad.ini >/dev/null 2>&1) ||
    fail "vigia cannot run vigiad token list on /etc/vigia/vigiad.ini"
[ "$(stat -c %U /var/lib/vigia/vigia.db)" = vigia ] || fail "the store is not vigia's"
ok "as vigia: vigiad token list --config /etc/vigia/vigiad.ini (store in /var/lib/vigia)"

# Installing again (as an upgrade does) keeps an edited config and its permissions,
# and the postinst copes with the user and the directory already there.
echo "; edited by package-test" >>/etc/vigia/vigiad.ini
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb_d" 2>&1 | sed '/^(Reading database/d'
[ "$(tail -n 1 /etc/vigia/vigiad.ini)" = "; edited by package-test" ] ||
    fail "reinstalling vigiad replaced the edited /etc/vigia/vigiad.ini"
[ "$(stat -c '%U:%G %a' /etc/vigia/vigiad.ini)" = "root:vigia 640" ] ||
    fail "after reinstalling, /etc/vigia/vigiad.ini is $(stat -c '%U:%G %a' /etc/vigia/vigiad.ini)"
ok "reinstalled vigiad: the edited config and its permissions kept"

echo "== package: appstreamcli, desktop-file-validate, systemd-analyze"
appstreamcli validate --no-net /usr/share/metainfo/io.github.vigia.Vigia.metainfo.xml
desktop-file-validate /usr/share/applications/vigia.desktop
systemd-analyze verify "$unit"
ok "systemd-analyze verify $unit"
{ systemd-analyze security --offline=true --no-pager "$unit" || true; } | tail -n 1

# --- Run what was installed ---------------------------------------------------------------

echo "== package: installed vigiad, as the unit runs it, on a temporary config"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Telegram only, pointed at a closed loopback port: nothing leaves 127.0.0.1.
cat >"$tmp/vigiad.ini" <<INI
[server]
listen = 127.0.0.1:$port
[store]
sqlite = /var/lib/vigia/vigia.db
[waha]
enabled = false
[telegram]
api_url = http://127.0.0.1:9
bot_token = 123456:package-test
INI
chmod 0644 "$tmp/vigiad.ini"

# The unit's User=, Group=, NoNewPrivileges=, CapabilityBoundingSet= (empty) and UMask=.
[ "$(sed -n 's/^User=//p' "$unit")" = vigia ] || fail "the unit does not run as vigia"
umask=$(sed -n 's/^UMask=//p' "$unit")
as_vigia=(setpriv --reuid=vigia --regid=vigia --init-groups --no-new-privs
    --inh-caps=-all --bounding-set=-all --)
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "${exec_start#*--config /etc/vigia/vigiad.ini}" != "$exec_start" ] ||
    fail "unexpected ExecStart: $exec_start"
read -r -a command <<<"${exec_start/\/etc\/vigia\/vigiad.ini/$tmp/vigiad.ini}"
echo "  ExecStart=$exec_start"
echo "  runs:     ${command[*]} (as vigia, port $port)"
# The subshell execs setpriv, which execs vigiad: $! is vigiad's pid.
(cd / && umask "$umask" && exec "${as_vigia[@]}" "${command[@]}") >"$tmp/vigiad.log" 2>&1 &
pid=$!

healthy=0
for _ in $(seq 1 100); do
    if python3 - "$port" <<'PY' 2>/dev/null; then healthy=1; break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1).read()
PY
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
done
[ "$healthy" = 1 ] || { cat "$tmp/vigiad.log" >&2; fail "the installed vigiad did not answer /healthz"; }
[ "$(stat -c %U "/proc/$pid")" = vigia ] || fail "vigiad does not run as vigia"
ok "vigiad (pid $pid, user vigia) answers on 127.0.0.1:$port"

token=$(cd / && umask "$umask" && "${as_vigia[@]}" /usr/bin/vigiad token add --config "$tmp/vigiad.ini" --role admin \
    --name package-test | tail -n 1)
[ -n "$token" ] || fail "vigiad token add printed no token"
ok "token made by the installed vigiad (as vigia)"

echo "== package: installed console, vigia --check-connection (offscreen)"
mkdir -p "$tmp/home" && install -d -m 0700 "$tmp/runtime"
check_env=(env -i PATH=/usr/bin:/bin HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime"
    QT_QPA_PLATFORM=offscreen VIGIA_NO_KEYCHAIN=1 LANG=C.UTF-8)
"${check_env[@]}" VIGIA_TOKEN="$token" /usr/bin/vigia --check-connection \
    --server "http://127.0.0.1:$port" || fail "vigia --check-connection failed"
if "${check_env[@]}" VIGIA_TOKEN=not-a-token /usr/bin/vigia --check-connection \
    --server "http://127.0.0.1:$port" 2>/dev/null; then
    fail "vigia --check-connection accepted a wrong token"
fi
ok "--check-connection: 0 with the token, 1 with a wrong one"
# The Spanish translation is compiled into the installed binary.
help_es=$("${check_env[@]}" LANG=es_ES.UTF-8 /usr/bin/vigia --help)
[[ "$help_es" == *"Consola de operación de Vigía"* ]] ||
    fail "the installed console does not speak Spanish: $help_es"
ok "the installed console's Spanish translation"

kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "vigiad did not stop on SIGTERM"
wait "$pid" || fail "vigiad exited with $? on SIGTERM: $(cat "$tmp/vigiad.log")"
pid=
[ -f /var/lib/vigia/vigia.db ] || fail "vigiad kept no store in /var/lib/vigia"
ok "vigiad stopped on SIGTERM, its store in /var/lib/vigia"

# --- Purge and look for leftovers -----------------------------------------------------------

echo "== package: apt-get purge"
# Something the administrator adds next to the config goes with a purge too.
install -m 0600 /dev/null /etc/vigia/vigiad.env
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq vigia vigiad 2>&1 | sed '/^(Reading database/d'
rm -f "$marker"
for p in vigia vigiad; do
    installed "$p" && fail "$p is still known to dpkg: $(dpkg -l "$p" | tail -n 1)"
done
for path in /usr/bin/vigiad /usr/bin/vigia "$unit" /etc/vigia /var/lib/vigia; do
    [ -e "$path" ] && fail "$path is left after the purge"
done
for exe in /proc/[0-9]*/exe; do
    case "$(readlink "$exe" 2>/dev/null)" in
    /usr/bin/vigiad*) fail "a vigiad from /usr/bin still runs: ${exe%/exe}" ;;
    esac
done
getent passwd vigia >/dev/null || fail "the vigia user went with the purge (documented to stay)"
ok "purged: no package, no vigiad running, no /etc/vigia or /var/lib/vigia; the vigia user stays"
echo "package-test: PASS"
