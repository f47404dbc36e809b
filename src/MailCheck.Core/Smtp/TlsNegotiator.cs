using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Checks;
using MailCheck.Core.Tls;

namespace MailCheck.Core.Smtp;

/// <summary>
/// Runs the TLS handshake and records what it established. Certificates are judged afterwards (chain via
/// <see cref="CertificateTrust"/>: the system's store, then the extra CA file; host name against the MX host), so a
/// bad certificate is reported rather than hidden behind a failed handshake; the caller decides whether it fails the
/// check. Nothing is fetched from the network (no revocation checks, no AIA downloads).
/// </summary>
internal static class TlsNegotiator
{
    /// <param name="localCertificates">
    /// Certificates MailCheck knows itself (given to chain building as extra intermediates); never reported as presented.
    /// </param>
    public static async Task<(SslStream? Stream, TlsDetail Detail)> HandshakeAsync(
        Stream inner, string host, CertificateTrust trust, TimeProvider timeProvider, TimeSpan timeout, CancellationToken cancellationToken,
        IEnumerable<X509Certificate2>? localCertificates = null)
    {
        X509Certificate2? serverCert = null;
        IReadOnlyList<string> presented = [];
        var intermediates = new List<X509Certificate2>();
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (localCertificates is not null)
        {
            policy.ExtraStore.AddRange(localCertificates.ToArray());
        }

        // SslStream builds its chain with this policy's extra store followed by the certificates the peer sent.
        var localCount = policy.ExtraStore.Count;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = policy,
#pragma warning disable CA5359 // The certificate is validated after the handshake (ValidateChain, MatchesHost) so it can be reported.
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is not null)
                {
                    serverCert = new X509Certificate2(certificate);
                    presented = PresentedChain(certificate, chain, localCount);
                }

                if (chain is not null)
                {
                    foreach (var element in chain.ChainElements.Skip(1))
                    {
                        intermediates.Add(new X509Certificate2(element.Certificate));
                    }
                }

                // Judged below, so that a bad certificate is reported with its details.
                return true;
            },
#pragma warning restore CA5359
        };

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"The TLS handshake did not finish within {SmtpConnection.Seconds(timeout)}.", ex);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            var reason = ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
            return (null, new TlsDetail { Succeeded = false, Error = reason, PresentedChain = presented });
        }

        try
        {
            return (ssl, Describe(ssl, serverCert, intermediates, host, trust, timeProvider) with { PresentedChain = presented });
        }
        finally
        {
            serverCert?.Dispose();
            foreach (var c in intermediates)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>
    /// The certificates the server sent, leaf first, as base64 DER. Inside the validation callback the <see cref="X509Chain"/>
    /// is the chain .NET built, which may hold certificates from local stores; the ones the peer sent are those SslStream
    /// added to <c>ChainPolicy.ExtraStore</c> after the <paramref name="localCount"/> that MailCheck put there itself.
    /// OpenSSL's peer chain starts with the leaf on the client side; it is not repeated.
    /// </summary>
    internal static IReadOnlyList<string> PresentedChain(X509Certificate leaf, X509Chain? chain, int localCount)
    {
        var leafDer = leaf.GetRawCertData();
        var result = new List<string> { Convert.ToBase64String(leafDer) };
        if (chain is null)
        {
            return result;
        }

        var sent = chain.ChainPolicy.ExtraStore.Skip(localCount).Select(c => c.RawData).ToList();
        if (sent.Count > 0 && sent[0].AsSpan().SequenceEqual(leafDer))
        {
            sent.RemoveAt(0);
        }

        result.AddRange(sent.Select(Convert.ToBase64String));
        return result;
    }

    /// <summary>"TLS 1.3, TLS_AES_256_GCM_SHA384; certificate CN=... (issuer ...), valid ...; chain ...; name ...".</summary>
    public static string Summarise(TlsDetail detail, string host)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!detail.Succeeded)
        {
            return $"TLS handshake failed: {detail.Error}";
        }

        var chain = detail.ChainValid
            ? detail.TrustedByExtraCa ? "chain valid through the extra CA file only (MailCheck:Tls:ExtraTrustedCaFile)" : "chain valid"
            : "chain NOT valid (" + string.Join("; ", detail.ChainErrors) + ")";
        var name = detail.HostNameMatches ? $"certificate matches {host}" : $"certificate does NOT match {host}";
        return $"TLS established: {detail.Protocol}, {detail.CipherSuite}; certificate {detail.Subject}, issued by {detail.Issuer}, " +
            $"valid {detail.NotBefore:yyyy-MM-dd} to {detail.NotAfter:yyyy-MM-dd}; {chain}; {name}";
    }

    private static TlsDetail Describe(SslStream ssl, X509Certificate2? cert, List<X509Certificate2> intermediates, string host, CertificateTrust trust, TimeProvider timeProvider)
    {
        var detail = new TlsDetail
        {
            Succeeded = true,
            Protocol = ProtocolName(ssl.SslProtocol),
            CipherSuite = ssl.NegotiatedCipherSuite.ToString(),
        };
        if (cert is null)
        {
            return detail with { ChainErrors = ["The server sent no certificate."] };
        }

        var validation = trust.Validate(cert, intermediates, timeProvider.GetUtcNow());
        return detail with
        {
            Subject = cert.Subject,
            Issuer = cert.Issuer,
            Fingerprint = cert.GetCertHashString(HashAlgorithmName.SHA256),
            PublicKey = KeyDescription(cert),
            PublicKeySha256 = Convert.ToHexString(SHA256.HashData(cert.PublicKey.ExportSubjectPublicKeyInfo())),
            SubjectAlternativeNames = SubjectAlternativeNames(cert),
            NotBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            ChainValid = validation.Valid,
            ChainErrors = validation.Errors,
            TrustedByExtraCa = validation.TrustedByExtraCa,
            HostNameMatches = MatchesHost(cert, host),
        };
    }

    /// <summary>"RSA 2048", "ECDSA P-256", or the algorithm's OID name when it is neither.</summary>
    private static string KeyDescription(X509Certificate2 cert)
    {
        using (var rsa = cert.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                return $"RSA {rsa.KeySize}";
            }
        }

        using (var ecdsa = cert.GetECDsaPublicKey())
        {
            if (ecdsa is not null)
            {
                var curve = ecdsa.ExportParameters(false).Curve;
                var name = curve.Oid?.FriendlyName switch
                {
                    "nistP256" or "ECDSA_P256" => "P-256",
                    "nistP384" or "ECDSA_P384" => "P-384",
                    "nistP521" or "ECDSA_P521" => "P-521",
                    { } other => other,
                    null => $"{ecdsa.KeySize} bits",
                };
                return $"ECDSA {name}";
            }
        }

        return cert.PublicKey.Oid.FriendlyName ?? cert.PublicKey.Oid.Value ?? "unknown";
    }

    private static bool MatchesHost(X509Certificate2 cert, string host)
    {
        try
        {
            return cert.MatchesHostname(host.Trim('[', ']'));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static List<string> SubjectAlternativeNames(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var ext in cert.Extensions)
        {
            if (ext.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            try
            {
                var san = ext as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(ext.RawData, ext.Critical);
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
            catch (CryptographicException)
            {
                names.Add("(unreadable subjectAltName)");
            }
        }

        return names;
    }

    internal static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
#pragma warning disable SYSLIB0039, CA5397 // Old protocols are named, never enabled.
        SslProtocols.Tls11 => "TLS 1.1",
        SslProtocols.Tls => "TLS 1.0",
#pragma warning restore SYSLIB0039, CA5397
        _ => protocol.ToString(),
    };
}
