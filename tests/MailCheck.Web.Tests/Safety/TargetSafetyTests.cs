using System.Globalization;
using System.Net;
using System.Text.Json;
using MailCheck.Web.Tests.Api;

namespace MailCheck.Web.Tests.Safety;

/// <summary>
/// The target policy end to end: the real engine, a real DNS answer and a real SMTP server on loopback. Each refusal
/// is shown to leave the server untouched; each control shows the same setup does connect when allowed.
/// </summary>
public sealed class TargetSafetyTests : IAsyncLifetime
{
    private SmtpLab _lab = default!;

    public async Task InitializeAsync() => _lab = await SmtpLab.StartAsync();

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    private SafetyWebFactory Factory(bool allowLoopback = true, bool allowPort = true)
    {
        var factory = new SafetyWebFactory { UseRealEngine = true };
        _lab.Apply(factory, allowLoopback, allowPort);
        return factory;
    }

    private string Body(string mode = "connect", string domain = SmtpLab.Domain) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"domain":"{{domain}}","mode":"{{mode}}","port":{{_lab.Port}},"tls":"none"}""");

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("errors");
    }

    private static async Task AssertNothingStoredAsync(HttpClient client) =>
        Assert.Equal(0, (await (await client.GetAsync("/api/checks")).JsonAsync()).GetProperty("total").GetInt32());

    [Fact]
    public async Task Check_DnsAnswerIsLoopbackAndAllowedNetworksEmpty_OutcomeBlockedAndNoConnection()
    {
        await using var factory = Factory(allowLoopback: false);
        using var client = factory.CreateClient();

        var id = await client.SubmitAsync(Body());
        var check = await client.WaitForStatusAsync(id);

        Assert.Equal("blocked", check.GetProperty("outcome").GetString());
        Assert.Contains(
            check.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("text").GetString()!.StartsWith($"blocked: {SmtpLab.MxAddress}", StringComparison.Ordinal)
                && e.GetProperty("text").GetString()!.Contains("127.0.0.0/8", StringComparison.Ordinal));
        Assert.Equal(0, _lab.Smtp.SessionCount);
        Assert.Empty(factory.Connector.Attempts);
    }

    [Fact]
    public async Task Check_DnsAnswersArePrivateLinkLocalAndWrapped_OutcomeBlockedNamingEachAndNoConnectionAttempt()
    {
        _lab.Dns.AddMx("private.test", 10, "mx.private.test")
            .AddA("mx.private.test", "10.0.0.5")
            .AddA("mx.private.test", "169.254.169.254")
            .AddA("mx.private.test", "100.64.0.1")
            .AddAaaa("mx.private.test", "::ffff:192.168.1.1")
            .AddAaaa("mx.private.test", "64:ff9b::a00:5")
            .AddAaaa("mx.private.test", "fd00::1");
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var id = await client.SubmitAsync(Body(domain: "private.test"));
        var check = await client.WaitForStatusAsync(id);

        Assert.Equal("blocked", check.GetProperty("outcome").GetString());
        var blocked = check.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("text").GetString()!)
            .Where(t => t.StartsWith("blocked: ", StringComparison.Ordinal)).ToList();
        foreach (var address in new[] { "10.0.0.5", "169.254.169.254", "100.64.0.1", "::ffff:192.168.1.1", "64:ff9b::a00:5", "fd00::1" })
        {
            Assert.Contains(blocked, t => t.StartsWith($"blocked: {address} ", StringComparison.Ordinal));
        }

        Assert.Empty(factory.Connector.Attempts);
        Assert.Equal(0, _lab.Smtp.SessionCount);
    }

    [Fact]
    public async Task Check_DnsAnswerIsLoopbackAndLabAllowsIt_Connects()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();

        var id = await client.SubmitAsync(Body());
        var check = await client.WaitForStatusAsync(id);

        Assert.Equal("accepted", check.GetProperty("outcome").GetString());
        Assert.True(_lab.Smtp.SessionCount >= 1);
        Assert.Contains(factory.Connector.Attempts, e => e.Address.ToString() == SmtpLab.MxAddress && e.Port == _lab.Port);
    }

    [Fact]
    public async Task Post_PortNotAllowed_Returns400NamingPortAndNoConnection()
    {
        await using var factory = Factory(allowPort: false);
        using var client = factory.CreateClient();

        var errors = await ErrorsAsync(await client.PostJsonAsync(Body()));

        Assert.Equal(
            $"Port {_lab.Port} is not allowed (allowed: 25, 465, 587).",
            Assert.Single(errors.GetProperty("port").EnumerateArray()).GetString());
        await AssertNothingStoredAsync(client);
        Assert.Equal(0, _lab.Smtp.SessionCount);
    }

    [Fact]
    public async Task Post_SendWhileAllowSendIsFalse_Returns400NamingModeAndProbeStillWorks()
    {
        await using var factory = Factory();
        factory.Settings["MailCheck:Safety:AllowSend"] = "false";
        using var client = factory.CreateClient();

        var errors = await ErrorsAsync(await client.PostJsonAsync(Body("send")));

        Assert.Contains("does not send messages", errors.GetProperty("mode")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(client);
        Assert.Equal(0, _lab.Smtp.SessionCount);
        Assert.Empty(_lab.Smtp.Messages);

        var probe = await client.SubmitAsync(Body("probe"));
        await client.WaitForStatusAsync(probe);
        Assert.True(_lab.Smtp.SessionCount >= 1);
        Assert.Empty(_lab.Smtp.Messages);
    }

    [Fact]
    public async Task Post_ModeLeftOutWhileAllowSendIsFalse_Returns400NamingMode()
    {
        await using var factory = Factory();
        factory.Settings["MailCheck:Safety:AllowSend"] = "false";
        using var client = factory.CreateClient();

        var errors = await ErrorsAsync(await client.PostJsonAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"domain":"{{SmtpLab.Domain}}","port":{{_lab.Port}}}""")));

        Assert.True(errors.TryGetProperty("mode", out _), errors.ToString());
        Assert.Equal(0, _lab.Smtp.SessionCount);
    }

    [Theory]
    [InlineData("[127.0.0.2]")]
    [InlineData("[IPv6:::ffff:127.0.0.2]")]
    public async Task Post_DomainIsAnAddressLiteralOfLoopback_Returns400NamingDomainAndNoConnection(string literal)
    {
        await using var factory = Factory(allowLoopback: false);
        using var client = factory.CreateClient();

        var errors = await ErrorsAsync(await client.PostJsonAsync(Body(domain: literal)));

        Assert.Contains("127.0.0.0/8", errors.GetProperty("domain")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(client);
        Assert.Equal(0, _lab.Smtp.SessionCount);
    }
}
