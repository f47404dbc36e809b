using System.Globalization;
using System.Net;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.ReverseDns;
using MailCheck.Core.Posture.Spf;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.Egress;

/// <summary>
/// How receivers see you: MailCheck's own side of the conversation, judged the way a receiving server judges a sender —
/// the address it came from (configured, echoed by the server, or the socket), that address's reverse DNS against the
/// EHLO name (RFC 8601 §3, RFC 5321 §4.1.4), the SPF result of the MAIL FROM domain and of the EHLO name at that address
/// (RFC 7208 §2.3, §2.4), and the DMARC result the test message would get (RFC 9989 §5.3: MailCheck does not sign, so only
/// an aligned SPF pass can carry it). When no server could be reached because every attempt timed out, it says outbound
/// port 25 may be blocked where MailCheck runs.
/// </summary>
public sealed class EgressStage(IOptions<SmtpOptions> smtpOptions, SpfEvaluator spf) : ICheckStage
{
    public string Name => "how receivers see MailCheck";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => 10;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Egress];

    public ScoreArea Area => ScoreArea.Reputation;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(spf);
        var findings = new List<ScoreFinding>();
        var ehlo = context.EhloName;
        var fromDomain = context.From.Domain.ToLowerInvariant();
        var egress = EgressAddress.Determine(context, smtpOptions.Value.EgressAddress);
        var connected = SessionFacts.Connections(context.Transcript).Count > 0;

        if (!connected && context.Result is { Outcome: CheckOutcome.Unreachable } unreachable && unreachable.Summary.Contains("timed out", StringComparison.Ordinal))
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"Every connection attempt timed out: outbound port {context.Request.Port} may be blocked where MailCheck runs (many cloud and home networks block port 25), so no receiver saw MailCheck at all.",
                "Run MailCheck where outbound port 25 is open (ask the provider to unblock it), or test a submission port (587) instead."));
        }

        var reservedFrom = Reserved(fromDomain);
        var reservedEhlo = Reserved(ehlo);
        if (reservedFrom is not null)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"MailCheck sends as {context.From.Address}, at {fromDomain}, {reservedFrom}: no receiver can verify it (no SPF, no DMARC), and many refuse mail from domains that do not resolve (RFC 5321 §4.1.4 expects real names).",
                "Set MailCheck:Smtp:DefaultFrom (or the form's From) to an address at a domain you control, with SPF allowing MailCheck's address."));
        }

        if (reservedEhlo is not null)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"MailCheck introduces itself with EHLO {ehlo}, {reservedEhlo}; receivers that check the EHLO name (RFC 5321 §4.1.4: the client's fully qualified name) distrust it.",
                $"Set MailCheck:Smtp:EhloName to a name whose A record{(egress is null ? "" : $" is {egress.Address}")} and whose address's PTR names it back."));
        }

        ReverseDnsResult? reverse = null;
        string? mailFromSpf = null, heloSpf = null, dmarcText = null;
        SpfCheckResult? fromSpf = null;
        if (egress is null)
        {
            if (connected || findings.Count == 0)
            {
                findings.Add(new ScoreFinding(ScoreStatus.Info, "MailCheck reached no mail server, so there is no address to judge its mail by."));
            }
        }
        else
        {
            var ip = egress.Address;
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"MailCheck's mail comes from {ip}, {egress.Describe()}."));
            if (egress.Source == "socket" && Net.SpecialRanges.Find(ip) is { } range)
            {
                findings.Add(new ScoreFinding(
                    ScoreStatus.Info,
                    $"{ip} is a {range.Name} address: a receiver on the Internet sees the public address of the network's NAT instead, and the verdicts below are for {ip}.",
                    "Set MailCheck:Smtp:EgressAddress to the public address, so reverse DNS, SPF and blocklists are judged for the address receivers see."));
            }

            reverse = await ReverseDnsLookup.LookupAsync(context.Dns, ip, "egress", cancellationToken).ConfigureAwait(false);
            findings.Add(await JudgeIdentityAsync(context, ip, reverse, ehlo, reservedEhlo is not null, cancellationToken).ConfigureAwait(false));

            if (reservedFrom is null)
            {
                fromSpf = await spf.CheckHostAsync(context.Dns, ip, fromDomain, context.From.Address, ehlo, cancellationToken).ConfigureAwait(false);
                mailFromSpf = $"{Label(fromSpf.Result)}: {fromSpf.Reason}";
                findings.Add(JudgeMailFromSpf(fromSpf, fromDomain, ip, context.Request.Mode));
            }

            if (reservedEhlo is null && DomainName.ParseAddressLiteral(ehlo) is null)
            {
                var helo = await spf.CheckHostAsync(context.Dns, ip, ehlo, "postmaster@" + ehlo, ehlo, cancellationToken).ConfigureAwait(false);
                heloSpf = $"{Label(helo.Result)}: {helo.Reason}";
                findings.Add(JudgeHeloSpf(helo, ehlo, ip));
            }
        }

        if (reservedFrom is null)
        {
            var verdict = await DmarcEvaluator.EvaluateAsync(
                context.Dns,
                new DmarcIdentifiers { AuthorDomain = fromDomain, SpfDomain = fromSpf?.Result == SpfResult.Pass ? fromDomain : null },
                cancellationToken).ConfigureAwait(false);
            dmarcText = verdict.Summary;
            findings.Add(JudgeDmarc(verdict, fromDomain, fromSpf));
        }

        var item = ScorecardItem.FromFindings(
            Scorecard.ScorecardIds.Egress,
            ScoreArea.Reputation,
            Title(findings),
            "How a receiving server judges MailCheck's own connection and test message: its address's reverse DNS, the EHLO name, SPF (RFC 7208) and DMARC (RFC 9989). MailCheck does not sign its test message with DKIM.",
            findings,
            target: "MailCheck");
        var detail = new EgressDetail(
            egress?.Address.ToString(), egress?.Source, reverse?.PtrNames ?? [], reverse?.ConfirmedName, ehlo, fromDomain, mailFromSpf, heloSpf, dmarcText)
        {
            Items = [item],
        };
        context.Report(EventKind.Egress, $"How receivers see MailCheck: {item.Title}.", detail);
    }

    private static string Title(List<ScoreFinding> findings)
    {
        var worst = findings.Count == 0 ? ScoreStatus.Info : findings.Max(f => f.Status);
        return worst switch
        {
            ScoreStatus.Fail => "receivers will refuse or junk MailCheck's test message",
            ScoreStatus.Warn => "receivers may distrust MailCheck's test message",
            ScoreStatus.NotTested => "could not test everything",
            ScoreStatus.Pass => "receivers can verify MailCheck's mail",
            _ => "nothing to judge",
        };
    }

    /// <summary>Why a domain can never be verified (RFC 6761 §6.3, §6.4; RFC 2606 §2), or null.</summary>
    private static string? Reserved(string name)
    {
        var n = name.TrimEnd('.').ToLowerInvariant();
        return n == "localhost" || n.EndsWith(".localhost", StringComparison.Ordinal) ? "a reserved .localhost name (RFC 6761 §6.3)"
            : n == "invalid" || n.EndsWith(".invalid", StringComparison.Ordinal) ? "a reserved .invalid name (RFC 6761 §6.4)"
            : !n.Contains('.', StringComparison.Ordinal) && !n.StartsWith('[') ? "a single-label name that cannot resolve on the Internet"
            : null;
    }

    private static async Task<ScoreFinding> JudgeIdentityAsync(CheckContext context, IPAddress ip, ReverseDnsResult reverse, string ehlo, bool ehloReserved, CancellationToken cancellationToken)
    {
        if (reverse.Unknown)
        {
            return new ScoreFinding(ScoreStatus.NotTested, $"Could not test the reverse DNS of {ip}: {reverse.Failure}.");
        }

        if (reverse.PtrNames.Count == 0)
        {
            return new ScoreFinding(
                ScoreStatus.Warn,
                $"{ip} has no PTR record: it fails the iprev test (RFC 8601 §3), and large receivers refuse mail from addresses without reverse DNS.",
                $"Ask whoever runs {ip} to publish a PTR record naming {(ehloReserved ? "the name MailCheck should use with EHLO" : ehlo)}, and make that name resolve to {ip}.");
        }

        if (!reverse.ForwardConfirmed)
        {
            return new ScoreFinding(
                ScoreStatus.Warn,
                $"{ip} has PTR {string.Join(", ", reverse.PtrNames)}, which does not resolve back to {ip}: the iprev test fails (RFC 8601 §3).",
                $"Make {reverse.PtrNames[0]} resolve to {ip}, or change the PTR of {ip}.");
        }

        if (ehloReserved || string.Equals(reverse.ConfirmedName, ehlo, StringComparison.OrdinalIgnoreCase))
        {
            return new ScoreFinding(ScoreStatus.Pass, $"{ip} → {reverse.ConfirmedName} → {ip}: forward-confirmed reverse DNS (RFC 8601 §3){(ehloReserved ? "" : ", and MailCheck's EHLO name is that name")}.");
        }

        // The EHLO name differs from the PTR: does it at least resolve to the address (RFC 5321 §4.1.4)?
        var type = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsRecordType.AAAA : DnsRecordType.A;
        var forward = await context.Dns.QueryAsync(ehlo, type, "egress", cancellationToken).ConfigureAwait(false);
        var resolves = forward.Records.Any(r => IPAddress.TryParse(r.Address, out var a) && a.Equals(ip));
        return resolves
            ? new ScoreFinding(ScoreStatus.Pass, $"{ip} → {reverse.ConfirmedName} → {ip} (RFC 8601 §3); MailCheck's EHLO name {ehlo} resolves to {ip} too.")
            : new ScoreFinding(
                ScoreStatus.Warn,
                $"{ip} → {reverse.ConfirmedName} → {ip} is forward-confirmed (RFC 8601 §3), but MailCheck says EHLO {ehlo}, which does not resolve to {ip}; receivers that compare the EHLO name with the address (RFC 5321 §4.1.4) distrust that.",
                $"Set MailCheck:Smtp:EhloName to {reverse.ConfirmedName}.");
    }

    private static ScoreFinding JudgeMailFromSpf(SpfCheckResult result, string domain, IPAddress ip, CheckMode mode)
    {
        var would = mode == CheckMode.Send ? "" : " (MailCheck sent no message in this mode; this is what one would get)";
        return result.Result switch
        {
            SpfResult.Pass => new ScoreFinding(ScoreStatus.Pass, $"SPF of the MAIL FROM domain {domain} passes for {ip} (RFC 7208 §2.6.3){would}."),
            SpfResult.Fail => new ScoreFinding(
                ScoreStatus.Fail,
                $"SPF of the MAIL FROM domain {domain} fails for {ip} (RFC 7208 §2.6.4): receivers that enforce SPF refuse the test message{would}. {result.Reason}",
                $"Send from an address whose domain's SPF allows {ip} (add ip{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "6" : "4")}:{ip} to {domain}'s record), or set MailCheck:Smtp:DefaultFrom to such an address."),
            SpfResult.SoftFail => new ScoreFinding(
                ScoreStatus.Warn,
                $"SPF of the MAIL FROM domain {domain} soft-fails for {ip} (RFC 7208 §2.6.5): receivers treat the test message as suspicious{would}.",
                $"Allow {ip} in {domain}'s SPF record, or send from a domain that does."),
            SpfResult.TempError => new ScoreFinding(ScoreStatus.NotTested, $"Could not evaluate SPF of {domain} for {ip}: {result.Reason} (RFC 7208 §2.6.6)."),
            SpfResult.PermError => new ScoreFinding(
                ScoreStatus.Warn,
                $"SPF of the MAIL FROM domain {domain} is broken (permerror, RFC 7208 §2.6.7): receivers cannot authenticate the test message. {result.Reason}",
                $"Fix {domain}'s SPF record (MailCheck's spf row for that domain shows how)."),
            SpfResult.None => new ScoreFinding(
                ScoreStatus.Warn,
                $"The MAIL FROM domain {domain} publishes no SPF (RFC 7208 §2.6.1): nothing authenticates the test message, so DMARC cannot pass.",
                $"Publish SPF for {domain} allowing {ip}, or send from a domain that does."),
            _ => new ScoreFinding(
                ScoreStatus.Warn,
                $"SPF of the MAIL FROM domain {domain} is neutral for {ip} (RFC 7208 §2.6.2): it says nothing about this address, so DMARC cannot pass on SPF.",
                $"Allow {ip} explicitly in {domain}'s SPF record."),
        };
    }

    private static ScoreFinding JudgeHeloSpf(SpfCheckResult result, string ehlo, IPAddress ip) => result.Result switch
    {
        SpfResult.Pass => new ScoreFinding(ScoreStatus.Pass, $"SPF of the EHLO name {ehlo} passes for {ip} (RFC 7208 §2.3)."),
        SpfResult.Fail => new ScoreFinding(
            ScoreStatus.Warn,
            $"SPF of the EHLO name {ehlo} fails for {ip} (RFC 7208 §2.3, §2.6.4): receivers that check HELO may reject before MAIL FROM.",
            $"Publish for {ehlo} an SPF record such as \"v=spf1 a -all\" with {ehlo} resolving to {ip}."),
        SpfResult.TempError => new ScoreFinding(ScoreStatus.NotTested, $"Could not evaluate SPF of the EHLO name {ehlo}: {result.Reason}."),
        _ => new ScoreFinding(
            ScoreStatus.Info,
            $"SPF of the EHLO name {ehlo} is {Label(result.Result)} for {ip} (RFC 7208 §2.3 recommends an SPF record for HELO names).",
            $"Publish for {ehlo} an SPF record such as \"v=spf1 a -all\"."),
    };

    private static ScoreFinding JudgeDmarc(DmarcVerdict verdict, string domain, SpfCheckResult? spf)
    {
        const string noDkim = "MailCheck does not sign its test message with DKIM, so only an aligned SPF pass can carry DMARC";
        return verdict.Result switch
        {
            DmarcResult.Pass => new ScoreFinding(ScoreStatus.Pass, $"The test message passes DMARC at {domain}: SPF passes and aligns (RFC 9989 §4.4.2). {noDkim}."),
            DmarcResult.Fail when verdict.Policy?.Effective is DmarcPolicy.Reject => new ScoreFinding(
                ScoreStatus.Fail,
                $"Your test message will fail DMARC at {domain}: {verdict.Policy}. {noDkim}, and SPF {(spf is null ? "could not be evaluated" : $"is {Label(spf.Result)}")} (RFC 9989 §5.3). Receivers are asked to reject it.",
                $"Send the test from an address at a domain whose SPF allows MailCheck's address, or use a From domain without an enforcing DMARC policy."),
            DmarcResult.Fail when verdict.Policy?.Effective is DmarcPolicy.Quarantine => new ScoreFinding(
                ScoreStatus.Warn,
                $"Your test message will fail DMARC at {domain}: {verdict.Policy}. {noDkim} (RFC 9989 §5.3). Receivers are asked to treat it as suspicious (spam folder).",
                "Send the test from an address at a domain whose SPF allows MailCheck's address."),
            DmarcResult.Fail => new ScoreFinding(ScoreStatus.Info, $"The test message would fail DMARC at {domain}, whose policy asks nothing of receivers ({verdict.Policy}). {noDkim} (RFC 9989 §5.3)."),
            DmarcResult.TempError => new ScoreFinding(ScoreStatus.NotTested, $"Could not evaluate DMARC for {domain}: {verdict.Summary}"),
            DmarcResult.PermError => new ScoreFinding(ScoreStatus.Info, $"{domain}'s DMARC record is unusable, so receivers apply no DMARC policy to the test message: {verdict.Summary}"),
            _ => new ScoreFinding(ScoreStatus.Info, $"{domain} publishes no DMARC policy (RFC 9989 §4.10), so receivers apply none to the test message."),
        };
    }

    private static string Label(SpfResult result) => result.ToString().ToLower(CultureInfo.InvariantCulture);
}
