using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailCheck.Testing.Scripted;

/// <summary>
/// The server side of one scripted connection: read lines, send replies, switch to TLS, drop. Every line received
/// is kept in <see cref="Received"/>; the raw DATA bytes in <see cref="Data"/>.
/// </summary>
public sealed class ScriptedConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly List<string> _received = [];
    private readonly Lock _lock = new();
    private byte[] _pending = [];

    internal ScriptedConnection(TcpClient client, CancellationToken cancellationToken)
    {
        _client = client;
        Stream = client.GetStream();
        CancellationToken = cancellationToken;
    }

    public Stream Stream { get; private set; }

    /// <summary>Cancelled when the server is disposed; scripts should pass it to every wait.</summary>
    public CancellationToken CancellationToken { get; }

    public bool Secure { get; private set; }

    /// <summary>The command lines received, without CRLF, in order.</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The raw bytes received after 354, up to and including the final ".\r\n".</summary>
    public byte[]? Data { get; private set; }

    /// <summary>True when the client closed the connection.</summary>
    public bool ClientClosed { get; private set; }

    /// <summary>Sends text as is (no CRLF added).</summary>
    public async Task SendRawAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await Stream.WriteAsync(bytes, CancellationToken);
        await Stream.FlushAsync(CancellationToken);
    }

    /// <summary>Sends a reply: lines separated by "\n" become CRLF-terminated lines.</summary>
    public Task ReplyAsync(string reply) =>
        SendRawAsync(string.Join("", reply.Split('\n').Select(l => l.TrimEnd('\r') + "\r\n")));

    /// <summary>Reads one line (without its CRLF); null when the client closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var line = new List<byte>();
        while (true)
        {
            var b = await ReadByteAsync();
            if (b < 0)
            {
                ClientClosed = true;
                return null;
            }

            if (b == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                var text = Encoding.UTF8.GetString([.. line]);
                lock (_lock)
                {
                    _received.Add(text);
                }

                return text;
            }

            line.Add((byte)b);
        }
    }

    /// <summary>Reads the message after 354 up to and including "\r\n.\r\n"; null when the client closed first.</summary>
    public async Task<byte[]?> ReadDataAsync()
    {
        var data = new List<byte>();
        while (true)
        {
            var b = await ReadByteAsync();
            if (b < 0)
            {
                ClientClosed = true;
                Data = [.. data];
                return null;
            }

            data.Add((byte)b);
            var n = data.Count;
            if ((n == 3 && data[0] == '.' && data[1] == '\r' && data[2] == '\n')
                || (n >= 5 && data[n - 5] == '\r' && data[n - 4] == '\n' && data[n - 3] == '.' && data[n - 2] == '\r' && data[n - 1] == '\n'))
            {
                Data = [.. data];
                return Data;
            }
        }
    }

    /// <summary>Bytes the client sent that no read has consumed yet (e.g. data pipelined after STARTTLS).</summary>
    public int PendingCount => _pending.Length;

    /// <summary>
    /// Runs the server side of a TLS handshake with <paramref name="certificate"/>, sending the intermediates of
    /// <paramref name="chain"/> after it when given (<see cref="SslStreamCertificateContext"/> leaves a self-signed root out).
    /// </summary>
    public async Task StartTlsAsync(X509Certificate2 certificate, X509Certificate2Collection? chain = null)
    {
        var ssl = new SslStream(Stream, leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions { EnabledSslProtocols = SslProtocols.None };
        if (chain is { Count: > 0 })
        {
            options.ServerCertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        }
        else
        {
            options.ServerCertificate = certificate;
        }

        await ssl.AuthenticateAsServerAsync(options, CancellationToken);
        Stream = ssl;
        Secure = true;
    }

    /// <summary>Waits until the client closes the connection (or the server stops), reading and keeping lines.</summary>
    public async Task WaitForCloseAsync()
    {
        try
        {
            while (await ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes the connection abruptly (a reset, no FIN handshake niceties).</summary>
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Close();
    }

    /// <summary>Closes the connection normally.</summary>
    public void Close() => _client.Close();

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<int> ReadByteAsync()
    {
        if (_pending.Length > 0)
        {
            var first = _pending[0];
            _pending = _pending[1..];
            return first;
        }

        var buffer = new byte[4096];
        var read = await Stream.ReadAsync(buffer, CancellationToken);
        if (read == 0)
        {
            return -1;
        }

        _pending = buffer[1..read];
        return buffer[0];
    }
}
