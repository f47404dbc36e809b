using MailCheck.Core.Checks;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Checks;

public class RequestDefaultsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 13, 45, 10, TimeSpan.Zero);

    private static readonly RequestDefaults Defaults = new(new SmtpOptions { DefaultFrom = "checks@mine.example", EhloName = "probe.mine.example" });

    [Fact]
    public void Complete_DomainOnly_FillsEveryDefault()
    {
        var request = Defaults.Complete(new CheckRequestInput { Domain = "example.com" }, Now);

        Assert.Equal("example.com", request.Domain);
        Assert.Equal("checks@mine.example", request.From);
        Assert.Equal(["postmaster@example.com"], request.Recipients);
        Assert.Equal("MailCheck test 2026-11-28 13:45 UTC", request.Subject);
        Assert.Equal(RequestDefaults.Body, request.Body);
        Assert.Equal(CheckMode.Send, request.Mode);
        Assert.Equal(25, request.Port);
        Assert.Equal(TlsPolicy.Opportunistic, request.Tls);
        Assert.Equal(CheckScope.First, request.Scope);
        Assert.Null(request.EhloName);
        Assert.Null(request.Auth);
        Assert.True(CheckRequestValidator.Validate(request).IsValid);
    }

    [Fact]
    public void Complete_ScopeAllWithoutMode_ProbesSinceEveryMxIsNeverSentTo()
    {
        var request = Defaults.Complete(new CheckRequestInput { Domain = "example.com", Scope = CheckScope.All }, Now);

        Assert.Equal(CheckScope.All, request.Scope);
        Assert.Equal(CheckMode.Probe, request.Mode);
        Assert.True(CheckRequestValidator.Validate(request).IsValid);
    }

    [Fact]
    public void Complete_ScopeAllWithSend_KeptAsAskedForTheValidatorToRefuse()
    {
        var request = Defaults.Complete(new CheckRequestInput { Domain = "example.com", Scope = CheckScope.All, Mode = CheckMode.Send }, Now);

        Assert.Equal("scope", Assert.Single(CheckRequestValidator.Validate(request).Errors).Field);
    }

    [Fact]
    public void Complete_EverythingGiven_KeepsItAsGiven()
    {
        var auth = new SmtpCredentials("alice", "pw");
        var request = Defaults.Complete(
            new CheckRequestInput
            {
                Domain = "example.com", From = "me@mine.test", To = ["a@example.com"], Subject = "", Body = "",
                Mode = CheckMode.Probe, Port = 587, Tls = TlsPolicy.Required, EhloName = "me.mine.test", Auth = auth,
            },
            Now);

        Assert.Equal(("me@mine.test", "", "", CheckMode.Probe, 587, TlsPolicy.Required, "me.mine.test"), (request.From, request.Subject, request.Body, request.Mode, request.Port, request.Tls, request.EhloName));
        Assert.Equal(["a@example.com"], request.Recipients);
        Assert.Same(auth, request.Auth);
    }

    [Theory]
    [InlineData(465, TlsPolicy.Implicit)]
    [InlineData(587, TlsPolicy.Opportunistic)]
    [InlineData(25, TlsPolicy.Opportunistic)]
    public void Complete_PortWithoutTls_ImplicitTlsOnlyOn465(int port, TlsPolicy expected)
    {
        Assert.Equal(expected, Defaults.Complete(new CheckRequestInput { Domain = "example.com", Port = port }, Now).Tls);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData(null, true)]
    [InlineData("\t", false)]
    [InlineData("\r\n", false)]
    [InlineData("\u2028", false)]
    [InlineData("a@b.c", false)]
    public void IsBlank_ControlCharactersAreNotBlank(string? value, bool blank)
    {
        Assert.Equal(blank, RequestDefaults.IsBlank(value));
    }

    [Fact]
    public void Complete_SenderOfControlCharacters_ReachesTheValidatorWhichNamesFrom()
    {
        var request = Defaults.Complete(new CheckRequestInput { Domain = "example.com", From = "\r\n" }, Now);

        Assert.Contains(CheckRequestValidator.Validate(request).Errors, e => e.Field == "from");
    }

    [Theory]
    [InlineData("someone@example.com", "example.com", "someone@example.com")]
    [InlineData(" example.com ", "example.com", "postmaster@example.com")]
    [InlineData("example.com.", "example.com.", "postmaster@example.com")]
    public void DomainOfAndRecipientFor_Target_DomainAndImpliedRecipient(string target, string domain, string recipient)
    {
        Assert.Equal(domain, RequestDefaults.DomainOf(target));
        Assert.Equal(recipient, RequestDefaults.RecipientFor(target));
    }

    [Fact]
    public async Task Engine_NoSenderOrEhloName_UsesTheSameDefaults()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue(), out var server);
        h.Options.DefaultFrom = "checks@mine.example";
        h.Options.EhloName = "probe.mine.example";

        var events = await h.RunAsync(EngineHarness.Request(CheckMode.Probe) with { From = "", EhloName = null });

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains("EHLO probe.mine.example", server.Connections[0].Received);
        Assert.Contains("MAIL FROM:<checks@mine.example> SIZE=", string.Join("\n", server.Connections[0].Received), StringComparison.Ordinal);
    }
}
