# One Dockerfile for every releat image: the five services and the `releat` CLI. Build context: the repository root.
#
#   docker build --target trader -t releat/trader .      (mt5-gateway, feature-builder, trainer, signal, trader, cli)
#
# Why one file with targets rather than one per service: all six programs compile the same src/ projects. Here they
# are restored and published once, in the shared `build` stage, and the builder's layer cache hands that stage to
# every target, so `docker-compose build` compiles the solution once instead of six times (the legacy builder
# podman and docker-compose 1.29 use has no BuildKit cache mounts). Each runtime image still receives only its own
# program's publish output. The per-service differences (assembly, ports) are four lines per target below.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY protos/ protos/
# The CLI embeds agents/demo/agent.yaml; the services ship every agent config beside the program.
COPY agents/ agents/
COPY src/ src/
COPY services/ services/
RUN for project in services/mt5-gateway/Releat.Mt5Gateway.csproj services/feature-builder/Releat.FeatureBuilder.csproj \
      services/trainer/Releat.Trainer.csproj services/signal/Releat.Signal.csproj services/trader/Releat.Trader.csproj \
      src/Releat.Cli/Releat.Cli.csproj; do dotnet restore "$project" || exit 1; done
# Sequential publishes share one build of the common projects (incremental); each program lands in its own folder.
RUN publish() { dotnet publish "$1" -c Release -o "/out/$2" --no-restore -p:UseAppHost=false -p:DebugType=none; } \
 && publish services/mt5-gateway/Releat.Mt5Gateway.csproj mt5-gateway \
 && publish services/feature-builder/Releat.FeatureBuilder.csproj feature-builder \
 && publish services/trainer/Releat.Trainer.csproj trainer \
 && publish services/signal/Releat.Signal.csproj signal \
 && publish services/trader/Releat.Trader.csproj trader \
 && publish src/Releat.Cli/Releat.Cli.csproj cli \
 && rm -f /out/*/appsettings.Development.json

# What every runtime image shares: the ASP.NET runtime, the data folder owned by the non-root user (a new named
# volume mounted at /data takes this ownership), the agent configs, and the health check.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS service
WORKDIR /app
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
COPY agents/ /app/agents/
ENV RELEAT_HOME=/data DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_gcServer=0
# Each target sets its ports (RELEAT_HTTP_PORT is the one the health check asks). Inside a container a service
# listens beyond loopback, so it refuses to start without Auth:Callers; the published ports decide who reaches it.
USER $APP_UID
# No curl in the runtime image: bash's /dev/tcp asks /healthz (open, no token) and expects "Healthy".
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${RELEAT_HTTP_PORT:-6080} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]

FROM service AS mt5-gateway
COPY --from=build /out/mt5-gateway/ /app/
ENV RELEAT_GRPC_PORT=6001 RELEAT_HTTP_PORT=6081 Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:6001 Kestrel__Endpoints__Http__Url=http://0.0.0.0:6081
EXPOSE 6001 6081 7001
ENTRYPOINT ["dotnet", "Releat.Mt5Gateway.dll"]

FROM service AS feature-builder
COPY --from=build /out/feature-builder/ /app/
ENV RELEAT_GRPC_PORT=6002 RELEAT_HTTP_PORT=6082 Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:6002 Kestrel__Endpoints__Http__Url=http://0.0.0.0:6082
EXPOSE 6002 6082
ENTRYPOINT ["dotnet", "Releat.FeatureBuilder.dll"]

FROM service AS trainer
COPY --from=build /out/trainer/ /app/
ENV RELEAT_GRPC_PORT=6003 RELEAT_HTTP_PORT=6083 Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:6003 Kestrel__Endpoints__Http__Url=http://0.0.0.0:6083
EXPOSE 6003 6083
ENTRYPOINT ["dotnet", "Releat.Trainer.dll"]

FROM service AS signal
COPY --from=build /out/signal/ /app/
ENV RELEAT_GRPC_PORT=6004 RELEAT_HTTP_PORT=6084 Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:6004 Kestrel__Endpoints__Http__Url=http://0.0.0.0:6084
EXPOSE 6004 6084
ENTRYPOINT ["dotnet", "Releat.Signal.dll"]

FROM service AS trader
COPY --from=build /out/trader/ /app/
ENV RELEAT_GRPC_PORT=6005 RELEAT_HTTP_PORT=6085 Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:6005 Kestrel__Endpoints__Http__Url=http://0.0.0.0:6085
EXPOSE 6005 6085
ENTRYPOINT ["dotnet", "Releat.Trader.dll"]

# The `releat` CLI for one-shot jobs (bootstrap, secrets, training Job, sweep trials): no server, so no health check.
FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS cli
WORKDIR /app
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
COPY agents/ /app/agents/
COPY --from=build /out/cli/ /app/
# Scripts of compose's one-shot services: bootstrap (ticks + demo training) and secrets (made on first start).
COPY deploy/bootstrap.sh deploy/generate-secrets.sh deploy/first-start-secrets.sh /app/
ENV RELEAT_HOME=/data DOTNET_CLI_TELEMETRY_OPTOUT=1 TERM=dumb
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/releat.dll"]
CMD ["--help"]
