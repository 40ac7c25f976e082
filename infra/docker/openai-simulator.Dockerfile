# Builds and runs the OpenAI API simulator used by the `demo` profile. Build context: the repository root.
# The image also carries the demo's traffic generator, which the compose `traffic` service runs.
FROM node:20.19-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx build openai-simulator \
 && npm prune --omit=dev

FROM node:20.19-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    SIM_HOST=0.0.0.0 \
    SIM_PORT=4010
COPY --from=build /repo/package.json ./
COPY --from=build /repo/node_modules ./node_modules
COPY --from=build /repo/dist/apps/openai-simulator ./dist/apps/openai-simulator
COPY --from=build /repo/tools/demo/traffic.mjs ./tools/demo/traffic.mjs
USER node
EXPOSE 4010
CMD ["node", "dist/apps/openai-simulator/main.js"]
