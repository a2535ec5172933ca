#!/usr/bin/env bash
# The README's promise, with curl: /health answers; signup → login → /me works.
set -euo pipefail
B=${SEN_BASE_URL:?set SEN_BASE_URL}
pass=0; fail=0
check() { if eval "$2"; then pass=$((pass+1)); else echo "FAIL: $1" >&2; fail=$((fail+1)); fi; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

check "health" '[ "$(curl -fsS "$B/health" | json "[\"status\"]")" = ok ]'
EMAIL="curl-$RANDOM$RANDOM@example.vn"
curl -fsS -X POST "$B/api/v1/auth/signup" -H 'content-type: application/json' \
  -d "{\"workspace_name\":\"Công ty Curl\",\"name\":\"Lan\",\"email\":\"$EMAIL\",\"password\":\"mật khẩu dài\"}" >/dev/null
TOKEN=$(curl -fsS -X POST "$B/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"mật khẩu dài\"}" | json '["access_token"]')
check "login gives a token" '[ -n "$TOKEN" ]'
check "me" '[ "$(curl -fsS "$B/api/v1/me" -H "authorization: Bearer $TOKEN" | json "[\"user\"][\"email\"]")" = "$EMAIL" ]'
check "ready" '[ "$(curl -fsS "$B/ready" | json "[\"database\"]")" = sqlite ]'
check "docs offline" 'curl -fsS "$B/docs/assets/swagger-ui-bundle.js" -o /dev/null'
echo "curl smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
