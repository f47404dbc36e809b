using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Tls;

/// <summary>
/// After the session: one <c>tls</c> scorecard item for each MX address MailCheck connected to, judged from what the
/// conversation showed (see <see cref="TlsJudge"/>). No new connection is made. When the host has secure, usable DANE
/// TLSA records (the <see cref="DaneLookup"/> made before connecting), the chain it presented is matched against them,
/// so that a certificate DANE senders accept is not reported as one "senders that check certificates refuse".
/// </summary>
public sealed class TlsStage : ICheckStage
{
    public string Name => "tls";

    public CheckPhase Phase => CheckPhase.AfterSession;

    public int Order => -5;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Tls];

    public ScoreArea Area => ScoreArea.Transport;

    public Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var connections = SessionFacts.Connections(context.Transcript);
        if (connections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = context.Time.GetUtcNow();
        var targets = connections.GroupBy(c => (c.Host, c.Address)).ToList();
        var dane = context.Get<DaneLookup>();
        var items = targets.Select(g => TlsJudge.Judge(g.Key.Host, g.Key.Address, [.. g], context.Request, now, DaneMatch(dane, g.Key.Host, [.. g], now))).ToList();
        var text = items.Count == 1
            ? items[0].Title
            : $"TLS: {items.Count} mail server addresses judged ({ScoreSummary.Of(items)}).";
        context.Report(EventKind.TlsVerdict, text, new TlsVerdictDetail([.. items.Select(i => i.Target!)]) { Items = items });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The first presented chain of <paramref name="connections"/> matched against the host's TLSA records, when DANE
    /// senders use them (secure and usable, RFC 7672 §2.2); null otherwise.
    /// </summary>
    internal static DaneAuthentication? DaneMatch(DaneLookup? lookup, string host, IReadOnlyList<SessionConnection> connections, DateTimeOffset now)
    {
        if (lookup?.For(host) is not { Enforced: true } dane
            || connections.FirstOrDefault(c => c.Tls is { Succeeded: true, PresentedChain.Count: > 0 })?.Tls is not { } tls)
        {
            return null;
        }

        var presented = tls.PresentedChain.Select(Convert.FromBase64String).ToList();
        return DaneAuthenticator.Authenticate(dane.Records, presented, dane.ReferenceNames, now);
    }
}
