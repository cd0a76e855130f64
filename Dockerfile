# syntax=docker/dockerfile:1
# The production image, in two stages; docs/operations.md shows these steps (generated from this file).
#   docker build -t device-intelligence-subgraph .
#   docker run --rm -p 4001:4001 --env-file vendors.env device-intelligence-subgraph   (vendor credentials: docs/configuration.md)

# --- build: every dependency, TypeScript → dist/ ---
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
RUN npm run build

# --- runtime: production dependencies, dist/ and the SDL it reads at start-up ---
FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4001 \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY schema ./schema
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4001
# The slim image has no curl: ask Node itself. Liveness only (readiness is for load balancers).
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4001) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Logs leave as JSON lines on stdout (stderr: start-up errors and Node's warnings only), read by the
# runtime's log driver (docker logs; the node's files under Kubernetes). A slow, stalled or vanished
# reader never blocks the process: up to 1 MiB waits, further lines are dropped and counted
# (device_intel_log_lines_dropped_total in /metrics). docs/logging.md has the details.
# SIGTERM (docker stop, Kubernetes) drains in-flight requests, which end within REQUEST_DEADLINE_MS
# (2.5 s) anyway; the process is gone within SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS + 3 s whatever
# happens (docs/logging.md): keep the orchestrator's stop timeout above that.
STOPSIGNAL SIGTERM
# The memory flags of `npm start` (docs/performance.md#memory); on the command line, because
# NODE_OPTIONS does not accept --heap-growing-percent.
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/main.js"]
