using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>The data of the <c>dmarc</c> event: what discovery found, and the scorecard item.</summary>
public sealed record DmarcDetail : PostureDetail
{
    /// <summary>The domain judged.</summary>
    public required string Domain { get; init; }

    /// <summary>Found, notFound or temporaryError.</summary>
    public required DmarcDiscoveryStatus Status { get; init; }

    /// <summary>Where the record that applies was found (RFC 9989 §3.2.5).</summary>
    public string? PolicyDomain { get; init; }

    /// <summary>The organizational domain (RFC 9989 §4.10.2), when the walk could finish.</summary>
    public string? OrganizationalDomain { get; init; }

    /// <summary>The record text.</summary>
    public string? Record { get; init; }

    /// <summary>The policy that applies to the domain's mail, e.g. <c>p=reject</c> or <c>sp=quarantine (t=y: none)</c>.</summary>
    public string? Policy { get; init; }

    /// <summary>Each query of the tree walk with its answer, e.g. <c>_dmarc.example.com: TXT "v=DMARC1; p=none"</c>.</summary>
    public IReadOnlyList<string> Lookups { get; init; } = [];

    /// <summary>Where reports go and whether each destination accepts them (RFC 9990 §4).</summary>
    public IReadOnlyList<DmarcReportDestination> ReportDestinations { get; init; } = [];
}
