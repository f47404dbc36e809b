using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Bimi;

/// <summary>
/// Posture, information only: the domain's BIMI Assertion Record, <c>default._bimi.&lt;domain&gt;</c>, falling back to
/// the organizational domain's (draft-brand-indicators-for-message-identification §7.2), and whether DMARC is at the
/// enforcement BIMI requires (§7.1), read from the DMARC stage's result — so it runs after that stage. The logo and
/// certificate URIs are never fetched.
/// </summary>
public sealed class BimiStage : ICheckStage
{
    public string Name => "bimi";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    /// <summary>After <see cref="DmarcStage"/>, whose result it reads.</summary>
    public int Order => DmarcStage.StageOrder + 30;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Bimi];

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            return;
        }

        var dmarc = context.Get<DmarcDiscoveryResult>();
        var names = new List<string> { $"default._bimi.{domain}" };
        if (dmarc?.OrganizationalDomain is { } org && org != domain)
        {
            names.Add($"default._bimi.{org}");
        }

        var lookups = new List<string>();
        foreach (var name in names)
        {
            var answer = await context.Dns.QueryAsync(name, DnsRecordType.TXT, "bimi", cancellationToken).ConfigureAwait(false);
            lookups.Add($"{name}: {answer.Describe()}");
            if (answer.Failed)
            {
                Report(context, domain, BimiJudge.CouldNotTest(name, answer), null, null);
                return;
            }

            var records = answer.Records.Where(r => r.Type == DnsRecordType.TXT).Select(r => r.Text ?? "").Where(BimiRecord.IsBimiRecord).ToList();
            if (records.Count > 0)
            {
                var item = BimiJudge.Judge(domain, name, records, name != names[0], dmarc, Detail(lookups));
                Report(context, domain, item, name, records.Count == 1 ? BimiRecord.Parse(records[0]) : null);
                return;
            }
        }

        Report(context, domain, BimiJudge.NoRecord(domain, names, Detail(lookups)), null, null);
    }

    private static string Detail(List<string> lookups) =>
        $"{string.Join("; ", lookups)}. BIMI is a draft ({BimiRecord.Draft}); MailCheck reads the record and fetches neither the logo nor the certificate.";

    private static void Report(CheckContext context, string domain, ScorecardItem item, string? name, BimiRecord? record) =>
        context.Report(EventKind.Bimi, item.Title, new BimiDetail
        {
            Items = [item],
            Domain = domain,
            Name = name,
            Record = record?.Text,
            Location = record?.Location,
            Evidence = record?.Evidence,
        });
}
