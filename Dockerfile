# The service, compiled, with its screens (web/dist, served at /). Used by docker-compose.yml for both API instances.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json web/package-lock.json ./web/
RUN npm ci --no-audit --no-fund && npm --prefix web ci --no-audit --no-fund
COPY . .
RUN npm run build && npm --prefix web run build && npm prune --omit=dev && rm -rf web/node_modules
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
