using System.Net;

namespace MailCheck.Web.Tests.Receive;

/// <summary>The result page of a receive check as the server renders it: the address while it waits, the message as text once judged.</summary>
public sealed class ReceivePageTests
{
    [Fact]
    public async Task Page_Waiting_ShowsTheAddressWithCopyAndStopButtons()
    {
        await using var app = new ReceiveApp();
        var (id, address) = await app.CreateAsync();

        var html = await app.Client.GetStringAsync($"checks/{id}");

        Assert.Matches($"<code id=\"receive-address\" class=\"mc-mono\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(address)}</code>", html);
        Assert.Contains("id=\"copy-address\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stop-waiting\"", html, StringComparison.Ordinal);
        Assert.Contains("Waiting for your message&#x2026;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mail servers", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Judged_ShowsHeadersAndTheBodyAsTextNeverMarkup()
    {
        await using var app = new ReceiveApp();
        var (id, address) = await app.CreateAsync();
        await app.SendAsync(ReceiveApp.Message(address), address);
        (await app.WaitFinishedAsync(id)).Dispose();

        var html = await app.Client.GetStringAsync($"checks/{id}");

        Assert.Contains("data-state=\"judged\"", html, StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\"[^>]*>DKIM-Signature</th>", html);
        Assert.Contains("Hello MailCheck &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains($"api/checks/{id}/message.eml", html, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"received\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_ReceiveConfigured_OffersTheFourthMode()
    {
        await using var on = new ReceiveApp();
        await using var off = new ReceiveApp(receive: false);

        var with = await on.Client.GetStringAsync("/");
        var without = await off.Client.GetStringAsync("/");

        Assert.Contains("Receive a message", with, StringComparison.Ordinal);
        Assert.DoesNotContain("Receive a message", without, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await on.Client.GetAsync("/")).StatusCode);
    }
}
