using MailCheck.Core.Checks;
using MailCheck.Core.Matrix;

namespace MailCheck.Core.Comparison;

/// <summary>The per-server part of a comparison: extensions, certificate, TLS, reply codes and timings.</summary>
public static partial class CheckComparer
{
    /// <summary>
    /// Pairs the servers both checks talked to — by host when each check has one connection to it (the address may have
    /// changed), else by host and address — and compares each pair. A server only one check talked to is a change of
    /// its replies ("connect: connected → not tried").
    /// </summary>
    private static void CompareSessions(IReadOnlyList<SessionProfile> before, IReadOnlyList<SessionProfile> after, List<ComparisonChange> changes, HashSet<ComparisonArea> compared)
    {
        if (before.Count == 0 && after.Count == 0)
        {
            return;
        }

        compared.Add(ComparisonArea.Replies);
        compared.Add(ComparisonArea.Timing);
        var hosts = before.Concat(after).Select(p => p.Target.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var host in hosts)
        {
            var a = before.Where(p => Same(p.Target.Host, host)).ToList();
            var b = after.Where(p => Same(p.Target.Host, host)).ToList();
            if (a.Count == 1 && b.Count == 1)
            {
                ComparePair(a[0].Target.Address == b[0].Target.Address ? a[0].Target.Label : host, a[0], b[0], changes, compared);
                continue;
            }

            foreach (var address in a.Concat(b).Select(p => p.Target.Address).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var pa = a.FirstOrDefault(p => Same(p.Target.Address, address));
                var pb = b.FirstOrDefault(p => Same(p.Target.Address, address));
                if (pa is not null && pb is not null)
                {
                    ComparePair(pa.Target.Label, pa, pb, changes, compared);
                }
                else
                {
                    var label = (pa ?? pb)!.Target.Label;
                    var was = pa is null ? "not tried" : Connection(pa);
                    var now = pb is null ? "not tried" : Connection(pb);
                    changes.Add(new ComparisonChange(ComparisonArea.Replies, $"connect at {label}", was, now, $"connect at {label}: {was} → {now}"));
                }
            }
        }
    }

    private static void ComparePair(string label, SessionProfile a, SessionProfile b, List<ComparisonChange> changes, HashSet<ComparisonArea> compared)
    {
        CompareReplies(label, a, b, changes);
        CompareTimings(label, a, b, changes);
        if (a.LastCapabilities is not null && b.LastCapabilities is not null)
        {
            compared.Add(ComparisonArea.Capabilities);
            CompareCapabilities(label, a, b, changes);
        }

        if (a.Tls is not null || b.Tls is not null)
        {
            compared.Add(ComparisonArea.Tls);
            compared.Add(ComparisonArea.Certificate);
            CompareTls(label, a.Tls, b.Tls, changes);
        }
    }

