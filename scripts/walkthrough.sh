#!/usr/bin/env bash
# A whole edition of an award, from the organiser's first sign-in to published results that anyone can verify,
# through the public API only. The README walks through it step by step; a test (test/walkthrough.e2e-spec.ts)
# runs it against a real server, so it keeps working as the API changes.
#
#   npm start                       # in one terminal: the server on http://localhost:3000
#   scripts/walkthrough.sh          # in another; needs bash, curl and node
#
# Settings (environment variables, all optional):
#   API        the server's API root                     (default http://localhost:3000/api/v1)
#   MAIL_DIR   where the server writes mail as .eml      (default var/mail, the server's default without SMTP_URL)
#   OUT_DIR    where downloaded files go                 (default var/walkthrough; var/ is ignored by git and lint)
#   CLI        how to run the CLI                        (default: npm run --silent cli --)
#   VERIFY     how to run the verifier                   (default: npm run --silent verify --)
#   ORGANISER_EMAIL, ORGANISER_PASSWORD                  the organiser the CLI creates (default: a new one per run)
#   MAIL_WAIT  seconds to wait for a mail                (default 30)
set -euo pipefail

API=${API:-http://localhost:3000/api/v1}
MAIL_DIR=${MAIL_DIR:-var/mail}
OUT_DIR=${OUT_DIR:-var/walkthrough}
CLI=${CLI:-npm run --silent cli --}
VERIFY=${VERIFY:-npm run --silent verify --}
# A suffix that keeps e-mail addresses and the edition's slug unique, so the walkthrough can run again.
RUN=${RUN:-$(date +%s)}
# An organiser of its own by default: the CLI sets the password of an existing account, so never yours.
ORGANISER_EMAIL=${ORGANISER_EMAIL:-chair.$RUN@example.org}
ORGANISER_PASSWORD=${ORGANISER_PASSWORD:-Caspian-Ferry-Timetable-$RUN}
MAIL_WAIT=${MAIL_WAIT:-30}
mkdir -p "$OUT_DIR"

# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------

# call TOKEN METHOD PATH [JSON]: one API request; prints the response body. Stops the walkthrough on any
# error status, showing the problem document (application/problem+json, with its stable `code`).
call() {
  local token=$1 method=$2 path=$3 body=${4:-}
  local args=(-sS -X "$method" "$API$path" -w '\n%{http_code}')
  [ -n "$token" ] && args+=(-H "authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'content-type: application/json' -d "$body")
  local response status
  response=$(curl "${args[@]}")
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [ "$status" -ge 400 ]; then
    echo "$method $path answered $status: $response" >&2
    return 1
  fi
  printf '%s' "$response"
}

# field EXPR: reads JSON on standard input and prints EXPR of it, e.g. `field .id`, `field '.items[0].id'`.
field() {
  node -e 'const input = require("fs").readFileSync(0, "utf8");
           if (!input) process.exit(1); // the request before it failed and said why
           const it = JSON.parse(input);
           const v = new Function("it", "return it" + process.argv[1])(it);
           process.stdout.write((typeof v === "string" ? v : JSON.stringify(v)) + "\n");' -- "$1"
}

# iso OFFSET: an instant relative to now, e.g. `iso -1m`, `iso 14d`, `iso 0`.
iso() {
  node -e 'const [, n, u] = /^(-?\d+)([smhd]?)$/.exec(process.argv[1]);
           const ms = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, "": 0 }[u] * Number(n);
           process.stdout.write(new Date(Date.now() + ms).toISOString());' -- "$1"
}

# mail_token ADDRESS LINK_PATH: the token of the newest link to LINK_PATH in a mail to ADDRESS, read from the
# .eml files the server writes without SMTP_URL. With SMTP configured the same link arrives in the inbox.
mail_token() {
  node - "$MAIL_DIR" "$1" "$2" "$MAIL_WAIT" <<'NODE'
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const [dir, address, path, wait] = process.argv.slice(2);
// The readable parts of a MIME message (base64 and quoted-printable decoded).
function text(eml) {
  const parts = eml.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
        return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
      return body;
    })
    .join('\n');
}
const deadline = Date.now() + Number(wait) * 1000;
(function look() {
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f));
  } catch {}
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of files) {
    const eml = readFileSync(file, 'utf8');
    const to = /^To:\s*(.*)$/im.exec(eml)?.[1] ?? '';
    if (!to.toLowerCase().includes(address.toLowerCase())) continue;
    const match = new RegExp(`${path.replace(/[/.]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(text(eml));
    if (match) return process.stdout.write(match[1]);
  }
  if (Date.now() > deadline) {
    console.error(`No mail to ${address} with a ${path} link in ${dir} after ${wait} s`);
    process.exit(1);
  }
  setTimeout(look, 250);
})();
NODE
}

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------
# 1. The organiser
# ---------------------------------------------------------------------------------------------------------
step "1. Create the first organiser with the CLI (the password goes on standard input, never on the command line)"
printf '%s\n' "$ORGANISER_PASSWORD" | $CLI organiser:create --email "$ORGANISER_EMAIL" --name 'Award Chair'

step "   Sign in: an access token (15 minutes) and a refresh token"
LOGIN=$(call '' POST /auth/login "{\"email\":\"$ORGANISER_EMAIL\",\"password\":\"$ORGANISER_PASSWORD\"}")
ORGANISER=$(field .accessToken <<<"$LOGIN")
ORGANISER_REFRESH=$(field .refreshToken <<<"$LOGIN")

step "   When the access token expires (401), trade the refresh token for a new pair; each refresh token works once"
REFRESHED=$(call '' POST /auth/refresh "{\"refreshToken\":\"$ORGANISER_REFRESH\"}")
ORGANISER=$(field .accessToken <<<"$REFRESHED")
ORGANISER_REFRESH=$(field .refreshToken <<<"$REFRESHED")
call "$ORGANISER" GET /auth/me | field .roles >&2

# ---------------------------------------------------------------------------------------------------------
# 2. The edition
# ---------------------------------------------------------------------------------------------------------
step "2. Create an edition: nominations open now for two weeks, judging the two weeks after"
SLUG=magistral-$RUN
EDITION=$(call "$ORGANISER" POST /editions "{
  \"slug\": \"$SLUG\", \"name\": \"Magistral Awards (walkthrough $RUN)\",
  \"nominationsOpenAt\": \"$(iso -1m)\", \"nominationsCloseAt\": \"$(iso 14d)\",
  \"judgingOpenAt\": \"$(iso 14d)\", \"judgingCloseAt\": \"$(iso 28d)\",
  \"scoringMethod\": \"zscore\", \"tieBreakers\": [\"median\", \"top_marks\"], \"minScorecards\": 3, \"blind\": true }")
EDITION_ID=$(field .id <<<"$EDITION")

step "   It comes with the four standard categories and their criteria; keep the ids"
CATEGORIES=$(call "$ORGANISER" GET "/editions/$EDITION_ID/categories")
EFFICIENCY_ID=$(field '.find((c) => c.code === "efficiency").id' <<<"$CATEGORIES")
# The criteria codes a scorecard names, e.g. ["transit_time","cost_efficiency",...]
CRITERIA=$(field '.find((c) => c.code === "efficiency").criteria.map((c) => c.code)' <<<"$CATEGORIES")
echo "efficiency: $EFFICIENCY_ID, criteria $CRITERIA" >&2

step "   Open nominations (phases only move forward: draft → nominations → eligibility → judging → tallying → …)"
call "$ORGANISER" POST "/editions/$EDITION_ID/phase" '{"phase":"nominations"}' | field .phase >&2

# ---------------------------------------------------------------------------------------------------------
# 3. Jurors
# ---------------------------------------------------------------------------------------------------------
step "3. Invite three jurors (the default minimum is 3 scorecards per nomination)"
JUROR_IDS=()
JUROR_TOKENS=()
for n in 1 2 3; do
  email="juror$n.$RUN@example.org"
  call "$ORGANISER" POST /invitations "{\"email\":\"$email\",\"role\":\"juror\",\"locale\":\"en\"}" >/dev/null
  # The invitation mail carries a link …/invitations/accept?token=…; the juror accepts with a password.
  token=$(mail_token "$email" /invitations/accept)
  password="Juror-$n-Scores-Fairly-$RUN"
  call '' POST /invitations/accept "{\"token\":\"$token\",\"fullName\":\"Juror $n\",\"password\":\"$password\"}" >/dev/null
  session=$(call '' POST /auth/login "{\"email\":\"$email\",\"password\":\"$password\"}")
  juror_token=$(field .accessToken <<<"$session")
  juror_id=$(call "$juror_token" GET /auth/me | field .id)
  JUROR_TOKENS+=("$juror_token")
  JUROR_IDS+=("$juror_id")
  echo "juror $n: $juror_id" >&2
done

# ---------------------------------------------------------------------------------------------------------
# 4. An entrant nominates
# ---------------------------------------------------------------------------------------------------------
step "4. An entrant registers and confirms their e-mail address (until then the account can only do that)"
ENTRANT_EMAIL="aigerim.$RUN@example.kz"
ENTRANT_PASSWORD="Steppe-Caravan-Route-$RUN"
call '' POST /auth/register "{\"email\":\"$ENTRANT_EMAIL\",\"password\":\"$ENTRANT_PASSWORD\",\"fullName\":\"Aigerim Nurlanova\",\"locale\":\"kk\"}" >/dev/null
VERIFY_TOKEN=$(mail_token "$ENTRANT_EMAIL" /verify-email)
call '' POST /auth/verify-email "{\"token\":\"$VERIFY_TOKEN\"}" >/dev/null
ENTRANT=$(call '' POST /auth/login "{\"email\":\"$ENTRANT_EMAIL\",\"password\":\"$ENTRANT_PASSWORD\"}" | field .accessToken)

step "   … creates their company's profile"
COMPANY_ID=$(call "$ENTRANT" POST /companies "{\"name\":\"Khorgos Gateway $RUN\",\"country\":\"KZ\",\"registrationNumber\":\"$(printf '%012d' "$RUN")\",\"website\":\"https://khorgos-gateway.example.kz\"}" | field .id)

step "   … and nominates two projects in Efficiency: answers to the category's questions and a key metric are required"
NOMINATION_IDS=()
for project in 'Dry port at Khorgos' 'Night trains to Duisburg'; do
  nomination=$(call "$ENTRANT" POST /nominations "{
    \"editionId\": \"$EDITION_ID\", \"categoryId\": \"$EFFICIENCY_ID\", \"companyId\": \"$COMPANY_ID\",
    \"title\": \"$project\",
    \"summary\": \"How $project cut transit times on the China–Europe corridor.\",
    \"answers\": { \"baseline\": \"Containers waited 48 hours at the border in 2024.\",
                   \"results\": \"They now wait 9 hours; 1,200 more trains a year.\" },
    \"metrics\": [ { \"name\": \"Border dwell time\", \"value\": 9, \"unit\": \"hours\" } ] }")
  nomination_id=$(field .id <<<"$nomination")
  NOMINATION_IDS+=("$nomination_id")
  call "$ENTRANT" POST "/nominations/$nomination_id/submit" | field .status >&2
done

# ---------------------------------------------------------------------------------------------------------
# 5. Eligibility and the jury
# ---------------------------------------------------------------------------------------------------------
step "5. The organiser closes nominations early (the deadlines are enforced by the server clock)…"
NOW=$(iso 0)
call "$ORGANISER" PATCH "/editions/$EDITION_ID" "{\"nominationsCloseAt\":\"$NOW\",\"judgingOpenAt\":\"$NOW\"}" >/dev/null
call "$ORGANISER" POST "/editions/$EDITION_ID/phase" '{"phase":"eligibility"}' | field .phase >&2

step "   … decides eligibility"
for id in "${NOMINATION_IDS[@]}"; do
  call "$ORGANISER" POST "/nominations/$id/eligibility" '{"decision":"eligible"}' | field .status >&2
done

step "   … creates the round, puts the three jurors on the Efficiency panel"
ROUND_ID=$(call "$ORGANISER" POST "/editions/$EDITION_ID/rounds" '{"name":"Final"}' | field .id)
call "$ORGANISER" POST "/editions/$EDITION_ID/panels" \
  "{\"categoryId\":\"$EFFICIENCY_ID\",\"jurorIds\":[\"${JUROR_IDS[0]}\",\"${JUROR_IDS[1]}\",\"${JUROR_IDS[2]}\"]}" >/dev/null

step "   Each juror accepts the terms, then confirms their conflict declarations (declaring a conflict first where they have one)"
for token in "${JUROR_TOKENS[@]}"; do
  call "$token" POST "/me/declarations/$EDITION_ID/terms" >/dev/null
  call "$token" POST "/editions/$EDITION_ID/conflicts/confirm" >/dev/null
done

step "   Judging opens, and every panel member is assigned every eligible nomination of the category"
call "$ORGANISER" POST "/editions/$EDITION_ID/phase" '{"phase":"judging"}' | field .phase >&2
call "$ORGANISER" POST "/rounds/$ROUND_ID/assignments/default" | field '' >&2

# ---------------------------------------------------------------------------------------------------------
# 6. Scoring
# ---------------------------------------------------------------------------------------------------------
step "6. Each juror scores their assignments: every criterion, 0–10; saves are drafts until submitted"
SCORES=("7 8 6 9 7" "5 6 7 6 8" "9 7 8 8 6")
for j in 0 1 2; do
  token=${JUROR_TOKENS[$j]}
  WORKLIST=$(call "$token" GET /me/assignments)
  for id in "${NOMINATION_IDS[@]}"; do
    # The juror's worklist, with progress: what is assigned in which round.
    field ".items.some((a) => a.nominationId === \"$id\")" <<<"$WORKLIST" | grep -q true
    # Criterion code → mark; the second nomination gets one point less on each, so there is a ranking.
    offset=$([ "$id" = "${NOMINATION_IDS[0]}" ] && echo 0 || echo 1)
    scores=$(node -e 'const [codes, marks, off] = process.argv.slice(1);
                      const m = marks.split(" ").map(Number);
                      console.log(JSON.stringify(Object.fromEntries(JSON.parse(codes).map((c, i) => [c, Math.max(0, m[i % m.length] - off)]))))' \
      "$CRITERIA" "${SCORES[$j]}" "$offset")
    call "$token" PUT "/rounds/$ROUND_ID/scorecards/$id" "{\"scores\":$scores,\"comment\":\"Clear baseline and results.\"}" >/dev/null
    call "$token" POST "/rounds/$ROUND_ID/scorecards/$id/submit" | field .status >&2
  done
done
call "$ORGANISER" GET "/rounds/$ROUND_ID/progress" | field .totals >&2

# ---------------------------------------------------------------------------------------------------------
# 7. Closing, tallying, publishing
# ---------------------------------------------------------------------------------------------------------
step "7. Close the round: scorecards freeze, the edition moves to tallying and every category is tallied (a job)"
call "$ORGANISER" POST "/rounds/$ROUND_ID/close" | field '.jobs.map((j) => j.categoryCode)' >&2
for _ in $(seq 1 120); do
  RESULTS=$(call "$ORGANISER" GET "/rounds/$ROUND_ID/results")
  [ "$(field '.categories.every((c) => c.latestRun?.status === "succeeded")' <<<"$RESULTS")" = true ] && break
  sleep 0.5
done
field '.categories.find((c) => c.code === "efficiency").nominations.map((n) => [n.rank, n.title, n.score])' <<<"$RESULTS" >&2

step "   Publish the results now (or {\"at\": \"<ISO time>\"} for an embargo)"
call "$ORGANISER" POST "/editions/$EDITION_ID/publish" '{}' | field .status >&2

# ---------------------------------------------------------------------------------------------------------
# 8. The public view, and verification
# ---------------------------------------------------------------------------------------------------------
step "8. Anyone reads the results and downloads the manifest and the signing keys (to $OUT_DIR, ignored by git and lint)"
call '' GET "/public/editions/$SLUG/results" >"$OUT_DIR/results.json"
call '' GET "/public/editions/$SLUG/results/manifest" >"$OUT_DIR/manifest.json"
field '.categories.find((c) => c.code === "efficiency").nominations.map((n) => [n.rank, n.status, n.title, n.score])' \
  <"$OUT_DIR/results.json" >&2

call '' GET /public/signing-keys >"$OUT_DIR/signing-keys.json"

step "   … recomputes every ranking from the manifest's score matrix, and checks the platform's signature"
$VERIFY "$OUT_DIR/manifest.json" --keys "$OUT_DIR/signing-keys.json"

step "   The organiser verifies the audit chain (the manifest quotes its head)"
call "$ORGANISER" GET /audit/verify
echo
