# hjsim serve in a container: one scenario's mock IdP and mock Entra (or one of them, --party),
# over HTTPS with the TEST ONLY certificate for 127.0.0.1 and localhost.
#   docker build -t hjsim .
#   docker run --rm -p 127.0.0.1:4443:4443 hjsim
# Publish the port on 127.0.0.1 with the same number inside and out: the URLs the server hands
# out (MEX, STS, issuer) name https://127.0.0.1:PORT. docs/containers.md, docs/decisions/0010.
FROM node:20-slim

LABEL org.opencontainers.image.title="hjsim" \
      org.opencontainers.image.description="Offline simulator of the Microsoft Entra federated hybrid join: mock IdP and mock Entra (hjsim serve)" \
      org.opencontainers.image.licenses="MIT" \
      hjsim.certs="TEST ONLY: every key and certificate under /app/certs is public test material; never trust it anywhere real"

WORKDIR /app

# Runtime dependencies only (tsx runs the TypeScript sources: docs/decisions/0001).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# What hjsim serve reads; .dockerignore keeps everything else (tests, .git, node_modules) out.
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY certs ./certs
COPY scenarios ./scenarios

# The healthcheck's fetch trusts the TEST ONLY CA (the server's certificate chains to it).
ENV NODE_EXTRA_CA_CERTS=/app/certs/tls-ca.crt \
    HJSIM_HEALTH_URL=https://127.0.0.1:4443/healthz

USER node
EXPOSE 4443
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HJSIM_HEALTH_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/hjsim.js", "serve"]
CMD ["--host", "0.0.0.0", "--port", "4443", "--tls", "--scenario", "scenarios/pingone/baseline.yaml"]
