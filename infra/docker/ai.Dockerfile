# Builds and runs the `ai` NestJS app. Build context: the repository root (see infra/docker-compose.yml).
FROM node:20.19-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx build ai \
 && npm prune --omit=dev

FROM node:20.19-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/dist/apps/ai ./dist/apps/ai
USER node
EXPOSE 3002
CMD ["node", "dist/apps/ai/main.js"]
