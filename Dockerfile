# syntax=docker/dockerfile:1
# PPI Assistant as a container: compiled in one stage, run in a second that holds only the
# production dependencies, as the unprivileged `node` user. See README.md, "Deploying".

# --- build: TypeScript needs the dev dependencies ----------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: `prepare` would build before the sources are here; better-sqlite3's own
# install step (its prebuilt native module) is run explicitly.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The product only (no tests, no dev scripts): dist/src.
RUN npx tsc -p tsconfig.build.json

# --- runtime ------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
# Read at run time: card templates, the simulator's worlds, the embedded defaults.
COPY cards ./cards
COPY src/adapters/simulator/worlds ./src/adapters/simulator/worlds
COPY env/.env.local ./env/.env.local
# Only for a single-container SQLite run (mount a volume here); replicas use STORE_URL=postgres://…
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# /healthz: the process answers. Orchestrators should also probe /readyz (store and adapter
# reachable, false while shutting down) to route traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and handles SIGTERM (graceful stop within SHUTDOWN_TIMEOUT_MS).
CMD ["node", "dist/src/index.js"]
