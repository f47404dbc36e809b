using MailCheck.Core.Checks;
using MailCheck.Core.Documents;

namespace MailCheck.Core.Comparison;

/// <summary>
/// Compares two checks, usually two runs against one domain: the outcome, the MX set and preferences, the addresses,
/// then for each mail server both checks talked to the extensions, the certificate, TLS, the reply code of each step
/// and each step's time beyond noise, and finally the scorecard items whose status changed. The one builder behind
/// the API and the page.
/// </summary>
public static partial class CheckComparer
{
    /// <summary>A timing difference smaller than this is noise, whatever the ratio.</summary>
    public static readonly TimeSpan NoiseFloor = TimeSpan.FromMilliseconds(50);

    /// <summary>A timing difference smaller than this share of the earlier time is noise.</summary>
    public const double NoiseRatio = 0.5;

    /// <summary>The noise rule in words (also in the comparison's JSON).</summary>
    public const string NoiseRule = "a step's time changed when it moved by more than 50 ms and by more than half of the earlier time";

    /// <summary>
    /// Compares <paramref name="a"/> and <paramref name="b"/>; the earlier one (by creation time) is "before". Checks of
    /// different domains may be compared; the comparison says so.
    /// </summary>
    public static CheckComparison Compare(CheckSnapshot a, CheckSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (before, after) = b.CreatedAt < a.CreatedAt ? (b, a) : (a, b);
        var changes = new List<ComparisonChange>();
        var compared = new HashSet<ComparisonArea>();

        CompareOutcome(before, after, changes, compared);
        CompareMx(before.Events, after.Events, changes, compared);
        CompareSessions(SessionProfile.Of(before.Events), SessionProfile.Of(after.Events), changes, compared);
        var sameDomain = string.Equals(before.Request.Domain, after.Request.Domain, StringComparison.OrdinalIgnoreCase);
        var notes = Notes(before, after, sameDomain);
        CompareScorecards(before, after, changes, compared, notes);

        var unchanged = Enum.GetValues<ComparisonArea>().Where(area => compared.Contains(area) && changes.All(c => c.Area != area)).ToList();
        return new CheckComparison
        {
            Before = Side(before),
            After = Side(after),
            SameDomain = sameDomain,
            Notes = notes,
            Changes = [.. changes.OrderBy(c => c.Area)],
            Unchanged = unchanged,
            UnchangedText = unchanged.Count == 0 ? null : $"Everything else is the same: {string.Join(", ", unchanged.Select(AreaName))}.",
        };
    }

    /// <summary>
    /// True when a step's time moved by more than <see cref="NoiseFloor"/> and by more than <see cref="NoiseRatio"/> of the
    /// earlier time: 40 ms → 80 ms is noise, 40 ms → 400 ms is not, 3 s → 3.4 s is not a change worth naming.
    /// </summary>
    public static bool IsBeyondNoise(TimeSpan before, TimeSpan after)
    {
        var delta = (after - before).Duration();
        return delta > NoiseFloor && delta.TotalMilliseconds > before.TotalMilliseconds * NoiseRatio;
    }

    /// <summary>The name of an area in the "everything else is the same" line.</summary>
    public static string AreaName(ComparisonArea area) => area switch
    {
        ComparisonArea.Outcome => "the outcome",
        ComparisonArea.Mx => "the MX hosts",
        ComparisonArea.Addresses => "their addresses",
        ComparisonArea.Capabilities => "the extensions offered",
        ComparisonArea.Certificate => "the certificates",
        ComparisonArea.Tls => "the TLS versions",
        ComparisonArea.Replies => "the reply codes",
        ComparisonArea.Timing => "the timings",
        _ => "the scorecard",
    };

    private static CheckComparisonSide Side(CheckSnapshot check) => new()
    {
        Id = check.Id,
        Domain = check.Request.Domain,
        CreatedAt = check.CreatedAt,
        Status = check.Status,
        Outcome = check.Outcome ?? CheckEvents.Result(check.Events)?.Outcome,
        Summary = check.Summary ?? CheckEvents.Result(check.Events)?.Summary,
        Mode = check.Request.Mode,
        Scope = check.Request.Scope,
        Port = check.Request.Port,
        Tls = check.Request.Tls,
    };

    private static List<string> Notes(CheckSnapshot before, CheckSnapshot after, bool sameDomain)
    {
        var notes = new List<string>();
        if (!sameDomain)
        {
            notes.Add($"These checks are of different domains ({before.Request.Domain} and {after.Request.Domain}): differences are expected.");
        }

        if (before.Request.Mode != after.Request.Mode || before.Request.Scope != after.Request.Scope)
        {
            notes.Add($"The checks differ in what they did ({Describe(before.Request)} and {Describe(after.Request)}): steps one did not take show as added or removed.");
        }

        if (before.Request.Port != after.Request.Port || before.Request.Tls != after.Request.Tls)
        {
            notes.Add($"The checks used different settings (port {before.Request.Port}, TLS {Name(before.Request.Tls)}; port {after.Request.Port}, TLS {Name(after.Request.Tls)}).");
        }

        foreach (var check in new[] { before, after }.Where(c => c.Status != CheckStatus.Finished))
        {
            notes.Add($"Check {check.Id} is still {Name(check.Status)}: the comparison covers what it did so far.");
        }

        return notes;
    }

