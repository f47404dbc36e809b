using System.Net;
using System.Security.Cryptography;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Blocklists;
using MailCheck.Core.Receive;
using MailCheck.Core.Smtp;
using MailCheck.Testing.Dns;
using MailCheck.Testing.Receive;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace MailCheck.Core.Tests.Receive;

/// <summary>
/// The listener on 127.0.0.1 (a free port) with an in-process DNS server for the senders' zones and receive checks in
/// memory. Senders connect from 127.0.0.71 (listed by SPF), 127.0.0.72 (not listed) and others, with a real SMTP client
/// (MailKit) or raw lines.
/// </summary>
internal sealed class ReceiveLab : IAsyncDisposable
{
    public const string Domain = "receive.test";
    public const string Host = "mx.receive.test";
    public static readonly IPAddress Listed = IPAddress.Parse("127.0.0.71");
    public static readonly IPAddress Unlisted = IPAddress.Parse("127.0.0.72");

    private static readonly string[] SignedHeaders = ["From", "To", "Subject", "Date", "Message-ID"];
    private static readonly Lazy<RSA> SigningKey = new(() => RSA.Create(2048));
    private readonly string _keys = Directory.CreateTempSubdirectory("mailcheck-receive-").FullName;

    private ReceiveLab(ReceiveOptions options, string[] blocklists, bool tls)
    {
        Options = options;
        Dns.AddTxt("sender.test", "v=spf1 ip4:127.0.0.71 -all")
            .AddTxt("soft.sender.test", "v=spf1 ip4:127.0.0.71 ~all")
            .AddTxt("mx.sender.test", "v=spf1 a -all")
            .AddA("mx.sender.test", "127.0.0.71")
            .AddPtr(ReverseName.Ptr(Listed), "mx.sender.test")
            .AddTxt("_dmarc.sender.test", "v=DMARC1; p=reject; rua=mailto:dmarc@sender.test")
            .AddTxt("sel._domainkey.sender.test", "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SigningKey.Value.ExportSubjectPublicKeyInfo()))
            .AddTxt("revoked._domainkey.sender.test", "v=DKIM1; k=rsa; p=")
            .AddTxt("sel._domainkey.other.test", "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SigningKey.Value.ExportSubjectPublicKeyInfo()))
            .AddTxt("other.test", "v=spf1 ip4:127.0.0.72 -all");
        var querier = new DnsClientQuerier(Microsoft.Extensions.Options.Options.Create(new DnsOptions { Servers = [Dns.Endpoint], Timeout = TimeSpan.FromSeconds(2), Retries = 0 }), TimeProvider.System);
        var smtp = new SmtpOptions { EhloName = Host };
        Judgement = new ReceiveJudgement(
            querier,
            Microsoft.Extensions.Options.Options.Create(new DnsOptions()),
            Microsoft.Extensions.Options.Options.Create(new PostureOptions()),
            Microsoft.Extensions.Options.Options.Create(smtp),
            Microsoft.Extensions.Options.Options.Create(options),
            new DnsblClient(Microsoft.Extensions.Options.Options.Create(new DnsblOptions { Zones = [.. blocklists] }), TimeProvider.System),
            TimeProvider.System,
            NullLogger<ReceiveJudgement>.Instance);
        Certificate = tls ? ReceiveCertificate.LoadOrCreate(options, Host, _keys, TimeProvider.System) : null;
        Receiver = new SmtpReceiver(ReceiveServerSettings.From(options, Host, Certificate), Mailboxes, Judgement, querier, TimeProvider.System, NullLogger<SmtpReceiver>.Instance);
        Receiver.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public InProcessDnsServer Dns { get; } = InProcessDnsServer.Start();

    public InMemoryReceiveMailboxes Mailboxes { get; } = new();

    public ReceiveOptions Options { get; }

    public ReceiveJudgement Judgement { get; }

    public ReceiveCertificate? Certificate { get; }

    public SmtpReceiver Receiver { get; }

    public IPEndPoint Endpoint => Receiver.LocalEndpoint!;

    public static ReceiveLab Start(Action<ReceiveOptions>? configure = null, string[]? blocklists = null, bool tls = true)
    {
        var options = new ReceiveOptions { Domain = Domain, CommandTimeout = TimeSpan.FromSeconds(10), SessionTimeout = TimeSpan.FromSeconds(60) };
        configure?.Invoke(options);
        return new ReceiveLab(options, blocklists ?? [], tls);
    }

    /// <summary>A new waiting check; returns its token and address.</summary>
    public (string Token, string Address) NewCheck(string checkId = "check", TimeSpan? wait = null)
    {
        var token = Mailboxes.Add(checkId, wait);
        return (token, ReceiveToken.Address(token, Domain));
    }

    /// <summary>A plain message with Date and Message-ID.</summary>
    public static MimeMessage Message(string from, string to, string subject = "Hello", string body = "Hello from the test.\r\n")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("sender.test");
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Signs with the lab's key (published at sel._domainkey.sender.test and sel._domainkey.other.test).</summary>
    public static void Sign(MimeMessage message, string domain = "sender.test", string selector = "sel", params string[] extraHeaders)
    {
        using var pem = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(SigningKey.Value.ExportPkcs8PrivateKeyPem()));
        var signer = new DkimSigner(pem, domain, selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [.. SignedHeaders, .. extraHeaders]);
    }

    /// <summary>Sends with MailKit from <paramref name="source"/> (default 127.0.0.71), EHLO <paramref name="helo"/>.</summary>
    public async Task SendAsync(MimeMessage message, string mailFrom, string recipient, IPAddress? source = null, string helo = "mx.sender.test", bool startTls = true)
    {
        using var client = new SmtpClient
        {
            LocalEndPoint = new IPEndPoint(source ?? Listed, 0),
            LocalDomain = helo,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, presented, _, _) => presented is not null && Certificate is not null && presented.GetCertHashString() == Certificate.Certificate.Thumbprint,
            Timeout = 20_000,
        };
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(Endpoint.Address.ToString(), Endpoint.Port, startTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, bounded.Token);
        await client.SendAsync(message, MailboxAddress.Parse(mailFrom), [MailboxAddress.Parse(recipient)], bounded.Token);
        await client.DisconnectAsync(true, bounded.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Dns.DisposeAsync();
        Certificate?.Dispose();
        try
        {
            Directory.Delete(_keys, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
