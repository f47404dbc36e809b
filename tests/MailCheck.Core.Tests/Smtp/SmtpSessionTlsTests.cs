using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Smtp;

public class SmtpSessionTlsTests
{
    [Fact]
    public async Task RunAsync_StartTlsOpportunistic_UpgradesRecordsCertificateAndSaysEhloAgain()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var received = server.Connections[0].Received.Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["EHLO", "STARTTLS", "EHLO", "MAIL", "RCPT", "DATA", "QUIT"], received);
        var tls = Assert.IsType<TlsDetail>(Assert.Single(events, e => e.Kind == EventKind.Tls).Detail);
        Assert.True(tls.Succeeded);
        Assert.StartsWith("TLS 1.", tls.Protocol, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(tls.CipherSuite));
        Assert.Equal("CN=mx1.example.com", tls.Subject);
        Assert.Equal(["mx1.example.com"], tls.SubjectAlternativeNames);
        Assert.True(tls.HostNameMatches);
        Assert.False(tls.ChainValid);
        Assert.NotEmpty(tls.ChainErrors);
        Assert.NotNull(tls.NotAfter);
        var afterTls = events.SkipWhile(e => e.Kind != EventKind.Tls).Skip(1).Where(e => e.Direction != EventDirection.Info).ToList();
        Assert.NotEmpty(afterTls);
        Assert.All(afterTls, e => Assert.True(e.Secure, e.Text));
        Assert.All(events.TakeWhile(e => e.Kind != EventKind.Tls), e => Assert.False(e.Secure));
        var secondEhlo = events.Last(e => e.Kind == EventKind.Ehlo && e.Direction == EventDirection.Server);
        Assert.False(Assert.IsType<CapabilitiesDetail>(secondEhlo.Detail).StartTls);
    }

    [Fact]
    public async Task RunAsync_ConnectModeWithStartTls_StopsAfterSecondEhlo()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out var server);

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Connect));

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains("under TLS", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["EHLO", "STARTTLS", "EHLO", "QUIT"], server.Connections[0].Received.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task RunAsync_CertificateNotMatchingHost_ReportedButOpportunisticGoesOn()
    {
        using var cert = TestCertificates.CreateSelfSigned("other.example.net");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var tlsEvent = Assert.Single(events, e => e.Kind == EventKind.Tls);
        Assert.False(Assert.IsType<TlsDetail>(tlsEvent.Detail).HostNameMatches);
        Assert.Contains("does NOT match mx1.example.com", tlsEvent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RequiredWithUntrustedCertificate_TlsFailedAfterQuit()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out var server);

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Equal(EventKind.Tls, result.Step);
        Assert.Contains("chain does not validate", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Connections[0].Received, l => l.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == EventKind.Quit && e.Secure);
    }

    [Fact]
    public async Task RunAsync_ExpiredCertificate_ReportedAndFailsOnlyWhenRequired()
    {
        using var cert = TestCertificates.Create(["mx1.example.com"], DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out _);

        var opportunistic = await h.RunAsync(EngineHarness.Request());
        var required = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        EventAssert.Outcome(opportunistic, CheckOutcome.Accepted);
        var tls = Assert.IsType<TlsDetail>(Assert.Single(opportunistic, e => e.Kind == EventKind.Tls).Detail);
        Assert.Contains(tls.ChainErrors, e => e.StartsWith("NotTimeValid", StringComparison.Ordinal));
        EventAssert.Outcome(required, CheckOutcome.TlsFailed);
    }

    [Fact]
    public async Task RunAsync_StartTls454Opportunistic_GoesOnInPlainText()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        var dialogue = new SmtpDialogue { Certificate = cert, OnCommand = l => l == "STARTTLS" ? "454 4.7.0 TLS not available due to local problem" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains("MAIL FROM:<sender@example.org> SIZE=", string.Join("\n", server.Connections[0].Received), StringComparison.Ordinal);
        Assert.All(events, e => Assert.False(e.Secure));
    }

    [Fact]
    public async Task RunAsync_StartTls454Required_TlsFailedNeverPlainText()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        var dialogue = new SmtpDialogue { Certificate = cert, OnCommand = l => l == "STARTTLS" ? "454 4.7.0 TLS not available due to local problem" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out var server);

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Equal(454, result.Code);
        Assert.Equal(["EHLO", "STARTTLS", "QUIT"], server.Connections[0].Received.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task RunAsync_RequiredButNotOffered_TlsFailed()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Contains("does not offer STARTTLS", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["EHLO", "QUIT"], server.Connections[0].Received.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task RunAsync_TlsPolicyNone_NeverStartsTls()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Certificate = cert }, out var server);

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.None));

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.DoesNotContain("STARTTLS", server.Connections[0].Received);
    }

    [Fact]
    public async Task RunAsync_HandshakeFailsUnderRequired_TlsFailedWithoutPlainRetry()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        var server = h.Serve("127.0.0.2", BrokenTlsThenPlain());

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Required));

        var result = EventAssert.Outcome(events, CheckOutcome.TlsFailed);
        Assert.Equal(EventKind.Tls, result.Step);
        var tls = Assert.IsType<TlsDetail>(Assert.Single(events, e => e.Kind == EventKind.Tls && e.Detail is TlsDetail).Detail);
        Assert.False(tls.Succeeded);
        Assert.False(string.IsNullOrEmpty(tls.Error));
        Assert.DoesNotContain("QUIT", EventAssert.ClientLines(events));
        Assert.Single(server.Connections);
    }

    [Fact]
    public async Task RunAsync_HandshakeFailsUnderOpportunistic_ConnectsAgainWithoutTlsAndSays()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        var server = h.Serve("127.0.0.2", BrokenTlsThenPlain());

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe));

        var result = EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains("without TLS: the TLS handshake with mx1.example.com failed", result.Summary, StringComparison.Ordinal);
        var tls = Assert.IsType<TlsDetail>(Assert.Single(events, e => e.Kind == EventKind.Tls && e.Detail is TlsDetail).Detail);
        Assert.False(tls.Succeeded);
        Assert.Contains(events, e => e.Kind == EventKind.Tls && e.Text.Contains("connects again without STARTTLS", StringComparison.Ordinal));
        Assert.Equal(2, server.Connections.Count);
        Assert.DoesNotContain("STARTTLS", server.Connections[1].Received);
        Assert.Contains(server.Connections[1].Received, l => l.StartsWith("RCPT TO:", StringComparison.Ordinal));
        Assert.All(events.SkipWhile(e => !e.Text.Contains("connects again", StringComparison.Ordinal)), e => Assert.False(e.Secure, e.Text));
    }

    /// <summary>First connection: offers STARTTLS, then answers the handshake with garbage. Later ones: a plain server.</summary>
    private static Func<ScriptedConnection, Task> BrokenTlsThenPlain()
    {
        var connections = 0;
        return c => BrokenTlsThenPlainAsync(c, Interlocked.Increment(ref connections) == 1);
    }

    private static async Task BrokenTlsThenPlainAsync(ScriptedConnection c, bool first)
    {
        await c.ReplyAsync("220 mx.test ESMTP");
        await c.ReadLineAsync();
        if (first)
        {
            await c.ReplyAsync("250-mx.test\n250 STARTTLS");
            await c.ReadLineAsync();
            await c.ReplyAsync("220 2.0.0 go ahead");
            await Task.Delay(100, c.CancellationToken);
            await c.SendRawAsync("this is not a TLS server hello\r\n");
            c.Close();
            return;
        }

        await c.ReplyAsync("250-mx.test\n250 STARTTLS");
        while (await c.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0];
            await c.ReplyAsync(verb switch
            {
                "QUIT" => "221 bye",
                "STARTTLS" => "502 not again",
                _ => "250 ok",
            });
            if (verb == "QUIT")
            {
                return;
            }
        }
    }

    [Fact]
    public async Task RunAsync_BytesInjectedAfterStartTls220_ProtocolError()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        var dialogue = new SmtpDialogue { Certificate = cert, InjectAfterStartTls = "250-injected\r\n", OnCommand = l => l == "STARTTLS" ? "220 2.0.0 Ready to start TLS\n250 injected too" : null };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(EngineHarness.Request());

        var result = EventAssert.Outcome(events, CheckOutcome.ProtocolError);
        Assert.Equal(EventKind.StartTls, result.Step);
        Assert.Contains("CVE-2011-0411", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.Tls);
    }

    [Fact]
    public async Task RunAsync_ImplicitTls_TlsFromTheFirstByte()
    {
        using var cert = TestCertificates.CreateSelfSigned("mx1.example.com");
        await using var h = new EngineHarness();
        h.Dns.Add("example.com", ("mx1.example.com", 10, ["127.0.0.2"]));
        var dialogue = new SmtpDialogue();
        var server = h.Serve("127.0.0.2", async c =>
        {
            await c.StartTlsAsync(cert);
            await dialogue.RunAsync(c);
        });

        var events = await h.RunAsync(EngineHarness.Request(tls: TlsPolicy.Implicit) with { Port = 465 });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(465, Assert.Single(h.Connector.Attempts).Port);
        Assert.True(Assert.IsType<TlsDetail>(events.First(e => e.Kind == EventKind.Tls).Detail).Succeeded);
        Assert.True(events.Single(e => e.Kind == EventKind.Banner).Secure);
        Assert.DoesNotContain("STARTTLS", server.Connections[0].Received);
    }
}