    private static string Describe(RedactedRequest request) =>
        $"{Name(request.Mode)}{(request.Scope == CheckScope.All ? " of every MX" : "")}";

    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static void CompareOutcome(CheckSnapshot before, CheckSnapshot after, List<ComparisonChange> changes, HashSet<ComparisonArea> compared)
    {
        var a = CheckEvents.Result(before.Events);
        var b = CheckEvents.Result(after.Events);
        if (a is null || b is null)
        {
            return;
        }

        compared.Add(ComparisonArea.Outcome);
        if (a.Outcome != b.Outcome)
        {
            var from = TranscriptFormatter.OutcomeName(a.Outcome);
            var to = TranscriptFormatter.OutcomeName(b.Outcome);
            changes.Add(new ComparisonChange(ComparisonArea.Outcome, "outcome", from, to, $"Outcome: {from} → {to}"));
        }

        if (!string.Equals(a.Summary, b.Summary, StringComparison.Ordinal))
        {
            changes.Add(new ComparisonChange(ComparisonArea.Outcome, "summary", a.Summary, b.Summary, $"Summary: \"{a.Summary}\" → \"{b.Summary}\""));
        }
    }

    private static void CompareMx(IReadOnlyList<CheckEvent> before, IReadOnlyList<CheckEvent> after, List<ComparisonChange> changes, HashSet<ComparisonArea> compared)
    {
        var a = before.Select(e => e.Detail).OfType<MxDetail>().LastOrDefault();
        var b = after.Select(e => e.Detail).OfType<MxDetail>().LastOrDefault();
        if (a is null || b is null)
        {
            if (a is not null || b is not null)
            {
                compared.Add(ComparisonArea.Mx);
                var (was, now) = (a is null ? null : HostList(a), b is null ? null : HostList(b));
                changes.Add(new ComparisonChange(ComparisonArea.Mx, "MX", was, now, $"MX hosts: {was ?? "not looked up"} → {now ?? "not looked up"}"));
            }

            return;
        }

        compared.Add(ComparisonArea.Mx);
        compared.Add(ComparisonArea.Addresses);
        if (a.Implicit != b.Implicit)
        {
            changes.Add(new ComparisonChange(ComparisonArea.Mx, "MX", Kind(a), Kind(b), $"MX: {Kind(a)} → {Kind(b)}"));
        }

        var hostsA = a.Hosts.GroupBy(h => h.Host, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var hostsB = b.Hosts.GroupBy(h => h.Host, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var gone in hostsA.Values.Where(h => !hostsB.ContainsKey(h.Host)))
        {
            changes.Add(new ComparisonChange(ComparisonArea.Mx, gone.Host, $"{gone.Preference}", null, $"{gone.Host} (preference {gone.Preference}) removed"));
        }

        foreach (var added in hostsB.Values.Where(h => !hostsA.ContainsKey(h.Host)))
        {
            changes.Add(new ComparisonChange(ComparisonArea.Mx, added.Host, null, $"{added.Preference}", $"{added.Host} (preference {added.Preference}) added"));
        }

        foreach (var host in hostsA.Values.Where(h => hostsB.ContainsKey(h.Host)))
        {
            var other = hostsB[host.Host];
            if (host.Preference != other.Preference)
            {
                changes.Add(new ComparisonChange(ComparisonArea.Mx, host.Host, $"{host.Preference}", $"{other.Preference}", $"{host.Host}: preference {host.Preference} → {other.Preference}"));
            }

            var was = host.Addresses.Select(x => x.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var now = other.Addresses.Select(x => x.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!was.SetEquals(now))
            {
                var parts = new List<string>();
                var added = now.Except(was, StringComparer.OrdinalIgnoreCase).ToList();
                var removed = was.Except(now, StringComparer.OrdinalIgnoreCase).ToList();
                if (added.Count > 0)
                {
                    parts.Add($"{string.Join(", ", added)} added");
                }

                if (removed.Count > 0)
                {
                    parts.Add($"{string.Join(", ", removed)} removed");
                }

                changes.Add(new ComparisonChange(ComparisonArea.Addresses, host.Host, Addresses(host), Addresses(other), $"{host.Host}: {string.Join("; ", parts)}"));
            }
        }
    }

    private static string HostList(MxDetail mx) => mx.Hosts.Count == 0 ? "none" : string.Join(", ", mx.Hosts.Select(h => $"{h.Preference} {h.Host}"));

    private static string Kind(MxDetail mx) => mx.Implicit ? "no MX record (the domain's own address, RFC 5321 §5.1)" : "MX records";

    private static string Addresses(Dns.MxHost host) => host.Addresses.Count == 0 ? "none" : string.Join(", ", host.Addresses.Select(a => a.Address));
}
