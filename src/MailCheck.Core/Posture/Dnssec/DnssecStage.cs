using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Dnssec;

/// <summary>
/// Posture: whether the answers that route the domain's mail are DNSSEC-secure — its MX RRset (or the proof that it has
/// none, for an implicit MX) and the address records of each MX host (RFC 4033 §5, RFC 4035 §4.3). They come from the
/// check's cache: discovery asked them. Secure is what DANE needs (RFC 7672 §2.2.1, §2.2.3); insecure is common and no
/// failure; bogus fails, because validating resolvers answer SERVFAIL for it (RFC 4035 §5.5).
/// </summary>
public sealed class DnssecStage : ICheckStage
{
    public string Name => "dnssec";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    public int Order => 5;

    public bool IsPosture => true;

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Dnssec];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Mx is not { } mx)
        {
            return;
        }

        var dns = context.Dns;
        var mxAnswer = await dns.QueryAsync(mx.Domain, DnsRecordType.MX, "mx", cancellationToken).ConfigureAwait(false);
        var names = new List<DnssecName> { Judged(mxAnswer) };
        var hosts = new List<(string Host, DnsAnswer A, DnsAnswer Aaaa)>();
        if (mx.Status is MxLookupStatus.Found)
        {
            foreach (var host in mx.Hosts.Where(h => h.Addresses.Count > 0 || h.Error?.StartsWith("not looked up", StringComparison.Ordinal) != true)
                         .DistinctBy(h => h.Host, StringComparer.OrdinalIgnoreCase).Take(MxResolver.MaxMxHostsResolved))
            {
                var a = await dns.QueryAsync(host.Host, DnsRecordType.A, "mx", cancellationToken).ConfigureAwait(false);
                var aaaa = await dns.QueryAsync(host.Host, DnsRecordType.AAAA, "mx", cancellationToken).ConfigureAwait(false);
                hosts.Add((host.Host, a, aaaa));
                names.Add(Judged(a));
                names.Add(Judged(aaaa));
            }
        }

        var item = Judge(mx, mxAnswer, hosts, dns.Dnssec);
        context.Report(EventKind.Dnssec, item.Title, new DnssecDetail
        {
            Items = [item],
            Domain = mx.Domain,
            Names = names,
            Unverifiable = dns.Dnssec?.Unverifiable,
        });
    }

    /// <summary>The <c>dnssec</c> item from the MX answer and each host's address answers.</summary>
    public static ScorecardItem Judge(MxLookup mx, DnsAnswer mxAnswer, IReadOnlyList<(string Host, DnsAnswer A, DnsAnswer Aaaa)> hosts, DnssecResolverStatus? resolver)
    {
        ArgumentNullException.ThrowIfNull(mx);
        ArgumentNullException.ThrowIfNull(mxAnswer);
        ArgumentNullException.ThrowIfNull(hosts);
        var domain = mx.Domain;
        var mxState = mxAnswer.Dnssec ?? DnssecState.Indeterminate;
        var hostStates = hosts.Select(h => (h.Host, State: Dane.DaneLookup.Weakest(h.A.Dnssec, h.Aaaa.Dnssec), Failed: h.A.Failed ? h.A : h.Aaaa.Failed ? h.Aaaa : null)).ToList();
        var anyBogus = mxState == DnssecState.Bogus || hostStates.Any(h => h.State == DnssecState.Bogus);
        if (!anyBogus && resolver?.CanVerify != true)
        {
            var why = resolver?.Unverifiable ?? "DNSSEC and DANE could not be verified: MailCheck did not judge the DNSSEC state of its answers";
            return new ScorecardItem
            {
                Id = Scorecard.ScorecardIds.Dnssec,
                Area = ScoreArea.Transport,
                Status = ScoreStatus.NotTested,
                Title = "DNSSEC and DANE could not be verified",
                Detail = why + ".",
                Fix = "Point MailCheck:Dns:Servers at a validating resolver on loopback (e.g. unbound), or set MailCheck:Dns:TrustAuthenticatedData when the path to it is secure.",
            };
        }

        var findings = new List<ScoreFinding> { MxFinding(mx, mxAnswer, mxState) };
        foreach (var (host, state, failed) in hostStates)
        {
            findings.Add(HostFinding(host, state, failed));
        }

        var title = Title(domain, mxState, hostStates.Select(h => (h.Host, h.State)).ToList());
        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Dnssec, ScoreArea.Transport, title, findings.OrderByDescending(f => f.Status).First().Text, findings);
    }

    private static DnssecName Judged(DnsAnswer answer) =>
        new(answer.Name, answer.Type, answer.Dnssec ?? DnssecState.Indeterminate, answer.Describe());

    private static ScoreFinding MxFinding(MxLookup mx, DnsAnswer answer, DnssecState state)
    {
        var domain = mx.Domain;
        var what = mx.Implicit || (answer.Status == DnsResponseStatus.NoError && answer.Records.Count == 0)
            ? $"the answer that {domain} has no MX records (so its own address is its mail host, RFC 5321 §5.1)"
            : $"the MX records of {domain}";
        return state switch
        {
            DnssecState.Secure => new ScoreFinding(ScoreStatus.Pass, $"{Capital(what)} validate: DNSSEC secure, a chain of trust reaches them (RFC 4035 §5)."),
            DnssecState.Insecure => new ScoreFinding(
                ScoreStatus.Info,
                $"{domain} is not DNSSEC-signed (no chain of trust reaches it): {what} are not protected from forgery, and DANE cannot apply to its mail (RFC 4033 §5, RFC 7672 §2.2.1).",
                $"Sign {domain} with DNSSEC and publish its DS record at the parent zone (through the registrar)."),
            DnssecState.Bogus => new ScoreFinding(
                ScoreStatus.Fail,
                $"{Capital(what)} are bogus ({answer.Describe()}): every validating resolver answers SERVFAIL, so senders behind one cannot deliver to {domain} at all (RFC 4035 §5.5).",
                $"Fix the signatures of {domain} or the DS record at its parent, then check with delv {domain} MX."),
            _ => new ScoreFinding(ScoreStatus.NotTested, $"Could not tell whether {what} are signed: the MX lookup failed ({answer.Describe()})."),
        };
    }

    private static ScoreFinding HostFinding(string host, DnssecState state, DnsAnswer? failed) => state switch
    {
        DnssecState.Secure => new ScoreFinding(ScoreStatus.Pass, $"The address records of {host} validate (DNSSEC secure)."),
        DnssecState.Insecure => new ScoreFinding(
            ScoreStatus.Info,
            $"The address records of {host} are not DNSSEC-signed: DANE cannot protect mail to {host} (RFC 7672 §2.2.3).",
            $"Sign the zone of {host} with DNSSEC (with a DS record at its parent)."),
        DnssecState.Bogus => new ScoreFinding(
            ScoreStatus.Fail,
            $"The address records of {host} are bogus ({failed?.Describe() ?? "validation failed"}): validating resolvers answer SERVFAIL, so senders behind one cannot reach {host} (RFC 4035 §5.5).",
            $"Fix the signatures of the zone of {host}, then check with delv {host} A."),
        _ => new ScoreFinding(ScoreStatus.NotTested, $"Could not tell whether the address records of {host} are signed{(failed is null ? "" : $": the lookup failed ({failed.Describe()})")}."),
    };

    private static string Title(string domain, DnssecState mxState, List<(string Host, DnssecState State)> hosts)
    {
        var bogus = hosts.Where(h => h.State == DnssecState.Bogus).Select(h => h.Host).ToList();
        var insecure = hosts.Where(h => h.State == DnssecState.Insecure).Select(h => h.Host).ToList();
        return (mxState, bogus.Count, insecure.Count) switch
        {
            (DnssecState.Bogus, _, _) => $"DNSSEC: the MX records of {domain} are bogus",
            (_, > 0, _) => $"DNSSEC: the addresses of {string.Join(", ", bogus)} are bogus",
            (DnssecState.Insecure, _, _) => $"DNSSEC: {domain} is not signed",
            (DnssecState.Secure, _, > 0) => $"DNSSEC: the MX records of {domain} validate, the addresses of {string.Join(", ", insecure)} are not signed",
            (DnssecState.Secure, _, _) when hosts.All(h => h.State == DnssecState.Secure) =>
                $"DNSSEC: the MX records of {domain} and the addresses of its {(hosts.Count == 1 ? "MX host" : $"{hosts.Count} MX hosts")} validate",
            (DnssecState.Secure, _, _) => $"DNSSEC: the MX records of {domain} validate; some addresses could not be judged",
            _ => $"DNSSEC: could not tell whether {domain} is signed",
        };
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
