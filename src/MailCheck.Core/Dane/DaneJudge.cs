using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Dane;

/// <summary>
/// The <c>dane</c> verdicts: for each MX host, what its TLSA records mean for a DANE sender (RFC 7672 §2.2) and whether
/// the certificate chain the server presented in this check's sessions matches them (§3).
/// </summary>
public static class DaneJudge
{
    private const string Id = Scorecard.ScorecardIds.Dane;

    /// <summary>The scorecard items and the per-host data of the <c>dane</c> event.</summary>
    public static (IReadOnlyList<ScorecardItem> Items, IReadOnlyList<DaneHostDetail> Hosts) Judge(
        DaneLookup lookup, IReadOnlyList<SessionConnection> connections, TlsPolicy tls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(connections);
        var hosts = lookup.Hosts.Select(DaneHostDetail.From).ToList();
        if (!lookup.Verifiable)
        {
            var why = lookup.Resolver?.Unverifiable ?? "DNSSEC and DANE could not be verified: MailCheck did not judge the DNSSEC state of its answers";
            var published = lookup.Hosts.Where(h => h.Records.Count > 0).Select(h => $"{h.TlsaName} ({h.Records.Count})").ToList();
            var detail = why + ". " + (published.Count == 0
                ? "No TLSA records were found either."
                : $"TLSA records found: {string.Join(", ", published)}; whether DANE senders can use them depends on DNSSEC.");
            return ([new ScorecardItem { Id = Id, Area = ScoreArea.Transport, Status = ScoreStatus.NotTested, Title = "DNSSEC and DANE could not be verified", Detail = detail }], hosts);
        }

        if (lookup.Hosts.Count == 0)
        {
            return ([], hosts);
        }

        if (lookup.Hosts.All(h => h.Records.Count == 0 && !Failed(h)))
        {
            return ([NoTlsa(lookup, connections)], hosts);
        }

        var items = new List<ScorecardItem>();
        for (var i = 0; i < lookup.Hosts.Count; i++)
        {
            var (item, match) = JudgeHost(lookup, lookup.Hosts[i], connections.Where(c => string.Equals(c.Host, lookup.Hosts[i].Host, StringComparison.OrdinalIgnoreCase)).ToList(), tls, now);
            items.Add(item);
            hosts[i] = hosts[i] with { Match = match };
        }

        return (items, hosts);
    }

    private static bool Failed(DaneHost host) => host.TlsaStatus is not (DnsResponseStatus.NoError or DnsResponseStatus.NxDomain);

    private static ScorecardItem NoTlsa(DaneLookup lookup, IReadOnlyList<SessionConnection> connections)
    {
        var names = string.Join(", ", lookup.Hosts.Select(h => h.Host));
        var signed = lookup.Hosts.All(h => h.MxState == DnssecState.Secure && h.AddressState == DnssecState.Secure);
        var first = lookup.Hosts[0];
        var suggestion = SuggestedRecord(first, connections);
        var detail = signed
            ? $"The MX records of {lookup.Domain} and the addresses of {names} are DNSSEC-signed, so DANE is possible, but no host publishes TLSA records ({first.TlsaName}): senders use unauthenticated opportunistic TLS, which an attacker on the path can strip (RFC 7672 §1.3, §2.2)."
            : $"No MX host publishes TLSA records ({first.TlsaName}). DANE also needs the MX records and the hosts' addresses DNSSEC-signed (RFC 7672 §2.2.1, §2.2.3), and {Unsigned(first, lookup.Domain)}.";
        return new ScorecardItem
        {
            Id = Id,
            Area = ScoreArea.Transport,
            Status = ScoreStatus.Info,
            Title = $"DANE: no TLSA records for {names}",
            Detail = detail,
            Fix = signed ? $"Publish {suggestion} for each MX host, so senders authenticate its certificate (RFC 7671 §5.1)." : null,
        };
    }

