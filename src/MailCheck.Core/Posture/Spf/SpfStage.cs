using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// Posture before connecting: the tested domain's SPF (RFC 7208) — its record, syntax, include tree, DNS and void
/// lookup counts and policy — as one <c>spf</c> event carrying the <c>spf</c> scorecard item. The analysis is left in
/// the context (<see cref="CheckContext.Get{T}"/> of <see cref="SpfAnalysis"/>) for later stages.
/// </summary>
public sealed class SpfStage : ICheckStage
{
    private static readonly string[] Ids = [Scorecard.ScorecardIds.Spf];

    public string Name => "spf";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => 10;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => Ids;

    public ScoreArea Area => ScoreArea.Authentication;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PostureDomain is not { } domain)
        {
            var none = SpfVerdict.NoDomain();
            context.Report(EventKind.Spf, none.Title + ".", new SpfDetail { Items = [none] });
            return;
        }

        var analysis = await SpfAnalyzer.AnalyzeAsync(context.Dns, domain, cancellationToken).ConfigureAwait(false);
        context.Set(analysis);
        var item = SpfVerdict.Judge(analysis);
        var summary = item.Title.StartsWith("SPF: ", StringComparison.Ordinal) ? item.Title[5..] : item.Title;
        context.Report(EventKind.Spf, $"SPF for {domain}: {summary}.", SpfDetail.From(analysis, item));
    }
}
