using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailCheck.Core.Tests.Testing;

/// <summary>A minimal line-based SMTP client for testing the fixtures themselves (not the engine).</summary>
internal sealed class RawSmtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private Stream _stream;
    private StreamReader _reader;

    private RawSmtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8, false, 1024, leaveOpen: true);
    }

    public SslStream? Tls { get; private set; }

    public static async Task<(RawSmtpClient Client, string Banner)> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient(endpoint.AddressFamily);
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(endpoint, bounded.Token);
        var client = new RawSmtpClient(tcp);
        return (client, await client.ReadReplyAsync());
    }

    public async Task<string> CommandAsync(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _stream.WriteAsync(bytes, bounded.Token);
        await _stream.FlushAsync(bounded.Token);
        return await ReadReplyAsync();
    }

    /// <summary>Upgrades to TLS, trusting exactly <paramref name="pinned"/> (the test server's self-signed certificate).</summary>
    public async Task StartTlsAsync(string host, X509Certificate2 pinned)
    {
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, certificate, _, _) => IsPinned(certificate, pinned));
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, bounded.Token);
        Tls = tls;
        _stream = tls;
        _reader = new StreamReader(_stream, Encoding.UTF8, false, 1024, leaveOpen: true);
    }

    public static bool IsPinned(X509Certificate? presented, X509Certificate2 pinned) =>
        presented is not null && presented.GetCertHashString() == pinned.Thumbprint;

    /// <summary>Reads one (possibly multi-line) reply, lines joined with "\n"; bounded by 10 s.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(bounded.Token) ?? throw new EndOfStreamException("Connection closed.");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
