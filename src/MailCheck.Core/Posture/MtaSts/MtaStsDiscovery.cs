using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// What the MTA-STS discovery step found before the conversation (RFC 8461 §3): the TXT record and the policy fetched
/// over HTTPS. Handed to the verdict step after the session through the check's context.
/// </summary>
public sealed record MtaStsDiscovery
{
    public required string Domain { get; init; }

    /// <summary><c>_mta-sts.&lt;domain&gt;</c>.</summary>
    public string TxtName => "_mta-sts." + Domain;

    public required DnsAnswer TxtAnswer { get; init; }

    /// <summary>Every TXT record at the name.</summary>
    public IReadOnlyList<string> TxtRecords { get; init; } = [];

    /// <summary>The records that begin with <c>v=STSv1;</c> (the others are discarded, RFC 8461 §3.1).</summary>
    public IReadOnlyList<string> StsRecords => [.. TxtRecords.Where(MtaStsRecord.IsStsRecord)];

    /// <summary>The record, when there is exactly one.</summary>
    public MtaStsRecord? Record => StsRecords.Count == 1 ? MtaStsRecord.Parse(StsRecords[0]) : null;

    /// <summary>The policy fetch (null when the TXT lookup failed, so nothing was fetched).</summary>
    public MtaStsFetch? Fetch { get; init; }

    /// <summary>The policy as parsed from the body, when a body came.</summary>
    public MtaStsPolicy? Policy => Fetch?.Body is { } body ? MtaStsPolicy.Parse(body) : null;

    /// <summary>True when a sender would have this policy: one valid TXT record, the policy fetched and valid (RFC 8461 §3).</summary>
    public bool SendersApply => Record is { IsValid: true } && Fetch is { Succeeded: true } && Policy is { IsValid: true };
}
