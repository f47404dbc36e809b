using System.Text;
using MailCheck.Core.Checks;
using MimeKit;

namespace MailCheck.Core.Tests.Checks;

public class TestMessageBuilderTests
{
    private static TestMessage Build(string body, bool allow8Bit = true, string subject = "Hello") => TestMessageBuilder.Build(
        "checkid000000000000000",
        MailboxAddress.Parse("sender@example.org"),
        [MailboxAddress.Parse("a@example.com"), MailboxAddress.Parse("b@example.com")],
        subject,
        body,
        "lab-1",
        new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
        allow8Bit,
        international: false);

    [Fact]
    public void Build_Headers_CarryCheckIdDateAndAddresses()
    {
        var message = Build("Hi");

        Assert.Contains("X-MailCheck-Check: checkid000000000000000\n", message.Summary, StringComparison.Ordinal);
        Assert.Contains("Message-Id: <mailcheck.checkid000000000000000@example.org>", message.Summary, StringComparison.Ordinal);
        Assert.Contains("Date: Sat, 28 Nov 2026 12:00:00 +0000", message.Summary, StringComparison.Ordinal);
        Assert.Contains("To: a@example.com, b@example.com", message.Summary, StringComparison.Ordinal);
        Assert.Contains("From: sender@example.org", message.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Summary_NeverContainsBodyAndCountsBytesAndLines()
    {
        var message = Build("secret body text\nline two");

        Assert.DoesNotContain("secret body text", message.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent by MailCheck", message.Summary, StringComparison.Ordinal);
        Assert.EndsWith($"({message.Size} bytes, {message.Lines} lines)", message.Summary, StringComparison.Ordinal);
        var unstuffed = Encoding.UTF8.GetString(message.Wire, 0, message.Wire.Length - 3);
        Assert.Equal(message.Size, unstuffed.Length);
        Assert.Equal(message.Lines, unstuffed.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Build_Footer_NamesInstanceAndCheck()
    {
        var text = Encoding.UTF8.GetString(Build("Hi").Wire);

        Assert.Contains("\r\nHi\r\n-- \r\nSent by MailCheck (instance lab-1) as a delivery test, check checkid000000000000000.\r\n.\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NonAsciiBody_EightBitOnlyWhenAllowed()
    {
        Assert.True(Build("Grüße", allow8Bit: true).EightBit);
        var sevenBit = Build("Grüße", allow8Bit: false);
        Assert.False(sevenBit.EightBit);
        Assert.All(sevenBit.Wire, b => Assert.True(b < 128));
        Assert.False(Build("plain ascii").EightBit);
    }

    [Fact]
    public void Build_NonAsciiSubjectWithoutSmtpUtf8_EncodedWord()
    {
        var message = Build("x", subject: "Prüfung");

        Assert.Contains("Subject: =?utf-8?", message.Summary, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("a\nb", "a\r\nb\r\n")]
    [InlineData("a\rb", "a\r\nb\r\n")]
    [InlineData("a\r\nb\r\n", "a\r\nb\r\n")]
    [InlineData("a\n\r\nb", "a\r\n\r\nb\r\n")]
    [InlineData("a\r\rb", "a\r\n\r\nb\r\n")]
    [InlineData("", "\r\n")]
    public void NormaliseCrlf_AnyLineEndings_BecomeCrlf(string input, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(TestMessageBuilder.NormaliseCrlf(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void DotStuff_LeadingDots_DoubledAndTerminated()
    {
        var (wire, lines) = TestMessageBuilder.DotStuff(".a\r\nb.c\r\n..\r\n.\r\n"u8);

        Assert.Equal("..a\r\nb.c\r\n...\r\n..\r\n.\r\n", Encoding.ASCII.GetString(wire));
        Assert.Equal(4, lines);
    }
}
