using System.Net;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// Follows every DNS-querying term of a record, depth first in evaluation order, numbering the lookups as a receiver
/// would count them (RFC 7208 §4.6.4).
/// </summary>
internal sealed class SpfTreeWalker(CheckDns dns, string topDomain)
{
    private const string SenderLetters = "do";

    private static readonly DnsRecordType[] AddressTypes = [DnsRecordType.A, DnsRecordType.AAAA];

    private int _followed;

    /// <summary>DNS-querying terms counted so far.</summary>
    public int Lookups { get; private set; }

    /// <summary>Void lookups counted so far.</summary>
    public int Voids { get; private set; }

    /// <summary>False once a lookup failed or a term was not followed.</summary>
    public bool Complete { get; private set; } = true;

    /// <summary>The nodes for <paramref name="record"/>'s DNS-querying terms, as evaluated: up to all, then redirect.</summary>
    public async Task<IReadOnlyList<SpfTreeNode>> WalkAsync(SpfRecord record, string domain, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var nodes = new List<SpfTreeNode>();
        foreach (var mechanism in record.Mechanisms)
        {
            if (mechanism.Kind == SpfMechanismKind.Include)
            {
                nodes.Add(await RecordTermAsync(SpfNodeKind.Include, mechanism.Text, mechanism.DomainSpec!, domain, path, cancellationToken).ConfigureAwait(false));
            }
            else if (mechanism.CountsAsLookup)
            {
                nodes.Add(await TermAsync(mechanism, domain, cancellationToken).ConfigureAwait(false));
            }
            else if (mechanism.Kind == SpfMechanismKind.All)
            {
                // Terms after all are never evaluated (RFC 7208 §5.1).
                break;
            }
        }

        if (record.RedirectApplies)
        {
            var redirect = record.Redirect!;
            nodes.Add(await RecordTermAsync(SpfNodeKind.Redirect, redirect.Text, redirect.Macro, domain, path, cancellationToken).ConfigureAwait(false));
        }

        return nodes;
    }

    /// <summary>include and redirect: the target's record, followed.</summary>
    private async Task<SpfTreeNode> RecordTermAsync(SpfNodeKind kind, string term, SpfMacroString spec, string domain, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var node = new SpfTreeNode { Kind = kind, Term = term, Domain = domain, Lookup = ++Lookups, Lookups = 1 };
        var target = await TargetAsync(spec, domain, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            // What the record there costs is unknown: the count is a minimum.
            Complete = false;
            return node with { State = SpfNodeState.DependsOnSender, Note = "depends on the sender (macros): counted, not followed" };
        }

        node = node with { Target = target };
        if (!SpfDomainName.IsValid(target))
        {
            return node with { State = SpfNodeState.InvalidName, Note = $"'{target}' is not a valid domain name" };
        }

        if (path.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            return node with { State = SpfNodeState.Loop, Note = $"{target} is already being evaluated: a loop" };
        }

        if (Stop())
        {
            return node with { State = SpfNodeState.NotFollowed, Note = $"not followed: MailCheck follows at most {SpfAnalyzer.MaxFollowedLookups} lookups" };
        }

        var lookup = await SpfRecordLookup.FetchAsync(dns, target, cancellationToken).ConfigureAwait(false);
        switch (lookup.Status)
        {
            case SpfLookupStatus.Failed:
                Complete = false;
                return node with { State = SpfNodeState.DnsFailed, Note = $"the TXT lookup failed: {lookup.Answer!.Describe()}" };
            case SpfLookupStatus.NoSuchDomain:
                return node with { State = SpfNodeState.NoRecord, Note = $"{target} does not exist (NXDOMAIN)" };
            case SpfLookupStatus.NoRecord:
                return node with { State = SpfNodeState.NoRecord, Note = $"{target} publishes no SPF record" };
            case SpfLookupStatus.Multiple:
                return node with { State = SpfNodeState.MultipleRecords, Record = string.Join(" | ", lookup.Records), Note = $"{target} publishes {lookup.Records.Count} SPF records" };
            default:
                break;
        }

        if (!SpfRecord.TryParse(lookup.Record!, out var record, out var error))
        {
            return node with { State = SpfNodeState.SyntaxError, Record = lookup.Record, Note = $"syntax error at {error}" };
        }

        var children = await WalkAsync(record, target, [.. path, target], cancellationToken).ConfigureAwait(false);
        return node with { Record = record.Text, Children = children, Lookups = 1 + children.Sum(c => c.Lookups) };
    }

