using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Core.Tls;

/// <summary>
/// The certificates of <see cref="TlsOptions.ExtraTrustedCaFile"/>: the self-signed ones are trust anchors, the others
/// help to build chains. .NET on Linux accepts only a self-signed certificate as the end of a custom-trusted chain
/// (an intermediate in <see cref="X509ChainPolicy.CustomTrustStore"/> gives <see cref="X509ChainStatusFlags.PartialChain"/>),
/// so a file without one could never make anything trusted and is refused.
/// </summary>
internal sealed class CaBundle : IDisposable
{
    private CaBundle(string path, X509Certificate2Collection anchors, X509Certificate2Collection intermediates)
    {
        Path = path;
        Anchors = anchors;
        Intermediates = intermediates;
    }

    public string Path { get; }

    /// <summary>The self-signed certificates: trusted as roots.</summary>
    public X509Certificate2Collection Anchors { get; }

    /// <summary>The other certificates: offered to chain building, never trusted by themselves.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Reads a PEM bundle; on failure <paramref name="error"/> says why in one sentence naming the file.</summary>
    public static bool TryLoad(string path, out CaBundle? bundle, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        bundle = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read '{path}' ({ex.Message}).";
            return false;
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            error = Parse(path, text, certificates);
            if (error is null && certificates.Count == 0)
            {
                error = $"'{path}' holds no PEM certificate (a block starting -----BEGIN CERTIFICATE-----).";
            }

            var anchors = certificates.Where(IsSelfIssued).ToList();
            if (error is null && anchors.Count == 0)
            {
                error = $"'{path}' holds {certificates.Count} certificate(s) but no self-signed (root) certificate; MailCheck trusts the roots in this file: add your CA's root certificate.";
            }

            if (error is not null)
            {
                return false;
            }

            bundle = new CaBundle(path, [.. anchors], [.. certificates.Where(c => !IsSelfIssued(c))]);
            certificates.Clear();
            return true;
        }
        finally
        {
            foreach (var c in certificates)
            {
                c.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var c in Anchors.Concat(Intermediates))
        {
            c.Dispose();
        }
    }

    private static string? Parse(string path, string text, List<X509Certificate2> certificates)
    {
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            if (label != "CERTIFICATE")
            {
                return $"'{path}' holds a \"{label}\" block; a CA file holds only CERTIFICATE blocks.";
            }

            try
            {
                var der = Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                return $"certificate #{certificates.Count + 1} in '{path}' cannot be read ({ex.Message}).";
            }

            rest = rest[fields.Location.End..];
        }

        return null;
    }

    /// <summary>Subject equals issuer: a root (or a self-signed server certificate, trusted as itself).</summary>
    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
