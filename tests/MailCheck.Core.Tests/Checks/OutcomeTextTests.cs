using MailCheck.Core.Checks;
using MailCheck.Core.Smtp;

namespace MailCheck.Core.Tests.Checks;

public class OutcomeTextTests
{
    [Theory]
    [InlineData("The mailbox does not exist: the server does not know it. Check the address.", "the mailbox does not exist")]
    [InlineData("Success.", "success")]
    [InlineData("SMTPUTF8 is not offered. Try ASCII.", "SMTPUTF8 is not offered")]
    [InlineData("Relay denied (policy)", "relay denied (policy)")]
    public void Gist_Explanation_FirstClauseLowerCased(string explanation, string expected)
    {
        Assert.Equal(expected, OutcomeText.Gist(explanation));
    }

    [Fact]
    public void Reply_MailboxUnknown_ReadsLikeTheIssueExample()
    {
        var reply = new SmtpReply(550, ["550 5.1.1 <x@example.com>: Recipient address rejected: User unknown"], "5.1.1");

        Assert.Equal("550 5.1.1 — the mailbox does not exist", OutcomeText.Reply(reply));
    }
}