    private static (ScorecardItem Item, string? Match) JudgeHost(DaneLookup lookup, DaneHost host, List<SessionConnection> sessions, TlsPolicy tls, DateTimeOffset now)
    {
        var findings = new List<ScoreFinding>();
        string title;
        string? match = null;
        if (Failed(host))
        {
            if (host.TlsaState == DnssecState.Bogus && host.MxState == DnssecState.Secure && host.AddressState == DnssecState.Secure)
            {
                title = $"DANE: the TLSA records of {host.Host} are bogus";
                findings.Add(new ScoreFinding(
                    ScoreStatus.Fail,
                    $"{host.TlsaName} does not validate: {host.TlsaFailure}. A DANE sender cannot tell whether records exist, so it defers all mail to {host.Host} (RFC 7672 §2.1.1, §2.2.3).",
                    $"Sign {host.TlsaName} again with the zone's current keys (or remove it and re-sign), then check it with delv or dig +dnssec."));
            }
            else if (host.TlsaState == DnssecState.Bogus)
            {
                title = $"DANE: the TLSA records of {host.Host} are bogus";
                findings.Add(new ScoreFinding(
                    ScoreStatus.Warn,
                    $"{host.TlsaName} does not validate ({host.TlsaFailure}); DANE senders do not look for it because {Unsigned(host, lookup.Domain)}, but validating resolvers answer SERVFAIL for it (RFC 4035 §5.5).",
                    $"Sign {host.TlsaName} again with the zone's current keys, or remove it."));
            }
            else
            {
                title = $"DANE: the TLSA lookup for {host.Host} failed";
                findings.Add(new ScoreFinding(
                    ScoreStatus.NotTested,
                    $"Could not look up {host.TlsaName}: {host.TlsaFailure}. If this persists, DANE senders defer mail to {host.Host}: a failed TLSA lookup is not \"no records\" (RFC 7672 §2.1.1)."));
            }

            return (Item(host, title, findings), null);
        }

        if (host.Records.Count == 0)
        {
            var signed = host.MxState == DnssecState.Secure && host.AddressState == DnssecState.Secure;
            title = $"DANE: {host.Host} publishes no TLSA records";
            findings.Add(signed
                ? new ScoreFinding(
                    ScoreStatus.Warn,
                    $"{host.TlsaName} has no TLSA records while other MX hosts of {lookup.Domain} do: DANE senders deliver to {host.Host} with unauthenticated TLS, a way around the others' protection (RFC 7672 §2.2.1: all MX hosts need it).",
                    $"Publish {SuggestedRecord(host, sessions)}.")
                : new ScoreFinding(ScoreStatus.Info, $"{host.TlsaName} has no TLSA records, and {Unsigned(host, lookup.Domain)}, so DANE cannot apply to {host.Host} (RFC 7672 §2.2)."));
            return (Item(host, title, findings), null);
        }

        var records = string.Join(", ", host.Records.Select(r => TlsaRecords.Describe(r)));
        if (!host.Secure)
        {
            if (new[] { host.MxState, host.AddressState, host.TlsaState ?? DnssecState.Indeterminate }.Contains(DnssecState.Indeterminate))
            {
                title = $"DANE: could not tell whether senders use the TLSA records of {host.Host}";
                findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"{host.TlsaName} has {records}, but the DNSSEC state of the MX, address or TLSA answer could not be determined (a lookup failed)."));
            }
            else
            {
                title = $"DANE: the TLSA records of {host.Host} are ignored";
                findings.Add(new ScoreFinding(
                    ScoreStatus.Warn,
                    $"{host.TlsaName} has {records}, but {Unsigned(host, lookup.Domain)}: DANE senders ignore TLSA records that are not reached through DNSSEC-secure MX, address and TLSA answers (RFC 7672 §2.2.1, §2.2.3), so these protect nothing.",
                    host.MxState != DnssecState.Secure
                        ? $"Sign {lookup.Domain} with DNSSEC and publish its DS record at the parent zone."
                        : $"Sign the zone of {host.Host} with DNSSEC (with a DS record at its parent), or publish the records where they are signed."));
            }

