using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.MtaSts;

namespace MailCheck.Core.Tls;

/// <summary>What is wrong with a server's certificate, as a phrase for verdicts ("its certificate is self-signed").</summary>
public static class CertificateText
{
    /// <summary>
    /// Why the chain of the certificate in <paramref name="tls"/> is not trusted at <paramref name="now"/>, as
    /// "its certificate …"; null when it is trusted. With <paramref name="includeDates"/> false, dates are left to the caller.
    /// </summary>
    public static string? ChainProblem(TlsDetail tls, DateTimeOffset now, bool includeDates = true)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (tls.ChainValid)
        {
            return null;
        }

        if (tls.Subject is null)
        {
            return "it sent no certificate";
        }

        if (includeDates && tls.NotAfter is { } notAfter && notAfter < now)
        {
            return $"its certificate expired on {Day(notAfter)}";
        }

        if (includeDates && tls.NotBefore is { } notBefore && notBefore > now)
        {
            return $"its certificate is not valid before {Day(notBefore)}";
        }

        var untrusted = tls.ChainErrors.Any(e => e.StartsWith("UntrustedRoot", StringComparison.Ordinal) || e.StartsWith("PartialChain", StringComparison.Ordinal));
        if (untrusted && string.Equals(tls.Subject, tls.Issuer, StringComparison.Ordinal))
        {
            return "its certificate is self-signed";
        }

        if (untrusted)
        {
            return $"its certificate does not chain to a trusted root (issued by {tls.Issuer})";
        }

        return tls.ChainErrors.Any(e => e.StartsWith("NotValidForUsage", StringComparison.Ordinal))
            ? "its certificate is not meant for TLS servers (extended key usage)"
            : "its certificate chain does not validate (" + string.Join("; ", tls.ChainErrors) + ")";
    }

    /// <summary>
    /// True when a subjectAltName DNS-ID of the certificate names <paramref name="host"/>, a wildcard standing for one
    /// whole left-most label (RFC 6125 §6.4 as RFC 8461 §3.3 and §4.2 narrow it; the Common Name does not count).
    /// </summary>
    public static bool NamedByDnsId(TlsDetail tls, string host)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(host);
        return tls.SubjectAlternativeNames.Any(san => MtaStsPattern.Matches(san, host));
    }

    /// <summary>The names a certificate is valid for, short: "mx.example.com, *.example.net and 3 more".</summary>
    public static string Names(TlsDetail tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var names = tls.SubjectAlternativeNames;
        if (names.Count == 0)
        {
            return tls.Subject is null ? "nothing" : $"only {tls.Subject} (no subjectAltName)";
        }

        return names.Count <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(4))} and {names.Count - 4} more";
    }

    /// <summary>"2026-03-01".</summary>
    public static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
