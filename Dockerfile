# The gateway. Meilisearch runs in its own container (see docker-compose.yml), so the
# bundled engine (an optional dependency) is removed from the image. Other optional
# dependencies stay: esbuild's platform binary is one, and tsx and the widget need it.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/@gaubee
COPY src ./src
COPY indexer ./indexer
COPY config ./config
COPY widget ./widget
COPY tsconfig.json ./
# The indexer keeps its checkpoint and rejects files in ./data/indexer.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
