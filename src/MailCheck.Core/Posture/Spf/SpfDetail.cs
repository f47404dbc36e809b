using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// The data of the <c>spf</c> event: the domain's record, its include tree with the running DNS lookup count, the counts
/// (RFC 7208 §4.6.4), and the <c>spf</c> scorecard item in <see cref="PostureDetail.Items"/>.
/// </summary>
public sealed record SpfDetail : PostureDetail
{
    /// <summary>The domain judged (null when the check has none: an address literal).</summary>
    public string? Domain { get; init; }

    /// <summary>The domain's SPF record, when it has exactly one.</summary>
    public string? Record { get; init; }

    /// <summary>Every <c>v=spf1</c> record found at the domain (several is permerror, RFC 7208 §4.5).</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The include tree: the domain's DNS-querying terms, each with its place in the lookup count.</summary>
    public SpfTreeNode? Tree { get; init; }

    /// <summary>DNS-querying terms a receiver evaluates when nothing matches (limit 10).</summary>
    public int DnsLookups { get; init; }

    /// <summary>Terms whose lookup found nothing (limit 2).</summary>
    public int VoidLookups { get; init; }

    /// <summary>False when part of the tree could not be looked up, was not followed, or depends on the sender: the counts are then a minimum.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>The detail of an analysis, with its scorecard item.</summary>
    public static SpfDetail From(SpfAnalysis analysis, ScorecardItem item)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(item);
        return new SpfDetail
        {
            Domain = analysis.Domain,
            Record = analysis.Lookup.Record,
            Records = analysis.Lookup.Records,
            Tree = analysis.Tree,
            DnsLookups = analysis.DnsLookups,
            VoidLookups = analysis.VoidLookups,
            Complete = analysis.Complete,
            Items = [item],
        };
    }
}
