using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Smtp;

public class ReplyExplainerTests
{
    private static readonly int[] Codes =
    [
        211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455,
        500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
    ];

    public static TheoryData<int> BasicCodes => new(Codes);

    [Theory]
    [MemberData(nameof(BasicCodes))]
    public void Explain_KnownBasicCode_HasItsOwnExplanation(int code)
    {
        var text = ReplyExplainer.Explain(code, null);

        Assert.DoesNotContain($"reply {code}", text, StringComparison.Ordinal);
        Assert.EndsWith(".", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_EveryBasicCode_IsDistinct()
    {
        var texts = Codes.Select(code => ReplyExplainer.Explain(code, null)).ToList();

        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(421, null)]
    [InlineData(450, null)]
    [InlineData(451, "4.3.0")]
    [InlineData(452, "4.5.3")]
    [InlineData(450, "4.2.0")]
    [InlineData(451, "4.7.1")]
    [InlineData(452, "4.2.2")]
    [InlineData(499, null)]
    [InlineData(421, "4.4.2")]
    [InlineData(454, "4.7.0")]
    [InlineData(450, "4.9.9")]
    public void Explain_TransientReply_SaysItMaySucceedLater(int code, string? enhanced)
    {
        var text = ReplyExplainer.Explain(code, enhanced);

        Assert.Contains("may succeed if tried again later", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(250, null)]
    [InlineData(550, "5.1.1")]
    [InlineData(220, null)]
    [InlineData(354, null)]
    public void Explain_NonTransientReply_DoesNotPromiseLater(int code, string? enhanced)
    {
        Assert.DoesNotContain("later", ReplyExplainer.Explain(code, enhanced), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(550, "5.1.1", "mailbox does not exist")]
    [InlineData(550, "5.1.2", "domain does not exist")]
    [InlineData(553, "5.1.3", "syntax error")]
    [InlineData(550, "5.1.6", "has moved")]
    [InlineData(556, "5.1.10", "null MX")]
    [InlineData(550, "5.2.1", "disabled")]
    [InlineData(452, "4.2.2", "mailbox is full")]
    [InlineData(552, "5.2.2", "mailbox is full")]
    [InlineData(552, "5.2.3", "administrative limit")]
    [InlineData(552, "5.3.4", "too big")]
    [InlineData(421, "4.4.1", "did not answer")]
    [InlineData(550, "5.4.4", "route")]
    [InlineData(500, "5.5.1", "not valid")]
    [InlineData(501, "5.5.2", "syntax error")]
    [InlineData(452, "4.5.3", "Too many recipients")]
    [InlineData(554, "5.7.0", "security or policy")]
    [InlineData(554, "5.7.1", "relay")]
    [InlineData(451, "4.7.1", "greylisting")]
    [InlineData(450, "4.2.0", "greylist")]
    [InlineData(535, "5.7.8", "username or password")]
    [InlineData(534, "5.7.9", "too weak")]
    [InlineData(550, "5.7.23", "SPF")]
    [InlineData(550, "5.7.25", "PTR")]
    [InlineData(550, "5.7.26", "DMARC")]
    [InlineData(550, "5.7.27", "null MX")]
    [InlineData(550, "5.7.28", "spam")]
    [InlineData(250, "2.1.5", "recipient address was accepted")]
    [InlineData(235, "2.7.0", "authentication")]
    public void Explain_RegistryEntry_IsSpecific(int code, string enhanced, string expected)
    {
        Assert.Contains(expected, ReplyExplainer.Explain(code, enhanced), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "no further detail")]
    [InlineData(1, "address")]
    [InlineData(2, "mailbox")]
    [InlineData(3, "mail system")]
    [InlineData(4, "network or message routing")]
    [InlineData(5, "protocol")]
    [InlineData(6, "content")]
    [InlineData(7, "security or policy")]
    public void Explain_UnknownDetail_FallsBackToSubject(int subject, string expected)
    {
        var text = ReplyExplainer.Explain(550, $"5.{subject}.999");

        Assert.StartsWith(ReplyExplainer.Explain(550, null).Replace(" " + ReplyExplainer.PermanentNote, "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_EnhancedCode_IsPreferredOverBasic()
    {
        Assert.NotEqual(ReplyExplainer.Explain(550, null), ReplyExplainer.Explain(550, "5.1.1"));
    }

    [Theory]
    [InlineData(250, "2.1.0")]
    [InlineData(250, "2.0.0")]
    [InlineData(250, "2.6.0")]
    [InlineData(250, "2.2.2")]
    public void Explain_SuccessEnhancedCode_NeverSoundsLikeAFailure(int code, string enhanced)
    {
        var text = ReplyExplainer.Explain(code, enhanced);

        Assert.DoesNotContain("full", text, StringComparison.Ordinal);
        Assert.Contains("ccept", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5.1")]
    [InlineData("x.1.1")]
    [InlineData("3.1.1")]
    [InlineData("5.1.1.1")]
    [InlineData("5.1234.1")]
    [InlineData("5..1")]
    public void Explain_MalformedEnhancedCode_UsesBasicCode(string enhanced)
    {
        Assert.Equal(ReplyExplainer.Explain(550, null), ReplyExplainer.Explain(550, enhanced));
    }

    [Theory]
    [InlineData(550)]
    [InlineData(554)]
    [InlineData(599)]
    public void Explain_PermanentReply_SaysRetryingWillNotHelp(int code)
    {
        Assert.EndsWith(ReplyExplainer.PermanentNote, ReplyExplainer.Explain(code, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(299, "Success")]
    [InlineData(399, "waiting")]
    [InlineData(123, "not a valid SMTP reply code")]
    [InlineData(600, "not a valid SMTP reply code")]
    public void Explain_UnknownBasicCode_FallsBackToClass(int code, string expected)
    {
        Assert.Contains(expected, ReplyExplainer.Explain(code, null), StringComparison.Ordinal);
    }
}
