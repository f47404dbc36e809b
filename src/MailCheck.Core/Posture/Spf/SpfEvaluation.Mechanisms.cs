using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>The mechanisms of RFC 7208 §5.</summary>
internal sealed partial class SpfEvaluation
{
    private DnsRecordType AddressType => _ip.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.AAAA;

    private async Task<MatchOutcome> MatchAsync(SpfMechanism mechanism, string domain, int depth, CancellationToken cancellationToken)
    {
        if (mechanism.CountsAsLookup && CountLookup(mechanism.Text) is { } over)
        {
            return new MatchOutcome(false, over.Reason, over);
        }

        switch (mechanism.Kind)
        {
            case SpfMechanismKind.All:
                return new MatchOutcome(true, $"{mechanism.Text}: all always matches (RFC 7208 §5.1).");
            case SpfMechanismKind.Ip4 or SpfMechanismKind.Ip6:
                var prefix = mechanism.Kind == SpfMechanismKind.Ip4 ? mechanism.Ip4Prefix : mechanism.Ip6Prefix;
                var inNetwork = SpfNetwork.Contains(mechanism.Network!, prefix, _ip);
                return new MatchOutcome(inNetwork, $"{mechanism.Text}: {IpText} is {(inNetwork ? "" : "not ")}in {mechanism.Network}/{prefix} (RFC 7208 §5.6).");
            default:
                break;
        }

        var target = mechanism.DomainSpec is null ? domain : await TargetAsync(mechanism.DomainSpec, domain, cancellationToken).ConfigureAwait(false);
        if (mechanism.Kind == SpfMechanismKind.Include)
        {
            return await IncludeAsync(mechanism, target, depth, cancellationToken).ConfigureAwait(false);
        }

        if (!SpfDomainName.IsValid(target))
        {
            // RFC 7208 leaves this undefined (§4.8); like an unusable domain in §4.3, the name cannot exist: no match.
            return new MatchOutcome(false, $"{mechanism.Text}: '{target}' is not a valid domain name, so it matches nothing.");
        }

        return mechanism.Kind switch
        {
            SpfMechanismKind.A => await AddressAsync(mechanism, target, cancellationToken).ConfigureAwait(false),
            SpfMechanismKind.Mx => await MxAsync(mechanism, target, cancellationToken).ConfigureAwait(false),
            SpfMechanismKind.Ptr => await PtrAsync(mechanism, target, cancellationToken).ConfigureAwait(false),
            _ => await ExistsAsync(mechanism, target, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>include (RFC 7208 §5.2): matches on pass; fail, softfail and neutral do not match; none is permerror.</summary>
    private async Task<MatchOutcome> IncludeAsync(SpfMechanism mechanism, string target, int depth, CancellationToken cancellationToken)
    {
        if (!SpfDomainName.IsValid(target))
        {
            var invalid = new Outcome(SpfResult.PermError, $"{mechanism.Text} points to '{target}', which is not a valid domain name (RFC 7208 §5.2)");
            return new MatchOutcome(false, invalid.Reason, invalid);
        }

        var inner = await CheckHostAsync(target, depth + 1, explain: false, cancellationToken).ConfigureAwait(false);
        return inner.Result switch
        {
            SpfResult.Pass => new MatchOutcome(true, $"{mechanism.Text}: {target} gives pass, so include matches (RFC 7208 §5.2)."),
            SpfResult.Fail or SpfResult.SoftFail or SpfResult.Neutral =>
                new MatchOutcome(false, $"{mechanism.Text}: {target} gives {SpfText.Name(inner.Result)}, so include does not match (RFC 7208 §5.2)."),
            SpfResult.None => Abort(SpfResult.PermError, $"{mechanism.Text}: {inner.Reason}; including a domain without an SPF record is permerror (RFC 7208 §5.2)"),
            _ => Abort(inner.Result, $"{mechanism.Text}: {inner.Reason}"),
        };
    }

    /// <summary>a (RFC 7208 §5.3): the target's addresses of the client's family, compared with the CIDR length.</summary>
    private async Task<MatchOutcome> AddressAsync(SpfMechanism mechanism, string target, CancellationToken cancellationToken)
    {
        var answer = await _dns.QueryAsync(target, AddressType, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return DnsFailed(mechanism, answer, "§5.3");
        }

        var addresses = Addresses(answer);
        if (addresses.Count == 0)
        {
            return Void(mechanism, $"{target} has no {AddressType} record");
        }

        var prefix = _ip.AddressFamily == AddressFamily.InterNetwork ? mechanism.Ip4Prefix : mechanism.Ip6Prefix;
        var matched = addresses.Any(a => SpfNetwork.Contains(a, prefix, _ip));
        return new MatchOutcome(matched, $"{mechanism.Text}: {target} {AddressType} {string.Join(", ", addresses)}; {IpText} {(matched ? "matches" : "does not match")} /{prefix} (RFC 7208 §5.3).");
    }

    /// <summary>
    /// mx (RFC 7208 §5.4): the addresses of the target's MX hosts; no implicit MX; more than 10 MX names is permerror
    /// (§4.6.4).
    /// </summary>
    private async Task<MatchOutcome> MxAsync(SpfMechanism mechanism, string target, CancellationToken cancellationToken)
    {
        var answer = await _dns.QueryAsync(target, DnsRecordType.MX, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return DnsFailed(mechanism, answer, "§5.4");
        }

        if (answer.Records.Count == 0)
        {
            return Void(mechanism, $"{target} has no MX record (SPF does not fall back to its A record, RFC 7208 §5.4)");
        }

        if (answer.Records.Count > MaxMxNames)
        {
            return Abort(SpfResult.PermError, $"{mechanism.Text}: {target} has {answer.Records.Count} MX records; an mx mechanism may look up at most {MaxMxNames} (RFC 7208 §4.6.4)");
        }

        var prefix = _ip.AddressFamily == AddressFamily.InterNetwork ? mechanism.Ip4Prefix : mechanism.Ip6Prefix;
        foreach (var host in answer.Records.Select(r => r.Target).OfType<string>().Where(t => t != "."))
        {
            var addresses = await _dns.QueryAsync(host, AddressType, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
            if (addresses.Failed)
            {
                return DnsFailed(mechanism, addresses, "§5.4");
            }

            if (Addresses(addresses).Any(a => SpfNetwork.Contains(a, prefix, _ip)))
            {
                return new MatchOutcome(true, $"{mechanism.Text}: {IpText} is an address of {target}'s MX host {host} (/{prefix}) (RFC 7208 §5.4).");
            }
        }

        return new MatchOutcome(false, $"{mechanism.Text}: {IpText} is not an address of {target}'s MX hosts (RFC 7208 §5.4).");
    }

    /// <summary>ptr (RFC 7208 §5.5): a validated name of the client at or below the target. "SHOULD NOT be used".</summary>
    private async Task<MatchOutcome> PtrAsync(SpfMechanism mechanism, string target, CancellationToken cancellationToken)
    {
        var names = await ValidatedNamesAsync(cancellationToken).ConfigureAwait(false);
        if (names.Void && CountVoid(mechanism.Text) is { } over)
        {
            return new MatchOutcome(false, over.Reason, over);
        }

        var match = names.Names.FirstOrDefault(n => SpfDomainName.IsAtOrBelow(n, target));
        var text = match is not null
            ? $"{mechanism.Text}: {IpText}'s validated name {match} is at or below {target} (RFC 7208 §5.5)."
            : names.Names.Count == 0
                ? $"{mechanism.Text}: {IpText} has no validated reverse name ({names.Why}) (RFC 7208 §5.5)."
                : $"{mechanism.Text}: no validated name of {IpText} ({string.Join(", ", names.Names)}) is at or below {target} (RFC 7208 §5.5).";
        return new MatchOutcome(match is not null, text);
    }

    /// <summary>exists (RFC 7208 §5.7): an A query (whatever the client's family); any answer matches.</summary>
    private async Task<MatchOutcome> ExistsAsync(SpfMechanism mechanism, string target, CancellationToken cancellationToken)
    {
        var answer = await _dns.QueryAsync(target, DnsRecordType.A, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (answer.Failed)
        {
            return DnsFailed(mechanism, answer, "§5.7");
        }

        return answer.Records.Count == 0
            ? Void(mechanism, $"{target} has no A record")
            : new MatchOutcome(true, $"{mechanism.Text}: {target} has an A record (RFC 7208 §5.7).");
    }

    private static List<IPAddress> Addresses(DnsAnswer answer) =>
        [.. answer.Records.Select(r => r.Address is { } a && IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>()];

    /// <summary>A lookup that failed: temperror (RFC 7208 §2.6.6, §5).</summary>
    private static MatchOutcome DnsFailed(SpfMechanism mechanism, DnsAnswer answer, string section) =>
        Abort(SpfResult.TempError, $"{mechanism.Text}: the {answer.Type} lookup for {answer.Name} failed ({answer.Describe()}), so the result is temperror (RFC 7208 {section}, §2.6.6)");

    private MatchOutcome Void(SpfMechanism mechanism, string what)
    {
        if (CountVoid(mechanism.Text) is { } over)
        {
            return new MatchOutcome(false, over.Reason, over);
        }

        return new MatchOutcome(false, $"{mechanism.Text}: {what}: no match (void lookup {_voids} of {_options.MaxVoidLookups}, RFC 7208 §4.6.4).");
    }

    private static MatchOutcome Abort(SpfResult result, string reason) => new(false, reason, new Outcome(result, reason));
}
