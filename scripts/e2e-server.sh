#!/usr/bin/env bash
# Builds the app and serves it on a fresh, seeded database for the Playwright tests
# (started by `webServer` in tests/playwright.config.ts, from the repository root).
set -euo pipefail

cd "$(dirname "$0")/.."

port="${E2E_PORT:-3100}"
# E2E_PORT and E2E_DATABASE let two runs side by side use their own server and database.
db_file="${E2E_DATABASE:-tests/.tmp/e2e.db}"

npx remix build

mkdir -p "$(dirname "$db_file")"
rm -f "$db_file" "$db_file-wal" "$db_file-shm" "$db_file-journal"

export DATABASE_URL="$db_file"
# The server runs in production mode, which refuses to start without a field encryption key
# (ADR 008): a fresh one per run, beside the database, mode 0600.
export FIELD_ENCRYPTION_KEY_FILE="$db_file.field-key"
rm -f "$FIELD_ENCRYPTION_KEY_FILE"
npx tsx db/field-key-cli.ts --file "$FIELD_ENCRYPTION_KEY_FILE"
npx tsx db/migrate-cli.ts
npx tsx db/seed/index.ts

export NODE_ENV=production
export PORT="$port"
# Links in emails must point at this server, whatever APP_URL the shell happens to have.
export APP_URL="http://localhost:$port"
# In production an email that cannot be sent keeps no body, so email goes through a stand-in for
# the provider, which writes each message to this file for the tests (tests/e2e/fixtures.ts).
export E2E_EMAIL_FILE="$db_file.emails.jsonl"
export RESEND_API_KEY="re_e2e_stand_in"
# A made-up language (every catalog string wrapped in ⟦ ⟧) the browser tests use to find words that
# were not translated. Offered only here.
export PSEUDO_LANGUAGE=1
rm -f "$E2E_EMAIL_FILE"
# exec: the server replaces this shell, so stopping the process Playwright started stops the server.
exec node scripts/e2e-email-stand-in.mjs
