using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;
using MimeKit;
using MimeKit.Cryptography;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// ARC (RFC 8617), when the message carries ARC header fields: MimeKit's <see cref="ArcVerifier"/> validates the chain
/// (§5.2), and each hop's ARC-Authentication-Results say what that forwarder saw. Messages without ARC get no item:
/// ARC matters only for mail that passed through a forwarder or a mailing list.
/// </summary>
public sealed class ReceivedArcVerdict : IReceiveVerdict
{
    public string Name => "ARC";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Arc];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message
            || !message.Headers.Any(h => h.Id is HeaderId.ArcSeal or HeaderId.ArcMessageSignature or HeaderId.ArcAuthenticationResults))
        {
            return;
        }

        var hops = message.Headers.Where(h => h.Id == HeaderId.ArcAuthenticationResults)
            .Select(h => InputLine.Printable(h.Value.Replace("\r\n", "", StringComparison.Ordinal).Trim()))
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();
        var verifier = new ArcVerifier(new RecordingDkimKeyLocator(context.Dns));
        string chain;
        var errors = new List<string>();
        try
        {
            var result = await verifier.VerifyAsync(message, cancellationToken).ConfigureAwait(false);
            chain = result.Chain switch
            {
                ArcSignatureValidationResult.Pass => "pass",
                ArcSignatureValidationResult.Fail => "fail",
                _ => "none",
            };
            errors.AddRange(Enum.GetValues<ArcValidationErrors>().Where(e => e != ArcValidationErrors.None && result.ChainErrors.HasFlag(e)).Select(Describe));
        }
        catch (DkimKeyUnavailableException ex) when (ex.Temporary)
        {
            chain = "temperror";
            errors.Add(ex.Message);
        }
        catch (Exception ex) when (ex is DkimKeyUnavailableException or FormatException)
        {
            chain = "fail";
            errors.Add(ex.Message);
        }

        var findings = new List<ScoreFinding>();
        var count = message.Headers.Count(h => h.Id == HeaderId.ArcSeal);
        switch (chain)
        {
            case "pass":
                findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The ARC chain of {count} hop(s) validates (RFC 8617 §5.2): a receiver that trusts the forwarders can use what they saw when the original SPF or DKIM no longer passes."));
                break;
            case "temperror":
                findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not validate the ARC chain: {string.Join("; ", errors)}."));
                break;
            case "fail":
                findings.Add(new ScoreFinding(ScoreStatus.Warn, $"The ARC chain does not validate (cv=fail, RFC 8617 §5.2): {(errors.Count == 0 ? "a seal or the latest message signature does not verify" : string.Join("; ", errors))}. Receivers ignore it.", "Check the ARC signing of the forwarder that added the last set (its keys and what it changed after sealing)."));
                break;
            default:
                findings.Add(new ScoreFinding(ScoreStatus.Info, "The message has ARC fields but no complete set to validate (RFC 8617 §4.1)."));
                break;
        }

        findings.AddRange(hops.Select(h => new ScoreFinding(ScoreStatus.Info, $"ARC-Authentication-Results {h}")));
        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.Arc, ScoreArea.Authentication, $"ARC: {chain} ({count} hop(s))", findings[0].Text, findings);
        context.Report(EventKind.Arc, $"ARC: chain {chain}, {count} hop(s){(errors.Count > 0 ? " — " + string.Join("; ", errors) : "")}", new ArcDetail(chain, errors, hops) { Items = [item] });
    }

    private static string Describe(ArcValidationErrors error) => error switch
    {
        ArcValidationErrors.DuplicateArcAuthenticationResults => "an instance has two ARC-Authentication-Results",
        ArcValidationErrors.DuplicateArcMessageSignature => "an instance has two ARC-Message-Signatures",
        ArcValidationErrors.DuplicateArcSeal => "an instance has two ARC-Seals",
        ArcValidationErrors.MissingArcAuthenticationResults => "an ARC-Authentication-Results is missing",
        ArcValidationErrors.MissingArcMessageSignature => "an ARC-Message-Signature is missing",
        ArcValidationErrors.MissingArcSeal => "an ARC-Seal is missing",
        ArcValidationErrors.InvalidArcAuthenticationResults => "an ARC-Authentication-Results cannot be read",
        ArcValidationErrors.InvalidArcMessageSignature => "an ARC-Message-Signature cannot be read",
        ArcValidationErrors.InvalidArcSeal => "an ARC-Seal cannot be read",
        ArcValidationErrors.InvalidArcSealChainValidationValue => "an ARC-Seal has an invalid cv=",
        ArcValidationErrors.MissingArcSealChainValidationValue => "an ARC-Seal has no cv=",
        ArcValidationErrors.MessageSignatureValidationFailed => "the latest ARC-Message-Signature does not verify (the message changed after it was sealed)",
        ArcValidationErrors.SealValidationFailed => "an ARC-Seal does not verify",
        _ => error.ToString(),
    };
}
