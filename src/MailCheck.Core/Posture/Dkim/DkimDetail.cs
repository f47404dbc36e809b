using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>The data of the <c>dkim</c> event: which selectors were probed and what each found, and the scorecard item.</summary>
public sealed record DkimDetail : PostureDetail
{
    public required string Domain { get; init; }

    /// <summary>Whether <c>_domainkey.&lt;domain&gt;</c> exists (false: NXDOMAIN, nothing below it, RFC 8020); null when the query failed.</summary>
    public bool? DomainKeyExists { get; init; }

    /// <summary>How many selectors were asked for.</summary>
    public int Probed { get; init; }

    /// <summary>The selectors that held something, and every selector the user named, in the order probed.</summary>
    public IReadOnlyList<DkimSelectorResult> Selectors { get; init; } = [];

    /// <summary>Common selectors with no record.</summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];

    /// <summary>Common selectors whose query failed.</summary>
    public IReadOnlyList<string> NotTested { get; init; } = [];
}
