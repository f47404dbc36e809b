using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>Plain-language names and one-line meanings of outcomes, for pages and text transcripts.</summary>
public static class OutcomeText
{
    public static string Label(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Accepted => "Accepted",
        CheckOutcome.Rejected => "Rejected",
        CheckOutcome.Deferred => "Deferred",
        CheckOutcome.Unreachable => "Unreachable",
        CheckOutcome.NoMailService => "No mail service",
        CheckOutcome.DnsError => "DNS error",
        CheckOutcome.TlsFailed => "TLS failed",
        CheckOutcome.ProtocolError => "Protocol error",
        CheckOutcome.Timeout => "Timed out",
        CheckOutcome.Indeterminate => "Indeterminate",
        CheckOutcome.Blocked => "Blocked",
        CheckOutcome.Interrupted => "Interrupted",
        CheckOutcome.Cancelled => "Cancelled",
        CheckOutcome.Received => "Received",
        _ => outcome.ToString(),
    };

    public static string Meaning(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Accepted => "The server took the message (or, for a probe, the recipient).",
        CheckOutcome.Rejected => "The server refused for good (a 5xx reply).",
        CheckOutcome.Deferred => "The server said \"try again later\" (a 4xx reply, perhaps greylisting), or the connection was lost mid-transaction, which counts the same (RFC 5321 §3.8).",
        CheckOutcome.Unreachable => "No mail server could be reached. Outbound port 25 may be blocked.",
        CheckOutcome.NoMailService => "The domain does not receive mail.",
        CheckOutcome.DnsError => "DNS did not answer properly, so it is unknown where mail goes.",
        CheckOutcome.TlsFailed => "TLS was required but could not be set up safely.",
        CheckOutcome.ProtocolError => "The server broke the SMTP rules.",
        CheckOutcome.Timeout => "The server took too long to answer.",
        CheckOutcome.Indeterminate => "The connection dropped after the message was sent: it may have been accepted.",
        CheckOutcome.Blocked => "MailCheck's safety rules do not allow this target.",
        CheckOutcome.Interrupted => "MailCheck stopped before the check finished.",
        CheckOutcome.Cancelled => "The check was cancelled.",
        CheckOutcome.Received => "The message arrived and was judged as a receiving server would (the scorecard below).",
        _ => "",
    };

    /// <summary>The meaning of an outcome for a check of <paramref name="mode"/>: a receive check's timeout is the message that never came.</summary>
    public static string Meaning(CheckOutcome outcome, CheckMode mode) => (outcome, mode) switch
    {
        (CheckOutcome.Timeout, CheckMode.Receive) => "No message arrived at the address before its time ran out.",
        (CheckOutcome.Cancelled, CheckMode.Receive) => "The check stopped waiting before a message arrived.",
        _ => Meaning(outcome),
    };

    /// <summary>True for outcomes that mean "mail gets through".</summary>
    public static bool IsGood(CheckOutcome outcome) => outcome is CheckOutcome.Accepted or CheckOutcome.Received;

    /// <summary>True for outcomes that are "maybe later" rather than a definite failure.</summary>
    public static bool IsWarning(CheckOutcome outcome) =>
        outcome is CheckOutcome.Deferred or CheckOutcome.Indeterminate or CheckOutcome.Interrupted or CheckOutcome.Cancelled or CheckOutcome.Timeout;
}
