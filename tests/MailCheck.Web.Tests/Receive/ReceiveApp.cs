using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MailCheck.Core.Dns;
using MailCheck.Testing;
using MailCheck.Testing.Dns;
using MailCheck.Web.Receive;
using MailCheck.Web.Tests.Fakes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;

namespace MailCheck.Web.Tests.Receive;

/// <summary>
/// The web app with receive mode on (<c>receive.test</c>, the listener on 127.0.0.1 at a free port) and an in-process
/// DNS server for the senders' zone; a real SMTP client (MailKit) sends from 127.0.0.71, which sender.test's SPF lists.
/// </summary>
internal sealed class ReceiveApp : IAsyncDisposable
{
    public const string Domain = "receive.test";
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));
    private static readonly string[] SignedHeaders = ["From", "To", "Subject", "Date", "Message-ID"];

    public ReceiveApp(bool receive = true, Action<Dictionary<string, string?>>? configure = null)
    {
        Dns.AddTxt("sender.test", "v=spf1 ip4:127.0.0.71 -all")
            .AddTxt("_dmarc.sender.test", "v=DMARC1; p=reject")
            .AddA("mx.sender.test", "127.0.0.71")
            .AddPtr(ReverseName.Ptr(IPAddress.Parse("127.0.0.71")), "mx.sender.test")
            .AddTxt("sel._domainkey.sender.test", "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(Key.Value.ExportSubjectPublicKeyInfo()));
        Port = FreePort.Tcp();
        Factory.Settings["MailCheck:Dns:Servers:0"] = Dns.Endpoint;
        Factory.Settings["MailCheck:Dns:Retries"] = "0";
        Factory.Settings["MailCheck:Smtp:EhloName"] = "mx.receive.test";
        if (receive)
        {
            Factory.Settings["MailCheck:Receive:Domain"] = Domain;
            Factory.Settings["MailCheck:Receive:Listen"] = $"127.0.0.1:{Port}";
        }

        configure?.Invoke(Factory.Settings);
        Client = Factory.CreateClient();
    }

    public MailCheckWebFactory Factory { get; } = new();

    public InProcessDnsServer Dns { get; } = InProcessDnsServer.Start();

    public HttpClient Client { get; }

    public int Port { get; }

    public ReceiveStore Store => Factory.Services.GetRequiredService<ReceiveStore>();

    public ReceiveService Service => Factory.Services.GetRequiredService<ReceiveService>();

    /// <summary>POST {"mode":"receive"}; returns the id and the address.</summary>
    public async Task<(string Id, string Address)> CreateAsync()
    {
        using var response = await Client.PostAsJsonAsync("api/checks", new { mode = "receive" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetString()!, body.RootElement.GetProperty("receiveAddress").GetString()!);
    }

    public async Task<JsonDocument> GetAsync(string id) => JsonDocument.Parse(await Client.GetStringAsync($"api/checks/{id}"));

    /// <summary>Waits (bounded) for the check to finish; returns its document.</summary>
    public async Task<JsonDocument> WaitFinishedAsync(string id)
    {
        JsonDocument? doc = null;
        await Poll.UntilAsync(
            async () =>
            {
                doc?.Dispose();
                doc = await GetAsync(id);
                return doc.RootElement.GetProperty("status").GetString() == "finished";
            },
            $"check {id} to finish");
        return doc!;
    }

    public static MimeMessage Message(string to, bool sign = true)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Ann", "ann@sender.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Receive test";
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("sender.test");
        message.Body = new TextPart("plain") { Text = "Hello MailCheck <script>alert(1)</script>\r\n" };
        if (sign)
        {
            using var pem = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Key.Value.ExportPkcs8PrivateKeyPem()));
            var signer = new DkimSigner(pem, "sender.test", "sel") { HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed, BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed };
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, SignedHeaders);
        }

        return message;
    }

    /// <summary>Sends over SMTP from 127.0.0.71 (plain text: the test certificate is self-signed and nobody checks it here).</summary>
    public async Task SendAsync(MimeMessage message, string to)
    {
        using var client = new SmtpClient { LocalEndPoint = new IPEndPoint(IPAddress.Parse("127.0.0.71"), 0), LocalDomain = "mx.sender.test", Timeout = 20_000 };
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, bounded.Token);
        await client.SendAsync(message, MailboxAddress.Parse("ann@sender.test"), [MailboxAddress.Parse(to)], bounded.Token);
        await client.DisconnectAsync(true, bounded.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(Factory.DatabasePath);
        await Dns.DisposeAsync();
    }
}
