# syntax=docker/dockerfile:1.7
# MailCheck: multi-stage build. The SDK stage restores (a cached layer) and publishes; the final stage is the
# ASP.NET runtime image, running as the non-root `app` user ($APP_UID), listening on 8080, keeping its state under /data.
#
# Single source of truth: tests/MailCheck.Deploy.Tests parses this file (ENV, EXPOSE, ENTRYPOINT, HEALTHCHECK,
# USER, VOLUME) and docker-compose.yml, checks they agree, and runs the published app exactly as ENTRYPOINT does,
# with these ENV values, as a non-root user, behind nginx. Change a port, path or variable here and the test follows.
#
#   docker build -t mailcheck --build-arg VERSION=1.0.0 --build-arg REVISION=$(git rev-parse HEAD) .

ARG DOTNET_VERSION=10.0

# The SDK runs on the build machine's architecture; the output is portable IL (no RID, no apphost), so one build
# stage serves every target platform of a multi-arch build.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore from the project files only: this layer (with the packages in it) is reused until a project or the
# central package versions change, whatever happens to the sources.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MailCheck.Core/MailCheck.Core.csproj src/MailCheck.Core/
COPY src/MailCheck.Web/MailCheck.Web.csproj src/MailCheck.Web/
RUN dotnet restore src/MailCheck.Web/MailCheck.Web.csproj
COPY src/ src/
COPY wwwroot/ wwwroot/
RUN dotnet publish src/MailCheck.Web/MailCheck.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=""
LABEL org.opencontainers.image.title="MailCheck" \
      org.opencontainers.image.description="Self-hosted mail-delivery testing: MX lookup and a live, shareable SMTP transcript" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}"

# docs/configuration.md lists every setting; these are the container's defaults (override with -e / compose).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__MailCheck="Data Source=/data/mailcheck.db" \
    MailCheck__DataProtection__KeysPath=/data/keys \
    MailCheck__ShutdownGrace=00:00:20

WORKDIR /app
# The app's files belong to root: the app user can read them, not change them.
COPY --from=build --chown=root:root /app ./
# /data holds the SQLite database and the data-protection keys. A named volume takes this owner and mode on first
# use; a bind-mounted host folder must be owned by uid 1654 ($APP_UID) itself.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data && chmod 0700 /data
VOLUME ["/data"]
USER $APP_UID
# 8080: the web app. 2525: receive mode's SMTP listener (only when MailCheck__Receive__Domain is set); publish it as
# port 25 (compose: "25:2525"), the port the receive domain's MX is reached on. Non-root cannot bind 25 itself.
EXPOSE 8080 2525

# No curl in the image: the app asks its own /healthz/ready on 127.0.0.1 (port and path base from the same
# environment) and exits 0 or 1. Its HTTP timeout (3 s) is below --timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "MailCheck.Web.dll", "--health-check"]

# Exec form: dotnet is PID 1 and receives SIGTERM itself (graceful shutdown, see docs/deploy.md).
ENTRYPOINT ["dotnet", "MailCheck.Web.dll"]
