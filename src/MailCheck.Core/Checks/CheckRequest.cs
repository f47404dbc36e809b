namespace MailCheck.Core.Checks;

/// <summary>
/// What a person asked to test. Validate it with <see cref="CheckRequestValidator"/> before running it:
/// the validated copy has <see cref="Domain"/> filled in and normalised.
/// </summary>
public sealed record CheckRequest
{
    /// <summary>The domain whose MX hosts are tested; when empty, taken from the first recipient.</summary>
    public string? Domain { get; init; }

    /// <summary>The envelope and header sender.</summary>
    public string From { get; init; } = "";

    /// <summary>One to five recipients.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public CheckMode Mode { get; init; } = CheckMode.Send;

    public int Port { get; init; } = 25;

    public TlsPolicy Tls { get; init; } = TlsPolicy.Opportunistic;

    /// <summary>The name sent with EHLO/HELO; when empty the engine's configured name is used.</summary>
    public string? EhloName { get; init; }

    /// <summary>Optional AUTH credentials (never stored).</summary>
    public SmtpCredentials? Auth { get; init; }

    /// <summary>
    /// Whether to judge the domain's posture (SPF, DMARC, DKIM, TLS-RPT, BIMI, reverse DNS, blocklists, how receivers
    /// see MailCheck's mail) and end with a scorecard. On unless a request turns it off.
    /// </summary>
    public bool Posture { get; init; } = true;

    /// <summary>DKIM selectors to look for besides the common ones (at most <see cref="CheckRequestValidator.MaxDkimSelectors"/>).</summary>
    public IReadOnlyList<string> DkimSelectors { get; init; } = [];

    /// <summary>
    /// Not part of what was asked: the host's hook that the engine consults right before DATA (null: always send).
    /// </summary>
    public ISendGate? SendGate { get; init; }
}
