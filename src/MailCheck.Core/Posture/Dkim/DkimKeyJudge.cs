using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>Findings about one selector's key record (RFC 6376 §3.6.1, RFC 8301, RFC 8463), each starting with the selector.</summary>
internal static class DkimKeyJudge
{
    public static IEnumerable<ScoreFinding> Judge(DkimSelectorResult result)
    {
        var lookup = result.Lookup;
        var p = $"Selector {result.Label}";
        if (lookup.CnameTarget is { } target && lookup.Status is DkimLookupStatus.Found or DkimLookupStatus.NotKey)
        {
            yield return new ScoreFinding(ScoreStatus.Info, $"{p}: {lookup.Name} is a CNAME to {target}, which verifiers follow like any resolver (RFC 1034 §3.6.2).");
        }

        switch (lookup.Status)
        {
            case DkimLookupStatus.NotKey:
                var text = DkimText.Quote(lookup.Records[0]);
                yield return new ScoreFinding(result.UserGiven ? ScoreStatus.Fail : ScoreStatus.Warn,
                    $"{p}: {lookup.Name} holds \"{text}\", which is not a DKIM key: {lookup.Record!.NotKeyReason}.",
                    $"Publish the key record (v=DKIM1; k=rsa; p=…) at {lookup.Name}.");
                yield break;
            case DkimLookupStatus.NotFound when lookup.CnameTarget is { } dangling:
                yield return new ScoreFinding(ScoreStatus.Warn,
                    $"{p}: {lookup.Name} is a CNAME to {dangling}, which holds no key record, so signatures with this selector fail (RFC 6376 §6.1.2).",
                    $"Turn on DKIM signing at the provider behind {dangling}, or remove the CNAME.");
                yield break;
            case DkimLookupStatus.NotFound when result.UserGiven:
                yield return new ScoreFinding(ScoreStatus.Warn,
                    $"{p}: no key record at {lookup.Name} ({lookup.Answer}), so mail signed with s={result.Selector} fails DKIM (RFC 6376 §6.1.2).",
                    $"Publish the public key at {lookup.Name}, or check the selector (s=) in your DKIM-Signature header.");
                yield break;
            case DkimLookupStatus.Failed when result.UserGiven:
                yield return new ScoreFinding(ScoreStatus.NotTested, $"{p}: could not test, the query for {lookup.Name} failed ({lookup.Answer}).");
                yield break;
            case DkimLookupStatus.Found:
                foreach (var finding in Key(result, p))
                {
                    yield return finding;
                }

                yield break;
            default:
                yield break;
        }
    }

    private static IEnumerable<ScoreFinding> Key(DkimSelectorResult result, string p)
    {
        var lookup = result.Lookup;
        var record = lookup.Record!;
        if (lookup.KeyRecordCount > 1)
        {
            yield return new ScoreFinding(ScoreStatus.Warn, $"{p}: {lookup.Name} has {lookup.KeyRecordCount} key records, which leaves the result undefined (RFC 6376 §3.6.2.2).",
                $"Keep one key record at {lookup.Name}.");
        }

        foreach (var duplicate in record.Tags.Duplicates)
        {
            yield return new ScoreFinding(ScoreStatus.Fail, $"{p}: {duplicate}= appears more than once, which makes the whole record invalid (RFC 6376 §3.2).", $"Keep one {duplicate}= in the record.");
        }

        foreach (var error in record.Tags.Errors)
        {
            yield return new ScoreFinding(ScoreStatus.Warn, $"{p}: {error} (RFC 6376 §3.2).", "Write every tag as tag=value, separated by \";\".");
        }

        if (record.VersionNotFirst)
        {
            yield return new ScoreFinding(ScoreStatus.Warn, $"{p}: v=DKIM1 must be the first tag (RFC 6376 §3.6.1); strict verifiers discard the record.", "Put v=DKIM1 first.");
        }

        if (!record.HasPublicKey)
        {
            yield return new ScoreFinding(ScoreStatus.Fail, $"{p}: the record has no p= tag, which is required (RFC 6376 §3.6.1), so no signature can be verified.", "Publish the public key in p=.");
            yield break;
        }

        if (record.Revoked)
        {
            yield return result.UserGiven
                ? new ScoreFinding(ScoreStatus.Warn, $"{p}: the key is revoked (empty p=, RFC 6376 §3.6.1), so mail signed with this selector fails DKIM.", "Sign with a selector that has a key, or publish this one's key again.")
                : new ScoreFinding(ScoreStatus.Info, $"{p}: the key is revoked (empty p=, RFC 6376 §3.6.1): signatures with this selector fail, as intended after a key rotation.");
            yield break;
        }

        if (!record.ForEmail)
        {
            yield return new ScoreFinding(ScoreStatus.Fail, $"{p}: s={string.Join(':', record.ServiceTypes)} does not include email or *, so verifiers MUST ignore the key for mail (RFC 6376 §3.6.1).", "Remove s= or set s=email.");
        }

        foreach (var finding in Hashes(record, p))
        {
            yield return finding;
        }

        if (lookup.Key is { } key)
        {
            yield return Strength(key, p);
            if (key.Encoding == "RSAPublicKey")
            {
                yield return new ScoreFinding(ScoreStatus.Warn,
                    $"{p}: p= is a bare RSAPublicKey (PKCS #1), the literal reading of RFC 6376 §3.6.1; most verifiers expect a SubjectPublicKeyInfo, as RFC 6376 Appendix C generates it, and may fail to read this one.",
                    "Publish the key as SubjectPublicKeyInfo (what openssl rsa -pubout writes).");
            }
        }

        if (record.Testing)
        {
            yield return new ScoreFinding(ScoreStatus.Warn, $"{p}: t=y (testing): verifiers MUST NOT treat mail signed with this key differently from unsigned mail (RFC 6376 §3.6.1).", "Remove t=y once signatures verify.");
        }

        if (record.StrictIdentity)
        {
            yield return new ScoreFinding(ScoreStatus.Info, $"{p}: t=s: the i= domain of its signatures must be exactly the d= domain (RFC 6376 §3.6.1).");
        }
    }

