using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Smtp;
using MailCheck.Core.Tls;
using MailCheck.Testing.Smtp;

namespace MailCheck.Core.Tests.Smtp;

/// <summary>
/// What the server presented, not what .NET built: DANE (RFC 7672 §3) must match the certificates sent in the handshake,
/// and a chain .NET completes from certificates it knows locally would make a server that omits its intermediate look right.
/// </summary>
public sealed class TlsPresentedChainTests : IDisposable
{
    private readonly TestSigningAuthority _root = TestSigningAuthority.CreateRoot("Presented Test Root");
    private readonly TestSigningAuthority _intermediate;
    private readonly X509Certificate2 _leaf;

    public TlsPresentedChainTests()
    {
        _intermediate = _root.CreateIntermediate("Presented Test Intermediate");
        _leaf = _intermediate.IssueServer(["mx1.example.com"]);
    }

    [Fact]
    public async Task HandshakeAsync_ServerSendsLeafAndIntermediate_BothPresentedLeafFirst()
    {
        var detail = await HandshakeAsync(serverChain: [_intermediate.PublicCertificate], local: null);

        Assert.True(detail.Succeeded, detail.Error);
        Assert.Equal([Der(_leaf), Der(_intermediate.Certificate)], detail.PresentedChain);
    }

    [Fact]
    public async Task HandshakeAsync_IntermediateKnownLocallyButNotSent_NotReportedAsPresented()
    {
        var detail = await HandshakeAsync(serverChain: null, local: [_intermediate.PublicCertificate, _root.PublicCertificate]);

        Assert.True(detail.Succeeded, detail.Error);
        // .NET completed the chain with the local intermediate (up to the untrusted root, no partial chain) ...
        Assert.DoesNotContain(detail.ChainErrors, e => e.StartsWith("PartialChain", StringComparison.Ordinal));
        Assert.Contains(detail.ChainErrors, e => e.StartsWith("UntrustedRoot", StringComparison.Ordinal));
        // ... but the server presented only its own certificate.
        Assert.Equal([Der(_leaf)], detail.PresentedChain);
    }

    [Fact]
    public async Task HandshakeAsync_ServerSendsOnlyLeafAndNothingLocal_PartialChainAndLeafPresented()
    {
        var detail = await HandshakeAsync(serverChain: null, local: null);

        Assert.True(detail.Succeeded, detail.Error);
        Assert.Contains(detail.ChainErrors, e => e.StartsWith("PartialChain", StringComparison.Ordinal));
        Assert.Equal([Der(_leaf)], detail.PresentedChain);
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _intermediate.Dispose();
        _root.Dispose();
    }

    private static string Der(X509Certificate2 certificate) => Convert.ToBase64String(certificate.RawData);

    private async Task<Core.Checks.TlsDetail> HandshakeAsync(X509Certificate2[]? serverChain, X509Certificate2[]? local)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        await using var serverSsl = new SslStream(accepted.GetStream(), leaveInnerStreamOpen: false);
        var serverOptions = new SslServerAuthenticationOptions { EnabledSslProtocols = SslProtocols.None };
        if (serverChain is null)
        {
            serverOptions.ServerCertificate = _leaf;
        }
        else
        {
            serverOptions.ServerCertificateContext = SslStreamCertificateContext.Create(_leaf, [.. serverChain], offline: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = serverSsl.AuthenticateAsServerAsync(serverOptions, timeout.Token);
        var (ssl, detail) = await TlsNegotiator.HandshakeAsync(client.GetStream(), "mx1.example.com", CertificateTrust.SystemOnly, TimeProvider.System, TimeSpan.FromSeconds(15), timeout.Token, local);
        await server;
        if (ssl is not null)
        {
            await ssl.DisposeAsync();
        }

        return detail;
    }
}
