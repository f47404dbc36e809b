using MailCheck.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace MailCheck.Web.Tests.Health;

public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData(null, null, null, "http://127.0.0.1:8080/healthz/ready")]
    [InlineData(null, "9090", null, "http://127.0.0.1:9090/healthz/ready")]
    [InlineData(null, "9090;9091", "/mailcheck", "http://127.0.0.1:9090/mailcheck/healthz/ready")]
    [InlineData("http://+:7070", "9090", null, "http://127.0.0.1:7070/healthz/ready")]
    [InlineData("http://*:7070;https://*:7443", null, null, "http://127.0.0.1:7070/healthz/ready")]
    [InlineData("https://*:7443;http://0.0.0.0:7071", null, null, "http://127.0.0.1:7071/healthz/ready")]
    [InlineData("http://[::]:7072", null, null, "http://127.0.0.1:7072/healthz/ready")]
    [InlineData("http://localhost:7073", null, null, "http://127.0.0.1:7073/healthz/ready")]
    [InlineData("http://10.1.2.3:7074", null, null, "http://10.1.2.3:7074/healthz/ready")]
    [InlineData("http://mailcheck.example:7075", null, null, "http://127.0.0.1:7075/healthz/ready")]
    public void TargetUri_ListenSettings_AsksTheLocalReadyEndpoint(string? urls, string? httpPorts, string? pathBase, string expected)
    {
        var configuration = Configuration(("urls", urls), ("http_ports", httpPorts), ("MailCheck:PathBase", pathBase));

        Assert.Equal(new Uri(expected), HealthCheckCommand.TargetUri(configuration));
    }

    [Fact]
    public void TargetUri_PortNotANumber_FailsNamingTheVariable()
    {
        var error = Assert.Throws<FormatException>(() => HealthCheckCommand.TargetUri(Configuration(("http_ports", "eighty"))));

        Assert.Contains("ASPNETCORE_HTTP_PORTS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("mailcheck.example.org", "mailcheck.example.org")]
    [InlineData("mailcheck.example.org;other.example", "mailcheck.example.org")]
    [InlineData("*.example.org", "health.example.org")]
    public void HostHeader_AllowedHosts_PassesHostFiltering(string? allowedHosts, string? expected)
    {
        Assert.Equal(expected, HealthCheckCommand.HostHeader(Configuration(("AllowedHosts", allowedHosts))));
    }

    [Theory]
    [InlineData("--health-check", true)]
    [InlineData("--HEALTH-CHECK", true)]
    [InlineData("--urls", false)]
    public void IsRequested_Switch_Recognised(string arg, bool expected) =>
        Assert.Equal(expected, HealthCheckCommand.IsRequested([arg]));

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
