namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// What MailCheck found about a domain's SPF without a sending address: the record lookup, the parsed record, and the
/// whole include tree with its DNS lookup and void lookup counts, as a receiver that matches nothing would count them.
/// </summary>
public sealed record SpfAnalysis
{
    public required string Domain { get; init; }

    /// <summary>The lookup of the domain's own record.</summary>
    public required SpfRecordLookup Lookup { get; init; }

    /// <summary>The parsed record (null when there is none, several, or it does not parse).</summary>
    public SpfRecord? Record { get; init; }

    /// <summary>The syntax error of the domain's own record, when it has one.</summary>
    public SpfSyntaxError? SyntaxError { get; init; }

    /// <summary>The include tree (null unless the record parsed).</summary>
    public SpfTreeNode? Tree { get; init; }

    /// <summary>DNS-querying terms a receiver evaluates when nothing matches (limit 10, RFC 7208 §4.6.4).</summary>
    public int DnsLookups { get; init; }

    /// <summary>Terms whose lookup found nothing (limit 2, RFC 7208 §4.6.4).</summary>
    public int VoidLookups { get; init; }

    /// <summary>False when part of the tree could not be looked up, was not followed, or is an include that depends on the sender: the counts are then a minimum.</summary>
    public bool Complete { get; init; } = true;
}
