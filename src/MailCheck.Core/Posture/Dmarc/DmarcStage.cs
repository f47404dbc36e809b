using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// Posture: the DMARC policy of the tested domain (RFC 9989), found by the DNS tree walk (§4.10), judged tag by tag,
/// with every external report destination checked once (RFC 9990 §4, RFC 9991 §5). Leaves its
/// <see cref="DmarcDiscoveryResult"/> in the context (<see cref="CheckContext.Get{T}"/>) for later stages (BIMI, egress).
/// </summary>
public sealed class DmarcStage : ICheckStage
{
    /// <summary>Runs before the stages that read its result (BIMI).</summary>
    public const int StageOrder = 20;

    public string Name => "dmarc";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => StageOrder;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dmarc];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            return;
        }

        var dns = context.Dns;
        var discovery = await DmarcDiscovery.DiscoverAsync(dns, domain, cancellationToken).ConfigureAwait(false);
        context.Set(discovery);

        // The tested domain normally exists (it was just asked for MX); an inherited record's np applies when it does not.
        bool? exists = discovery.Inherited ? await DmarcDiscovery.DomainExistsAsync(dns, domain, cancellationToken).ConfigureAwait(false) : true;
        IReadOnlyList<DmarcReportDestination> destinations = [];
        if (discovery is { Record: { } record, PolicyDomain: { } policyDomain, PolicyOrganizationalDomain: { } policyOrg })
        {
            destinations = await DmarcReportAuthorization.CheckAsync(dns, policyDomain, policyOrg, record, cancellationToken).ConfigureAwait(false);
        }

        var item = DmarcJudge.Judge(discovery, exists, destinations);
        context.Report(EventKind.Dmarc, item.Title, new DmarcDetail
        {
            Items = [item],
            Domain = discovery.Domain,
            Status = discovery.Status,
            PolicyDomain = discovery.PolicyDomain,
            OrganizationalDomain = discovery.OrganizationalDomain,
            Record = discovery.Record?.Text,
            Policy = discovery.PolicyFor(exists)?.ToString(),
            Lookups = [.. DmarcJudge.Lookups(discovery.Walk)],
            ReportDestinations = destinations,
        });
    }
}
