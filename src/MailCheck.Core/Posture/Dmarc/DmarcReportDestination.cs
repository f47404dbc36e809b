namespace MailCheck.Core.Posture.Dmarc;

/// <summary>One host that <c>rua</c>/<c>ruf</c> send reports to, and whether it accepts them (RFC 9990 §4, RFC 9991 §5).</summary>
public sealed record DmarcReportDestination
{
    /// <summary>The destination host (ASCII, lower case).</summary>
    public required string Host { get; init; }

    /// <summary>The URIs that go there, each with its tag, e.g. <c>rua=mailto:d@example.net</c>.</summary>
    public required IReadOnlyList<string> Uris { get; init; }

    /// <summary>True when a <c>rua</c> URI goes there.</summary>
    public bool Aggregate { get; init; }

    /// <summary>True when a <c>ruf</c> URI goes there.</summary>
    public bool Failure { get; init; }

    public required DmarcReportAuthorizationStatus Status { get; init; }

    /// <summary>The authorization record's name, when one was (or would have been) asked for.</summary>
    public string? QueryName { get; init; }

    /// <summary>The overriding <c>rua</c> of the authorization record, when it has one (RFC 9990 §4 step 9).</summary>
    public string? Override { get; init; }

    /// <summary>What was seen (the DNS answer, the organizational domain).</summary>
    public string? Detail { get; init; }
}
