namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// A DNS tree walk (RFC 9989 §4.10) from <see cref="Domain"/> towards the root: every query made, and the organizational
/// domain it determines (RFC 9989 §4.10.2).
/// </summary>
public sealed record DmarcTreeWalk
{
    /// <summary>Where the walk started (ASCII, lower case).</summary>
    public required string Domain { get; init; }

    /// <summary>Every query, in order (at most <see cref="DmarcDiscovery.MaxQueries"/>).</summary>
    public required IReadOnlyList<DmarcWalkStep> Steps { get; init; }

    /// <summary>
    /// The organizational domain (RFC 9989 §3.2.14, §4.10.2), or null when a query failed before the walk could end: a
    /// record above the failure might have changed the answer.
    /// </summary>
    public string? OrganizationalDomain { get; init; }

    /// <summary>The query that failed and stopped the walk, if one did.</summary>
    public DmarcWalkStep? FailedStep => Steps.FirstOrDefault(s => s.Failed);

    /// <summary>True when the walk ran to its end (a psd record, or no labels left).</summary>
    public bool Complete => FailedStep is null;
}
