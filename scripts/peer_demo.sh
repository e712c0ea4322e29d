#!/bin/sh
# The paired demo of `make run`: the Swedish instance on PORT and a fictional Serbian instance
# on PORT+1, each with its own SQLite database and keys, paired with each other.
#
#   scripts/peer_demo.sh setup        keys, database and demo of the Serbian instance; pairing
#   scripts/peer_demo.sh logins       the Serbian instance's demo logins
#   scripts/peer_demo.sh serve PID    the federation workers (and the Serbian server) until PID
#                                     (the shell running the Swedish server) has gone
#
# PEER_DEMO=0 leaves the Serbian instance out: Sweden alone, with its federation worker.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PEER_PORT=$((PORT + 1))
PEER_DEMO=${PEER_DEMO:-1}
CARDS=.local/federation

# The Swedish instance's settings (the defaults), with the address it is reached at.
se() {
    CHILDPATH_BASE_URL="http://$HOST:$PORT" "$PY" manage.py "$@"
}

# The Serbian instance: its own profile, database, secrets, federation keys and cookies.
rs() {
    CHILDPATH_COUNTRY=RS CHILDPATH_PROFILE=RS CHILDPATH_INSTANCE_ID=childpath-rs-demo \
    CHILDPATH_INSTANCE_NAME="Childpath Srbija / Serbia (fictional demo)" \
    CHILDPATH_KEYS_FILE=.local/rs/keys.env \
    DATABASE_URL="sqlite:///$PWD/var/childpath-rs.sqlite3" \
    CHILDPATH_BASE_URL="http://$HOST:$PEER_PORT" \
    TIME_ZONE=Europe/Belgrade LANGUAGE_CODE=sr-latn \
    SESSION_COOKIE_NAME=sessionid_rs CSRF_COOKIE_NAME=csrftoken_rs \
    "$@"
}

setup() {
    [ "$PEER_DEMO" = 0 ] && return 0
    "$PY" scripts/ensure_keys.py --instance childpath-rs-demo --keys-file .local/rs/keys.env
    rs "$PY" manage.py migrate --noinput --verbosity 0
    rs "$PY" manage.py load_demo
    se federation_card --out "$CARDS/childpath-se-demo.card.json"
    rs "$PY" manage.py federation_card --out "$CARDS/childpath-rs-demo.card.json"
    # Demo only: each side confirms the other's fingerprint from the card it was given, and
    # both take the same record-linkage key, so a focal point can ask "is this child known
    # there?" (a match query through the federation). Sweden's key is written out first.
    se federation_pair_demo "$CARDS/childpath-rs-demo.card.json" \
        --linkage-key "$CARDS/linkage-se-rs.json"
    rs "$PY" manage.py federation_pair_demo "$CARDS/childpath-se-demo.card.json" \
        --linkage-key "$CARDS/linkage-se-rs.json"
}

logins() {
    [ "$PEER_DEMO" = 0 ] && return 0
    rs "$PY" manage.py demo_users
    echo "Sweden: http://$HOST:$PORT/   Serbia (paired): http://$HOST:$PEER_PORT/"
    echo "The Serbian users' current codes: scripts/peer_demo.sh logins"
}

serve() {
    parent=$1
    se federation_worker --loop --interval 2 &
    pids=$!
    if [ "$PEER_DEMO" != 0 ]; then
        rs "$PY" manage.py federation_worker --loop --interval 2 &
        pids="$pids $!"
        rs "$PY" manage.py sweep_referrals --loop --interval 60 &
        pids="$pids $!"
        # The same production configuration as the Swedish server (its log never names a
        # help-page visitor or a query string).
        rs env SECURE_COOKIES=false .venv/bin/gunicorn childpath.wsgi \
            -c deploy/gunicorn.conf.py --bind "$HOST:$PEER_PORT" &
        pids="$pids $!"
    fi
    trap 'kill $pids 2>/dev/null; exit 0' INT TERM HUP
    # Stop with the Swedish server: when the shell that runs it has gone.
    while kill -0 "$parent" 2>/dev/null; do
        sleep 1
    done
    kill $pids 2>/dev/null || true
}

case "${1:-}" in
    setup) setup ;;
    logins) logins ;;
    serve) serve "$2" ;;
    *) echo "usage: $0 setup|logins|serve PID" >&2; exit 2 ;;
esac
