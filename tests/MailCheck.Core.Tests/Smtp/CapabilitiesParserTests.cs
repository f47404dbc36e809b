using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Smtp;

public class CapabilitiesParserTests
{
    private static SmtpReply Ehlo(params string[] extensions) =>
        new(250, ["250-mx.example.com Hello", .. extensions.Select((e, i) => (i == extensions.Length - 1 ? "250 " : "250-") + e)], null);

    [Fact]
    public void Parse_EveryKnownExtension_Recognised()
    {
        var caps = CapabilitiesParser.Parse(Ehlo("SIZE 35882577", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES", "PIPELINING", "CHUNKING", "SMTPUTF8", "DSN", "AUTH LOGIN PLAIN XOAUTH2"));

        Assert.Equal(35882577, caps.Size);
        Assert.True(caps.EightBitMime && caps.StartTls && caps.EnhancedStatusCodes && caps.Pipelining && caps.Chunking && caps.SmtpUtf8 && caps.Dsn);
        Assert.Equal(["LOGIN", "PLAIN", "XOAUTH2"], caps.AuthMechanisms);
        Assert.Equal(9, caps.Extensions.Count);
    }

    [Fact]
    public void Parse_SizeWithoutLimit_IsZero()
    {
        Assert.Equal(0, CapabilitiesParser.Parse(Ehlo("SIZE")).Size);
    }

    [Fact]
    public void Parse_NoSize_IsNull()
    {
        var caps = CapabilitiesParser.Parse(Ehlo("PIPELINING"));

        Assert.Null(caps.Size);
        Assert.False(caps.StartTls);
    }

    [Fact]
    public void Parse_OldAuthEqualsSyntaxAndLowerCase_Merged()
    {
        var caps = CapabilitiesParser.Parse(Ehlo("auth=login", "AUTH PLAIN LOGIN", "starttls"));

        Assert.Equal(["LOGIN", "PLAIN"], caps.AuthMechanisms);
        Assert.True(caps.StartTls);
    }

    [Fact]
    public void Parse_GreetingOnly_NoExtensions()
    {
        var caps = CapabilitiesParser.Parse(new SmtpReply(250, ["250 mx.example.com"], null));

        Assert.Empty(caps.Extensions);
    }
}
