using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MailCheck.Testing.Https;

/// <summary>
/// A minimal HTTPS/1.1 server on loopback for tests: TLS with a given certificate (and chain), one request per
/// connection, answered by a handler, then the connection is closed. Records every request with its SNI.
/// </summary>
public sealed class TestHttpsServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly SslStreamCertificateContext _certificate;
    private readonly Func<TestHttpRequest, TestHttpResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TestHttpsServer(TcpListener listener, SslStreamCertificateContext certificate, Func<TestHttpRequest, TestHttpResponse> handler)
    {
        _listener = listener;
        _certificate = certificate;
        _handler = handler;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public ConcurrentQueue<TestHttpRequest> Requests { get; } = new();

    /// <summary>Starts on 127.0.0.1 and a free port.</summary>
    /// <param name="certificate">The server certificate, with its private key.</param>
    /// <param name="handler">Answers each request.</param>
    /// <param name="chain">Intermediate certificates to send after the server certificate.</param>
    public static TestHttpsServer Start(X509Certificate2 certificate, Func<TestHttpRequest, TestHttpResponse> handler, X509Certificate2Collection? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(handler);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var context = SslStreamCertificateContext.Create(certificate, chain ?? [], offline: true);
        return new TestHttpsServer(listener, context, handler);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _certificate }, _stop.Token);
                var head = await ReadHeadAsync(ssl);
                if (head is null)
                {
                    return;
                }

                var request = Parse(head, ssl.TargetHostName);
                Requests.Enqueue(request);
                var response = _handler(request);
                if (response.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(response.Delay, _stop.Token);
                }

                await ssl.WriteAsync(Head(response), _stop.Token);
                await ssl.WriteAsync(response.Body, _stop.Token);
                await ssl.FlushAsync(_stop.Token);
                await ssl.ShutdownAsync();
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client gave up (e.g. it refused the certificate) or the server is stopping.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total));
            if (read == 0)
            {
                return null;
            }

            total += read;
            var text = Encoding.ASCII.GetString(buffer, 0, total);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }

    private static TestHttpRequest Parse(string head, string? serverName)
    {
        var lines = head.Split("\r\n");
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return new TestHttpRequest(first[0], first.Length > 1 ? first[1] : "", headers.GetValueOrDefault("host"), string.IsNullOrEmpty(serverName) ? null : serverName, headers);
    }

    private static byte[] Head(TestHttpResponse response)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
        if (response.ContentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n");
        }

        if (!response.OmitContentLength)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n");
        }

        foreach (var (name, value) in response.Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        text.Append("Connection: close\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
