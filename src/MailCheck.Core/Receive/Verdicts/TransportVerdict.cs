using MailCheck.Core.Checks;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// Whether the message came encrypted: STARTTLS (RFC 3207) and the TLS version (RFC 8996 retires TLS 1.0 and 1.1).
/// Mail in plain text can be read and changed by anyone on the path, and large mailbox providers mark it as such.
/// </summary>
public sealed class TransportVerdict(bool startTlsOffered) : IReceiveVerdict
{
    public string Name => "TLS";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Tls];

    public ScoreArea Area => ScoreArea.Transport;

    public Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = context.Envelope;
        var findings = new List<ScoreFinding>();
        string title;
        if (envelope.TlsProtocol is { } protocol)
        {
            var old = protocol is "TLS 1.0" or "TLS 1.1";
            title = $"TLS: the message came over {protocol}";
            findings.Add(old
                ? new ScoreFinding(ScoreStatus.Warn, $"The message came over {protocol} ({envelope.TlsCipherSuite}), which RFC 8996 deprecates: receivers are dropping it.", "Update the sending server's TLS library and allow TLS 1.2 and 1.3.")
                : new ScoreFinding(ScoreStatus.Pass, $"The message came encrypted: STARTTLS (RFC 3207), {protocol}, {envelope.TlsCipherSuite}."));
        }
        else if (startTlsOffered)
        {
            title = "TLS: the message came in plain text";
            findings.Add(new ScoreFinding(
                ScoreStatus.Fail,
                "MailCheck offered STARTTLS (RFC 3207) and the sending server did not use it: the message crossed the network in plain text, readable and changeable on the way. Large mailbox providers flag such mail (a red padlock) and require TLS from bulk senders.",
                "Turn on opportunistic TLS on the sending server (Postfix: smtp_tls_security_level = may; Exim: tls_require_ciphers/hosts_try_tls)."));
        }
        else
        {
            title = "TLS: not offered by this MailCheck";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, "This MailCheck offers no STARTTLS (it has no certificate), so whether the sender would encrypt could not be seen."));
        }

        if (envelope.Pipelined)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, "The sending server pipelined its commands (RFC 2920), as modern MTAs do."));
        }

        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.Tls, ScoreArea.Transport, title, findings[0].Text, findings);
        context.Report(EventKind.Transport, title + ".", new TransportDetail(envelope.TlsProtocol, envelope.TlsCipherSuite, envelope.Pipelined) { Items = [item] });
        return Task.CompletedTask;
    }
}
