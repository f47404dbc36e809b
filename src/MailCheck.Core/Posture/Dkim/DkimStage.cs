using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// Posture: DKIM keys without a message (RFC 6376 §3.6.2). First <c>_domainkey.&lt;domain&gt;</c>: NXDOMAIN means no
/// name exists below it (RFC 8020), so the common selectors are not probed. Then the selectors the user named and those
/// of <see cref="DkimSelectorCatalog"/>, <see cref="Parallelism"/> at a time, each key judged (RFC 6376 §3.6.1, RFC 8301,
/// RFC 8463). Finding no key is information, never a failure: selectors cannot be listed.
/// </summary>
public sealed class DkimStage : ICheckStage
{
    /// <summary>Selector queries in flight at once.</summary>
    public const int Parallelism = 4;

    public string Name => "dkim";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => 30;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dkim];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            return;
        }

        var existence = await context.Dns.QueryAsync($"_domainkey.{domain}", DnsRecordType.TXT, "dkim", cancellationToken).ConfigureAwait(false);
        if (existence.Failed)
        {
            var failed = DkimJudge.CouldNotTest(domain, existence);
            context.Report(EventKind.Dkim, failed.Title, new DkimDetail { Items = [failed], Domain = domain });
            return;
        }

        var exists = !existence.NoSuchName;
        var user = context.Request.DkimSelectors;
        var common = DkimSelectorCatalog.Common.Where(c => !user.Contains(c.Selector, StringComparer.OrdinalIgnoreCase)).ToList();
        var probes = user.Select(s => (Selector: s, Provider: DkimSelectorCatalog.Common.FirstOrDefault(c => c.Selector == s)?.Provider, UserGiven: true))
            .Concat(exists ? common.Select(c => (c.Selector, Provider: (string?)c.Provider, UserGiven: false)) : [])
            .ToList();

        var results = new DkimSelectorResult[probes.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, probes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var probe = probes[i];
                var lookup = await DkimKeys.LookupAsync(context.Dns, probe.Selector, domain, token).ConfigureAwait(false);
                results[i] = new DkimSelectorResult { Selector = probe.Selector, Provider = probe.Provider, UserGiven = probe.UserGiven, Lookup = lookup };
            }).ConfigureAwait(false);

        var item = DkimJudge.Judge(domain, exists, exists ? 0 : common.Count, results);
        context.Report(EventKind.Dkim, item.Title, new DkimDetail
        {
            Items = [item],
            Domain = domain,
            DomainKeyExists = exists,
            Probed = results.Length,
            Selectors = [.. results.Where(r => r.UserGiven || r.Lookup.Status is DkimLookupStatus.Found or DkimLookupStatus.NotKey || r.Lookup.CnameTarget is not null)],
            NotFound = [.. results.Where(r => !r.UserGiven && r.Lookup.Status == DkimLookupStatus.NotFound && r.Lookup.CnameTarget is null).Select(r => r.Selector)],
            NotTested = [.. results.Where(r => !r.UserGiven && r.Lookup.Status == DkimLookupStatus.Failed).Select(r => r.Selector)],
        });
    }
}
