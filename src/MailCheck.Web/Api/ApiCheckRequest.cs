using MailCheck.Core.Checks;

namespace MailCheck.Web.Api;

/// <summary>
/// <c>POST /api/checks</c>. <c>domain</c> may be left out when <c>to</c> is given; <c>to</c> when <c>domain</c> is
/// given (postmaster@domain); every other default comes from Core's <see cref="RequestDefaults"/>.
/// </summary>
public sealed record ApiCheckRequest
{
    public string? Domain { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string>? To { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    /// <summary>send (default), probe or connect.</summary>
    public CheckMode? Mode { get; init; }

    /// <summary>25 (default), 465 or 587.</summary>
    public int? Port { get; init; }

    /// <summary>opportunistic (default; implicit on port 465), required, none or implicit.</summary>
    public TlsPolicy? Tls { get; init; }

    /// <summary>first (default: the first MX that answers) or all (every address of every MX, in parallel; probe or connect only, mode then defaults to probe).</summary>
    public CheckScope? Scope { get; init; }

    public string? EhloName { get; init; }

    public ApiAuth? Auth { get; init; }

    /// <summary>Judge the domain's posture (SPF, DMARC, DKIM, TLS-RPT, BIMI, reverse DNS ...) and end with a scorecard; default true.</summary>
    public bool? Posture { get; init; }

    /// <summary>DKIM selectors to look for besides the common ones (at most 10), e.g. ["s2024", "mail"].</summary>
    public IReadOnlyList<string>? DkimSelectors { get; init; }

    /// <summary>Fills in the defaults and builds the engine's request (not yet validated).</summary>
    public CheckRequest ToCheckRequest(RequestDefaults defaults, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return defaults.Complete(
            new CheckRequestInput
            {
                Domain = Domain,
                From = From,
                To = To,
                Subject = Subject,
                Body = Body,
                Mode = Mode,
                Port = Port,
                Tls = Tls,
                Scope = Scope,
                EhloName = EhloName,
                Auth = Auth is null ? null : new SmtpCredentials(Auth.Username ?? "", Auth.Password ?? ""),
                Posture = Posture,
                DkimSelectors = DkimSelectors,
            },
            now);
    }
}
