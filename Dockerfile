# The gateway. Meilisearch runs in its own container (see docker-compose.yml), so the
# bundled engine (an optional dependency) is left out of the image.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund
COPY src ./src
COPY indexer ./indexer
COPY config ./config
COPY tsconfig.json ./
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/server.ts"]
