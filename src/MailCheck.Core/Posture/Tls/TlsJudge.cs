using MailCheck.Core.Checks;
using MailCheck.Core.Dane;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tls;

namespace MailCheck.Core.Posture.Tls;

/// <summary>
/// The <c>tls</c> scorecard item of one MX address MailCheck connected to, from what the session showed: STARTTLS
/// offered and accepted (RFC 3207), the handshake, the protocol version (RFC 8996 deprecates TLS 1.0 and 1.1), the
/// certificate's dates, chain and name. An untrusted chain or a wrong name is a warning, not a failure: opportunistic
/// senders (RFC 7435; most MTAs by default) still deliver, and only senders that check certificates against public CAs —
/// MTA-STS (RFC 8461 §4.2) — refuse; the items that judge those policies say whether the domain asks for them. DANE
/// senders judge the certificate by the host's TLSA records instead (RFC 7672 §3): when those match the presented chain,
/// an untrusted chain (and, for DANE-EE, a wrong name or dates) is information, not a warning.
/// One handshake shows the version negotiated, not every version the server would accept.
/// </summary>
public static class TlsJudge
{
    /// <summary>A certificate that expires sooner than this is worth a warning.</summary>
    public static readonly TimeSpan ExpirySoon = TimeSpan.FromDays(14);

    private const string Refusers = "senders that check certificates against public CAs — MTA-STS (RFC 8461 §4.2) — refuse it, while opportunistic senders (RFC 7435, most MTAs' default) still deliver; DANE senders judge it by TLSA records instead (RFC 7672 §3)";

    private const string NameRefusers = "senders that check names — MTA-STS (RFC 8461 §4.2) and DANE-TA (RFC 7672 §3.2.2) — refuse it, while opportunistic senders (RFC 7435) still deliver";

    private const int DaneEe = 3;

