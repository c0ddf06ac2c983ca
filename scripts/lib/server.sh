# Starts and stops the built server (`proforma serve --demo`) for the end-to-end suites, on a
# free port, sending mail to the SMTP sink. Source this file, then call server_start DATABASE_URL
# and server_stop. server_start exports PROFORMA_E2E_URL, PROFORMA_E2E_TOKEN (the demo shop's
# access token), PROFORMA_E2E_WEBHOOK_SECRET (the key its webhooks are signed with), and the
# staff admin's logins: PROFORMA_E2E_STAFF_EMAIL/_PASSWORD (the demo's admin) and
# PROFORMA_E2E_SALES_EMAIL/_PASSWORD (a sales member created here).

server_start() {
  local database=$1 root port token
  root=$(pwd)
  SERVER_TMP=$(mktemp -d /tmp/proforma-server.XXXXXX)
  port=$(free_port)
  (cd "$SERVER_TMP" && exec "$root/.build/debug/proforma" serve --demo --port "$port" --database "$database" \
    --public-url "http://127.0.0.1:$port" --mailer "$PROFORMA_TEST_SMTP_URL" --log-level warning) \
    >"$SERVER_TMP/out.log" 2>"$SERVER_TMP/err.log" &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    token=$(sed -n 's/^Access token: \(pfat_[0-9a-f]*\)$/\1/p' "$SERVER_TMP/out.log")
    [ -n "$token" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$token" ]; then
    cat "$SERVER_TMP/out.log" "$SERVER_TMP/err.log" >&2
    echo "the server did not start" >&2
    return 1
  fi
  export PROFORMA_E2E_URL="http://127.0.0.1:$port"
  export PROFORMA_E2E_TOKEN="$token"
  PROFORMA_E2E_WEBHOOK_SECRET=$("$root/.build/debug/proforma" webhook-secret --database "$database")
  export PROFORMA_E2E_WEBHOOK_SECRET
  # The demo seeds its admin; a sales member needs the shop the demo made, so comes after the token.
  export PROFORMA_E2E_STAFF_EMAIL=staff@snowdevil.example PROFORMA_E2E_STAFF_PASSWORD=proforma-demo
  export PROFORMA_E2E_SALES_EMAIL=sales@snowdevil.example PROFORMA_E2E_SALES_PASSWORD=sales-pass-123
  printf '%s\n' "$PROFORMA_E2E_SALES_PASSWORD" | "$root/.build/debug/proforma" staff create --role sales \
    --email "$PROFORMA_E2E_SALES_EMAIL" --password-stdin --database "$database" >/dev/null
}

server_stop() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    # A graceful stop finishes requests in flight; one that takes longer than 30 s is a bug to see.
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server did not stop within 30 s of SIGTERM" >&2
      kill -9 "$SERVER_PID" 2>/dev/null || true
      SERVER_STOP_FAILED=1
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${SERVER_TMP:-}" ]; then
    # What the server said goes with the run's output when a suite failed.
    if [ -s "$SERVER_TMP/err.log" ]; then echo "--- server stderr"; tail -50 "$SERVER_TMP/err.log"; fi
    rm -rf "$SERVER_TMP"
  fi
  SERVER_PID=""
  SERVER_TMP=""
}
