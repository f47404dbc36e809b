using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>
/// TLSA records as SMTP reads them (RFC 6698 §2.1, RFC 7671, RFC 7672 §3.1): which are usable, the digest agility rule,
/// and their names in the mnemonics of RFC 7218 (DANE-EE(3), SPKI(1), SHA2-256(1)).
/// </summary>
public static class TlsaRecords
{
    /// <summary>Why a record is unusable for SMTP, or null when it is usable.</summary>
    public static string? WhyUnusable(TlsaData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Usage is 0 or 1)
        {
            return $"usage {UsageName(record.Usage)} is unusable for SMTP (RFC 7672 §3.1.3): a sending server has no list of public CAs to check it against";
        }

        if (record.Usage is not (2 or 3))
        {
            return $"certificate usage {record.Usage.ToString(CultureInfo.InvariantCulture)} is not defined (RFC 6698 §7.2): unusable";
        }

        if (record.Selector is not (0 or 1))
        {
            return $"selector {record.Selector.ToString(CultureInfo.InvariantCulture)} is not defined (RFC 6698 §7.3): unusable";
        }

        if (record.MatchingType is not (0 or 1 or 2))
        {
            return $"matching type {record.MatchingType.ToString(CultureInfo.InvariantCulture)} is not defined (RFC 6698 §7.4): unusable";
        }

        var data = Bytes(record);
        if (data is null || data.Length == 0)
        {
            return "its certificate association data is empty or not hex: unusable";
        }

        switch (record.MatchingType)
        {
            case 1 when data.Length != 32:
                return $"a SHA2-256 digest is 32 bytes, this one {data.Length.ToString(CultureInfo.InvariantCulture)}: it can match nothing";
            case 2 when data.Length != 64:
                return $"a SHA2-512 digest is 64 bytes, this one {data.Length.ToString(CultureInfo.InvariantCulture)}: it can match nothing";
            case 0 when record.Selector == 1 && !IsPublicKey(data):
                return "its data is not a SubjectPublicKeyInfo (selector SPKI(1), matching type Full(0)): it can match nothing";
            case 0 when record.Selector == 0 && !IsCertificate(data):
                return "its data is not a DER certificate (selector Cert(0), matching type Full(0)): it can match nothing";
        }

        return null;
    }

    /// <summary>True when the record is usable for SMTP (usage 2 or 3, known selector and matching type, well-formed data).</summary>
    public static bool IsUsable(TlsaData record) => WhyUnusable(record) is null;

    /// <summary>
    /// The usable records a client uses, and those it ignores for digest algorithm agility (RFC 7671 §9): among records of
    /// the same usage and selector, when SHA2-512(2) digests are published, SHA2-256(1) digests are ignored, so that a
    /// weaker digest cannot stand in for a stronger one; Full(0) records always count. OpenSSL's DANE (Postfix, Exim) does
    /// the same with its default digest order.
    /// </summary>
    public static (IReadOnlyList<TlsaData> Used, IReadOnlyList<TlsaData> Ignored) ApplyDigestAgility(IEnumerable<TlsaData> usable)
    {
        ArgumentNullException.ThrowIfNull(usable);
        var records = usable.ToList();
        var used = new List<TlsaData>();
        var ignored = new List<TlsaData>();
        foreach (var record in records)
        {
            var stronger = record.MatchingType == 1
                && records.Any(r => r.Usage == record.Usage && r.Selector == record.Selector && r.MatchingType == 2);
            (stronger ? ignored : used).Add(record);
        }

        return (used, ignored);
    }

    /// <summary>The certificate association data of <paramref name="certificate"/> for a selector and matching type.</summary>
    public static byte[] Association(X509Certificate2 certificate, int selector, int matchingType)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var data = selector == 1 ? certificate.PublicKey.ExportSubjectPublicKeyInfo() : certificate.RawData;
        return matchingType switch
        {
            1 => SHA256.HashData(data),
            2 => SHA512.HashData(data),
            _ => data,
        };
    }

    /// <summary>True when <paramref name="certificate"/> has the association data of <paramref name="record"/>.</summary>
    public static bool Matches(TlsaData record, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Bytes(record) is { } expected && CryptographicOperations.FixedTimeEquals(expected, Association(certificate, record.Selector, record.MatchingType));
    }

    /// <summary>The record's data as bytes; null when it is not hex.</summary>
    public static byte[]? Bytes(TlsaData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            return Convert.FromHexString(record.Data);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>"3 1 1 0A1B…" as a zone file writes it (upper-case hex, shortened past <paramref name="maxHex"/> characters).</summary>
    public static string Describe(TlsaData record, int maxHex = 64)
    {
        ArgumentNullException.ThrowIfNull(record);
        var data = record.Data.ToUpperInvariant();
        if (data.Length > maxHex)
        {
            data = data[..maxHex] + "…";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{record.Usage} {record.Selector} {record.MatchingType} {data}");
    }

    /// <summary>"DANE-EE(3)", "DANE-TA(2)", "PKIX-EE(1)", "PKIX-TA(0)" (RFC 7218).</summary>
    public static string UsageName(int usage) => usage switch
    {
        0 => "PKIX-TA(0)",
        1 => "PKIX-EE(1)",
        2 => "DANE-TA(2)",
        3 => "DANE-EE(3)",
        _ => $"({usage.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>"Cert(0)", "SPKI(1)".</summary>
    public static string SelectorName(int selector) => selector switch
    {
        0 => "Cert(0)",
        1 => "SPKI(1)",
        _ => $"({selector.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>"Full(0)", "SHA2-256(1)", "SHA2-512(2)".</summary>
    public static string MatchingName(int matchingType) => matchingType switch
    {
        0 => "Full(0)",
        1 => "SHA2-256(1)",
        2 => "SHA2-512(2)",
        _ => $"({matchingType.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>"DANE-EE(3) SPKI(1) SHA2-256(1)".</summary>
    public static string Mnemonic(TlsaData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{UsageName(record.Usage)} {SelectorName(record.Selector)} {MatchingName(record.MatchingType)}";
    }

    private static bool IsPublicKey(byte[] data)
    {
        try
        {
            PublicKey.CreateFromSubjectPublicKeyInfo(data, out var read);
            return read == data.Length;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsCertificate(byte[] data)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(data);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
