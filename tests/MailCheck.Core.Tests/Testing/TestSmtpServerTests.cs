using System.Net;
using System.Text;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Testing;

public class TestSmtpServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<string> SendAsync(RawSmtpClient client, string from, string to, string body)
    {
        Assert.StartsWith("250", await client.CommandAsync($"MAIL FROM:<{from}>"), StringComparison.Ordinal);
        var rcpt = await client.CommandAsync($"RCPT TO:<{to}>");
        if (!rcpt.StartsWith("250", StringComparison.Ordinal))
        {
            return rcpt;
        }

        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        return await client.CommandAsync(body + "\r\n.");
    }

    [Fact]
    public async Task StartAsync_SeveralAddresses_ListensOnEachWithOnePort()
    {
        IPAddress[] addresses = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { Addresses = addresses });

        foreach (var endpoint in smtp.EndPoints)
        {
            var (client, banner) = await RawSmtpClient.ConnectAsync(endpoint);
            await using (client)
            {
                Assert.StartsWith("220 mx.test", banner, StringComparison.Ordinal);
            }
        }

        Assert.Equal(addresses, smtp.EndPoints.Select(e => e.Address));
        Assert.Equal(2, smtp.SessionCount);
    }

    [Fact]
    public async Task Ehlo_Default_AdvertisesStartTlsEnhancedCodesAndSizeButNoAuthBeforeTls()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { Credentials = ("user", "secret") });
        var (client, _) = await RawSmtpClient.ConnectAsync(smtp.EndPoints[0]);
        await using var _ = client;

        var ehlo = await client.CommandAsync("EHLO client.test");

        Assert.Contains("250-STARTTLS", ehlo, StringComparison.Ordinal);
        Assert.Contains("ENHANCEDSTATUSCODES", ehlo, StringComparison.Ordinal);
        Assert.Contains("SIZE 10485760", ehlo, StringComparison.Ordinal);
        Assert.DoesNotContain("AUTH", ehlo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartTls_ThenAuthAndSend_RecordsSecureAuthenticatedMessage()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse("127.0.0.4")],
            ServerName = "mx1.example.test",
            Credentials = ("user", "secret"),
        });
        var (client, _) = await RawSmtpClient.ConnectAsync(smtp.EndPoints[0]);
        await using var _ = client;
        await client.CommandAsync("EHLO client.test");

        Assert.StartsWith("220", await client.CommandAsync("STARTTLS"), StringComparison.Ordinal);
        await client.StartTlsAsync("mx1.example.test", smtp.Certificate!);
        var ehlo = await client.CommandAsync("EHLO client.test");
        var auth = await client.CommandAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0user\0secret")));
        var final = await SendAsync(client, "a@client.test", "b@example.test", "X-MailCheck-Check: abc123\r\nSubject: hi\r\n\r\n..dot-stuffed");

        Assert.Contains("AUTH PLAIN LOGIN", ehlo, StringComparison.Ordinal);
        Assert.DoesNotContain("STARTTLS", ehlo, StringComparison.Ordinal);
        Assert.StartsWith("235", auth, StringComparison.Ordinal);
        Assert.StartsWith("250 2.0.0 Ok: queued as Q000001", final, StringComparison.Ordinal);
        Assert.Equal("CN=mx1.example.test", client.Tls!.RemoteCertificate!.Subject);
        var message = await smtp.WaitForMessageAsync(Wait);
        Assert.True(message.Secure);
        Assert.Equal("user", message.AuthenticatedUser);
        Assert.Equal("a@client.test", message.From);
        Assert.Equal(["b@example.test"], message.To);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.4"), smtp.Port), message.LocalEndPoint);
        Assert.Equal("abc123", message.Header("X-MailCheck-Check"));
        Assert.EndsWith("\r\n\r\n.dot-stuffed", Encoding.UTF8.GetString(message.Raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_WrongPassword_IsRefused()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions
        {
            StartTls = false,
            AllowUnsecureAuthentication = true,
            Credentials = ("user", "secret"),
        });
        var (client, _) = await RawSmtpClient.ConnectAsync(smtp.EndPoints[0]);
        await using var _ = client;
        Assert.Contains("AUTH PLAIN LOGIN", await client.CommandAsync("EHLO client.test"), StringComparison.Ordinal);

        var auth = await client.CommandAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0user\0wrong")));

        Assert.StartsWith("535", auth, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown@example.test", "550 5.1.1")]
    [InlineData("greylist@example.test", "450 4.2.0")]
    [InlineData("tempfail@example.test", "451 4.7.1")]
    [InlineData("Full@example.test", "452 4.2.2")]
    [InlineData("relay@example.test", "550 5.7.1")]
    public async Task Rcpt_RuleRecipient_GetsItsReplyAndNothingIsStored(string recipient, string expected)
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { StartTls = false });
        var (client, _) = await RawSmtpClient.ConnectAsync(smtp.EndPoints[0]);
        await using var _ = client;
        await client.CommandAsync("EHLO client.test");

        var reply = await SendAsync(client, "a@client.test", recipient, "Subject: x\r\n\r\nbody");

        Assert.StartsWith(expected, reply, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task WaitForMessageAsync_NoMessage_ThrowsTimeoutWithinTheBound()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { StartTls = false });

        await Assert.ThrowsAsync<TimeoutException>(() => smtp.WaitForMessageAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task WaitForMessageAsync_Predicate_WaitsForTheMatchingMessage()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { StartTls = false });
        var waiting = smtp.WaitForMessageAsync(Wait, m => m.To.Contains("second@example.test"));
        var (client, _) = await RawSmtpClient.ConnectAsync(smtp.EndPoints[0]);
        await using var _ = client;
        await client.CommandAsync("EHLO client.test");

        await SendAsync(client, "a@client.test", "first@example.test", "Subject: 1\r\n\r\none");
        Assert.False(waiting.IsCompleted);
        await SendAsync(client, "a@client.test", "second@example.test", "Subject: 2\r\n\r\ntwo");

        var message = await waiting;
        Assert.Equal("2", message.ToMimeMessage().Subject);
        Assert.Equal(2, smtp.Messages.Count);
    }

    [Fact]
    public async Task StartAsync_ImplicitTls_SpeaksTlsFromTheFirstByte()
    {
        await using var smtp = await TestSmtpServer.StartAsync(new TestSmtpServerOptions { ImplicitTls = true, StartTls = false });
        using var bounded = new CancellationTokenSource(Wait);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(smtp.EndPoints[0], bounded.Token);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, certificate, _, _) => RawSmtpClient.IsPinned(certificate, smtp.Certificate!));

        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = "mx.test" }, bounded.Token);
        using var reader = new StreamReader(tls);
        var banner = await reader.ReadLineAsync(bounded.Token);

        Assert.StartsWith("220 ", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSelfSigned_Names_BecomeSubjectAndSans()
    {
        using var certificate = TestCertificates.CreateSelfSigned("mx1.example.test", "127.0.0.2");

        Assert.Equal("CN=mx1.example.test", certificate.Subject);
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.MatchesHostname("mx1.example.test"));
        Assert.False(certificate.MatchesHostname("mx2.example.test"));
    }
}
