using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>
/// Matches TLSA records against the certificate chain a server presented (RFC 7672 §3, RFC 7671 §5, RFC 6698 §2.1):
/// <list type="bullet">
/// <item>DANE-EE(3): the server's own certificate (depth 0) matches; its names and dates do not matter (RFC 7672 §3.1.1,
/// §3.2.1; RFC 7671 §5.1).</item>
/// <item>DANE-TA(2): a trust anchor matches, and the server certificate chains up to it with valid signatures and dates,
/// and names the MX host (RFC 7672 §3.1.2, §3.2.2, §3.2.3). The anchor is a certificate the server presented above its
/// own (depth 1 or more; servers must send it, RFC 7672 §3.1.2), or one it omitted when the record carries it whole:
/// Cert(0) Full(0), or the bare key of SPKI(1) Full(0) (RFC 7671 §5.2.2, §5.2.3).</item>
/// <item>PKIX-TA(0), PKIX-EE(1) and malformed records are unusable (RFC 7672 §3.1.3); digest agility applies (RFC 7671 §9).</item>
/// </list>
/// Only the presented certificates form the chain: one that needs a certificate the server did not send (a DNS-supplied
/// anchor aside) does not pass.
/// </summary>
public static class DaneAuthenticator
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const int MaxDepth = 10;

    /// <param name="records">Every TLSA record of the host (unusable ones are left out here).</param>
    /// <param name="presented">The certificates the server presented, leaf first (DER).</param>
    /// <param name="referenceNames">The names a DANE-TA(2) chain's certificate must carry: the MX host, and its securely CNAME-expanded name.</param>
    /// <param name="now">The time dates are checked at.</param>
    public static DaneAuthentication Authenticate(IReadOnlyList<TlsaData> records, IReadOnlyList<byte[]> presented, IReadOnlyList<string> referenceNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(referenceNames);
        var (used, ignored) = TlsaRecords.ApplyDigestAgility(records.Where(TlsaRecords.IsUsable));
        if (used.Count == 0)
        {
            return new DaneAuthentication { Authenticated = false, Summary = "there is no usable TLSA record (RFC 7672 §3.1)", Ignored = ignored };
        }

        var chain = new List<X509Certificate2>();
        try
        {
            foreach (var der in presented)
            {
                chain.Add(X509CertificateLoader.LoadCertificate(der));
            }
        }
        catch (CryptographicException ex)
        {
            Dispose(chain);
            return new DaneAuthentication { Authenticated = false, Summary = $"a presented certificate could not be read ({ex.Message})", Ignored = ignored };
        }

        try
        {
            if (chain.Count == 0)
            {
                return new DaneAuthentication { Authenticated = false, Summary = "the server presented no certificate", Ignored = ignored };
            }

            foreach (var record in used.Where(r => r.Usage == 3))
            {
                if (TlsaRecords.Matches(record, chain[0]))
                {
                    return new DaneAuthentication
                    {
                        Authenticated = true,
                        Matched = record,
                        Ignored = ignored,
                        Summary = $"TLSA {TlsaRecords.Describe(record)} matches the server's own certificate ({chain[0].Subject}): DANE-EE(3) authenticates it whatever its names and dates (RFC 7672 §3.1.1)",
                    };
                }
            }

            var problems = new List<string>();
            foreach (var record in used.Where(r => r.Usage == 2))
            {
                if (TrustAnchor(record, chain, referenceNames, now, problems) is { } summary)
                {
                    return new DaneAuthentication { Authenticated = true, Matched = record, Ignored = ignored, Summary = summary };
                }
            }

            return new DaneAuthentication
            {
                Authenticated = false,
                Ignored = ignored,
                Problems = problems,
                Summary = problems.Count > 0
                    ? "a DANE-TA(2) record matches a trust anchor, but the chain below it does not pass: " + string.Join("; ", problems)
                    : "no TLSA record matches the certificate chain the server presented (RFC 7672 §3)",
                Comparisons = [.. used.Select(r => Compare(r, chain))],
            };
        }
        finally
        {
            Dispose(chain);
        }
    }

    /// <summary>Tries one DANE-TA(2) record; returns the success sentence, or null (adding what failed to <paramref name="problems"/>).</summary>
    private static string? TrustAnchor(TlsaData record, List<X509Certificate2> chain, IReadOnlyList<string> names, DateTimeOffset now, List<string> problems)
    {
        // A presented certificate above the server's own (RFC 7672 §3.1.2).
        for (var depth = 1; depth < chain.Count; depth++)
        {
            if (TlsaRecords.Matches(record, chain[depth]))
            {
                var anchor = chain[depth];
                return Check(record, chain, anchor, $"the presented certificate at depth {depth.ToString(CultureInfo.InvariantCulture)} ({anchor.Subject})", names, now, problems);
            }
        }

        var data = TlsaRecords.Bytes(record)!;
        if (record is { Selector: 0, MatchingType: 0 })
        {
            // The whole anchor certificate is in DNS: the server may omit it (RFC 7671 §5.2.2).
            using var anchor = X509CertificateLoader.LoadCertificate(data);
            return Check(record, chain, anchor, $"the certificate in the TLSA record ({anchor.Subject})", names, now, problems);
        }

        if (record is { Selector: 1, MatchingType: 0 })
        {
            // A bare public key as anchor (RFC 7671 §5.2.3): the presented certificate it signed heads the chain.
            for (var depth = 0; depth < chain.Count; depth++)
            {
                if (CertificateSignature.IsSignedBy(chain[depth], data))
                {
                    return CheckBelowKey(record, chain, chain[depth], depth, names, now, problems);
                }
            }
        }

        return null;
    }

    private static string? Check(TlsaData record, List<X509Certificate2> chain, X509Certificate2 anchor, string what, IReadOnlyList<string> names, DateTimeOffset now, List<string> problems)
    {
        var before = problems.Count;
        if (ReferenceEquals(anchor, chain[0]) || anchor.RawData.AsSpan().SequenceEqual(chain[0].RawData))
        {
            problems.Add($"TLSA {TlsaRecords.Describe(record)} matches the server's own certificate, which DANE-TA(2) does not take as its anchor (use DANE-EE(3) for that)");
            return null;
        }

        ChainProblems(chain, anchor, now, problems);
        NameProblems(chain[0], names, problems);
        return problems.Count == before
            ? $"TLSA {TlsaRecords.Describe(record)} matches the trust anchor {what}, the server certificate chains up to it with valid dates, and names {names[0]} (DANE-TA(2), RFC 7672 §3.1.2, §3.2.2)"
            : null;
    }

    private static string? CheckBelowKey(TlsaData record, List<X509Certificate2> chain, X509Certificate2 signedByKey, int depth, IReadOnlyList<string> names, DateTimeOffset now, List<string> problems)
    {
        var before = problems.Count;
        if (depth == 0)
        {
            DateProblems(chain[0], now, problems);
        }
        else
        {
            // The certificate the key signed is the top of the chain; everything below it must chain to it.
            ChainProblems(chain, signedByKey, now, problems);
            DateProblems(signedByKey, now, problems);
        }

        NameProblems(chain[0], names, problems);
        return problems.Count == before
            ? $"TLSA {TlsaRecords.Describe(record)} holds the public key that signed the presented certificate at depth {depth.ToString(CultureInfo.InvariantCulture)} ({signedByKey.Subject}); the chain below it has valid dates and names {names[0]} (DANE-TA(2) with a bare key, RFC 7671 §5.2.3)"
            : null;
    }

    /// <summary>
    /// Builds the path from the server certificate to <paramref name="anchor"/> with only the presented certificates
    /// (signatures, CA constraints, serverAuth, dates of every certificate including the anchor, as OpenSSL checks them).
    /// </summary>
    private static void ChainProblems(List<X509Certificate2> presented, X509Certificate2 anchor, DateTimeOffset now, List<string> problems)
    {
        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.CustomTrustStore.Add(anchor);
        builder.ChainPolicy.ExtraStore.AddRange(presented.Skip(1).ToArray());
        builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        builder.ChainPolicy.DisableCertificateDownloads = true;
        builder.ChainPolicy.VerificationTime = now.UtcDateTime;
        builder.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        bool built;
        try
        {
            built = builder.Build(presented[0]);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"the chain to the trust anchor could not be built ({ex.Message}) (RFC 7672 §3.1.2)");
            return;
        }

        var elements = builder.ChainElements.Select(e => e.Certificate).ToList();
        var reachesAnchor = elements.Count > 0 && elements[^1].RawData.AsSpan().SequenceEqual(anchor.RawData);
        if (!reachesAnchor || elements.Count > MaxDepth)
        {
            problems.Add($"the server certificate does not chain up to the trust anchor {anchor.Subject} through the certificates it presented (RFC 7672 §3.1.2)");
            return;
        }

        var foreign = elements.Skip(1).SkipLast(1).FirstOrDefault(e => !presented.Any(p => p.RawData.AsSpan().SequenceEqual(e.RawData)));
        if (foreign is not null)
        {
            problems.Add($"the chain to the trust anchor needs {foreign.Subject}, which the server did not present (RFC 7672 §3.1.2)");
            return;
        }

        if (!built)
        {
            // An anchor below a root (an intermediate named by the record) is where the path ends on purpose: .NET reports
            // that as a partial chain or an untrusted root, which DANE-TA(2) does not care about (RFC 7671 §5.2).
            var status = builder.ChainStatus
                .Where(s => s.Status is not (X509ChainStatusFlags.NoError or X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot))
                .ToList();
            if (status.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)))
            {
                foreach (var element in elements)
                {
                    DateProblems(element, now, problems);
                }
            }

            var other = status.Where(s => s.Status != X509ChainStatusFlags.NotTimeValid).Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct(StringComparer.Ordinal).ToList();
            if (other.Count > 0)
            {
                problems.Add($"the chain to the trust anchor does not validate ({string.Join("; ", other)}) (RFC 7672 §3.1.2)");
            }

        }
    }

    private static void DateProblems(X509Certificate2 certificate, DateTimeOffset now, List<string> problems)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (now > notAfter)
        {
            problems.Add($"{certificate.Subject} expired on {notAfter:yyyy-MM-dd} (with DANE-TA(2) dates count, RFC 7672 §3.1.2)");
        }
        else if (now < notBefore)
        {
            problems.Add($"{certificate.Subject} is not valid before {notBefore:yyyy-MM-dd} (with DANE-TA(2) dates count, RFC 7672 §3.1.2)");
        }
    }

    private static void NameProblems(X509Certificate2 leaf, IReadOnlyList<string> names, List<string> problems)
    {
        if (names.Count == 0 || names.Any(n => Names(leaf, n)))
        {
            return;
        }

        problems.Add($"the server certificate ({leaf.Subject}) does not name {string.Join(" or ", names)}; with DANE-TA(2) it must (RFC 7672 §3.2.2, §3.2.3)");
    }

    private static bool Names(X509Certificate2 certificate, string name)
    {
        try
        {
            return certificate.MatchesHostname(name, allowWildcards: true, allowCommonName: true);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static DaneComparison Compare(TlsaData record, List<X509Certificate2> chain)
    {
        // DANE-EE(3) is compared with the server's own certificate; DANE-TA(2) with what it presented above it.
        var depths = record.Usage == 3 ? Enumerable.Range(0, 1) : Enumerable.Range(1, Math.Max(0, chain.Count - 1));
        var presented = depths
            .Select(d => $"depth {d.ToString(CultureInfo.InvariantCulture)} ({chain[d].Subject}): {TlsaRecords.Describe(new TlsaData(record.Usage, record.Selector, record.MatchingType, Convert.ToHexString(Shown(chain[d], record))))}")
            .ToList();
        if (presented.Count == 0)
        {
            presented.Add("the server presented no certificate above its own to match a DANE-TA(2) record with");
        }

        return new DaneComparison(TlsaRecords.Describe(record), presented);
    }

    /// <summary>The value the certificate gives for the record's selector and matching type (a long Full(0) value is shortened when shown).</summary>
    private static byte[] Shown(X509Certificate2 certificate, TlsaData record) => TlsaRecords.Association(certificate, record.Selector, record.MatchingType);

    private static void Dispose(List<X509Certificate2> certificates)
    {
        foreach (var c in certificates)
        {
            c.Dispose();
        }
    }
}
