using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Core.Tests.Checks;
using MailCheck.Testing.Scripted;

namespace MailCheck.Core.Tests.Smtp;

public class SmtpSessionAuthTests
{
    private const string Password = "s3cret-Passw0rd!";

    private static CheckRequest WithAuth() => EngineHarness.Request() with { Auth = new SmtpCredentials("alice", Password) };

    private static void AssertNoSecret(IEnumerable<CheckEvent> events)
    {
        string[] forbidden =
        [
            Password,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + Password)),
        ];
        foreach (var e in events)
        {
            var serialised = System.Text.Json.JsonSerializer.Serialize(e);
            foreach (var secret in forbidden)
            {
                Assert.DoesNotContain(secret, serialised, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RunAsync_AuthPlain_SecretRedactedEverywhere()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { AuthMechanisms = "LOGIN PLAIN" }, out var server);

        var events = await h.RunAsync(WithAuth());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        var expected = "AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0alice\0" + Password));
        Assert.Contains(expected, server.Connections[0].Received);
        Assert.Contains("AUTH PLAIN ********", EventAssert.ClientLines(events));
        Assert.Contains(events, e => e.Kind == EventKind.Auth && e.Code == 235);
        AssertNoSecret(events);
    }

    [Fact]
    public async Task RunAsync_AuthLogin_PasswordLineRedacted()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { AuthMechanisms = "LOGIN" }, out var server);

        var events = await h.RunAsync(WithAuth());

        EventAssert.Outcome(events, CheckOutcome.Accepted);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), server.Connections[0].Received);
        Assert.Equal(["AUTH LOGIN", "YWxpY2U=", "********"], EventAssert.ClientLines(events).Where(l => l.StartsWith("AUTH", StringComparison.Ordinal) || l == "YWxpY2U=" || l == "********"));
        AssertNoSecret(events);
    }

    [Fact]
    public async Task RunAsync_ServerEchoesSecret_ScrubbedFromReplies()
    {
        var dialogue = new SmtpDialogue
        {
            AuthMechanisms = "PLAIN",
            OnCommand = l => l.StartsWith("AUTH", StringComparison.Ordinal) ? $"535 5.7.8 Authentication failed for {l[11..]} ({Password})" : null,
        };
        await using var h = EngineHarness.WithOneServer(dialogue, out _);

        var events = await h.RunAsync(WithAuth());

        var result = EventAssert.Outcome(events, CheckOutcome.Rejected);
        Assert.Equal(EventKind.Auth, result.Step);
        AssertNoSecret(events);
    }

    [Fact]
    public async Task RunAsync_NoSupportedMechanism_StopsBeforeMail()
    {
        await using var h = EngineHarness.WithOneServer(new SmtpDialogue { AuthMechanisms = "CRAM-MD5" }, out var server);

        var events = await h.RunAsync(WithAuth());

        var result = EventAssert.Outcome(events, CheckOutcome.Rejected);
        Assert.Contains("CRAM-MD5", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Connections[0].Received, l => l.StartsWith("MAIL", StringComparison.Ordinal));
    }
}