    private static void CompareReplies(string label, SessionProfile a, SessionProfile b, List<ComparisonChange> changes)
    {
        var was = a.Replies.ToDictionary(r => r.Step, r => r.Reply, StringComparer.Ordinal);
        var now = b.Replies.ToDictionary(r => r.Step, r => r.Reply, StringComparer.Ordinal);
        var steps = a.Replies.Select(r => r.Step).Concat(b.Replies.Select(r => r.Step)).Distinct(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var before = was.GetValueOrDefault(step);
            var after = now.GetValueOrDefault(step);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new ComparisonChange(ComparisonArea.Replies, $"{step} at {label}", before, after, $"{step} at {label}: {before ?? "not reached"} → {after ?? "not reached"}"));
            }
        }
    }

    private static void CompareTimings(string label, SessionProfile a, SessionProfile b, List<ComparisonChange> changes)
    {
        var now = b.Timings.GroupBy(t => t.Step, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Took, StringComparer.Ordinal);
        foreach (var (step, took) in a.Timings)
        {
            if (now.TryGetValue(step, out var later) && IsBeyondNoise(took, later))
            {
                var sign = later > took ? "+" : "−";
                var before = TranscriptFormatter.Duration(took);
                var after = TranscriptFormatter.Duration(later);
                changes.Add(new ComparisonChange(ComparisonArea.Timing, $"{step} at {label}", before, after,
                    $"{step} at {label}: {before} → {after} ({sign}{TranscriptFormatter.Duration((later - took).Duration())})"));
            }
        }
    }

    private static void CompareCapabilities(string label, SessionProfile a, SessionProfile b, List<ComparisonChange> changes)
    {
        void Change(string what, string before, string after) =>
            changes.Add(new ComparisonChange(ComparisonArea.Capabilities, $"{what} at {label}", before, after, $"{label}: {what} {before} → {after}"));

        var startTlsBefore = a.FirstCapabilities?.StartTls == true ? "offered" : "not offered";
        var startTlsAfter = b.FirstCapabilities?.StartTls == true ? "offered" : "not offered";
        if (startTlsBefore != startTlsAfter)
        {
            Change("STARTTLS", startTlsBefore, startTlsAfter);
        }

        var capsA = a.LastCapabilities!;
        var capsB = b.LastCapabilities!;
        if (capsA.Size != capsB.Size)
        {
            Change("SIZE", Size(capsA.Size), Size(capsB.Size));
        }

        var authA = string.Join(" ", capsA.AuthMechanisms.Order(StringComparer.Ordinal));
        var authB = string.Join(" ", capsB.AuthMechanisms.Order(StringComparer.Ordinal));
        if (authA != authB)
        {
            Change("AUTH", authA.Length == 0 ? "none" : authA, authB.Length == 0 ? "none" : authB);
        }

        var wordsA = Keywords(capsA);
        var wordsB = Keywords(capsB);
        var added = wordsB.Except(wordsA, StringComparer.Ordinal).ToList();
        var removed = wordsA.Except(wordsB, StringComparer.Ordinal).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            var parts = new List<string>();
            if (added.Count > 0)
            {
                parts.Add($"added {string.Join(" ", added)}");
            }

            if (removed.Count > 0)
            {
                parts.Add($"removed {string.Join(" ", removed)}");
            }

            changes.Add(new ComparisonChange(ComparisonArea.Capabilities, $"extensions at {label}", string.Join(" ", wordsA), string.Join(" ", wordsB),
                $"{label}: extensions {string.Join("; ", parts)}"));
        }
    }

    private static void CompareTls(string label, TlsDetail? a, TlsDetail? b, List<ComparisonChange> changes)
    {
        void Change(ComparisonArea area, string what, string? before, string? after) =>
            changes.Add(new ComparisonChange(area, $"{what} at {label}", before, after, $"{label}: {what} {before ?? "none"} → {after ?? "none"}"));

        if (a is not { Succeeded: true } || b is not { Succeeded: true })
        {
            var was = Established(a);
            var now = Established(b);
            if (was != now)
            {
                Change(ComparisonArea.Tls, "TLS", was, now);
            }

            return;
        }

        if (a.Protocol != b.Protocol)
        {
            Change(ComparisonArea.Tls, "TLS version", a.Protocol, b.Protocol);
        }

        if (a.CipherSuite != b.CipherSuite)
        {
            Change(ComparisonArea.Tls, "cipher", a.CipherSuite, b.CipherSuite);
        }

        if (a.Issuer != b.Issuer)
        {
            Change(ComparisonArea.Certificate, "issuer", a.Issuer, b.Issuer);
        }

        if (a.Subject != b.Subject)
        {
            Change(ComparisonArea.Certificate, "subject", a.Subject, b.Subject);
        }

        if (a.NotAfter != b.NotAfter)
        {
            Change(ComparisonArea.Certificate, "expiry", Day(a.NotAfter), Day(b.NotAfter));
        }

        if (a.PublicKeySha256 is not null && b.PublicKeySha256 is not null && a.PublicKeySha256 != b.PublicKeySha256)
        {
            Change(ComparisonArea.Certificate, "key", Key(a), Key(b));
        }
        else if (a.Fingerprint is not null && b.Fingerprint is not null && a.Fingerprint != b.Fingerprint && a.Issuer == b.Issuer && a.NotAfter == b.NotAfter)
        {
            Change(ComparisonArea.Certificate, "certificate", Short(a.Fingerprint), Short(b.Fingerprint));
        }

        var validA = Validity(a);
        var validB = Validity(b);
        if (validA != validB)
        {
            Change(ComparisonArea.Certificate, "validity", validA, validB);
        }
    }

    private static string Established(TlsDetail? tls) => tls switch
    {
        null => "not used",
        { Succeeded: false } => "handshake failed",
        _ => tls.Protocol ?? "established",
    };

    private static string Validity(TlsDetail tls) => (tls.ChainValid, tls.HostNameMatches) switch
    {
        (true, true) => "valid",
        (false, true) => "chain not valid",
        (true, false) => "wrong name",
        _ => "chain not valid, wrong name",
    };

    private static string Key(TlsDetail tls) => $"{tls.PublicKey} (SHA-256 {Short(tls.PublicKeySha256!)})";

    private static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;

    private static string? Day(DateTimeOffset? at) => at is { } d ? MatrixCells.Day(d) : null;

    private static string Size(long? size) => size switch
    {
        null => "not advertised",
        0 => "no limit",
        { } bytes => $"{bytes} ({MatrixCells.Size(bytes)})",
    };

    private static List<string> Keywords(CapabilitiesDetail caps) => [.. caps.Extensions
        .Select(e => e.Split(' ', 2)[0].ToUpperInvariant())
        .Where(w => w is not ("SIZE" or "STARTTLS" or "AUTH") && !w.StartsWith("AUTH=", StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    private static string Connection(SessionProfile profile) => profile.Connected ? "connected" : $"failed: {profile.ConnectError}";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
