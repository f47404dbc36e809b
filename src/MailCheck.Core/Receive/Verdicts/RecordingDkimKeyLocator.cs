using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Dkim;
using MimeKit.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// MimeKit's key source for DKIM and ARC verification, looking keys up through the check's <see cref="CheckDns"/> (so each
/// lookup is budgeted and shown) and remembering every lookup, so that a failed signature can say why: no key record,
/// a revoked key (empty p=), a key not for email (s=), a key type or hash the record does not allow (k=, h=), a failed
/// query. MimeKit's verifier only answers true or false.
/// </summary>
/// <remarks>RFC 6376 §3.6.1 (key record tags), §3.6.2 (DNS binding), §6.1.2 (getting the key).</remarks>
public sealed class RecordingDkimKeyLocator(CheckDns dns) : IDkimPublicKeyLocator
{
    private readonly Dictionary<string, DkimKeyLookup> _lookups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>The algorithm of the signature being verified (<c>a=</c>: rsa-sha256, ed25519-sha256), to check k= and h= against.</summary>
    public string? ExpectedAlgorithm { get; set; }

    /// <summary>How many times a key was asked for (the verifier asks only after the body hash matched).</summary>
    public int Requests { get; private set; }

    /// <summary>The lookup of <c>selector._domainkey.domain</c>, when it was made.</summary>
    public DkimKeyLookup? LookupOf(string domain, string selector)
    {
        lock (_lock)
        {
            return _lookups.GetValueOrDefault($"{selector}._domainkey.{domain}");
        }
    }

    public AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

    public async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methods);
        Requests++;
        if (!methods.Split(':').Any(m => m.Trim().Equals("dns/txt", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DkimKeyUnavailableException($"q={methods}: the only query method is dns/txt (RFC 6376 §3.5)", temporary: false);
        }

        DkimKeyLookup lookup;
        lock (_lock)
        {
            _lookups.TryGetValue($"{selector}._domainkey.{domain}", out var known);
            lookup = known!;
        }

        if (lookup is null)
        {
            lookup = await DkimKeys.LookupAsync(dns, selector, domain, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _lookups[lookup.Name] = lookup;
            }
        }

        return KeyOf(lookup);
    }

    private AsymmetricKeyParameter KeyOf(DkimKeyLookup lookup)
    {
        var name = lookup.Name;
        switch (lookup.Status)
        {
            case DkimLookupStatus.Failed:
                throw new DkimKeyUnavailableException($"the key lookup for {name} failed ({lookup.Answer}): temperror, try again later (RFC 6376 §6.1.2)", temporary: true);
            case DkimLookupStatus.NotFound:
                throw new DkimKeyUnavailableException($"key not found: there is no key record at {name} ({lookup.Answer}; RFC 6376 §6.1.2)", temporary: false);
            case DkimLookupStatus.NotKey:
                throw new DkimKeyUnavailableException($"{name} holds no DKIM key record: {lookup.Record?.NotKeyReason ?? "none of its TXT records is one"}", temporary: false);
        }

        var record = lookup.Record!;
        if (lookup.KeyRecordCount > 1)
        {
            throw new DkimKeyUnavailableException($"{name} holds {lookup.KeyRecordCount} key records; with more than one the result is undefined (RFC 6376 §3.6.2.2)", temporary: false);
        }

        if (!record.HasPublicKey)
        {
            throw new DkimKeyUnavailableException($"the key record at {name} has no p= tag (RFC 6376 §3.6.1: it is required)", temporary: false);
        }

        if (record.Revoked)
        {
            throw new DkimKeyUnavailableException($"the key at {name} is revoked: its p= is empty (RFC 6376 §3.6.1)", temporary: false);
        }

        if (!record.ForEmail)
        {
            throw new DkimKeyUnavailableException($"the key at {name} is not for email: s={string.Join(':', record.ServiceTypes)} (RFC 6376 §3.6.1)", temporary: false);
        }

        var algorithm = ExpectedAlgorithm?.ToLowerInvariant();
        if (algorithm is not null)
        {
            var keyType = algorithm.Split('-')[0];
            if (!string.Equals(keyType, record.KeyType, StringComparison.Ordinal))
            {
                throw new DkimKeyUnavailableException($"the signature uses a={algorithm} but the key at {name} is k={record.KeyType} (RFC 6376 §3.6.1, RFC 8463 §3)", temporary: false);
            }

            var hash = algorithm.Split('-').LastOrDefault() ?? "";
            if (record.HashAlgorithms is { } allowed && !allowed.Contains(hash, StringComparer.Ordinal))
            {
                throw new DkimKeyUnavailableException($"the key at {name} allows only h={string.Join(':', allowed)}, not {hash} (RFC 6376 §3.6.1)", temporary: false);
            }
        }

        if (lookup.Key is { IsUsable: false } info)
        {
            throw new DkimKeyUnavailableException($"the key at {name} cannot be used: {info.Problem}", temporary: false);
        }

        try
        {
            var bytes = Convert.FromBase64String(record.PublicKey);
            if (record.KeyType == "ed25519")
            {
                return bytes.Length == Ed25519PublicKeyParameters.KeySize
                    ? new Ed25519PublicKeyParameters(bytes, 0)
                    : throw new DkimKeyUnavailableException($"the Ed25519 key at {name} is {bytes.Length} bytes, not 32 (RFC 8463 §4.2)", temporary: false);
            }

            try
            {
                return PublicKeyFactory.CreateKey(bytes);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or SecurityUtilityException)
            {
                // A bare PKCS #1 RSAPublicKey (some generators write it): read it as such.
                var rsa = RsaPublicKeyStructure.GetInstance(Asn1Object.FromByteArray(bytes));
                return new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidCastException or IOException)
        {
            throw new DkimKeyUnavailableException($"the key at {name} is not a readable {record.KeyType} public key (RFC 6376 §3.6.1)", ex);
        }
    }
}