    private static IEnumerable<ScoreFinding> Hashes(DkimKeyRecord record, string p)
    {
        if (record.HashAlgorithms is not { } hashes)
        {
            yield break;
        }

        var h = string.Join(':', hashes);
        if (!hashes.Contains("sha256"))
        {
            yield return hashes.Contains("sha1")
                ? new ScoreFinding(ScoreStatus.Fail, $"{p}: h={h} allows only SHA-1, which signers and verifiers MUST NOT use (RFC 8301 §3.1), so no signature with this key verifies.", "Remove h= or set h=sha256, and sign with rsa-sha256.")
                : new ScoreFinding(ScoreStatus.Fail, $"{p}: h={h} names no hash algorithm verifiers know (sha256), so the key cannot be used (RFC 6376 §3.6.1).", "Remove h= or set h=sha256.");
        }
        else if (hashes.Contains("sha1"))
        {
            yield return new ScoreFinding(ScoreStatus.Info, $"{p}: h={h}: SHA-1 is no longer accepted (RFC 8301 §3.1); h=sha256 is enough.");
        }
    }

    private static ScoreFinding Strength(DkimKeyInfo key, string p)
    {
        if (key.Problem is { } problem)
        {
            return new ScoreFinding(ScoreStatus.Fail, $"{p}: {problem}.",
                "Publish the key again: base64 of the RSA key as SubjectPublicKeyInfo, or the raw 32-byte Ed25519 key with k=ed25519.");
        }

        if (key.Algorithm == "ed25519")
        {
            return new ScoreFinding(ScoreStatus.Pass, $"{p}: Ed25519 key (RFC 8463); verifiers that predate RFC 8463 cannot check it, so sign with an RSA key as well.");
        }

        var bits = key.Bits!.Value;
        return bits switch
        {
            < 1024 => new ScoreFinding(ScoreStatus.Fail, $"{p}: RSA key of {bits} bits: verifiers MUST NOT accept signatures made with keys under 1024 bits (RFC 8301 §3.2), and such keys can be factored.",
                "Replace it with a 2048-bit RSA key (new selector, then retire this one)."),
            < 2048 => new ScoreFinding(ScoreStatus.Warn, $"{p}: RSA key of {bits} bits: accepted, but RFC 8301 §3.2 asks signers for at least 2048 bits.",
                "Rotate to a 2048-bit RSA key (new selector, then retire this one)."),
            > 4096 => new ScoreFinding(ScoreStatus.Warn, $"{p}: RSA key of {bits} bits: verifiers need only handle keys up to 4096 bits (RFC 8301 §3.2), so some will fail.",
                "Use a 2048-bit (or at most 4096-bit) RSA key."),
            _ => new ScoreFinding(ScoreStatus.Pass, $"{p}: RSA key of {bits} bits (RFC 8301 §3.2: at least 2048 bits)."),
        };
    }
}
