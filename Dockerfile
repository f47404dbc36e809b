# syntax=docker/dockerfile:1.7
# MailCheck: multi-stage build. The SDK stage restores (cached layer) and publishes; the final stage is the
# ASP.NET runtime image, running as the non-root `app` user, listening on 8080, keeping its state under /data.
# Ports, paths and variables here are the single source of truth: tests/MailCheck.Deploy.Tests reads this file
# and runs the published app exactly as ENTRYPOINT does, with these ENV values.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MailCheck.Core/MailCheck.Core.csproj src/MailCheck.Core/
COPY src/MailCheck.Web/MailCheck.Web.csproj src/MailCheck.Web/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/MailCheck.Web/MailCheck.Web.csproj
COPY src/ src/
COPY wwwroot/ wwwroot/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/MailCheck.Web/MailCheck.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="MailCheck" \
      org.opencontainers.image.description="Self-hosted mail-delivery testing: MX lookup and a live, shareable SMTP transcript" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT"

ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    ConnectionStrings__MailCheck="Data Source=/data/mailcheck.db" \
    MailCheck__DataProtection__KeysPath=/data/keys \
    MailCheck__ShutdownGrace=00:00:20

WORKDIR /app
COPY --from=build --chown=root:root /app ./
# /data holds the SQLite file and the data-protection keys; owned by the non-root app user.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME ["/data"]
USER $APP_UID
EXPOSE 8080

# No curl in the image: the app checks itself (GET /healthz/ready on the local port) and exits 0 or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "MailCheck.Web.dll", "--health-check"]

ENTRYPOINT ["dotnet", "MailCheck.Web.dll"]
