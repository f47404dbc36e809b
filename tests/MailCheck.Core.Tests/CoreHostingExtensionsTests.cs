using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tests;

public class CoreHostingExtensionsTests
{
    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddSingleton<IDnsQuerier>(new StaticDnsQuerier());
        return builder;
    }

    [Fact]
    public async Task AddMailCheckCore_Configured_BindsOptionsAndResolvesEngine()
    {
        var builder = Builder(
            ("MailCheck:Smtp:CommandTimeout", "00:00:10"),
            ("MailCheck:Smtp:InstanceName", "lab"),
            ("MailCheck:Dns:Servers:0", "127.0.0.1:5353"));
        builder.AddMailCheckCore();
        using var host = builder.Build();

        await host.StartAsync();

        Assert.IsType<CheckEngine>(host.Services.GetRequiredService<ICheckEngine>());
        Assert.IsType<TcpConnector>(host.Services.GetRequiredService<IConnector>());
        var policy = Assert.IsType<SafetyTargetPolicy>(host.Services.GetRequiredService<ITargetPolicy>());
        Assert.False(policy.Evaluate(System.Net.IPAddress.Loopback, 25).Allowed);
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
        var smtp = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(10), smtp.CommandTimeout);
        Assert.Equal("lab", smtp.InstanceName);
        Assert.Equal(["127.0.0.1:5353"], host.Services.GetRequiredService<IOptions<DnsOptions>>().Value.Servers);
        await host.StopAsync();
    }

    [Fact]
    public void AddMailCheckCore_NoQuerierRegistered_UsesDnsClient()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMailCheckCore();
        using var host = builder.Build();

        Assert.IsType<DnsClientQuerier>(host.Services.GetRequiredService<IDnsQuerier>());
    }

    [Fact]
    public void AddMailCheckCore_Engine_RunsStagesInPhaseOrder()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var engine = Assert.IsType<CheckEngine>(host.Services.GetRequiredService<ICheckEngine>());

        Assert.Equal(["mx", "dane lookup", "smtp"], engine.Stages.Where(s => !s.IsPosture).Select(s => s.Name));
        Assert.Equal(engine.Stages.OrderBy(s => s.Phase).ThenBy(s => s.Order).Select(s => s.Name), engine.Stages.Select(s => s.Name));
        Assert.Equal("scorecard", engine.Stages[^1].Name);
    }

    [Fact]
    public void AddMailCheckCore_Dnssec_ResolverAndStartUpCheckRegistered()
    {
        var builder = Builder(("MailCheck:Dns:Servers:0", "127.0.0.1:5353"), ("MailCheck:Dns:DnssecProbeName", "dane.test"));
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var resolver = host.Services.GetRequiredService<DnssecResolver>();
        Assert.True(resolver.Current.AdTrusted);
        Assert.Contains(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is DnssecStartupCheck);
        var engine = Assert.IsType<CheckEngine>(host.Services.GetRequiredService<ICheckEngine>());
        Assert.Contains(engine.Stages, s => s.Name == "dnssec");
        Assert.Contains(engine.Stages, s => s.Name == "dane");
    }

    [Fact]
    public async Task DnssecStartupCheck_DisposedBeforeStop_StopsQuietly()
    {
        var builder = Builder();
        builder.AddMailCheckCore();
        using var host = builder.Build();
        var check = new DnssecStartupCheck(host.Services.GetRequiredService<DnssecResolver>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<DnssecStartupCheck>.Instance);

        check.Dispose();
        await check.StopAsync(CancellationToken.None);
        check.Dispose();
    }

    [Fact]
    public void AddMailCheckCore_BadTrustValue_FailsAtStartNamingTheKey()
    {
        var builder = Builder(("MailCheck:Dns:TrustAuthenticatedData", "sometimes"));
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DnsOptions>>().Value);
        Assert.Contains("MailCheck:Dns:TrustAuthenticatedData must be auto, true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailCheckCore_AllowedNetworksConfigured_PolicyAllowsThem()
    {
        var builder = Builder(("MailCheck:Safety:AllowedNetworks:0", "127.0.0.0/8"));
        builder.AddMailCheckCore();
        using var host = builder.Build();

        Assert.True(host.Services.GetRequiredService<ITargetPolicy>().Evaluate(System.Net.IPAddress.Loopback, 25).Allowed);
    }

    [Fact]
    public void AddMailCheckCore_PolicyAlreadyRegistered_KeepsIt()
    {
        var builder = Builder();
        var policy = new BlockingPolicy();
        builder.Services.AddSingleton<ITargetPolicy>(policy);
        builder.AddMailCheckCore();
        using var host = builder.Build();

        Assert.Same(policy, host.Services.GetRequiredService<ITargetPolicy>());
    }

    [Theory]
    [InlineData("MailCheck:Smtp:CommandTimeout", "00:00:00", "CommandTimeout")]
    [InlineData("MailCheck:Smtp:CheckTimeout", "-00:00:01", "CheckTimeout")]
    [InlineData("MailCheck:Smtp:EhloName", "two words", "EhloName")]
    [InlineData("MailCheck:Smtp:DefaultFrom", "not an address", "DefaultFrom")]
    [InlineData("MailCheck:Smtp:MaxReplyLineBytes", "100", "MaxReplyLineBytes")]
    [InlineData("MailCheck:Dns:Timeout", "00:00:00", "Timeout")]
    [InlineData("MailCheck:Dns:Retries", "9", "Retries")]
    [InlineData("MailCheck:Dns:Servers:0", "dns.example.com", "Servers:0")]
    [InlineData("MailCheck:Safety:AllowedNetworks:0", "10.0.0.1/8", "AllowedNetworks:0")]
    [InlineData("MailCheck:Safety:AllowedPorts:0", "70000", "AllowedPorts")]
    public async Task AddMailCheckCore_BadSetting_FailsAtStartNamingTheKey(string key, string value, string named)
    {
        var builder = Builder((key, value));
        builder.AddMailCheckCore();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private sealed class BlockingPolicy : ITargetPolicy
    {
        public TargetDecision Evaluate(System.Net.IPAddress address, int port) => TargetDecision.Block("test");

        public TargetDecision EvaluateAddress(System.Net.IPAddress address) => TargetDecision.Block("test");
    }
}
