using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Spf;

/// <summary>The findings about a domain whose SPF record parsed: its include tree, its counts and its policy.</summary>
internal static class SpfTreeFindings
{
    /// <summary>Above this many lookups MailCheck warns: one more include can break SPF (RFC 7208 §4.6.4).</summary>
    public const int WarnLookups = 8;

    /// <summary>RFC 7208 §3.4: records should stay small enough for a 512-byte UDP answer.</summary>
    public const int MaxRecordBytes = 450;

    private static readonly HashSet<string> MechanismNames = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

    public static List<SpfIssue> Collect(SpfAnalysis analysis)
    {
        var issues = new List<SpfIssue>();
        var tree = analysis.Tree!;
        Walk(tree, analysis.Domain, [], issues);
        Counts(analysis, issues);
        RootRecord(analysis.Domain, analysis.Record!, issues);
        Policy(analysis.Domain, tree, analysis.Record!, issues);
        return [.. issues.DistinctBy(i => i.Text)];
    }

    private static void Walk(SpfTreeNode parent, string domain, IReadOnlyList<string> via, List<SpfIssue> issues)
    {
        foreach (var node in parent.Children)
        {
            var where = node.Domain.Equals(domain, StringComparison.OrdinalIgnoreCase) && via.Count == 0
                ? $"in {domain}'s record"
                : $"in {node.Domain}'s record (reached through {string.Join(" → ", via)})";
            if (node.Kind is SpfNodeKind.Include or SpfNodeKind.Redirect)
            {
                RecordNode(node, domain, where, issues);
                if (node.State == SpfNodeState.Ok)
                {
                    Walk(node, domain, [.. via, node.Term], issues);
                }
            }
            else
            {
                TermNode(node, where, issues);
            }
        }
    }

