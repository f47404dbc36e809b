using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Dane;

/// <summary>The data of the <c>dane</c> event after the session: each MX host's TLSA records and how the chain it presented fared.</summary>
public sealed record DaneDetail : PostureDetail
{
    /// <summary>The domain whose MX hosts these are.</summary>
    public required string Domain { get; init; }

    /// <summary>The port the TLSA names are for.</summary>
    public required int Port { get; init; }

    public IReadOnlyList<DaneHostDetail> Hosts { get; init; } = [];

    /// <summary>Why DNSSEC could not be verified, when it could not.</summary>
    public string? Unverifiable { get; init; }
}
