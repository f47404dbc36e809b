using System.Globalization;
using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Scorecard;
using MimeKit;
using MimeKit.Cryptography;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// DKIM (RFC 6376 §6): every DKIM-Signature of the message verified with MimeKit's <see cref="DkimVerifier"/> and a key
/// locator that records each key lookup, so each failure says why — key not found, revoked, too short (RFC 8301 §3.2),
/// the body changed after signing (bh= mismatch), a signed header changed, expired (x=), rsa-sha1 (RFC 8301 §3.1).
/// One <c>dkim</c> item per signature.
/// </summary>
public sealed class ReceivedDkimVerdict : IReceiveVerdict
{
    /// <summary>Most signatures verified (each may cost a DNS query).</summary>
    public const int MaxSignatures = 10;

    private static readonly string[] RequiredTags = ["a", "b", "bh", "d", "h", "s"];

    public string Name => "DKIM";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dkim];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            var unreadable = Item(null, ScoreStatus.NotTested, "DKIM: could not test", $"The message could not be read ({context.ParseError}), so its signatures could not be verified.", null);
            context.Report(EventKind.Dkim, "DKIM: could not test (the message is not readable).", new ReceivedDkimDetail([]) { Items = [unreadable] });
            context.Set(new DkimOutcome([]));
            return;
        }

        var headers = message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList();
        if (headers.Count == 0)
        {
            var none = Item(
                null,
                ScoreStatus.Warn,
                "DKIM: the message is not signed",
                "The message carries no DKIM-Signature (RFC 6376). Without one it can pass DMARC only through SPF, which breaks when mail is forwarded; "
                + "large mailbox providers expect every sender to sign, and bulk senders to have both SPF and DKIM.",
                "Sign outgoing mail with DKIM for the From domain (your provider's DKIM setting, or OpenDKIM/rspamd) and publish the key at <selector>._domainkey.<domain>.");
            context.Report(EventKind.Dkim, "DKIM: no signature.", new ReceivedDkimDetail([]) { Items = [none] });
            context.Set(new DkimOutcome([]));
            return;
        }

        var locator = new RecordingDkimKeyLocator(context.Dns);
        var verifier = new DkimVerifier(locator);
        var results = new List<DkimSignatureResult>();
        foreach (var header in headers.Take(MaxSignatures))
        {
            results.Add(await VerifyAsync(verifier, locator, message, header, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        }

        context.Set(new DkimOutcome(results));
        var items = results.Select(Judge).ToList();
        var text = new StringBuilder($"DKIM: {results.Count} signature(s)");
        if (headers.Count > MaxSignatures)
        {
            text.Append(CultureInfo.InvariantCulture, $" verified of {headers.Count} (MailCheck verifies at most {MaxSignatures})");
        }

        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  d={r.Domain} s={r.Selector}{(r.Algorithm is null ? "" : $" a={r.Algorithm}")}: {ResultName(r.Result)} — {r.Reason}");
        }

        context.Report(EventKind.Dkim, text.ToString(), new ReceivedDkimDetail(results) { Items = items });
    }

    /// <summary>The result's name as RFC 8601 writes it.</summary>
    public static string ResultName(DkimResult result) => result switch
    {
        DkimResult.Pass => "pass",
        DkimResult.Fail => "fail",
        DkimResult.TempError => "temperror",
        _ => "permerror",
    };

    internal static async Task<DkimSignatureResult> VerifyAsync(DkimVerifier verifier, RecordingDkimKeyLocator locator, MimeMessage message, Header header, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tags = TagValueList.Parse(header.Value);
        var domain = (tags.Get("d") ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        var selector = (tags.Get("s") ?? "").Trim();
        var algorithm = tags.Get("a")?.Trim().ToLowerInvariant();
        var identity = tags.Get("i")?.Trim();
        var signed = (tags.Get("h") ?? "").Split(':').Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        long? length = long.TryParse(tags.Get("l")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
        DateTimeOffset? signedAt = long.TryParse(tags.Get("t")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(t, 253402300799)) : null;
        DateTimeOffset? expires = long.TryParse(tags.Get("x")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var x) ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(x, 253402300799)) : null;
        var result = new DkimSignatureResult
        {
            Domain = domain,
            Selector = selector,
            Algorithm = algorithm,
            Result = DkimResult.PermError,
            Reason = "",
            Identity = identity,
            SignedHeaders = signed,
            BodyLength = length,
            SignedAt = signedAt,
            ExpiresAt = expires,
        };

        if (tags.Duplicates.Count > 0)
        {
            return result with { Reason = $"the signature repeats the tag {tags.Duplicates[0]}= (RFC 6376 §3.2: the tag list is then invalid)" };
        }

        if (tags.Get("v")?.Trim() != "1")
        {
            return result with { Reason = $"v={tags.Get("v") ?? "(missing)"}: a DKIM-Signature must say v=1 (RFC 6376 §3.5)" };
        }

        var missing = RequiredTags.Where(n => string.IsNullOrWhiteSpace(tags.Get(n))).ToList();
        if (missing.Count > 0)
        {
            return result with { Reason = $"required tag(s) missing or empty: {string.Join(", ", missing.Select(m => m + "="))} (RFC 6376 §3.5, §6.1.1)" };
        }

        if (algorithm == "rsa-sha1")
        {
            return result with { Result = DkimResult.Fail, Reason = "signed with rsa-sha1, which verifiers must not accept (RFC 8301 §3.1): sign with rsa-sha256 or ed25519-sha256" };
        }

        if (algorithm is not ("rsa-sha256" or "ed25519-sha256"))
        {
            return result with { Reason = $"a={algorithm}: not a signing algorithm MailCheck knows (rsa-sha256, ed25519-sha256; RFC 6376 §3.3, RFC 8463)" };
        }

        if (!signed.Any(h => h.Equals("from", StringComparison.OrdinalIgnoreCase)))
        {
            return result with { Reason = "h= does not include From, which every signature must sign (RFC 6376 §5.4, §6.1.1)" };
        }

        if (identity is not null)
        {
            var at = identity.LastIndexOf('@');
            var idDomain = (at < 0 ? "" : identity[(at + 1)..]).TrimEnd('.').ToLowerInvariant();
            if (at < 0 || !(idDomain == domain || idDomain.EndsWith("." + domain, StringComparison.Ordinal)))
            {
                return result with { Reason = $"i={identity} is not in d={domain} or a subdomain of it (RFC 6376 §3.5, §6.1.1)" };
            }
        }

        if (expires is { } exp)
        {
            if (signedAt is { } s && exp <= s)
            {
                return result with { Reason = $"x= ({exp:yyyy-MM-dd HH:mm:ss} UTC) is not after t= ({s:yyyy-MM-dd HH:mm:ss} UTC) (RFC 6376 §3.5)" };
            }

            if (exp < now)
            {
                return result with { Result = DkimResult.Fail, Reason = $"the signature expired at {exp:yyyy-MM-dd HH:mm:ss} UTC (x=; RFC 6376 §3.5)" };
            }
        }

        var before = locator.Requests;
        locator.ExpectedAlgorithm = algorithm;
        bool verified;
        try
        {
            verified = await verifier.VerifyAsync(message, header, cancellationToken).ConfigureAwait(false);
        }
        catch (DkimKeyUnavailableException ex)
        {
            var lookup = locator.LookupOf(domain, selector);
            return result with
            {
                Result = ex.Temporary ? DkimResult.TempError : DkimResult.PermError,
                Reason = ex.Message,
                KeyName = lookup?.Name,
                KeyAnswer = lookup?.Answer,
                KeyType = lookup?.Record?.KeyType,
                Testing = lookup?.Record?.Testing ?? false,
            };
        }
        catch (FormatException ex)
        {
            return result with { Reason = $"the signature cannot be read: {ex.Message} (RFC 6376 §6.1.1)" };
        }

        var key = locator.LookupOf(domain, selector);
        result = result with
        {
            KeyBits = key?.Key?.Bits,
            KeyType = key?.Record?.KeyType,
            KeyName = key?.Name ?? $"{selector}._domainkey.{domain}",
            KeyAnswer = key?.Answer,
            Testing = key?.Record?.Testing ?? false,
        };
        if (verified)
        {
            if (key?.Record is { StrictIdentity: true } && identity is not null
                && !identity[(identity.LastIndexOf('@') + 1)..].TrimEnd('.').Equals(domain, StringComparison.OrdinalIgnoreCase))
            {
                return result with { Result = DkimResult.Fail, Reason = $"the key record says t=s, so i= must be in d={domain} itself, not a subdomain (RFC 6376 §3.6.1)" };
            }

            return result with { Result = DkimResult.Pass, Reason = $"the signature verifies with the key at {result.KeyName} (RFC 6376 §6.1.3)" };
        }

        if (locator.Requests == before)
        {
            // MimeKit compares the body hash before it asks for the key: no request means bh= did not match.
            return result with
            {
                Result = DkimResult.Fail,
                Reason = length is null
                    ? "body hash mismatch: the body was changed after it was signed (bh= does not match; RFC 6376 §6.1.3) — a footer, a disclaimer, or a re-encoding by a server on the way"
                    : $"body hash mismatch over the first {length} bytes (l=): the body was changed after it was signed (RFC 6376 §6.1.3)",
            };
        }

        if (result.KeyBits is { } bits && bits < 1024 && result.KeyType == "rsa")
        {
            return result with { Result = DkimResult.Fail, Reason = $"the key is too short: RSA {bits} bits, and verifiers must not accept keys under 1024 bits (RFC 8301 §3.2)" };
        }

        return result with
        {
            Result = DkimResult.Fail,
            Reason = "the signature (b=) does not verify: a signed header field was changed after signing, or the published key is not the one that signed (RFC 6376 §6.1.3)",
        };
    }

    private static ScorecardItem Judge(DkimSignatureResult r)
    {
        var target = $"d={r.Domain} s={r.Selector}";
        var title = $"DKIM {target}: {ResultName(r.Result)}";
        var findings = new List<ScoreFinding>();
        switch (r.Result)
        {
            case DkimResult.Pass:
                var key = r.KeyType == "ed25519" ? "Ed25519" : r.KeyBits is { } b ? $"RSA {b} bits" : "its key";
                findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The signature of {r.Domain} verifies ({r.Algorithm}, {key}): {r.Reason}."));
                if (r.KeyType == "rsa" && r.KeyBits is < 2048)
                {
                    findings.Add(new ScoreFinding(ScoreStatus.Warn, $"The key is RSA {r.KeyBits} bits: RFC 8301 §3.2 asks signers for at least 2048.", $"Publish a 2048-bit key under a new selector of {r.Domain}, sign with it, then revoke {r.Selector}."));
                }

                if (r.BodyLength is { } length)
                {
                    findings.Add(new ScoreFinding(ScoreStatus.Warn, $"l={length}: the signature covers only the first {length} bytes of the body, so anyone can append to the message and keep the signature valid (RFC 6376 §8.2).", "Sign without l= (the whole body)."));
                }

                if (r.Testing)
                {
                    findings.Add(new ScoreFinding(ScoreStatus.Info, $"The key record of {r.Selector} says t=y: {r.Domain} is testing DKIM, and verifiers must not treat its mail differently for a failure (RFC 6376 §3.6.1)."));
                }

                if (!r.SignedHeaders.Any(h => h.Equals("subject", StringComparison.OrdinalIgnoreCase)) || !r.SignedHeaders.Any(h => h.Equals("date", StringComparison.OrdinalIgnoreCase)))
                {
                    findings.Add(new ScoreFinding(ScoreStatus.Info, $"h= signs {string.Join(":", r.SignedHeaders)}; RFC 6376 §5.4.1 recommends signing Subject, Date, To and the other fields a reader relies on."));
                }

                break;
            case DkimResult.TempError:
                findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not verify the signature of {r.Domain}: {r.Reason}."));
                break;
            default:
                findings.Add(new ScoreFinding(ScoreStatus.Fail, $"The signature of {(r.Domain.Length == 0 ? "(no d=)" : r.Domain)} does not count: {r.Reason}.", FixFor(r)));
                break;
        }

        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Dkim, ScoreArea.Authentication, title, findings[0].Text, findings, target);
    }

    private static string FixFor(DkimSignatureResult r) =>
        r.Reason.StartsWith("body hash", StringComparison.Ordinal) ? "Sign after the last change to the body: let the server that adds footers or rewrites the message sign it (or stop the rewriting)."
        : r.Reason.StartsWith("key not found", StringComparison.Ordinal) ? $"Publish the public key at {r.Selector}._domainkey.{r.Domain} (TXT \"v=DKIM1; k=rsa; p=...\"), or sign with a selector that is published."
        : r.Reason.Contains("revoked", StringComparison.Ordinal) ? $"Sign with a selector whose key is published, or publish a new key at {r.Selector}._domainkey.{r.Domain}."
        : r.Reason.Contains("too short", StringComparison.Ordinal) ? $"Publish a 2048-bit RSA key under a new selector of {r.Domain} and sign with it."
        : r.Reason.Contains("expired", StringComparison.Ordinal) ? "Sign with a later x= (or none); check the sending server's clock."
        : r.Reason.Contains("rsa-sha1", StringComparison.Ordinal) ? "Sign with rsa-sha256 (or ed25519-sha256)."
        : "Check that the signing server signs with the key published under its selector, and that no server changes signed header fields afterwards.";

    private static ScorecardItem Item(string? target, ScoreStatus status, string title, string detail, string? fix) =>
        ScorecardItem.FromFindings(Scorecard.ScorecardIds.Dkim, ScoreArea.Authentication, title, detail, [new ScoreFinding(status, detail, fix)], target);
}
