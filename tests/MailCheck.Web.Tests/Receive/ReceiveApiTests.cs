using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Receive;
using MailCheck.Web.Data;
using MailCheck.Web.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Receive;

/// <summary>
/// Receive checks through the API with the real listener: an address on POST, a real message over SMTP judged into the
/// same document, transcript and feed, the message as a plain-text download, stopping a wait, timing out, surviving a
/// restart, and judging a stored message again.
/// </summary>
public sealed class ReceiveApiTests
{
    private static readonly string[] Recipients = ["a@example.com"];

    [Fact]
    public async Task Post_ModeReceive_202WithAnAddressAndTheCheckWaits()
    {
        await using var app = new ReceiveApp();

        using var response = await app.Client.PostAsJsonAsync("api/checks", new { mode = "receive" });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;
        using var doc = await app.GetAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("waiting", body.RootElement.GetProperty("status").GetString());
        Assert.Matches("^[a-z2-7]{26}@receive\\.test$", body.RootElement.GetProperty("receiveAddress").GetString());
        Assert.Equal("running", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("receive", doc.RootElement.GetProperty("request").GetProperty("mode").GetString());
        Assert.Equal(body.RootElement.GetProperty("receiveAddress").GetString(), doc.RootElement.GetProperty("receiveAddress").GetString());
        Assert.True(doc.RootElement.TryGetProperty("receiveExpiresAt", out _));
        Assert.Equal("receive", doc.RootElement.GetProperty("events")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Post_ModeReceiveWithoutReceiveDomain_400NamingMode()
    {
        await using var app = new ReceiveApp(receive: false);

        using var response = await app.Client.PostAsJsonAsync("api/checks", new { mode = "receive" });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MailCheck:Receive:Domain", body.RootElement.GetProperty("errors").GetProperty("mode")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ModeReceiveWithRecipients_400NamingTo()
    {
        await using var app = new ReceiveApp();

        using var response = await app.Client.PostAsJsonAsync("api/checks", new { mode = "receive", to = Recipients });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("A receive check takes no recipients", body.RootElement.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_SentOverSmtp_JudgedIntoTheDocumentTranscriptAndDownload()
    {
        await using var app = new ReceiveApp();
        var (id, address) = await app.CreateAsync();

        await app.SendAsync(ReceiveApp.Message(address), address);
        using var doc = await app.WaitFinishedAsync(id);
        var transcript = await app.Client.GetStringAsync($"api/checks/{id}/transcript.txt");
        using var eml = await app.Client.GetAsync($"api/checks/{id}/message.eml");

        var root = doc.RootElement;
        Assert.Equal("received", root.GetProperty("outcome").GetString());
        Assert.Contains("SPF pass, DKIM pass (d=sender.test), DMARC pass", root.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var items = root.GetProperty("scorecard").GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "dmarc" && i.GetProperty("status").GetString() == "pass");
        Assert.Contains(items, i => i.GetProperty("id").GetString() == "tls" && i.GetProperty("status").GetString() == "fail");
        var seqs = root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);
        Assert.StartsWith($"MailCheck: receive check for one message to {address}\nMarks:     -> the sending server   <- MailCheck", transcript, StringComparison.Ordinal);
        Assert.Contains(" -> MAIL FROM:<ann@sender.test>", transcript, StringComparison.Ordinal);
        Assert.Contains("<-  250 2.0.0 Ok: queued as ", transcript, StringComparison.Ordinal);
        Assert.Contains("Result: received: ", transcript, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, eml.StatusCode);
        Assert.Equal("text/plain", eml.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", eml.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("nosniff", eml.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("<script>alert(1)</script>", await eml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_WaitingCheck_CancelledAndTheAddressRefusesMail()
    {
        await using var app = new ReceiveApp();
        var (id, address) = await app.CreateAsync();

        using var cancel = await app.Client.PostAsync($"api/checks/{id}/cancel", null);
        using var again = await app.Client.PostAsync($"api/checks/{id}/cancel", null);
        using var doc = await app.WaitFinishedAsync(id);
        var refused = await Assert.ThrowsAsync<MailKit.Net.Smtp.SmtpCommandException>(() => app.SendAsync(ReceiveApp.Message(address), address));

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("cancelled", doc.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, refused.StatusCode);
        Assert.Contains("stopped waiting", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AnOutboundCheck_409()
    {
        await using var app = new ReceiveApp();
        using var created = await app.Client.PostAsJsonAsync("api/checks", new { domain = "example.com", mode = "probe" });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());

        using var cancel = await app.Client.PostAsync($"api/checks/{body.RootElement.GetProperty("id").GetString()}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task Sweep_WaitRanOut_TimeoutAndTheAddressIsClosed()
    {
        await using var app = new ReceiveApp();
        var id = CheckId.New();
        var view = await app.Store.CreateAsync(id, new MailCheck.Core.Documents.RedactedRequest { Mode = CheckMode.Receive }, ReceiveApp.Domain, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await Task.Delay(200);

        await app.Service.SweepAsync(CancellationToken.None);
        using var doc = await app.GetAsync(id);
        var opening = await app.Store.OpenAsync(view.Address[..ReceiveToken.Length], "test", DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal("timeout", doc.RootElement.GetProperty("outcome").GetString());
        Assert.StartsWith("Timed out: no message arrived within", doc.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(MailboxState.Closed, opening.State);
    }

    [Fact]
    public async Task Restart_AWaitingCheck_IsNotInterruptedAndStillTakesItsMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), "mailcheck-web-tests", Guid.NewGuid().ToString("N") + ".db");
        string id;
        string address;
        await using (var first = new ReceiveApp(configure: s => s["ConnectionStrings:MailCheck"] = $"Data Source={path}"))
        {
            (id, address) = await first.CreateAsync();
        }

        await using var second = new ReceiveApp(configure: s => s["ConnectionStrings:MailCheck"] = $"Data Source={path}");
        using (var waiting = await second.GetAsync(id))
        {
            Assert.Equal("running", waiting.RootElement.GetProperty("status").GetString());
        }

        await second.SendAsync(ReceiveApp.Message(address), address);
        using var doc = await second.WaitFinishedAsync(id);
        Assert.Equal("received", doc.RootElement.GetProperty("outcome").GetString());
        MailCheckWebFactory.DeleteDatabase(path);
    }

    [Fact]
    public async Task Sweep_StoredMessageNeverJudged_JudgedAgainFromTheStore()
    {
        await using var app = new ReceiveApp();
        var (id, address) = await app.CreateAsync();
        var token = address[..ReceiveToken.Length];
        var opening = await app.Store.OpenAsync(token, "dead-process", DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        var raw = System.Text.Encoding.ASCII.GetBytes(ReceiveApp.Message(address).ToString().Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\r\n", "\r\n", StringComparison.Ordinal));
        var envelope = new ReceivedEnvelope
        {
            RemoteAddress = "127.0.0.71",
            RemotePort = 40000,
            HeloVerb = "EHLO",
            HeloName = "mx.sender.test",
            MailFrom = "ann@sender.test",
            Recipient = address,
            ReceivedAt = DateTimeOffset.UtcNow,
            QueueId = "ABC",
            Data = new ReceivedDataFacts(raw.Length, 10, 0, 0, 0, false),
        };

        // The process that stored it "died": its hold on the judging ran out.
        Assert.True(await opening.Recording!.StoreMessageAsync(envelope, raw, CancellationToken.None));
        var db = app.Factory.Services.GetRequiredService<IDbContextFactory<MailCheckDbContext>>();
        await using (var context = await db.CreateDbContextAsync())
        {
            await context.ReceiveMailboxes.Where(b => b.Token == token)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeldUntil, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        await app.Service.SweepAsync(CancellationToken.None);
        using var doc = await app.WaitFinishedAsync(id);

        Assert.Equal("received", doc.RootElement.GetProperty("outcome").GetString());
        Assert.Contains(doc.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains("judges the stored message now", StringComparison.Ordinal));
    }
}
