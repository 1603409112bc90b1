# One image for the API and the worker (docker-compose.yml runs both).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY migrations migrations
COPY bench bench
# The web app: `npm run build` bundles it into dist/web, which the API serves.
COPY web web
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# glibc: allocations over 128 KiB (argon2's 19 MiB per password hash) go straight back to the OS when freed,
# instead of staying in the malloc arena of whichever thread hashed (~80 MB kept after a few sign-ins).
ENV MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# `npm run cli` and `npm run verify` start through this launcher; with no sources in the image it runs the
# compiled files as they are (no TypeScript here: dev dependencies are pruned).
COPY scripts scripts
COPY package.json ./
RUN mkdir -p /app/var && chown node /app/var
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
