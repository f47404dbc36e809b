using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dnssec;

/// <summary>The data of the <c>dnssec</c> event: the DNSSEC state of the MX RRset and of each MX host's addresses.</summary>
public sealed record DnssecDetail : PostureDetail
{
    /// <summary>The domain whose mail routing was judged.</summary>
    public required string Domain { get; init; }

    public IReadOnlyList<DnssecName> Names { get; init; } = [];

    /// <summary>Why DNSSEC could not be verified, when it could not.</summary>
    public string? Unverifiable { get; init; }
}
