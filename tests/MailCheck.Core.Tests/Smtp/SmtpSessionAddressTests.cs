using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Smtp;

public class SmtpSessionAddressTests
{
    private static readonly string[] NoUtf8 = ["PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES"];

    [Fact]
    public async Task RunAsync_IdnDomainWithoutSmtpUtf8_SentAsPunycode()
    {
        await using var h = new EngineHarness();
        h.Dns.Add("xn--bcher-kva.example", ("mx1.example.com", 10, ["127.0.0.2"]));
        var server = h.Serve("127.0.0.2", new SmtpDialogue { Extensions = NoUtf8 });

        var events = await h.RunAsync(EngineHarness.Request() with { Domain = null, Recipients = ["user@bücher.example"] });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Equal(("xn--bcher-kva.example", DnsRecordType.MX), h.Dns.Queries[0]);
        Assert.Contains("RCPT TO:<user@xn--bcher-kva.example>", server.Connections[0].Received);
        Assert.DoesNotContain(server.Connections[0].Received, l => l.Contains("SMTPUTF8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NonAsciiLocalPartWithSmtpUtf8_SentAsUtf8()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { Recipients = ["jörg@example.com"] });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(server.Connections[0].Received, l => l.StartsWith("MAIL FROM:<sender@example.org>", StringComparison.Ordinal) && l.EndsWith(" SMTPUTF8", StringComparison.Ordinal));
        Assert.Contains("RCPT TO:<jörg@example.com>", server.Connections[0].Received);
    }

    [Fact]
    public async Task RunAsync_NonAsciiLocalPartWithoutSmtpUtf8_RefusedCleanly()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Extensions = NoUtf8 }, out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { Recipients = ["jörg@example.com"] });

        var result = EventAssert.Outcome(events, CheckOutcome.Rejected);
        Assert.Contains("SMTPUTF8", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["EHLO", "QUIT"], server.Connections[0].Received.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task RunAsync_NonAsciiBodyWithout8BitMime_SentQuotedPrintableWithoutBodyParameter()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { Extensions = ["SIZE 1000000"] }, out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { Body = "Grüße aus Köln" });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.DoesNotContain(server.Connections[0].Received, l => l.Contains("BODY=", StringComparison.Ordinal));
        Assert.All(server.Connections[0].Data!, b => Assert.True(b < 128));
    }

    [Fact]
    public async Task RunAsync_NonAsciiBodyWith8BitMime_DeclaresBody8BitMime()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);

        var events = await h.RunAsync(EngineHarness.Request() with { Body = "Grüße aus Köln" });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(server.Connections[0].Received, l => l.StartsWith("MAIL FROM:", StringComparison.Ordinal) && l.Contains(" BODY=8BITMIME", StringComparison.Ordinal));
    }
}
