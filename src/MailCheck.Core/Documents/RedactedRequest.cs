using MailCheck.Core.Checks;

namespace MailCheck.Core.Documents;

/// <summary>A request as the check document shows it and the web app stores it: everything but the password.</summary>
public sealed record RedactedRequest
{
    public string? Domain { get; init; }

    public string From { get; init; } = "";

    public IReadOnlyList<string> To { get; init; } = [];

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public CheckMode Mode { get; init; }

    public int Port { get; init; }

    public TlsPolicy Tls { get; init; }

    public string? EhloName { get; init; }

    /// <summary>The AUTH user name, when AUTH was asked for.</summary>
    public RedactedAuth? Auth { get; init; }

    /// <summary>Whether the domain's posture was judged (documents of checks from before posture existed read true).</summary>
    public bool Posture { get; init; } = true;

    /// <summary>DKIM selectors asked for besides the common ones.</summary>
    public IReadOnlyList<string> DkimSelectors { get; init; } = [];

    /// <summary>
    /// The request to run again from what was stored (another instance took it from the shared queue; the web app stores requests in this form). A request
    /// with AUTH is never rebuilt from here: its password was never stored.
    /// </summary>
    public CheckRequest ToCheckRequest() => new()
    {
        Domain = Domain,
        From = From,
        Recipients = To,
        Subject = Subject,
        Body = Body,
        Mode = Mode,
        Port = Port,
        Tls = Tls,
        EhloName = EhloName,
        Posture = Posture,
        DkimSelectors = DkimSelectors,
    };

    public static RedactedRequest Of(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RedactedRequest
        {
            Domain = request.Domain,
            From = request.From,
            To = request.Recipients,
            Subject = request.Subject,
            Body = request.Body,
            Mode = request.Mode,
            Port = request.Port,
            Tls = request.Tls,
            EhloName = request.EhloName,
            Auth = request.Auth is null ? null : new RedactedAuth(request.Auth.Username),
            Posture = request.Posture,
            DkimSelectors = request.DkimSelectors,
        };
    }
}