    private static void RecordNode(SpfTreeNode node, string domain, string where, List<SpfIssue> issues)
    {
        var section = node.Kind == SpfNodeKind.Include ? "§5.2" : "§6.1";
        var permerror = $"receivers return permerror, so SPF fails for all of {domain}'s mail";
        switch (node.State)
        {
            case SpfNodeState.NoRecord:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} has no SPF record",
                    $"{node.Term} {where}: {node.Note}; {permerror} (RFC 7208 {section}).",
                    $"Remove {node.Term} or correct the name (the sending service documents the one to include)."));
                break;
            case SpfNodeState.MultipleRecords:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} has several SPF records",
                    $"{node.Term} {where}: {node.Note}; a domain must publish one, so {permerror} (RFC 7208 §4.5, {section}).",
                    $"Ask {node.Target}'s owner to merge its records into one, or remove {node.Term}."));
                break;
            case SpfNodeState.SyntaxError:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} has a syntax error",
                    $"{node.Term} {where}: {node.Target}'s record \"{node.Record}\" has a {node.Note}; {permerror} (RFC 7208 §4.6, {section}).",
                    $"Ask {node.Target}'s owner to correct its record, or remove {node.Term}."));
                break;
            case SpfNodeState.Loop:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} loops",
                    $"{node.Term} {where}: {node.Note}. Receivers follow it until the limit of 10 DNS lookups and return permerror (RFC 7208 §4.6.4, {section}).",
                    $"Remove {node.Term}: it leads back to a record already being evaluated."));
                break;
            case SpfNodeState.InvalidName:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} names no valid domain",
                    $"{node.Term} {where}: {node.Note}; {permerror} (RFC 7208 {section}).",
                    $"Correct the domain in {node.Term}."));
                break;
            default:
                Common(node, where, issues);
                break;
        }

        if (node.State == SpfNodeState.Ok && node.Kind == SpfNodeKind.Include && SpfRecord.TryParse(node.Record!, out var included, out _)
            && included.All is { Qualifier: SpfQualifier.Pass } all)
        {
            issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} lets any host pass",
                $"{node.Term} {where}: {node.Target}'s record ends with {all.Text}, so the include matches every address and any host on the Internet passes SPF as {domain} (RFC 7208 §5.1, §5.2).",
                $"Remove {node.Term}."));
        }
    }

    private static void TermNode(SpfTreeNode node, string where, List<SpfIssue> issues)
    {
        switch (node.Kind, node.State)
        {
            case (SpfNodeKind.Ptr, _):
                issues.Add(new SpfIssue(ScoreStatus.Warn, $"{node.Term} should not be used",
                    $"{node.Term} {where}: ptr is slow, depends on reverse DNS the sender's network controls, and SHOULD NOT be used; some receivers skip it (RFC 7208 §5.5).",
                    $"Replace {node.Term} with ip4:/ip6: ranges or a: names of the hosts that send mail."));
                break;
            case (_, SpfNodeState.Void):
                issues.Add(new SpfIssue(ScoreStatus.Warn, $"{node.Term} finds nothing",
                    $"{node.Term} {where}: {node.Note}, so it never matches and counts as a void lookup; more than 2 void lookups make SPF permerror (RFC 7208 §4.6.4).",
                    $"Remove {node.Term}, or publish the records it names."));
                break;
            case (_, SpfNodeState.TooManyMx):
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{node.Term} has more than 10 MX names",
                    $"{node.Term} {where}: {node.Note}; an mx mechanism may look up at most 10, beyond that receivers return permerror (RFC 7208 §4.6.4, §5.4).",
                    $"Replace {node.Term} with ip4:/ip6: ranges of the hosts that send mail."));
                break;
            case (_, SpfNodeState.InvalidName):
                issues.Add(new SpfIssue(ScoreStatus.Warn, $"{node.Term} names no valid domain",
                    $"{node.Term} {where}: {node.Note} (RFC 7208 §4.8, §7.3).",
                    $"Correct the domain in {node.Term}."));
                break;
            default:
                Common(node, where, issues);
                break;
        }
    }

    /// <summary>States any node can have: failed lookups (could not test), terms depending on the sender, not followed.</summary>
    private static void Common(SpfTreeNode node, string where, List<SpfIssue> issues)
    {
        switch (node.State)
        {
            case SpfNodeState.DnsFailed:
                issues.Add(new SpfIssue(ScoreStatus.NotTested, $"could not look up {node.Term}",
                    $"Could not test {node.Term} {where}: {node.Note}. A temporary DNS failure is never a fail; what lies behind it is not counted (RFC 7208 §2.6.6)."));
                break;
            case SpfNodeState.DependsOnSender:
                issues.Add(new SpfIssue(ScoreStatus.Info, $"{node.Term} depends on the sender",
                    $"{node.Term} {where} uses macros that depend on the sender, so it counts as one DNS lookup here and is not followed (RFC 7208 §7, §4.6.4)."));
                break;
            case SpfNodeState.NotFollowed:
                issues.Add(new SpfIssue(ScoreStatus.Info, "lookup count is a minimum",
                    $"{node.Term} {where} was {node.Note}; the counts are a minimum (RFC 7208 §4.6.4)."));
                break;
            default:
                break;
        }
    }

    private static void Counts(SpfAnalysis analysis, List<SpfIssue> issues)
    {
        var n = analysis.DnsLookups;
        var atLeast = analysis.Complete ? "" : "at least ";
        if (n > SpfEvaluation.MaxLookups)
        {
            var eleventh = Find(analysis.Tree!, SpfEvaluation.MaxLookups + 1);
            var where = eleventh is null ? "" : $" The 11th is {eleventh.Term} in {eleventh.Domain}'s record.";
            issues.Add(new SpfIssue(ScoreStatus.Fail, $"{atLeast}{n} DNS lookups, over the limit of 10",
                $"Evaluating {analysis.Domain}'s SPF takes {atLeast}{n} DNS lookups (include, a, mx, ptr, exists, redirect); receivers stop at 10 and return permerror for every sender not matched by then (RFC 7208 §4.6.4).{where}",
                $"Cut it to 10 lookups or fewer: {Heaviest(analysis.Tree!)}; replace includes you control with their ip4:/ip6: ranges, and a/mx with ip4:/ip6:."));
        }
        else if (n >= WarnLookups)
        {
            issues.Add(new SpfIssue(ScoreStatus.Warn, $"{atLeast}{n} of 10 DNS lookups",
                $"Evaluating {analysis.Domain}'s SPF takes {atLeast}{n} of the 10 DNS lookups receivers allow: an include that grows, or one more added, breaks SPF with permerror (RFC 7208 §4.6.4).",
                $"Make room under the limit: {Heaviest(analysis.Tree!)}; replace a/mx and includes you control with ip4:/ip6: ranges."));
        }
        else
        {
            issues.Add(new SpfIssue(ScoreStatus.Pass, $"{atLeast}{n} of 10 DNS lookups",
                $"Evaluating {analysis.Domain}'s SPF takes {atLeast}{n} of the 10 DNS lookups receivers allow (RFC 7208 §4.6.4)."));
        }

        if (analysis.VoidLookups > SpfEvaluation.DefaultMaxVoidLookups)
        {
            issues.Add(new SpfIssue(ScoreStatus.Fail, $"{analysis.VoidLookups} void lookups, over the limit of 2",
                $"{analysis.VoidLookups} terms look up names that have no records; receivers allow 2 such void lookups and then return permerror (RFC 7208 §4.6.4).",
                "Remove the a:, mx: and exists: terms whose names have no records."));
        }
    }

    private static void RootRecord(string domain, SpfRecord record, List<SpfIssue> issues)
    {
        if (record.ByteLength > MaxRecordBytes)
        {
            issues.Add(new SpfIssue(ScoreStatus.Warn, $"record is {record.ByteLength} bytes",
                $"The record is {record.ByteLength} bytes, over {MaxRecordBytes}: with the other TXT records at {domain} the answer may not fit in a 512-byte UDP reply, and some receivers then fail to fetch it (RFC 7208 §3.4).",
                "Shorten it: merge ip4:/ip6: addresses into CIDR ranges, or move part of it to an include: under your domain."));
        }

        if (record.All is { } all)
        {
            var after = record.Mechanisms.SkipWhile(m => !ReferenceEquals(m, all)).Skip(1).Select(m => m.Text).ToList();
            if (after.Count > 0)
            {
                issues.Add(new SpfIssue(ScoreStatus.Warn, "terms after all are ignored",
                    $"{string.Join(" ", after)} after {all.Text} are never evaluated: evaluation ends at all (RFC 7208 §5.1).",
                    $"Move {string.Join(" ", after)} before {all.Text}, or remove them."));
            }

            if (record.Redirect is { } redirect)
            {
                issues.Add(new SpfIssue(ScoreStatus.Warn, $"{redirect.Text} is ignored",
                    $"{redirect.Text} is ignored because the record has {all.Text}, wherever each stands (RFC 7208 §6.1).",
                    $"Remove {redirect.Text}, or remove {all.Text} if the other domain's policy should apply."));
            }
        }

        foreach (var modifier in record.UnknownModifiers)
        {
            if (MechanismNames.Contains(modifier.Name))
            {
                issues.Add(new SpfIssue(ScoreStatus.Warn, $"{modifier.Text} is ignored",
                    $"\"{modifier.Text}\" has '=' where a mechanism takes ':', so it is read as an unknown modifier and ignored (RFC 7208 §6, §5).",
                    $"Write {modifier.Name}:{modifier.Value} instead of {modifier.Text}."));
                continue;
            }

            issues.Add(modifier.Name == "v"
                ? new SpfIssue(ScoreStatus.Warn, "a second v=spf1 inside the record",
                    $"\"{modifier.Text}\" in the middle of the record is read as an unknown modifier and ignored: two records were probably pasted into one (RFC 7208 §6, §4.5).",
                    $"Keep a single v=spf1 at the start and remove \"{modifier.Text}\".")
                : new SpfIssue(ScoreStatus.Info, $"{modifier.Name}= is ignored",
                    $"{modifier.Text} is not an SPF modifier; receivers ignore it (RFC 7208 §6)."));
        }

        if (record.Explanation is { } exp)
        {
            issues.Add(new SpfIssue(ScoreStatus.Info, "exp= explains failures",
                $"{exp.Text}: a receiver that rejects mail for failing SPF may quote the explanation published there (RFC 7208 §6.2)."));
        }
    }

    /// <summary>The policy for hosts not listed: the all of the record, or of the record redirect= leads to.</summary>
    private static void Policy(string domain, SpfTreeNode tree, SpfRecord record, List<SpfIssue> issues)
    {
        var node = tree;
        while (record.All is null && record.RedirectApplies)
        {
            node = node.Children[^1];
            if (node.State != SpfNodeState.Ok || !SpfRecord.TryParse(node.Record!, out var next, out _))
            {
                return;
            }

            record = next;
        }

        var source = ReferenceEquals(node, tree) ? "The record" : $"{node.Target}'s record (through {node.Term})";
        switch (record.All?.Qualifier)
        {
            case null:
                issues.Add(new SpfIssue(ScoreStatus.Warn, "no all: hosts not listed get neutral",
                    $"{source} has neither all nor redirect=, so mail from hosts it does not list gets neutral — the same as no policy (RFC 7208 §4.7, §2.6.2).",
                    "End the record with -all (or ~all)."));
                break;
            case SpfQualifier.Pass:
                issues.Add(new SpfIssue(ScoreStatus.Fail, $"{record.All.Text} lets any host send as {domain}",
                    $"{source} ends with {record.All.Text}: every host on the Internet passes SPF as {domain} (RFC 7208 §5.1, §2.6.3).",
                    $"Replace {record.All.Text} with -all (or ~all) once every host that sends {domain}'s mail is listed."));
                break;
            case SpfQualifier.Neutral:
                issues.Add(new SpfIssue(ScoreStatus.Warn, "?all says nothing about other hosts",
                    $"{source} ends with ?all: mail from hosts it does not list gets neutral, the same as no policy (RFC 7208 §2.6.2).",
                    "End the record with -all (or ~all)."));
                break;
            case SpfQualifier.SoftFail:
                issues.Add(new SpfIssue(ScoreStatus.Pass, "~all",
                    $"{source} ends with ~all: hosts it does not list get softfail (RFC 7208 §2.6.5, §8.5). Under DMARC most receivers treat ~all and -all alike; -all also lets a receiver reject before DMARC."));
                break;
            default:
                issues.Add(new SpfIssue(ScoreStatus.Pass, "-all",
                    $"{source} ends with -all: hosts it does not list fail SPF (RFC 7208 §2.6.4, §8.4). Some receivers reject on it before DMARC is evaluated; ~all avoids that, and under DMARC the two are mostly treated alike."));
                break;
        }
    }

    private static SpfTreeNode? Find(SpfTreeNode node, int lookup)
    {
        foreach (var child in node.Children)
        {
            if (child.Lookup == lookup)
            {
                return child;
            }

            if (Find(child, lookup) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The terms of the domain's own record that cost the most lookups, e.g. "include:_spf.example.net costs 4".</summary>
    private static string Heaviest(SpfTreeNode tree)
    {
        var top = tree.Children.Where(c => c.Lookups > 1).OrderByDescending(c => c.Lookups).Take(3).Select(c => $"{c.Term} costs {c.Lookups}").ToList();
        return top.Count == 0 ? "each a, mx, ptr and exists term costs one" : string.Join(", ", top);
    }
}
