using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Smtp;

public class QueueIdParserTests
{
    [Theory]
    [InlineData("250 2.0.0 Ok: queued as 4Xb2Kq1yF3z9", "4Xb2Kq1yF3z9")]
    [InlineData("250 Ok: queued as ABC123", "ABC123")]
    [InlineData("250 OK id=1tQx3B-0004Zq-2s", "1tQx3B-0004Zq-2s")]
    [InlineData("250 2.0.0 5ARDx0pK012345 Message accepted for delivery", "5ARDx0pK012345")]
    [InlineData("250 2.6.0 <a@b> [InternalId=123456789, Hostname=EX1] Queued mail for delivery", "123456789")]
    [InlineData("250 2.0.0 OK queued as <abc.def@mx>.", "abc.def@mx")]
    [InlineData("250 2.0.0 OK 1700000000 x1si123.250 - gsmtp", null)]
    [InlineData("250 Ok", null)]
    public void Parse_FinalReply_FindsQueueId(string line, string? expected)
    {
        var reply = new SmtpReply(250, [line], SmtpReplyReader.ParseEnhancedCode(250, line));

        Assert.Equal(expected, QueueIdParser.Parse(reply));
    }
}
