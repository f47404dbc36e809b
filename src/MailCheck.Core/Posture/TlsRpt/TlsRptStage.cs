using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.TlsRpt;

/// <summary>Posture: the domain's SMTP TLS Reporting policy, <c>_smtp._tls.&lt;domain&gt;</c> TXT (RFC 8460 §3).</summary>
public sealed class TlsRptStage : ICheckStage
{
    public string Name => "tlsRpt";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => 40;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.TlsRpt];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            return;
        }

        var name = $"_smtp._tls.{domain}";
        var answer = await context.Dns.QueryAsync(name, DnsRecordType.TXT, "tlsrpt", cancellationToken).ConfigureAwait(false);
        var texts = answer.Status == DnsResponseStatus.NoError
            ? answer.Records.Where(r => r.Type == DnsRecordType.TXT).Select(r => r.Text ?? "").ToList()
            : [];
        var item = TlsRptJudge.Judge(domain, answer, texts);
        var valid = texts.Where(TlsRptRecord.IsTlsRptRecord).ToList();
        context.Report(EventKind.TlsRpt, item.Title, new TlsRptDetail
        {
            Items = [item],
            Domain = domain,
            Name = name,
            Records = texts,
            Rua = valid.Count == 1 ? [.. TlsRptRecord.Parse(valid[0]).UsableRua.Select(u => u.Uri)] : [],
        });
    }
}
