using SmtpServer;
using SmtpServer.Protocol;

namespace MailCheck.Testing.Smtp;

/// <summary>SmtpServer's commands, with an EHLO reply that can also advertise ENHANCEDSTATUSCODES.</summary>
internal sealed class TestCommandFactory(bool enhancedStatusCodes) : SmtpCommandFactory
{
    public override SmtpCommand CreateEhlo(string domainOrAddress) => new TestEhloCommand(domainOrAddress, enhancedStatusCodes);

    private sealed class TestEhloCommand(string domainOrAddress, bool enhancedStatusCodes) : EhloCommand(domainOrAddress)
    {
        protected override IEnumerable<string> GetExtensions(ISessionContext context)
        {
            foreach (var extension in base.GetExtensions(context))
            {
                yield return extension;
            }

            if (enhancedStatusCodes)
            {
                yield return "ENHANCEDSTATUSCODES";
            }
        }
    }
}
