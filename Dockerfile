# The gateway, on Node.js 22 LTS (Node 20 reached end of life in April 2026). package.json
# engines still admits >=20.19, which is what the test suite runs on today (.ci/run).
# Meilisearch runs in its own container (docker-compose.yml), so the bundled engine (an
# optional dependency) stays out of the image; esbuild's platform binary (another optional
# dependency) stays in: tsx and the widget need it.
#
# The base is pinned by digest; BASE lets scripts/docker-check.sh build on a local image where
# no registry is reachable.
ARG BASE=node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c

FROM ${BASE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The npm cache lives in a cache mount, not in a layer (the engine tarball alone is 94 MB).
# Behind a TLS-inspecting proxy, pass its CA for this step only (never stored in the image):
#   docker build --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt .
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npm_ca \
    if [ -f /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
 && npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@gaubee

FROM ${BASE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY indexer ./indexer
COPY config ./config
COPY widget ./widget
# docker-compose.cluster.yml runs it once to configure the nodes' network.
COPY scripts/cluster-network.ts ./scripts/
# The hunspell dictionaries compiled once into node_modules/.cache (src/analysis/spell-table.ts),
# which the node user cannot write: else each container would compile them at start (~3 s).
RUN node --import tsx -e "import('./src/analysis/lang-dict.ts').then((m) => m.loadDictionaries())"
# The indexer keeps its checkpoint and rejects files in ./data/indexer.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "src/server.ts"]
