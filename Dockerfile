# The `fleet` server (and `fleetctl`) in one image. Build: docker build -t ghcr.io/fleet-ts/fleet:0.1.0 .
# Run: docker run ghcr.io/fleet-ts/fleet:0.1.0 serve --role api   (see k8s/ for the Kubernetes manifests)
FROM node:20.20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json .swcrc ./
COPY tools ./tools
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY bin ./bin
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/bin ./bin
# The uid the Kubernetes manifests run as (runAsNonRoot); the root filesystem can be read-only.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["node", "/app/bin/fleet.js"]
CMD ["serve"]
