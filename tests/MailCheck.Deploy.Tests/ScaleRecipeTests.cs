using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MailCheck.Deploy.Tests.Infrastructure;

namespace MailCheck.Deploy.Tests;

/// <summary>
/// docker-compose.yml's scale profile and deploy/haproxy/haproxy.cfg agree with each other, with the Dockerfile and
/// with the app (the scale-out tests then run this very HAProxy file in front of two real instances).
/// </summary>
public sealed partial class ScaleRecipeTests
{
    private static readonly string[] Instances = ["mailcheck-1", "mailcheck-2"];
    private static readonly string[] Candidates = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"];

    private static ContainerRecipe Recipe => ContainerRecipe.Current;

    private static string Haproxy => File.ReadAllText(Repo.PathOf("deploy", "haproxy", "haproxy.cfg"));

    [Fact]
    public void Compose_ScaleProfile_PostgresTwoInstancesAndHaproxy()
    {
        foreach (var name in Instances.Append("postgres").Append("haproxy"))
        {
            Assert.Equal(["scale"], ComposeSpec.Strings(Recipe.Compose.Service(name), "profiles"));
        }

        var ids = new List<string>();
        foreach (var name in Instances)
        {
            var service = Recipe.Compose.Service(name);
            var env = ComposeSpec.Environment(service);
            Assert.Equal("Postgres", env["MailCheck__Storage__Provider"]);
            Assert.StartsWith("Host=postgres;", env["ConnectionStrings__MailCheck"], StringComparison.Ordinal);
            ids.Add(env["MailCheck__Scale__InstanceId"]);
            Assert.False(env.ContainsKey("ASPNETCORE_HTTP_PORTS") || env.ContainsKey("ASPNETCORE_URLS"), $"{name}: the port comes from the Dockerfile.");
            Assert.Equal("true", service["read_only"]?.ToString()?.ToLowerInvariant());
            Assert.Equal("service_healthy", ComposeSpec.Map(ComposeSpec.Map(service, "depends_on"), "postgres")["condition"]);
            Assert.True(Recipe.StopGracePeriod > Recipe.ShutdownGrace + TimeSpan.FromSeconds(5));
        }

        Assert.Equal(Instances, ids);

        // The instances believe X-Forwarded-* from exactly the HAProxy service.
        var haproxy = Recipe.Compose.Service("haproxy");
        Assert.Contains(ComposeSpec.Strings(haproxy, "volumes"), v => v.StartsWith("./deploy/haproxy/haproxy.cfg:", StringComparison.Ordinal));
        var address = IPAddress.Parse(ComposeSpec.Map(ComposeSpec.Map(haproxy, "networks"), "mailnet")["ipv4_address"].ToString()!);
        foreach (var name in Instances)
        {
            Assert.Equal(address.ToString(), ComposeSpec.Environment(Recipe.Compose.Service(name))["MailCheck__ReverseProxy__KnownProxies__0"]);
        }

        var postgres = ComposeSpec.Environment(Recipe.Compose.Service("postgres"));
        Assert.Equal("mailcheck", postgres["POSTGRES_DB"]);
        Assert.Contains("Database=mailcheck;Username=mailcheck;", ComposeSpec.Environment(Recipe.Compose.Service(Instances[0]))["ConnectionStrings__MailCheck"], StringComparison.Ordinal);
    }

    [Fact]
    public void HaproxyConfig_ServersAreTheComposeInstancesOnTheImagesPortWithStickyCookies()
    {
        var servers = Server().Matches(Haproxy).Select(m => (Name: m.Groups["name"].Value, Host: m.Groups["host"].Value, Port: m.Groups["port"].Value, Cookie: m.Groups["cookie"].Value)).ToList();
        Assert.Equal(Instances, servers.Select(s => s.Name));
        Assert.All(servers, s =>
        {
            Assert.Equal(s.Name, s.Host);
            Assert.Equal(s.Name, s.Cookie);
            Assert.Equal(Recipe.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Port);
        });

        // Sticky sessions, failover, readiness checks and long-lived WebSockets (docs/deploy.md explains each).
        foreach (var line in new[]
        {
            "cookie MCSRV insert indirect nocache httponly",
            "option redispatch",
            "http-check send meth GET uri /healthz/ready",
            "http-check expect status 200",
            "option forwardfor",
        })
        {
            Assert.Contains(line, Haproxy, StringComparison.Ordinal);
        }

        var tunnel = TunnelTimeout().Match(Haproxy);
        Assert.True(tunnel.Success && ComposeSpec.Duration(tunnel.Groups[1].Value) >= TimeSpan.FromHours(1), "timeout tunnel must keep WebSockets open for at least an hour.");
        Assert.Matches(@"(?m)^\s*bind :8080\s*$", Haproxy);
        var published = ComposeSpec.Strings(Recipe.Compose.Service("haproxy"), "ports");
        Assert.Contains(published, p => p.EndsWith(":8080", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HaproxyConfig_HaproxyItselfAcceptsIt()
    {
        var haproxy = Candidates.FirstOrDefault(File.Exists);
        Assert.True(haproxy is not null, "haproxy is not installed (Debian package 'haproxy'; test.sh installs it).");

        // The compose service names do not resolve here: check the same file with loopback addresses.
        var dir = Path.Combine(Path.GetTempPath(), "mailcheck-deploy-haproxy", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var config = Path.Combine(dir, "haproxy.cfg");
            await File.WriteAllTextAsync(config, Haproxy.Replace("mailcheck-1:8080", "127.0.0.1:8080", StringComparison.Ordinal).Replace("mailcheck-2:8080", "127.0.0.2:8080", StringComparison.Ordinal));
            using var check = Process.Start(new ProcessStartInfo(haproxy!, ["-c", "-f", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            Assert.True(check.ExitCode == 0, $"haproxy -c failed:\n{output}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Compose_ScaleInstances_EveryAppVariableDocumentedInConfigurationMd()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "configuration.md"));
        foreach (var variable in Instances.SelectMany(s => ComposeSpec.Environment(Recipe.Compose.Service(s)).Keys)
            .Where(k => k.StartsWith("MailCheck__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)))
        {
            var parts = variable.Split("__");
            var isList = parts[^1].All(char.IsAsciiDigit);
            var key = string.Join(':', isList ? parts[..^1] : parts) + (isList ? ":N" : "");
            Assert.True(doc.Contains($"`{key}`", StringComparison.Ordinal), $"{variable} (`{key}`) is not in docs/configuration.md.");
        }
    }

    [GeneratedRegex(@"(?m)^\s*server (?<name>\S+) (?<host>[^\s:]+):(?<port>\d+) check cookie (?<cookie>\S+)\s*$")]
    private static partial Regex Server();

    [GeneratedRegex(@"(?m)^\s*timeout tunnel (\S+)")]
    private static partial Regex TunnelTimeout();
}
