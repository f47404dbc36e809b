using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// The data of an <c>mtaSts</c> event: the TXT record, the policy fetch and the policy (the discovery step before the
/// conversation), and the MX judged against it (the verdict step after it).
/// </summary>
public sealed record MtaStsDetail : PostureDetail
{
    /// <summary>The longest policy text kept in the event.</summary>
    public const int MaxPolicyText = 8192;

    public required string Domain { get; init; }

    /// <summary><c>_mta-sts.&lt;domain&gt;</c>.</summary>
    public required string TxtName { get; init; }

    /// <summary>Every TXT record there.</summary>
    public IReadOnlyList<string> TxtRecords { get; init; } = [];

    /// <summary>The policy id of the one valid record.</summary>
    public string? Id { get; init; }

    /// <summary>Where the policy was fetched from.</summary>
    public string? PolicyUrl { get; init; }

    public MtaStsFetchStatus? FetchStatus { get; init; }

    /// <summary>Why the fetch failed, when it did.</summary>
    public string? FetchError { get; init; }

    /// <summary>The address of the policy host MailCheck connected to (port 443).</summary>
    public string? PolicyAddress { get; init; }

    public int? HttpStatus { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The policy host's certificate and its verdict.</summary>
    public MtaStsCertificate? Certificate { get; init; }

    /// <summary>The policy as received (at most <see cref="MaxPolicyText"/> characters).</summary>
    public string? PolicyText { get; init; }

    public MtaStsMode? Mode { get; init; }

    public long? MaxAge { get; init; }

    /// <summary>The mx patterns.</summary>
    public IReadOnlyList<string> Mx { get; init; } = [];

    /// <summary>The MX host the check used (verdict step).</summary>
    public string? MxHost { get; init; }

    /// <summary>The pattern that host matched, when one did.</summary>
    public string? MatchedPattern { get; init; }

    /// <summary>The discovery step's data.</summary>
    public static MtaStsDetail From(MtaStsDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var fetch = discovery.Fetch;
        var policy = discovery.Policy;
        var body = fetch?.Body;
        return new MtaStsDetail
        {
            Domain = discovery.Domain,
            TxtName = discovery.TxtName,
            TxtRecords = discovery.TxtRecords,
            Id = discovery.Record is { IsValid: true } r ? r.Id : null,
            PolicyUrl = fetch?.Url,
            FetchStatus = fetch?.Status,
            FetchError = fetch?.Error,
            PolicyAddress = fetch?.Address,
            HttpStatus = fetch?.HttpStatus,
            ContentType = fetch?.ContentType,
            Certificate = fetch?.Certificate,
            PolicyText = body is null ? null : body.Length <= MaxPolicyText ? body : body[..MaxPolicyText] + "…",
            Mode = policy?.Mode,
            MaxAge = policy?.MaxAge,
            Mx = policy?.Mx ?? [],
        };
    }
}
