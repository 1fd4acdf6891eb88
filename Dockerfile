# The `fleet` server and `fleetctl` as standalone executables (Node's single executable applications, the web
# UI inside `fleet`) on a slim Debian: no Node.js and no node_modules in the image.
#   docker build -t ghcr.io/fleet-ts/fleet:0.1.0 .
#   docker run ghcr.io/fleet-ts/fleet:0.1.0 serve --role api      (see charts/fleet and k8s/ for Kubernetes)
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
# tools/package.js: swc build, Vite build of the UI, esbuild bundles, SEA blobs injected with postject.
RUN node tools/package.js

# glibc and libstdc++ are all the executables need (the Node binary they carry links nothing else).
FROM debian:bookworm-slim
COPY --from=build /src/dist/package/fleet /src/dist/package/fleetctl /usr/local/bin/
# The uid the Kubernetes manifests run as (runAsNonRoot); the root filesystem can be read-only.
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/fleet"]
CMD ["serve"]
