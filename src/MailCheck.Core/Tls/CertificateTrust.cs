using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Tls;

/// <summary>
/// Decides whether a server certificate is trusted: first through the system's store, then — only when that fails
/// and <see cref="TlsOptions.ExtraTrustedCaFile"/> names a bundle — through the bundle's roots alone
/// (<see cref="X509ChainTrustMode.CustomRootTrust"/>), so the result says which of the two made it trusted. Used for
/// the certificates of mail servers and of MTA-STS policy hosts. Nothing is fetched (no revocation, no AIA downloads):
/// a check never makes network requests it did not show. Thread-safe.
/// </summary>
public sealed class CertificateTrust : IDisposable
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private readonly CaBundle? _bundle;

    public CertificateTrust(IOptions<TlsOptions> options)
        : this(Load((options ?? throw new ArgumentNullException(nameof(options))).Value.ExtraTrustedCaFile))
    {
    }

    private CertificateTrust(CaBundle? bundle)
    {
        _bundle = bundle;
    }

    /// <summary>The system's store only.</summary>
    public static CertificateTrust SystemOnly { get; } = new((CaBundle?)null);

    /// <summary>The extra CA file in use, or null.</summary>
    public string? ExtraCaFile => _bundle?.Path;

    /// <summary>The subjects of the extra roots (empty without an extra CA file).</summary>
    public IReadOnlyList<string> ExtraAnchors => _bundle is null ? [] : [.. _bundle.Anchors.Select(c => c.Subject)];

    /// <summary>The system's store and the roots of the PEM bundle at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or holds no usable root; the message says why.</exception>
    public static CertificateTrust FromFile(string path) => new(Load(path) ?? throw new ArgumentException("Give a file.", nameof(path)));

    /// <summary>
    /// Builds and checks the chain of <paramref name="certificate"/> for a TLS server at <paramref name="at"/>, with
    /// <paramref name="presented"/> (the certificates the server sent) as helpers for path building.
    /// </summary>
    public CertificateValidation Validate(X509Certificate2 certificate, IEnumerable<X509Certificate2> presented, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(presented);
        var helpers = presented.ToArray();
        var system = Build(certificate, helpers, at, custom: false);
        if (system.Valid || _bundle is null)
        {
            return system;
        }

        var extra = Build(certificate, helpers, at, custom: true);
        if (extra.Valid)
        {
            return extra with { TrustedByExtraCa = true };
        }

        // The chain reached one of the extra roots but something else is wrong (dates, usage): that is the story to
        // tell, not the system store's "untrusted root".
        var reachedExtraRoot = !extra.Errors.Any(e => e.StartsWith(nameof(X509ChainStatusFlags.UntrustedRoot), StringComparison.Ordinal)
            || e.StartsWith(nameof(X509ChainStatusFlags.PartialChain), StringComparison.Ordinal));
        return reachedExtraRoot ? extra : system;
    }

    public void Dispose() => _bundle?.Dispose();

    private static CaBundle? Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        return CaBundle.TryLoad(path, out var bundle, out var error)
            ? bundle
            : throw new InvalidOperationException($"{TlsOptions.SectionName}:ExtraTrustedCaFile: {error}");
    }

    private CertificateValidation Build(X509Certificate2 certificate, X509Certificate2[] helpers, DateTimeOffset at, bool custom)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        policy.ExtraStore.AddRange(helpers);
        if (custom)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_bundle!.Anchors);
            policy.ExtraStore.AddRange(_bundle.Intermediates);
        }

        try
        {
            var built = chain.Build(certificate);
            var errors = chain.ChainStatus
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var valid = built && errors.Count == 0;
            var anchor = valid && chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate.Subject : null;
            return new CertificateValidation(valid, errors, TrustedByExtraCa: false, anchor);
        }
        catch (CryptographicException ex)
        {
            return new CertificateValidation(false, [ex.Message], TrustedByExtraCa: false, null);
        }
    }
}
