# Starts and stops the SMTP sink (scripts/smtp_sink.py, aiosmtpd in the project's venv) with a
# fresh self-signed certificate. Source this file, then call smtp_start and smtp_stop.
# smtp_start exports PROFORMA_TEST_SMTP_URL (STARTTLS + AUTH, trusting the certificate),
# PROFORMA_TEST_SMTP_BAD_URL (a wrong password) and PROFORMA_TEST_SMTP_FOLDER.

smtp_start() {
  SMTP_TMP=$(mktemp -d /tmp/proforma-smtp.XXXXXX)
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$SMTP_TMP/key.pem" -out "$SMTP_TMP/cert.pem" >/dev/null 2>&1
  .venv/bin/python scripts/smtp_sink.py "$SMTP_TMP/mail" "$SMTP_TMP/cert.pem" "$SMTP_TMP/key.pem" \
    proforma 's3cret pass' >"$SMTP_TMP/sink.log" 2>&1 &
  SMTP_PID=$!
  local port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^ready \([0-9]*\)$/\1/p' "$SMTP_TMP/sink.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then cat "$SMTP_TMP/sink.log" >&2; echo "the SMTP sink did not start" >&2; return 1; fi
  export PROFORMA_TEST_SMTP_URL="smtp://proforma:s3cret%20pass@127.0.0.1:$port?starttls=required&ca_file=$SMTP_TMP/cert.pem"
  export PROFORMA_TEST_SMTP_BAD_URL="smtp://proforma:wrong@127.0.0.1:$port?starttls=required&ca_file=$SMTP_TMP/cert.pem"
  export PROFORMA_TEST_SMTP_FOLDER="$SMTP_TMP/mail"
}

smtp_stop() {
  if [ -n "${SMTP_PID:-}" ]; then kill "$SMTP_PID" 2>/dev/null || true; wait "$SMTP_PID" 2>/dev/null || true; fi
  if [ -n "${SMTP_TMP:-}" ]; then rm -rf "$SMTP_TMP"; fi
}
