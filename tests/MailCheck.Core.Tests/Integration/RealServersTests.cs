using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Testing.Smtp;
using static MailCheck.Core.Tests.Integration.RealServersHarness;

namespace MailCheck.Core.Tests.Integration;

/// <summary>End-to-end checks against a real DNS server and real SMTP servers on loopback.</summary>
public sealed class RealServersTests : IAsyncDisposable
{
    private readonly RealServersHarness _h = new();
    private readonly string _checkId = CheckId.New();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task Send_FirstMxDeadSecondAlive_DeliversThroughTheSecond()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.32")], ServerName = "mx2.example.test" });
        _h.Dns.AddMx("example.test", 10, "mx1.example.test").AddA("mx1.example.test", "127.0.0.31")
            .AddMx("example.test", 20, "mx2.example.test").AddA("mx2.example.test", "127.0.0.32");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@example.test"));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.Equal("mx2.example.test", result.Host);
        Assert.Equal("Q000001", result.QueueId);
        var attempts = events.Select(e => e.Detail).OfType<ConnectionDetail>().ToList();
        Assert.Equal([("127.0.0.31", false), ("127.0.0.32", true)], attempts.Select(a => (a.Address, a.Connected)));
        var message = await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(_checkId, message.Header("X-MailCheck-Check"));
        Assert.Equal(["someone@example.test"], message.To);
        Assert.Equal("127.0.0.32", message.LocalEndPoint!.Address.ToString());
        Assert.Contains("\r\n.a line starting with a dot\r\n", Encoding.UTF8.GetString(message.Raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_NullMx_IsNoMailServiceWithoutAnyConnection()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.33")] });
        _h.Dns.AddNullMx("nomail.test").AddA("nomail.test", "127.0.0.33");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@nomail.test"));

        Assert.Equal(CheckOutcome.NoMailService, result.Outcome);
        Assert.Contains("null MX", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Connect);
        Assert.Equal(0, smtp.SessionCount);
    }

    [Fact]
    public async Task Send_NoMx_UsesTheImplicitMx()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.34")] });
        _h.Dns.AddA("implicit.test", "127.0.0.34");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@implicit.test"));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        var mx = Assert.Single(events.Select(e => e.Detail).OfType<MxDetail>());
        Assert.True(mx.Implicit);
        Assert.Equal("implicit.test", Assert.Single(mx.Hosts).Host);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Send_Nxdomain_IsNoMailService()
    {
        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@missing.test"));

        Assert.Equal(CheckOutcome.NoMailService, result.Outcome);
        Assert.Contains("NXDOMAIN", result.Summary, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == EventKind.Dns && e.Text.Contains("NXDOMAIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_ServFail_IsDnsError()
    {
        _h.Dns.ServFail("broken.test");

        var (_, result) = await _h.RunAsync(_checkId, _h.Request("someone@broken.test"));

        Assert.Equal(CheckOutcome.DnsError, result.Outcome);
    }

    [Fact]
    public async Task Send_StartTls_RecordsTheTlsDetailsAndGoesOnUnderTls()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.35")], ServerName = "mx1.tls.test" });
        _h.Dns.AddMx("tls.test", 10, "mx1.tls.test").AddA("mx1.tls.test", "127.0.0.35");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@tls.test"));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        var tls = Assert.Single(events.Select(e => e.Detail).OfType<TlsDetail>());
        Assert.True(tls.Succeeded);
        Assert.StartsWith("TLS", tls.Protocol, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(tls.CipherSuite));
        Assert.Equal("CN=mx1.tls.test", tls.Subject);
        Assert.Contains("mx1.tls.test", tls.SubjectAlternativeNames);
        Assert.True(tls.HostNameMatches);
        Assert.False(tls.ChainValid); // self-signed: reported, not fatal under opportunistic TLS
        Assert.NotEmpty(tls.ChainErrors);
        Assert.Contains(events, e => e.Kind == EventKind.Mail && e.Secure);
        Assert.True((await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10))).Secure);
    }

    [Fact]
    public async Task Send_RequiredTlsNotOffered_IsTlsFailedAndSendsNoMail()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.36")], StartTls = false });
        _h.Dns.AddMx("plain.test", 10, "mx1.plain.test").AddA("mx1.plain.test", "127.0.0.36");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@plain.test", tls: TlsPolicy.Required));

        Assert.Equal(CheckOutcome.TlsFailed, result.Outcome);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Mail);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Send_WithAuth_AuthenticatesAndNeverShowsTheSecret()
    {
        const string password = "s3cret-Passw0rd";
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions
        {
            Addresses = [Ip("127.0.0.37")],
            ServerName = "mx1.auth.test",
            Credentials = ("alice", password),
        });
        _h.Dns.AddMx("auth.test", 10, "mx1.auth.test").AddA("mx1.auth.test", "127.0.0.37");
        var request = _h.Request("someone@auth.test") with { Auth = new SmtpCredentials("alice", password) };

