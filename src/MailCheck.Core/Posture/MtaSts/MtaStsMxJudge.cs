using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tls;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// Judges the MX the check actually used against an applied MTA-STS policy, with what the session showed (RFC 8461 §5):
/// its name must match an mx pattern (§4.1), it must offer STARTTLS, and its certificate must chain to a trusted root
/// and name it in a subjectAltName (§4.2). Under enforce a shortfall means senders do not deliver there (fail); under
/// testing they report it and deliver (warn). The other MX hosts are checked by name only (MailCheck did not talk to them).
/// </summary>
public static class MtaStsMxJudge
{
    /// <param name="mode">The applied mode: enforce or testing.</param>
    /// <param name="patterns">The policy's mx patterns.</param>
    /// <param name="request">The check's request (port and TLS policy decide what the session can show).</param>
    /// <param name="usedHost">The MX host the outcome was decided with, or null when MailCheck connected to none.</param>
    /// <param name="used">The connections to that host's address, in order (a plain retry may follow a failed handshake).</param>
    /// <param name="hosts">Every MX host of the domain.</param>
    /// <param name="now">The time the certificate is judged at.</param>
    public static (string Title, List<ScoreFinding> Findings, string? Matched) Judge(
        MtaStsMode mode, IReadOnlyList<string> patterns, CheckRequest request, string? usedHost, IReadOnlyList<SessionConnection> used,
        IReadOnlyList<MxHost> hosts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(used);
        ArgumentNullException.ThrowIfNull(hosts);
        var enforce = mode == MtaStsMode.Enforce;
        var severity = enforce ? ScoreStatus.Fail : ScoreStatus.Warn;
        var modeName = MtaStsPolicy.Name(mode);
        var findings = new List<ScoreFinding>();
        string title;
        string? matched = null;

        if (usedHost is null || used.Count == 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, "MailCheck connected to no MX host, so it could not see what a sender applying the policy would see."));
            title = $"MTA-STS {modeName}: no MX host to judge";
        }
        else if (request.Domain is { } d && DomainName.ParseAddressLiteral(d) is not null)
        {
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"The check targets the address literal {d}, not an MX host name, so the mx patterns cannot be matched."));
            title = $"MTA-STS {modeName}: no MX host name to judge";
        }
        else
        {
            (title, matched) = JudgeUsed(mode, patterns, request, usedHost, used, now, severity, findings);
        }

        var others = hosts.Select(h => h.Host).Where(h => !string.Equals(MtaStsPattern.Normalize(h), MtaStsPattern.Normalize(usedHost ?? ""), StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var listed = new List<string>();
        foreach (var other in others)
        {
            if (MtaStsPattern.FirstMatch(patterns, other) is null)
            {
                findings.Add(new ScoreFinding(ScoreStatus.Warn,
                    $"The MX host {other} matches none of the policy's mx patterns ({string.Join(", ", patterns)}): senders {(enforce ? "enforcing the policy do not deliver to it" : "report every delivery to it as a failure")} (RFC 8461 §4.1).",
                    $"Add \"mx: {other}\" to the policy, or remove the MX record."));
            }
            else
            {
                listed.Add(other);
            }
        }

        if (listed.Count > 0)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info, $"The other MX host(s) {string.Join(", ", listed)} match the policy's patterns; MailCheck did not connect to them, so their certificates were not judged."));
        }

        return (title, findings, matched);
    }

    private static (string Title, string? Matched) JudgeUsed(
        MtaStsMode mode, IReadOnlyList<string> patterns, CheckRequest request, string host, IReadOnlyList<SessionConnection> used,
        DateTimeOffset now, ScoreStatus severity, List<ScoreFinding> findings)
    {
        var enforce = mode == MtaStsMode.Enforce;
        var modeName = MtaStsPolicy.Name(mode);
        var would = enforce
            ? "a sender enforcing your MTA-STS policy would not deliver to " + host
            : "a sender applying your MTA-STS policy (testing) would report a failure for " + host + ", then deliver anyway";
        var shortfalls = new List<string>();
        var matched = MtaStsPattern.FirstMatch(patterns, host);
        if (matched is null)
        {
            shortfalls.Add("not listed");
            findings.Add(new ScoreFinding(severity,
                $"{Capital(would)}: it matches none of the policy's mx patterns ({string.Join(", ", patterns)}); a * stands for exactly one left-most label (RFC 8461 §4.1).",
                $"Add \"mx: {host}\" to the policy (a *.{Parent(host)} pattern covers one label below {Parent(host)})."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"{host} matches the policy's mx pattern \"{matched}\" (RFC 8461 §4.1)."));
        }

        var tlsProblem = TlsShortfall(request, host, used, now);
        switch (tlsProblem)
        {
            case { NotTested: true }:
                findings.Add(new ScoreFinding(ScoreStatus.NotTested, tlsProblem.Text!));
                break;
            case { Text: { } why }:
                shortfalls.Add(tlsProblem.Short);
                findings.Add(new ScoreFinding(severity, $"{Capital(would)}: {why} (RFC 8461 §4.2, §5).", tlsProblem.Fix));
                break;
            default:
                var tls = used.First(c => c.Tls is not null).Tls!;
                var extra = tls.TrustedByExtraCa
                    ? $" It is trusted only through MailCheck:Tls:ExtraTrustedCaFile (a private CA): senders must trust that CA too."
                    : "";
                findings.Add(new ScoreFinding(ScoreStatus.Pass,
                    $"{host} offers STARTTLS and presented a certificate that chains to a trusted root and names {host} (RFC 8461 §4.2).{extra}"));
                break;
        }

        var title = shortfalls.Count == 0
            ? tlsProblem is { NotTested: true } ? $"MTA-STS {modeName}: {host} is listed; its TLS was not tested" : $"MTA-STS {modeName}: {host} passes the policy"
            : enforce ? $"MTA-STS enforce: senders would not deliver to {host} ({string.Join(", ", shortfalls)})" : $"MTA-STS testing: {host} would fail the policy ({string.Join(", ", shortfalls)})";
        return (title, matched);
    }

    private sealed record Shortfall(string? Text, string Short = "", string? Fix = null, bool NotTested = false);

    private static Shortfall TlsShortfall(CheckRequest request, string host, IReadOnlyList<SessionConnection> used, DateTimeOffset now)
    {
        if (request.Port != 25)
        {
            return new Shortfall($"The check used port {request.Port}; MTA-STS governs delivery to port 25, so TLS was not judged against it.", NotTested: true);
        }

        if (request.Tls is TlsPolicy.None)
        {
            return new Shortfall("The check ran with TLS off (tls: none), so the certificate a sender would see was not tested.", NotTested: true);
        }

        var first = used[0];
        if (first.FirstEhlo is null)
        {
            return new Shortfall($"{host} did not answer EHLO, so STARTTLS could not be seen.", NotTested: true);
        }

        var withTls = used.FirstOrDefault(c => c.Tls is not null);
        if (withTls is null)
        {
            var startTls = used.Select(c => c.StartTls).FirstOrDefault(r => r is not null);
            if (startTls is not null && startTls.Code != 220)
            {
                return new Shortfall($"it refused STARTTLS (\"{FirstLine(startTls.Text)}\")", "STARTTLS refused", $"Make {host} accept STARTTLS.");
            }

            return used.Any(c => c.OfferedStartTls)
                ? new Shortfall("MailCheck did not reach TLS with it.", NotTested: true)
                : new Shortfall("it does not offer STARTTLS", "no STARTTLS", $"Enable STARTTLS on {host} with a certificate for {host} (Postfix: smtpd_tls_security_level = may).");
        }

        var tls = withTls.Tls!;
        if (!tls.Succeeded)
        {
            return new Shortfall($"the TLS handshake failed ({tls.Error})", "TLS handshake failed", $"Fix TLS on {host}: a sender enforcing MTA-STS never falls back to plain text.");
        }

        if (CertificateText.ChainProblem(tls, now) is { } chain)
        {
            var shortName = chain.Contains("self-signed", StringComparison.Ordinal) ? "self-signed certificate"
                : chain.Contains("expired", StringComparison.Ordinal) ? "expired certificate" : "untrusted certificate";
            return new Shortfall(chain, shortName, $"Give {host} a certificate for {host} from a CA that senders trust (e.g. Let's Encrypt), with its intermediates.");
        }

        if (!CertificateText.NamedByDnsId(tls, host))
        {
            var how = tls.HostNameMatches
                ? $"its certificate names {host} only in the Common Name, and MTA-STS accepts only subjectAltName DNS-IDs"
                : $"its certificate does not name {host} (it is for {CertificateText.Names(tls)})";
            return new Shortfall(how, "certificate name mismatch", $"Give {host} a certificate with {host} in its subjectAltName.");
        }

        return new Shortfall(null);
    }

    private static string Parent(string host) => host.Contains('.', StringComparison.Ordinal) ? host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..] : host;

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