            return (Item(host, title, findings), null);
        }

        var unusable = host.Records.Select(r => (Record: r, Why: TlsaRecords.WhyUnusable(r))).Where(x => x.Why is not null).ToList();
        if (host.Usable.Count == 0)
        {
            title = $"DANE: {host.Host} publishes only unusable TLSA records";
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"{host.TlsaName} has only unusable records ({string.Join("; ", unusable.Select(u => $"{TlsaRecords.Describe(u.Record)}: {u.Why}"))}). A DANE sender still requires TLS from {host.Host} but cannot authenticate its certificate (RFC 7672 §2.2, §3.1.3).",
                $"Replace them with {SuggestedRecord(host, sessions)}."));
            return (Item(host, title, findings), null);
        }

        var results = new List<(SessionConnection Session, DaneAuthentication? Auth, ScoreFinding Finding)>();
        foreach (var session in sessions)
        {
            results.Add(Session(host, session, tls, now));
        }

        findings.AddRange(results.Select(r => r.Finding));
        if (sessions.Count == 0)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.NotTested,
                $"{host.TlsaName} has {host.Usable.Count} usable record(s) ({records}); MailCheck did not connect to {host.Host} in this check, so its certificate was not matched against them."));
        }

        var passed = results.Count > 0 && results.All(r => r.Auth?.Authenticated == true);
        var failed = results.Any(r => r.Finding.Status == ScoreStatus.Fail);
        match = results.Count == 0 ? null : string.Join("; ", results.Select(r => $"[{r.Session.Address}] {(r.Auth is { } a ? (a.Authenticated ? "matched" : "no match") : "not tested")}"));
        title = failed ? $"DANE: {host.Host} fails its TLSA records"
            : passed ? $"DANE: {host.Host}'s certificate matches its TLSA records"
            : $"DANE: {host.Host} publishes {host.Usable.Count} usable TLSA record(s)";

        var auth = results.Select(r => r.Auth).FirstOrDefault(a => a is not null);
        if (auth?.Ignored.Count > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"Ignored for digest agility: {string.Join(", ", auth.Ignored.Select(r => TlsaRecords.Describe(r)))} — a SHA2-512 record of the same usage and selector is published, so senders use that one (RFC 7671 §9)."));
        }

        if (unusable.Count > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"Also published, unusable: {string.Join("; ", unusable.Select(u => $"{TlsaRecords.Describe(u.Record)} ({u.Why})"))}."));
        }

        if (passed && host.Usable.Count == 1)
        {
            findings.Add(new ScoreFinding(
                ScoreStatus.Info,
                $"{host.TlsaName} has a single usable record: when the key or certificate changes, mail stops until DNS catches up. Publish the next key's record beside the current one well ahead of a rollover (\"current + next\", RFC 7671 §8.1).",
                $"Add a second record for the next key, e.g. {host.TlsaName}. IN TLSA 3 1 1 <SHA-256 of the next key's SubjectPublicKeyInfo>."));
        }

        return (Item(host, title, findings), match);
    }

    private static (SessionConnection, DaneAuthentication?, ScoreFinding) Session(DaneHost host, SessionConnection session, TlsPolicy tls, DateTimeOffset now)
    {
        var where = $"{host.Host} [{session.Address}]";
        if (session.Tls is null)
        {
            var offered = (session.FirstEhlo?.Detail as CapabilitiesDetail)?.StartTls;
            if (tls == TlsPolicy.None)
            {
                return (session, null, new ScoreFinding(ScoreStatus.NotTested, $"{where}: TLS was not attempted (tls: none), so the TLSA records were not matched."));
            }

            if (offered == false)
            {
                return (session, null, new ScoreFinding(
                    ScoreStatus.Fail,
                    $"{where} did not offer STARTTLS, but its usable TLSA records tell DANE senders that TLS is mandatory: they defer mail rather than send it in clear text (RFC 7672 §2.2).",
                    $"Enable STARTTLS on {host.Host} (Postfix: smtpd_tls_security_level = may, with smtpd_tls_chain_files), or remove its TLSA records."));
            }

            return (session, null, new ScoreFinding(ScoreStatus.NotTested, $"{where}: the session ended before TLS, so the TLSA records were not matched."));
        }

        if (!session.Tls.Succeeded)
        {
            return (session, null, new ScoreFinding(
                ScoreStatus.Fail,
                $"The TLS handshake with {where} failed ({session.Tls.Error}); with usable TLSA records DANE senders require TLS, so they defer mail to it (RFC 7672 §2.2).",
                $"Fix TLS on {host.Host}: it must complete a handshake with a certificate its TLSA records name."));
        }

        var presented = session.Tls.PresentedChain.Select(Convert.FromBase64String).ToList();
        var auth = DaneAuthenticator.Authenticate(host.Records, presented, host.ReferenceNames, now);
        if (auth.Authenticated)
        {
            return (session, auth, new ScoreFinding(ScoreStatus.Pass, $"{where}: {auth.Summary}."));
        }

        var comparisons = string.Join(" ", auth.Comparisons.Select(c => $"Published {c.Expected}; presented {string.Join(", ", c.Presented)}."));
        return (session, auth, new ScoreFinding(
            ScoreStatus.Fail,
            $"{where}: {auth.Summary}. DANE senders defer mail to it (RFC 7672 §2.2). {comparisons}".TrimEnd(),
            $"Publish {SuggestedRecord(host, [session])} for the certificate {host.Host} presents (keep it beside the old record for twice its TTL before a change), or put back the key the records name."));
    }

    private static ScorecardItem Item(DaneHost host, string title, List<ScoreFinding> findings) =>
        ScorecardItem.FromFindings(Id, ScoreArea.Transport, title, findings.OrderByDescending(f => f.Status).First().Text, findings, host.Host);

    /// <summary>What is not DNSSEC-secure on the way to a host's TLSA records, in words.</summary>
    private static string Unsigned(DaneHost host, string domain)
    {
        var parts = new List<string>();
        if (host.MxState != DnssecState.Secure)
        {
            parts.Add($"the MX records of {domain} are {StateWord(host.MxState)}");
        }

        if (host.AddressState != DnssecState.Secure)
        {
            parts.Add($"the address records of {host.Host} are {StateWord(host.AddressState)}");
        }

        if (host.TlsaState is { } t && t != DnssecState.Secure && host.Records.Count > 0)
        {
            parts.Add($"the TLSA records are {StateWord(t)}");
        }

        return parts.Count == 0 ? "everything is signed" : string.Join(" and ", parts);
    }

    private static string StateWord(DnssecState state) => state switch
    {
        DnssecState.Insecure => "not DNSSEC-signed (insecure)",
        DnssecState.Bogus => "bogus",
        DnssecState.Indeterminate => "of unknown DNSSEC state",
        _ => "secure",
    };

    /// <summary>"_25._tcp.mx1.example.com. IN TLSA 3 1 1 &lt;hex&gt;" for the key the host presented, or a placeholder.</summary>
    private static string SuggestedRecord(DaneHost host, IEnumerable<SessionConnection> sessions)
    {
        var leaf = sessions.Where(s => string.Equals(s.Host, host.Host, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Tls is { PresentedChain.Count: > 0 } t ? t.PresentedChain[0] : null)
            .FirstOrDefault(c => c is not null);
        var digest = "<SHA-256 of the server key's SubjectPublicKeyInfo>";
        if (leaf is not null)
        {
            try
            {
                using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(leaf));
                digest = Convert.ToHexString(TlsaRecords.Association(certificate, 1, 1));
            }
            catch (CryptographicException)
            {
                // Keep the placeholder.
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{host.TlsaName}. IN TLSA 3 1 1 {digest}");
    }
}
