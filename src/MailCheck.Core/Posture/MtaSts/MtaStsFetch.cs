namespace MailCheck.Core.Posture.MtaSts;

/// <summary>One attempt to fetch a domain's MTA-STS policy over HTTPS, and what came back.</summary>
public sealed record MtaStsFetch
{
    /// <summary><c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The policy host, <c>mta-sts.&lt;domain&gt;</c>.</summary>
    public required string Host { get; init; }

    public required MtaStsFetchStatus Status { get; init; }

    /// <summary>Every address the policy host resolved to.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The address MailCheck connected to (port 443), when it connected.</summary>
    public string? Address { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>The Content-Type as received.</summary>
    public string? ContentType { get; init; }

    /// <summary>The Location of a redirect.</summary>
    public string? Location { get; init; }

    /// <summary>The body (UTF-8), when one was read within the size limit.</summary>
    public string? Body { get; init; }

    public MtaStsCertificate? Certificate { get; init; }

    /// <summary>What went wrong, in plain words (null when fetched).</summary>
    public string? Error { get; init; }

    /// <summary>Something worth knowing about an otherwise good answer (e.g. an unusual charset).</summary>
    public string? Note { get; init; }

    public TimeSpan Elapsed { get; init; }

    public bool Succeeded => Status == MtaStsFetchStatus.Fetched;
}
