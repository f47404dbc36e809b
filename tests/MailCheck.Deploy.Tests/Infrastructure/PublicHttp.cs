using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>
/// HTTP clients that only ever connect to loopback: whatever host a URL names (https://public.example/...), the
/// connection goes to 127.0.0.1:port, so the Host header and SNI are the public ones.
/// </summary>
internal static class PublicHttp
{
    /// <summary>A client for https://public.example/... through the private nginx (its certificate only).</summary>
    public static HttpClient ThroughProxy(PrivateNginx nginx) =>
        Create(new IPEndPoint(IPAddress.Loopback, nginx.Port), null, nginx.Certificate);

    /// <summary>A client for http://... straight to the app, connecting from <paramref name="source"/> (e.g. 127.0.0.3).</summary>
    public static HttpClient Direct(int appPort, IPAddress? source = null) =>
        Create(new IPEndPoint(IPAddress.Loopback, appPort), source, null);

    public static SocketsHttpHandler Handler(IPEndPoint target, IPAddress? source, X509Certificate2? certificate) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (source is not null)
                {
                    socket.Bind(new IPEndPoint(source, 0));
                }

                await socket.ConnectAsync(target, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                certificate is not null && presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        },
    };

    private static HttpClient Create(IPEndPoint target, IPAddress? source, X509Certificate2? certificate) =>
        new(Handler(target, source, certificate), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
}
