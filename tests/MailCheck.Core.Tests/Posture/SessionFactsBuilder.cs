using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;

namespace MailCheck.Core.Tests.Posture;

/// <summary>Connections as the transcript would show them, for verdict tables that judge the session.</summary>
internal static class SessionFactsBuilder
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CheckEvent Reply(EventKind kind, int code, string text, CheckEventDetail? detail = null) => new()
    {
        Seq = 1,
        At = Now,
        Elapsed = TimeSpan.Zero,
        Direction = EventDirection.Server,
        Kind = kind,
        Text = text,
        Code = code,
        Detail = detail,
    };

    public static CheckEvent Ehlo(bool startTls) => Reply(EventKind.Ehlo, 250, startTls ? "250-mx\n250 STARTTLS" : "250 mx", new CapabilitiesDetail { StartTls = startTls });

    /// <summary>A successful handshake with a certificate for <paramref name="names"/>, by default trusted and valid for a year.</summary>
    public static TlsDetail Handshake(string protocol = "TLS 1.3", bool chainValid = true, bool byExtraCa = false, bool hostNameMatches = true, string subject = "CN=mx1.example.com",
        string issuer = "CN=Public CA", IReadOnlyList<string>? names = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, IReadOnlyList<string>? errors = null) => new()
    {
        Succeeded = true,
        Protocol = protocol,
        CipherSuite = "TLS_AES_256_GCM_SHA384",
        Subject = subject,
        Issuer = issuer,
        SubjectAlternativeNames = names ?? ["mx1.example.com"],
        NotBefore = notBefore ?? Now.AddDays(-30),
        NotAfter = notAfter ?? Now.AddDays(365),
        ChainValid = chainValid,
        TrustedByExtraCa = byExtraCa,
        HostNameMatches = hostNameMatches,
        ChainErrors = errors ?? (chainValid ? [] : ["UntrustedRoot: self-signed certificate"]),
    };

    public static SessionConnection Connection(string host = "mx1.example.com", string address = "192.0.2.1", bool startTls = true, TlsDetail? tls = null, CheckEvent? startTlsReply = null) =>
        new(host, address, 25, "198.51.100.7")
        {
            Banner = Reply(EventKind.Banner, 220, $"220 {host} ESMTP"),
            FirstEhlo = Ehlo(startTls),
            Ehlo = Ehlo(startTls),
            Tls = tls,
            StartTls = startTlsReply ?? (tls is null ? null : Reply(EventKind.StartTls, 220, "220 2.0.0 Ready to start TLS")),
        };
}