    /// <summary>a, mx, ptr and exists.</summary>
    private async Task<SpfTreeNode> TermAsync(SpfMechanism mechanism, string domain, CancellationToken cancellationToken)
    {
        var kind = mechanism.Kind switch
        {
            SpfMechanismKind.A => SpfNodeKind.A,
            SpfMechanismKind.Mx => SpfNodeKind.Mx,
            SpfMechanismKind.Ptr => SpfNodeKind.Ptr,
            _ => SpfNodeKind.Exists,
        };
        var node = new SpfTreeNode { Kind = kind, Term = mechanism.Text, Domain = domain, Lookup = ++Lookups, Lookups = 1 };
        var target = mechanism.DomainSpec is null ? domain : await TargetAsync(mechanism.DomainSpec, domain, cancellationToken).ConfigureAwait(false);
        if (kind == SpfNodeKind.Ptr)
        {
            return node with { Target = target, State = SpfNodeState.DependsOnSender, Note = "checks the sending address's reverse DNS: nothing to look up without a sender" };
        }

        if (target is null)
        {
            return node with { State = SpfNodeState.DependsOnSender, Note = "depends on the sender (macros): counted, not looked up" };
        }

        node = node with { Target = target };
        if (!SpfDomainName.IsValid(target))
        {
            return node with { State = SpfNodeState.InvalidName, Note = $"'{target}' is not a valid domain name: matches nothing" };
        }

        if (Stop())
        {
            return node with { State = SpfNodeState.NotFollowed, Note = $"not looked up: MailCheck follows at most {SpfAnalyzer.MaxFollowedLookups} lookups" };
        }

        return kind switch
        {
            SpfNodeKind.A => await AddressAsync(node, target, cancellationToken).ConfigureAwait(false),
            SpfNodeKind.Mx => await MxAsync(node, target, cancellationToken).ConfigureAwait(false),
            _ => await ExistsAsync(node, target, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>a: void only when the name has neither A nor AAAA (a receiver asks one family, by the sender's).</summary>
    private async Task<SpfTreeNode> AddressAsync(SpfTreeNode node, string target, CancellationToken cancellationToken)
    {
        var addresses = new List<string>();
        foreach (var type in AddressTypes)
        {
            var answer = await dns.QueryAsync(target, type, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
            if (answer.Failed)
            {
                return Failed(node, answer);
            }

            addresses.AddRange(answer.Records.Select(r => r.Address).OfType<string>());
            if (addresses.Count > 0)
            {
                return node with { Note = $"{target}: {Summary(addresses)}" };
            }
        }

        Voids++;
        return node with { State = SpfNodeState.Void, Note = $"{target} has no A or AAAA record" };
    }

    /// <summary>mx: more than 10 MX records is permerror (RFC 7208 §4.6.4); no MX is a void lookup.</summary>
    private async Task<SpfTreeNode> MxAsync(SpfTreeNode node, string target, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(target, DnsRecordType.MX, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return Failed(node, answer);
        }

        var hosts = answer.Records.Select(r => r.Target).OfType<string>().ToList();
        if (hosts.Count == 0)
        {
            Voids++;
            return node with { State = SpfNodeState.Void, Note = $"{target} has no MX record" };
        }

        if (hosts.Count > SpfEvaluation.MaxMxNames)
        {
            return node with { State = SpfNodeState.TooManyMx, Note = $"{target} has {hosts.Count} MX records" };
        }

        return node with { Note = hosts.All(h => h == ".") ? $"{target} has a null MX: matches nothing" : $"{target}: MX {Summary(hosts)}" };
    }

    private async Task<SpfTreeNode> ExistsAsync(SpfTreeNode node, string target, CancellationToken cancellationToken)
    {
        var answer = await dns.QueryAsync(target, DnsRecordType.A, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return Failed(node, answer);
        }

        if (answer.Records.Count == 0)
        {
            Voids++;
            return node with { State = SpfNodeState.Void, Note = $"{target} has no A record" };
        }

        return node with { Note = $"{target} exists" };
    }

    private SpfTreeNode Failed(SpfTreeNode node, DnsAnswer answer)
    {
        Complete = false;
        return node with { State = SpfNodeState.DnsFailed, Note = $"the {answer.Type} lookup failed: {answer.Describe()}" };
    }

    private bool Stop()
    {
        if (_followed >= SpfAnalyzer.MaxFollowedLookups)
        {
            Complete = false;
            return true;
        }

        _followed++;
        return false;
    }

    /// <summary>
    /// The target of a domain-spec when it can be known without a sender: literal text, %{d} (the record's domain) and
    /// %{o} (the sender's domain, taken as the domain judged). Null when it depends on the sender.
    /// </summary>
    private async Task<string?> TargetAsync(SpfMacroString spec, string domain, CancellationToken cancellationToken)
    {
        if (spec.Letters.Any(l => !SenderLetters.Contains(l, StringComparison.Ordinal)))
        {
            return null;
        }

        var context = new SpfMacroContext
        {
            Sender = "postmaster@" + topDomain,
            LocalPart = "postmaster",
            SenderDomain = topDomain,
            Domain = domain,
            Ip = IPAddress.None,
            Helo = "",
        };
        return SpfMacroExpander.ToTargetName(await SpfMacroExpander.ExpandAsync(spec, context, cancellationToken).ConfigureAwait(false));
    }

    private static string Summary(List<string> items) => items.Count <= 4 ? string.Join(", ", items) : $"{string.Join(", ", items.Take(4))} and {items.Count - 4} more";
}
