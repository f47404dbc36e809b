using System.Text;
using MailCheck.Core.Checks;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// SPF as the receiver evaluates it (RFC 7208 §2.3, §2.4, §4): <c>check_host()</c> for the connecting address with the
/// MAIL FROM domain, and with the HELO name. One <c>spf</c> item per identity, each with the path that decided it.
/// </summary>
public sealed class ReceivedSpfVerdict(SpfEvaluator evaluator) : IReceiveVerdict
{
    /// <summary>Target of the MAIL FROM item.</summary>
    public const string MailFromTarget = "MAIL FROM";

    /// <summary>Target of the HELO item.</summary>
    public const string HeloTarget = "HELO";

    public string Name => "SPF";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Spf];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = context.Envelope;
        var helo = HeloDomain(envelope.HeloName);
        SpfCheckResult? mailFrom = null;
        var nullSender = envelope.MailFrom.Length == 0;
        var fromDomain = nullSender ? helo : Domain(envelope.MailFrom);
        if (fromDomain is not null)
        {
            // RFC 7208 §2.4: for the null reverse-path the MAIL FROM identity is postmaster@ the HELO name (the evaluator
            // builds it from an empty sender).
            mailFrom = await evaluator.CheckHostAsync(context.Dns, context.RemoteAddress, fromDomain, nullSender ? "" : envelope.MailFrom, envelope.HeloName, cancellationToken).ConfigureAwait(false);
        }

        SpfCheckResult? heloResult = null;
        if (helo is not null)
        {
            heloResult = await evaluator.CheckHostAsync(context.Dns, context.RemoteAddress, helo, helo, envelope.HeloName, cancellationToken).ConfigureAwait(false);
        }

        context.Set(new SpfOutcome(mailFrom, heloResult, fromDomain));
        var items = new List<ScorecardItem> { JudgeMailFrom(envelope, mailFrom, nullSender) };
        items.Add(JudgeHelo(envelope, heloResult));
        var text = new StringBuilder("SPF: ");
        text.Append(mailFrom is null ? "MAIL FROM not checked" : $"MAIL FROM {mailFrom.Domain}: {SpfText.Name(mailFrom.Result)}");
        text.Append("; ").Append(heloResult is null ? "HELO not checked" : $"HELO {heloResult.Domain}: {SpfText.Name(heloResult.Result)}");
        foreach (var r in new[] { mailFrom, heloResult }.OfType<SpfCheckResult>())
        {
            text.Append('\n').Append(Path(r));
        }

        context.Report(EventKind.Spf, text.ToString(), new ReceivedSpfDetail(mailFrom, heloResult) { Items = items });
    }

    /// <summary>The path that decided a result, one line: "example.org → include:_spf.example.net → ip4:192.0.2.0/24 matched → pass".</summary>
    public static string Path(SpfCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var steps = result.Trace.Where(s => s.Kind == SpfStepKind.Mechanism && s.Matched == true).Select(s => s.Depth == 0 ? s.Term! : $"{s.Domain}: {s.Term}").ToList();
        var redirects = result.Trace.Where(s => s.Kind == SpfStepKind.Redirect).Select(s => s.Term!).ToList();
        var path = new List<string> { result.Domain };
        path.AddRange(redirects);
        path.AddRange(steps);
        return $"  {string.Join(" → ", path)} → {SpfText.Name(result.Result)} ({result.DnsLookups} of 10 DNS lookups)";
    }

    private static ScorecardItem JudgeMailFrom(ReceivedEnvelope envelope, SpfCheckResult? result, bool nullSender)
    {
        var who = nullSender ? $"the null sender <> (checked as postmaster@{envelope.HeloName}, RFC 7208 §2.4)" : $"MAIL FROM <{envelope.MailFrom}>";
        if (result is null)
        {
            return Item(MailFromTarget, ScoreStatus.Info, $"SPF (MAIL FROM): nothing to check", $"Nothing to check for {who}: its domain is an address literal or not a domain name (RFC 7208 §4.3).", null);
        }

        return Judge(MailFromTarget, result, who, isHelo: false);
    }

    private static ScorecardItem JudgeHelo(ReceivedEnvelope envelope, SpfCheckResult? result)
    {
        if (result is null)
        {
            return Item(HeloTarget, ScoreStatus.Info, "SPF (HELO): nothing to check", $"The HELO name {envelope.HeloName} is an address literal or not a domain name, so there is no HELO identity to check (RFC 7208 §2.3).", null);
        }

        return Judge(HeloTarget, result, $"HELO {result.Domain}", isHelo: true);
    }

    private static ScorecardItem Judge(string target, SpfCheckResult r, string who, bool isHelo)
    {
        var name = SpfText.Name(r.Result);
        var path = Path(r).Trim();
        var detail = $"check_host() for {r.Ip} and {who}: {name} — {r.Reason}. Path: {path}.";
        var (status, fix) = r.Result switch
        {
            SpfResult.Pass => (ScoreStatus.Pass, (string?)null),
            SpfResult.Fail => (isHelo ? ScoreStatus.Warn : ScoreStatus.Fail, $"Add {r.Ip} (the sending server) to the SPF record of {r.Domain}, e.g. ip4:/ip6: or an include of your provider."),
            SpfResult.SoftFail => (ScoreStatus.Warn, $"Add {r.Ip} to the SPF record of {r.Domain}: ~all marks it \"probably not authorized\" (RFC 7208 §2.6.5)."),
            SpfResult.Neutral => (ScoreStatus.Warn, $"List {r.Ip} in the SPF record of {r.Domain} so receivers can tell it is authorized (neutral says nothing, RFC 7208 §2.6.2)."),
            SpfResult.None when isHelo => (ScoreStatus.Info, $"Publish \"v=spf1 a -all\" at {r.Domain} (RFC 7208 §2.3 recommends a HELO record)."),
            SpfResult.None => (ScoreStatus.Warn, $"Publish an SPF record at {r.Domain} listing its sending servers, e.g. \"v=spf1 ip4:{r.Ip} -all\"."),
            SpfResult.TempError => (ScoreStatus.NotTested, null),
            _ => (ScoreStatus.Fail, $"Fix the SPF record of {r.Domain}: {r.Reason}."),
        };
        var meaning = r.Result switch
        {
            SpfResult.Pass => "the address is authorized (RFC 7208 §2.6.3)",
            SpfResult.Fail => isHelo
                ? "the address is not authorized for the HELO name (RFC 7208 §2.6.4); receivers that check HELO may refuse the mail"
                : "the address is not authorized (RFC 7208 §2.6.4): receivers may refuse the mail, and it cannot pass DMARC through SPF",
            SpfResult.SoftFail => "probably not authorized (RFC 7208 §2.6.5): receivers usually accept but mark it; it does not count for DMARC",
            SpfResult.Neutral => "the domain says nothing about this address (RFC 7208 §2.6.2): it does not count for DMARC",
            SpfResult.None => isHelo ? "no SPF record for the HELO name (RFC 7208 §2.6.1); most receivers do not ask" : "no SPF record (RFC 7208 §2.6.1): the domain's mail cannot be told from forgeries by SPF",
            SpfResult.TempError => "a DNS lookup failed (RFC 7208 §2.6.6): could not test; a receiver would defer or accept",
            _ => "the record cannot be interpreted (RFC 7208 §2.6.7): receivers treat this like a fail or ignore SPF",
        };
        var title = $"SPF ({target}) {r.Domain}: {name}";
        var findings = new List<ScoreFinding> { new(status, $"{Capitalize(who)} from {r.Ip}: {name} — {meaning}. {r.Reason}.", fix) };
        if (r.Explanation is { Length: > 0 } exp)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"The domain's explanation (exp=, RFC 7208 §6.2): {exp}"));
        }

        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Spf, ScoreArea.Authentication, title, detail, findings, target);
    }

    private static ScorecardItem Item(string target, ScoreStatus status, string title, string detail, string? fix) =>
        ScorecardItem.FromFindings(Scorecard.ScorecardIds.Spf, ScoreArea.Authentication, title, detail, [new ScoreFinding(status, detail, fix)], target);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The domain of an address, in ASCII; null for an address literal or an invalid one.</summary>
    public static string? Domain(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        return at < 0 ? null : HeloDomain(address[(at + 1)..]);
    }

    /// <summary>A HELO name or domain as a DNS name in ASCII; null for an address literal or something that is not a domain.</summary>
    public static string? HeloDomain(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (DomainName.IsAddressLiteral(name) || !DomainName.TryNormalize(name, out var normalized, out _) || !normalized.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return DomainName.ToAscii(normalized);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
