using MailCheck.Core.Checks;

namespace MailCheck.Web.Data;

/// <summary>A request as stored and shown: everything but the password.</summary>
public sealed record StoredRequest
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

    /// <summary>The AUTH user name, when AUTH was asked for. The password is never kept.</summary>
    public StoredAuth? Auth { get; init; }

    /// <summary>Whether the domain's posture was judged (stored checks from before posture existed read as true).</summary>
    public bool Posture { get; init; } = true;

    /// <summary>DKIM selectors asked for besides the common ones.</summary>
    public IReadOnlyList<string> DkimSelectors { get; init; } = [];

    /// <summary>
    /// The request to run again from what was stored (another instance took it from the shared queue). A request
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

    public static StoredRequest Of(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new StoredRequest
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
            Auth = request.Auth is null ? null : new StoredAuth(request.Auth.Username),
            Posture = request.Posture,
            DkimSelectors = request.DkimSelectors,
        };
    }
}
