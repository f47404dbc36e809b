using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Pipeline;

/// <summary>
/// Discovery: the domain's MX hosts and their addresses (RFC 5321 §5.1, RFC 7505), or the address literal itself.
/// Ends the delivery part of the check when there is no mail service or DNS failed; posture still runs.
/// </summary>
public sealed class MxStage : ICheckStage
{
    public string Name => "mx";

    public CheckPhase Phase => CheckPhase.Discovery;

    public int Order => 0;

    public bool IsPosture => false;

    public IReadOnlyList<string> ScorecardIds => [];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var domain = context.Request.Domain!;

        // The validator normalised the domain with DomainName: read an address literal the same way.
        if (DomainName.ParseAddressLiteral(domain) is { } literal)
        {
            context.Hosts = [new MxHost(domain, 0, [new ResolvedAddress(literal.ToString(), 0)])];
            context.Info(EventKind.Mx, $"{domain} is an address literal: no DNS lookup, connecting to {literal} directly.", new MxDetail(domain, context.Hosts, Implicit: false));
            return;
        }

        context.Progress.Step = EventKind.Dns;
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            var text = $"{domain} is not a valid domain name.";
            context.Info(EventKind.Mx, text);
            context.Result = new CheckResult { Outcome = CheckOutcome.NoMailService, Summary = "No mail service: " + text, Step = EventKind.Mx };
            return;
        }

        var lookup = await MxResolver.LookupAsync(context.Dns, ascii, cancellationToken).ConfigureAwait(false);
        context.Mx = lookup;
        context.Hosts = lookup.Hosts;
        context.Progress.Step = EventKind.Mx;
        context.Info(EventKind.Mx, MxText.Describe(lookup), new MxDetail(lookup.Domain, lookup.Hosts, lookup.Implicit));
        context.Result = lookup.Status switch
        {
            MxLookupStatus.NullMx => new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service: {ascii} publishes a null MX (RFC 7505) and accepts no mail",
                Step = EventKind.Mx,
            },
            MxLookupStatus.NoMailService => new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service for {ascii}: {OutcomeText.Sentence(lookup.Reason ?? "no MX and no address records")}",
                Step = EventKind.Mx,
            },
            MxLookupStatus.Error => new CheckResult
            {
                Outcome = CheckOutcome.DnsError,
                Summary = $"DNS error looking up {ascii}: {OutcomeText.Sentence(lookup.Reason ?? "the lookup failed")}",
                Step = EventKind.Dns,
            },
            _ when lookup.Hosts.Count == 0 => new CheckResult
            {
                Outcome = CheckOutcome.NoMailService,
                Summary = $"No mail service for {ascii}: no mail exchanger found",
                Step = EventKind.Mx,
            },
            _ => null,
        };
    }
}
