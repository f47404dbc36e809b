namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// One node of a domain's SPF include tree: the domain itself, or a DNS-querying term (include, redirect, a, mx, ptr,
/// exists) with the running count of DNS lookups a receiver has made once it evaluates that term (RFC 7208 §4.6.4).
/// </summary>
public sealed record SpfTreeNode
{
    public required SpfNodeKind Kind { get; init; }

    /// <summary>The term as written (<c>include:_spf.example.net</c>), or the domain for the root.</summary>
    public required string Term { get; init; }

    /// <summary>The domain whose record holds the term (for the root: the domain judged).</summary>
    public required string Domain { get; init; }

    /// <summary>The name the term looks up, once macros are expanded (null when it depends on the sender).</summary>
    public string? Target { get; init; }

    /// <summary>This term's place among the DNS lookups (1 = the first); null for the root.</summary>
    public int? Lookup { get; init; }

    /// <summary>Lookups this term causes, itself and everything below it.</summary>
    public int Lookups { get; init; }

    /// <summary>For the root, include and redirect: the SPF record found at <see cref="Target"/>.</summary>
    public string? Record { get; init; }

    public SpfNodeState State { get; init; }

    /// <summary>What was found, in plain words.</summary>
    public string? Note { get; init; }

    /// <summary>The DNS-querying terms of <see cref="Record"/>, in evaluation order (redirect last).</summary>
    public IReadOnlyList<SpfTreeNode> Children { get; init; } = [];
}