    /// <param name="host">The MX host name.</param>
    /// <param name="address">The address connected to.</param>
    /// <param name="connections">The connections to that address, in order (a plain retry may follow a failed handshake).</param>
    /// <param name="request">The check's request (its TLS policy).</param>
    /// <param name="now">The time certificates are judged at.</param>
    /// <param name="dane">
    /// The presented chain matched against the host's secure, usable TLSA records (RFC 7672 §3), when it has them; null
    /// otherwise.
    /// </param>
    public static ScorecardItem Judge(string host, string address, IReadOnlyList<SessionConnection> connections, CheckRequest request, DateTimeOffset now, DaneAuthentication? dane = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(request);
        var target = $"{host} [{address}]";
        var findings = new List<ScoreFinding>();
        var withTls = connections.FirstOrDefault(c => c.Tls is not null);
        var first = connections[0];
        string title;
        if (withTls?.Tls is { } tls)
        {
            var retried = connections.SkipWhile(c => !ReferenceEquals(c, withTls)).Skip(1).Any(c => c.Tls is null);
            title = Handshake(host, tls, retried, now, dane is { Authenticated: true } ? dane : null, findings);
        }
        else if (request.Tls == TlsPolicy.Implicit)
        {
            title = $"TLS with {host}: not tested";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"The connection to {target} ended before the TLS handshake."));
        }
        else if (first.FirstEhlo is null)
        {
            title = $"TLS with {host}: not tested";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"{target} did not answer EHLO, so whether it offers STARTTLS could not be seen."));
        }
        else if (!connections.Any(c => c.OfferedStartTls))
        {
            title = $"{host} does not offer STARTTLS";
            var helo = first.FirstEhlo.Kind == EventKind.Helo || first.FirstEhlo.Code is >= 500 ? " It refused EHLO, and without ESMTP there is no STARTTLS." : "";
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"{host} did not offer STARTTLS in its EHLO reply (RFC 3207 §4): mail to it travels unencrypted, and senders that require TLS (MTA-STS, RFC 8461 §5; DANE, RFC 7672 §2.2) do not deliver to it at all.{helo}",
                $"Enable STARTTLS on {host} with a certificate for {host} (Postfix: smtpd_tls_security_level = may, smtpd_tls_chain_files = …)."));
        }
        else if (request.Tls == TlsPolicy.None)
        {
            title = $"TLS with {host}: not tested (tls: none)";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"{host} offers STARTTLS; the check ran with TLS off (tls: none), so the handshake and certificate were not tested."));
        }
        else if (connections.Select(c => c.StartTls).FirstOrDefault(r => r is not null) is { Code: not 220 } refused)
        {
            title = $"{host} refuses STARTTLS";
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"{host} offers STARTTLS but answered \"{refused.Text.Split('\n')[0].TrimEnd('\r')}\" to it (RFC 3207 §4): opportunistic senders deliver in plain text, senders that require TLS (MTA-STS, DANE) do not deliver.",
                $"Fix TLS on {host} (a readable certificate and key), or stop advertising STARTTLS."));
        }
        else
        {
            title = $"TLS with {host}: not tested";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"The conversation with {target} ended before STARTTLS."));
        }

        var detail = withTls?.Tls is { Succeeded: true } t
            ? $"{target}: {t.Protocol}, {t.CipherSuite}; certificate {t.Subject}, issued by {t.Issuer}, valid {Day(t.NotBefore)} to {Day(t.NotAfter)}. "
                + "One handshake shows the version negotiated, not every version the server accepts (probe older ones with openssl s_client -starttls smtp -tls1_1)."
            : findings[0].Text;
        return ScorecardItem.FromFindings(Scorecard.ScorecardIds.Tls, ScoreArea.Transport, title, detail, findings, target);
    }

    private static string Handshake(string host, TlsDetail tls, bool retried, DateTimeOffset now, DaneAuthentication? dane, List<ScoreFinding> findings)
    {
        if (!tls.Succeeded)
        {
            var retry = retried ? " MailCheck, like an opportunistic sender, connected again without TLS." : "";
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"The TLS handshake with {host} failed: {tls.Error}. Opportunistic senders (RFC 7435) connect again and deliver in plain text; senders that require TLS (MTA-STS, RFC 8461 §4.2; DANE, RFC 7672 §2.2) do not deliver.{retry}",
                $"Fix TLS on {host}: a certificate and key it can read, and TLS 1.2 or 1.3 enabled."));
            return $"TLS handshake with {host} failed";
        }

        var problems = new List<string>();
        if (tls.Protocol is "TLS 1.0" or "TLS 1.1")
        {
            problems.Add(tls.Protocol);
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"{host} negotiated {tls.Protocol}, which RFC 8996 deprecates (MUST NOT be used): current senders refuse it and fall back to plain text or do not deliver.",
                $"Enable TLS 1.2 and 1.3 on {host} (Postfix: smtpd_tls_protocols = >=TLSv1.2)."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"{host} negotiated {tls.Protocol} ({tls.CipherSuite})."));
        }

        var daneEe = dane?.Matched?.Usage == DaneEe;
        Dates(host, tls, now, daneEe, problems, findings);
        if (!tls.ChainValid && !OnlyDates(tls) && dane is not null)
        {
            var why = CertificateText.ChainProblem(tls, now, includeDates: false) ?? "its certificate is not trusted";
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"The certificate of {host} does not chain to a public root ({why}), but it matches the host's DANE TLSA record {TlsaRecords.Describe(dane.Matched!)}: DANE senders authenticate it by that record (RFC 7672 §3) and opportunistic senders deliver; only senders that check it against public CAs — MTA-STS (RFC 8461 §4.2) — refuse it."));
        }
        else if (!tls.ChainValid && !OnlyDates(tls))
        {
            var why = CertificateText.ChainProblem(tls, now, includeDates: false) ?? "its certificate is not trusted";
            problems.Add(why.Contains("self-signed", StringComparison.Ordinal) ? "self-signed certificate" : "untrusted certificate");
            var rest = why.StartsWith("its certificate ", StringComparison.Ordinal) ? why["its certificate ".Length..] : "is not trusted: " + why;
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"The certificate of {host} {rest}: {Refusers}.",
                $"Give {host} a certificate from a CA that senders trust (e.g. Let's Encrypt), and send its intermediate certificates too."));
        }
        else if (tls.ChainValid)
        {
            findings.Add(tls.TrustedByExtraCa
                ? new ScoreFinding(ScoreStatus.Pass, $"The certificate of {host} (issued by {tls.Issuer}) is trusted only through MailCheck:Tls:ExtraTrustedCaFile, not the system's store: senders that do not trust that private CA treat it as untrusted.")
                : new ScoreFinding(ScoreStatus.Pass, $"The certificate of {host} chains to a root in the system's trust store."));
        }

        if (tls.HostNameMatches)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The certificate names {host}."));
        }
        else if (daneEe)
        {
            findings.Add(new ScoreFinding(ScoreStatus.Info,
                $"The certificate does not name {host} (it is for {CertificateText.Names(tls)}), but its DANE-EE record matches, and DANE-EE ignores names (RFC 7672 §3.1.1); only senders that check names — MTA-STS (RFC 8461 §4.2) — refuse it."));
        }
        else
        {
            problems.Add("name mismatch");
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"The certificate does not name {host} (it is for {CertificateText.Names(tls)}): {NameRefusers}; DANE-EE (usage 3) ignores names (RFC 7672 §3.1.1).",
                $"Give {host} a certificate with {host} in its subjectAltName."));
        }

        var trust = tls.ChainValid
            ? tls.TrustedByExtraCa ? "trusted (private CA)" : "trusted"
            : "authenticated by DANE";
        return problems.Count == 0
            ? $"{tls.Protocol} with {host}: certificate {trust}, valid until {Day(tls.NotAfter)}"
            : $"TLS with {host}: {string.Join(", ", problems)}";
    }

    private static void Dates(string host, TlsDetail tls, DateTimeOffset now, bool daneEe, List<string> problems, List<ScoreFinding> findings)
    {
        if (tls.NotAfter is not { } notAfter)
        {
            return;
        }

        if (notAfter < now)
        {
            problems.Add("certificate expired");
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"The certificate of {host} expired on {Day(notAfter)}: senders that check certificates refuse it (RFC 5280 §4.1.2.5)"
                    + (daneEe ? " — not DANE senders: its DANE-EE record matches, and DANE-EE ignores dates (RFC 7672 §3.1.1)." : "."),
                $"Renew the certificate of {host} now, and automate renewal."));
        }
        else if (tls.NotBefore is { } notBefore && notBefore > now)
        {
            problems.Add("certificate not yet valid");
            findings.Add(new ScoreFinding(ScoreStatus.Fail,
                $"The certificate of {host} is not valid before {Day(notBefore)} (RFC 5280 §4.1.2.5): check the server's clock or the certificate.",
                $"Install a certificate for {host} that is valid now."));
        }
        else if (notAfter - now < ExpirySoon)
        {
            var days = Math.Max(0, (int)Math.Floor((notAfter - now).TotalDays));
            problems.Add($"certificate expires in {days} day{(days == 1 ? "" : "s")}");
            findings.Add(new ScoreFinding(ScoreStatus.Warn,
                $"The certificate of {host} expires on {Day(notAfter)}, in {days} day{(days == 1 ? "" : "s")}.",
                $"Renew the certificate of {host} (automated renewal usually starts 30 days before expiry)."));
        }
        else
        {
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"The certificate is valid until {Day(notAfter)}."));
        }
    }

    /// <summary>True when the chain's only problem is the validity dates (reported by <see cref="Dates"/>).</summary>
    private static bool OnlyDates(TlsDetail tls) =>
        tls.ChainErrors.Count > 0 && tls.ChainErrors.All(e => e.StartsWith("NotTimeValid", StringComparison.Ordinal));

    private static string Day(DateTimeOffset? value) => value is { } v ? CertificateText.Day(v) : "?";
}
