using System.Net;
using MailCheck.Deploy.Tests.Infrastructure;

namespace MailCheck.Deploy.Tests;

/// <summary>The Dockerfile, docker-compose.yml and deploy/nginx/default.conf agree with each other and with the app.</summary>
public sealed class RecipeTests
{
    private static ContainerRecipe Recipe => ContainerRecipe.Current;

    [Fact]
    public void Dockerfile_Stages_SdkBuildsAndAspNetRuntimeRuns()
    {
        Assert.Equal(2, Recipe.Dockerfile.Stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Recipe.Dockerfile.Stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Recipe.Dockerfile.Stages[1], StringComparison.Ordinal);

        // The restore layer is cached: restore runs on the project files before the sources are copied.
        var instructions = Recipe.Dockerfile.Instructions.ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var copySources = instructions.FindIndex(i => i.Keyword == "COPY" && i.Arguments.StartsWith("src/ ", StringComparison.Ordinal));
        Assert.True(restore > 0 && copySources > restore, "dotnet restore must run before the sources are copied.");
        Assert.All(
            instructions.Take(restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments),
            copy => Assert.DoesNotContain("src/ ", copy, StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_Runtime_NonRootOnPort8080WithDataVolume()
    {
        Assert.Equal("$APP_UID", Recipe.Dockerfile.User);
        Assert.Equal(["8080", "2525"], Recipe.Dockerfile.Expose);
        Assert.Equal(8080, Recipe.HttpPort);
        Assert.Equal("/data", Recipe.DataDirectory);
        Assert.Equal($"Data Source={Recipe.DataDirectory}/mailcheck.db", Recipe.Dockerfile.Env["ConnectionStrings__MailCheck"]);
        Assert.Equal($"{Recipe.DataDirectory}/keys", Recipe.Dockerfile.Env["MailCheck__DataProtection__KeysPath"]);
        Assert.Equal(["dotnet", "MailCheck.Web.dll"], Recipe.Dockerfile.Entrypoint);
        Assert.Equal("/app", Recipe.Dockerfile.WorkDir);
    }

    [Fact]
    public void Dockerfile_HealthCheck_UsesTheAppsOwnSwitchWithinItsTimeout()
    {
        Assert.Equal([.. Recipe.Dockerfile.Entrypoint, "--health-check"], Recipe.Dockerfile.HealthcheckCommand);
        var timeout = ComposeSpec.Duration(Recipe.Dockerfile.HealthcheckOptions["timeout"]);
        Assert.True(timeout > TimeSpan.FromSeconds(3), "HEALTHCHECK --timeout must exceed the switch's own 3 s HTTP timeout.");
        Assert.True(Recipe.Dockerfile.HealthcheckOptions.ContainsKey("start-period"));
    }

    [Fact]
    public void Dockerfile_Labels_OciAnnotationsPresent()
    {
        foreach (var key in new[] { "title", "description", "version", "revision", "source", "licenses" })
        {
            Assert.True(Recipe.Dockerfile.Labels.ContainsKey($"org.opencontainers.image.{key}"), $"LABEL org.opencontainers.image.{key} is missing.");
        }
    }

    [Fact]
    public void Compose_StopGracePeriod_LongerThanShutdownGracePlusAbort()
    {
        var app = Recipe.Compose.Service(ContainerRecipe.AppService);
        Assert.False(ComposeSpec.Environment(app).ContainsKey("MailCheck__ShutdownGrace"), "Set the grace in one place: the Dockerfile's ENV.");

        // The runner waits the grace, then stops what is left and waits up to 5 s for it to be recorded.
        Assert.True(Recipe.StopGracePeriod > Recipe.ShutdownGrace + TimeSpan.FromSeconds(5),
            $"stop_grace_period ({Recipe.StopGracePeriod}) must exceed MailCheck__ShutdownGrace ({Recipe.ShutdownGrace}) + 5 s, or Docker kills running checks.");
    }

    [Fact]
    public void Compose_AppService_DataVolumeOnDataDirectoryAndNoPortOverride()
    {
        foreach (var name in new[] { ContainerRecipe.AppService, "mailcheck-lab" })
        {
            var service = Recipe.Compose.Service(name);
            Assert.Contains(ComposeSpec.Strings(service, "volumes"), v => v.EndsWith($":{Recipe.DataDirectory}", StringComparison.Ordinal));
            var env = ComposeSpec.Environment(service);
            Assert.False(env.ContainsKey("ASPNETCORE_HTTP_PORTS") || env.ContainsKey("ASPNETCORE_URLS"), $"{name}: the port comes from the Dockerfile.");
            Assert.Equal("true", service["read_only"]?.ToString()?.ToLowerInvariant());
            Assert.Contains("/tmp", ComposeSpec.Strings(service, "tmpfs"));
        }
    }

    [Fact]
    public void Compose_Environment_EveryVariableCommentedInline()
    {
        var keys = Recipe.Compose.Services.Values.Cast<Dictionary<object, object>>().SelectMany(s => ComposeSpec.Environment(s).Keys).Distinct().ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var lines = Recipe.Compose.Lines.Where(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.True(line.Contains(" # ", StringComparison.Ordinal), $"No inline comment: {line.Trim()}"));
        }
    }

    [Fact]
    public void Compose_Proxy_TrustedNetworkHoldsTheProxyAndConfigIsTheShippedFile()
    {
        var proxy = Recipe.Compose.Service(ContainerRecipe.ProxyService);
        Assert.Contains(ComposeSpec.Strings(proxy, "volumes"), v => v.StartsWith("./deploy/nginx/default.conf:", StringComparison.Ordinal));
        var networks = ComposeSpec.Map(proxy, "networks");
        var address = IPAddress.Parse(((Dictionary<object, object>)networks.Values.Single()!)["ipv4_address"].ToString()!);

        var env = ComposeSpec.Environment(Recipe.Compose.Service(ContainerRecipe.AppService));
        var trusted = env.Where(e => e.Key.StartsWith("MailCheck__ReverseProxy__KnownNetworks__", StringComparison.Ordinal)).Select(e => IPNetwork.Parse(e.Value))
            .Concat(env.Where(e => e.Key.StartsWith("MailCheck__ReverseProxy__KnownProxies__", StringComparison.Ordinal)).Select(e => new IPNetwork(IPAddress.Parse(e.Value), 32)))
            .ToList();
        Assert.Contains(trusted, n => n.Contains(address));

        var depends = ComposeSpec.Map(ComposeSpec.Map(proxy, "depends_on"), ContainerRecipe.AppService);
        Assert.Equal("service_healthy", depends["condition"]);
    }

    [Fact]
    public void Compose_LabProfile_MailpitReachableByTheLabInstance()
    {
        var mailpit = Recipe.Compose.Service("mailpit");
        Assert.Equal(["lab"], ComposeSpec.Strings(mailpit, "profiles"));
        Assert.Contains("mailpit", (string)mailpit["image"], StringComparison.Ordinal);
        var address = IPAddress.Parse(ComposeSpec.Map(ComposeSpec.Map(mailpit, "networks"), "mailnet")["ipv4_address"].ToString()!);

        var lab = Recipe.Compose.Service("mailcheck-lab");
        Assert.Equal(["lab"], ComposeSpec.Strings(lab, "profiles"));
        var allowed = ComposeSpec.Environment(lab).Where(e => e.Key.StartsWith("MailCheck__Safety__AllowedNetworks__", StringComparison.Ordinal)).Select(e => IPNetwork.Parse(e.Value));
        Assert.Contains(allowed, n => n.Contains(address));
    }

    [Fact]
    public void NginxConfig_Generated_KeepsWebSocketAndForwardedHeadersInTheLocation()
    {
        var shipped = File.ReadAllText(Repo.PathOf("deploy", "nginx", "default.conf"));
        var generated = PrivateNginx.ServerConfig(shipped, 15000, 15001, "/mailcheck", "/c.pem", "/k.pem", Recipe.HttpPort);

        var location = generated[generated.IndexOf("location /mailcheck/ {", StringComparison.Ordinal)..];
        foreach (var header in new[] { "Upgrade $http_upgrade", "Connection $connection_upgrade", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-For", "Host $http_host" })
        {
            Assert.Contains($"proxy_set_header {header}", location, StringComparison.Ordinal);
        }

        Assert.Contains("server 127.0.0.1:15000;", generated, StringComparison.Ordinal);
        Assert.Contains("proxy_http_version 1.1;", location, StringComparison.Ordinal);
    }

    [Fact]
    public void Recipe_EveryAppVariable_DocumentedInConfigurationMd()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "configuration.md"));
        var variables = Recipe.Dockerfile.Env.Keys
            .Concat(new[] { ContainerRecipe.AppService, "mailcheck-lab" }.SelectMany(s => ComposeSpec.Environment(Recipe.Compose.Service(s)).Keys))
            .Where(k => k.StartsWith("MailCheck__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(variables);
        foreach (var variable in variables)
        {
            // MailCheck__Safety__AllowedNetworks__0 is documented as `MailCheck:Safety:AllowedNetworks:N`.
            var parts = variable.Split("__");
            var isList = parts.Length > 1 && parts[^1].All(char.IsAsciiDigit);
            var key = string.Join(':', isList ? parts[..^1] : parts) + (isList ? ":N" : "");
            Assert.True(doc.Contains($"`{key}`", StringComparison.Ordinal), $"{variable} (`{key}`) is not in docs/configuration.md.");
        }
    }

    [Fact]
    public void DockerIgnore_KeepsBuildContextSmallButKeepsSources()
    {
        var ignore = File.ReadAllLines(Repo.PathOf(".dockerignore")).Select(l => l.Trim()).ToList();
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains(".git/", ignore);
        Assert.DoesNotContain("src/", ignore);
        Assert.DoesNotContain("wwwroot/", ignore);
    }
}
