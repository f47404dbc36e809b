using System.Globalization;
using MailCheck.Web.Tests.Api;

namespace MailCheck.Web.Tests.Safety;

/// <summary>Every message MailCheck sends says what it is: the check header and a footer naming the instance.</summary>
public sealed class SendingTests
{
    [Fact]
    public async Task Send_ThroughTheApi_MessageCarriesCheckHeaderAndFooterNamingTheInstance()
    {
        await using var lab = await SmtpLab.StartAsync();
        await using var factory = new SafetyWebFactory { UseRealEngine = true };
        lab.Apply(factory);
        factory.Settings["MailCheck:Smtp:InstanceName"] = "lab-instance-7";
        using var client = factory.CreateClient();

        var id = await client.SubmitAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            {"to":["someone@{{SmtpLab.Domain}}"],"mode":"send","port":{{lab.Port}},"tls":"none","body":"Hello."}
            """));
        await client.WaitForStatusAsync(id);

        var message = Assert.Single(lab.Smtp.Messages);
        Assert.Equal(id, message.Header("X-MailCheck-Check"));
        var body = message.ToMimeMessage().TextBody;
        Assert.StartsWith("Hello.", body, StringComparison.Ordinal);
        Assert.Contains("lab-instance-7", body, StringComparison.Ordinal);
        Assert.Contains(id, body, StringComparison.Ordinal);
    }
}
