using System.Text.Json.Serialization;

namespace MailCheck.Core.Posture.Dkim;

/// <summary>The key record published for one selector (RFC 6376 §3.6.2): <c>&lt;selector&gt;._domainkey.&lt;domain&gt;</c> TXT.</summary>
public sealed record DkimKeyLookup
{
    public required string Selector { get; init; }

    public required string Domain { get; init; }

    /// <summary>The name asked for.</summary>
    public string Name => $"{Selector}._domainkey.{Domain}";

    public required DkimLookupStatus Status { get; init; }

    /// <summary>The DNS answer in one line.</summary>
    public required string Answer { get; init; }

    /// <summary>The CNAME chain the answer followed, e.g. <c>selector1._domainkey.example.com → selector1-example-com._domainkey.example.onmicrosoft.com</c>.</summary>
    public IReadOnlyList<string> Cnames { get; init; } = [];

    /// <summary>Where the CNAME chain ends, when there is one.</summary>
    public string? CnameTarget { get; init; }

    /// <summary>Every TXT record at the name (after CNAMEs), joined strings.</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The key record read (the first record that is one; or the first record when none is).</summary>
    [JsonIgnore]
    public DkimKeyRecord? Record { get; init; }

    /// <summary>The key measured from <see cref="Record"/>'s <c>p=</c>, when there is one and it is not revoked.</summary>
    public DkimKeyInfo? Key { get; init; }

    /// <summary>Key records at the name: more than one makes the result undefined (RFC 6376 §3.6.2.2).</summary>
    public int KeyRecordCount { get; init; }
}
