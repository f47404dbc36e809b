using MailCheck.Core.Checks;
using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Receive;

/// <summary>A receive check's request: nothing to name, and whatever a sending check would take is refused by name.</summary>
public sealed class ReceiveRequestTests
{
    private static readonly RequestDefaults Defaults = new(new SmtpOptions());

    [Fact]
    public void Complete_ReceiveWithNothingElse_ValidAndEmpty()
    {
        var request = Defaults.Complete(new CheckRequestInput { Mode = CheckMode.Receive }, DateTimeOffset.UtcNow);

        var result = CheckRequestValidator.Validate(request);

        Assert.True(result.IsValid);
        Assert.Equal(CheckMode.Receive, result.Request!.Mode);
        Assert.Null(result.Request.Domain);
        Assert.Empty(result.Request.Recipients);
        Assert.Equal("", result.Request.From);
    }

    [Theory]
    [InlineData("domain")]
    [InlineData("to")]
    [InlineData("from")]
    [InlineData("subject")]
    [InlineData("auth")]
    [InlineData("dkimSelectors")]
    [InlineData("scope")]
    public void Validate_ReceiveWithASendingField_RefusedNamingIt(string field)
    {
        var input = field switch
        {
            "domain" => new CheckRequestInput { Mode = CheckMode.Receive, Domain = "example.com" },
            "to" => new CheckRequestInput { Mode = CheckMode.Receive, To = ["a@example.com"] },
            "from" => new CheckRequestInput { Mode = CheckMode.Receive, From = "a@example.com" },
            "subject" => new CheckRequestInput { Mode = CheckMode.Receive, Subject = "hi" },
            "auth" => new CheckRequestInput { Mode = CheckMode.Receive, Auth = new SmtpCredentials("u", "p") },
            "scope" => new CheckRequestInput { Mode = CheckMode.Receive, Scope = CheckScope.All },
            _ => new CheckRequestInput { Mode = CheckMode.Receive, DkimSelectors = ["s1"] },
        };

        var result = CheckRequestValidator.Validate(Defaults.Complete(input, DateTimeOffset.UtcNow));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.StartsWith("A receive check", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_ReceiveAndOutbound_NameWhoSentTheCommands()
    {
        Assert.Equal("the sending server", TranscriptRoles.Of(CheckMode.Receive).Client);
        Assert.Equal("MailCheck", TranscriptRoles.Of(CheckMode.Receive).Server);
        Assert.Equal("MailCheck", TranscriptRoles.Of(CheckMode.Send).Client);
        Assert.StartsWith("-> the sending server   <- MailCheck", TranscriptRoles.Of(CheckMode.Receive).Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_ACommandWithADuration_ShowsHowLongTheSenderTook()
    {
        var e = new CheckEvent { Seq = 3, At = DateTimeOffset.UnixEpoch, Elapsed = TimeSpan.FromSeconds(2), Direction = EventDirection.Client, Kind = EventKind.Mail, Text = "MAIL FROM:<a@b.example>", Duration = TimeSpan.FromSeconds(41.2) };

        Assert.Equal("   2.000  -> MAIL FROM:<a@b.example>  (41.20 s)", TranscriptFormatter.Lines(e)[0].ToString());
    }
}