        var (events, result) = await _h.RunAsync(_checkId, request);

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.Contains(events, e => e.Kind == EventKind.Auth && e.Code == 235);
        Assert.Equal("alice", (await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10))).AuthenticatedUser);
        var secrets = new[]
        {
            password,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + password)),
        };
        Assert.All(events, e => Assert.All(secrets, s => Assert.DoesNotContain(s, e.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Send_UnknownMailbox_IsRejectedWith550And511()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.38")] });
        _h.Dns.AddMx("reject.test", 10, "mx1.reject.test").AddA("mx1.reject.test", "127.0.0.38");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("unknown@reject.test"));

        Assert.Equal(CheckOutcome.Rejected, result.Outcome);
        Assert.Equal(EventKind.Rcpt, result.Step);
        Assert.Equal(550, result.Code);
        Assert.Equal("5.1.1", result.EnhancedCode);
        var rcpt = Assert.Single(events, e => e.Kind == EventKind.Rcpt && e.Direction == EventDirection.Server);
        Assert.Contains("does not exist", rcpt.Explanation, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Probe_Greylisted_IsDeferredAndDeliversNothing()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.39")] });
        _h.Dns.AddMx("grey.test", 10, "mx1.grey.test").AddA("mx1.grey.test", "127.0.0.39");

        var (_, result) = await _h.RunAsync(_checkId, _h.Request("greylist@grey.test", CheckMode.Probe));

        Assert.Equal(CheckOutcome.Deferred, result.Outcome);
        Assert.Equal(450, result.Code);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Probe_AcceptedRecipient_StopsBeforeData()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.40")] });
        _h.Dns.AddMx("probe.test", 10, "mx1.probe.test").AddA("mx1.probe.test", "127.0.0.40");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@probe.test", CheckMode.Probe));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Data);
        Assert.Contains(events, e => e.Kind == EventKind.Rset);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Send_ImplicitTls_DeliversOverTlsFromTheFirstByte()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.41")], ImplicitTls = true, StartTls = false });
        _h.Dns.AddMx("smtps.test", 10, "mx1.smtps.test").AddA("mx1.smtps.test", "127.0.0.41");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@smtps.test", tls: TlsPolicy.Implicit));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.True(Assert.Single(events.Select(e => e.Detail).OfType<TlsDetail>()).Succeeded);
        Assert.True((await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10))).Secure);
    }

    [Fact]
    public async Task Send_AllMxDead_IsUnreachable()
    {
        _h.Dns.AddMx("dead.test", 10, "mx1.dead.test").AddA("mx1.dead.test", "127.0.0.42")
            .AddMx("dead.test", 20, "mx2.dead.test").AddA("mx2.dead.test", "127.0.0.43");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@dead.test"));

        Assert.Equal(CheckOutcome.Unreachable, result.Outcome);
        Assert.Equal(2, events.Select(e => e.Detail).OfType<ConnectionDetail>().Count(c => !c.Connected));
    }

    [Fact]
    public async Task Send_FirstAddressOfTheMxDead_TriesItsNextAddress()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [Ip("127.0.0.45")] });
        _h.Dns.AddMx("multi.test", 10, "mx1.multi.test")
            .AddA("mx1.multi.test", "127.0.0.44").AddA("mx1.multi.test", "127.0.0.45");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@multi.test"));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.Equal("127.0.0.45", result.Address);
        Assert.Equal(
            [("mx1.multi.test", "127.0.0.44", false), ("mx1.multi.test", "127.0.0.45", true)],
            events.Select(e => e.Detail).OfType<ConnectionDetail>().Select(c => (c.Host, c.Address, c.Connected)));
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task Send_IPv4DeadIPv6Alive_DeliversOverIPv6()
    {
        var smtp = await _h.StartSmtpAsync(new TestSmtpServerOptions { Addresses = [System.Net.IPAddress.IPv6Loopback] });
        _h.Dns.AddMx("v6.test", 10, "mx1.v6.test").AddA("mx1.v6.test", "127.0.0.46").AddAaaa("mx1.v6.test", "::1");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@v6.test"));

        Assert.Equal(CheckOutcome.Accepted, result.Outcome);
        Assert.Equal(["127.0.0.46", "::1"], events.Select(e => e.Detail).OfType<ConnectionDetail>().Select(c => c.Address));
        Assert.Equal(System.Net.IPAddress.IPv6Loopback, (await smtp.WaitForMessageAsync(TimeSpan.FromSeconds(10))).LocalEndPoint!.Address);
    }

    [Fact]
    public async Task Send_EveryMxHostServFails_IsDnsError()
    {
        _h.Dns.AddMx("flaky.test", 10, "mx1.flaky.test").ServFail("mx1.flaky.test");

        var (events, result) = await _h.RunAsync(_checkId, _h.Request("someone@flaky.test"));

        Assert.Equal(CheckOutcome.DnsError, result.Outcome);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Connect);
    }
}
