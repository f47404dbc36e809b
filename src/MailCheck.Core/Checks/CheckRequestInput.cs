namespace MailCheck.Core.Checks;

/// <summary>
/// A request as a front end received it (form, API, hub, CLI): null means "not given". <see cref="RequestDefaults"/>
/// turns it into a <see cref="CheckRequest"/>, the same way for every front end.
/// </summary>
public sealed record CheckRequestInput
{
    public string? Domain { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string>? To { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public CheckMode? Mode { get; init; }

    public int? Port { get; init; }

    public TlsPolicy? Tls { get; init; }

    /// <summary>first (default) or all: every address of every MX (then the mode defaults to probe).</summary>
    public CheckScope? Scope { get; init; }

    public string? EhloName { get; init; }

    /// <summary>AUTH credentials; the validator drops them when both parts are empty.</summary>
    public SmtpCredentials? Auth { get; init; }

    /// <summary>Judge the domain's posture and end with a scorecard; default true.</summary>
    public bool? Posture { get; init; }

    /// <summary>DKIM selectors to look for besides the common ones.</summary>
    public IReadOnlyList<string>? DkimSelectors { get; init; }
}
