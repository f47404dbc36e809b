using MailCheck.Core.Checks;
using MailCheck.Web.Checks;

namespace MailCheck.Web.Api;

/// <summary>
/// <c>POST /api/checks</c>. <c>domain</c> may be left out when <c>to</c> is given; <c>to</c> when <c>domain</c> is
/// given (postmaster@domain); <c>from</c> defaults to <c>MailCheck:Smtp:DefaultFrom</c>.
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

    /// <summary>opportunistic (default), required, none or implicit.</summary>
    public TlsPolicy? Tls { get; init; }

    public string? EhloName { get; init; }

    public ApiAuth? Auth { get; init; }

    /// <summary>Judge the domain's posture (SPF, DMARC, DKIM, TLS-RPT, BIMI, reverse DNS ...) and end with a scorecard; default true.</summary>
    public bool? Posture { get; init; }

    /// <summary>DKIM selectors to look for besides the common ones (at most 10), e.g. ["s2024", "mail"].</summary>
    public IReadOnlyList<string>? DkimSelectors { get; init; }

    /// <summary>Fills in the defaults and builds the engine's request (not yet validated).</summary>
    public CheckRequest ToCheckRequest(string defaultFrom, DateTimeOffset now)
    {
        var domain = IsBlank(Domain) ? null : Domain;
        var to = To is { Count: > 0 } ? To : domain is null ? [] : [CheckDefaults.Recipient(domain)];
        return new CheckRequest
        {
            Domain = domain,
            From = IsBlank(From) ? defaultFrom : From!,
            Recipients = to,
            Subject = Subject ?? CheckDefaults.Subject(now),
            Body = Body ?? CheckDefaults.Body,
            Mode = Mode ?? CheckMode.Send,
            Port = Port ?? 25,
            Tls = Tls ?? TlsPolicy.Opportunistic,
            EhloName = IsBlank(EhloName) ? null : EhloName,
            Auth = Auth is null || (string.IsNullOrEmpty(Auth.Username) && string.IsNullOrEmpty(Auth.Password))
                ? null
                : new SmtpCredentials(Auth.Username ?? "", Auth.Password ?? ""),
            Posture = Posture ?? true,
            DkimSelectors = DkimSelectors ?? [],
        };
    }

    /// <summary>
    /// Empty or spaces only: the default applies. Whitespace that is a control character (CR, LF, TAB, U+2028 ...)
    /// is not blank: it goes on to the validator, which refuses it naming the field.
    /// </summary>
    private static bool IsBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) && ControlCharacters.IndexOfForbidden(value) < 0;
}
