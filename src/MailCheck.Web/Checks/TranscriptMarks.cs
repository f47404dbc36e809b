using MailCheck.Core.Checks;

namespace MailCheck.Web.Checks;

/// <summary>swaks's line marks: <c>-&gt;</c> sent, <c>&lt;-</c> received, <c>~&gt;</c>/<c>&lt;~</c> under TLS, <c>===</c> notes, <c>***</c> faults.</summary>
public static class TranscriptMarks
{
    public static string For(CheckEvent checkEvent)
    {
        ArgumentNullException.ThrowIfNull(checkEvent);
        return checkEvent.Direction switch
        {
            EventDirection.Client => checkEvent.Secure ? "~>" : "->",
            EventDirection.Server => checkEvent.Secure ? "<~" : "<-",
            _ => checkEvent.Kind is EventKind.Error or EventKind.Policy ? "***" : "===",
        };
    }
}
