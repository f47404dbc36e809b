using MailCheck.Core.Checks;

namespace MailCheck.Core.Pipeline;

/// <summary>One connection the conversation held, as the transcript shows it.</summary>
/// <param name="Host">The MX host name.</param>
/// <param name="Address">The server's address.</param>
/// <param name="Port">The server's port.</param>
/// <param name="LocalAddress">MailCheck's own address on the connection (the local end of the socket), when known.</param>
public sealed record SessionConnection(string Host, string Address, int Port, string? LocalAddress)
{
    /// <summary>The greeting (banner) as received, when one came.</summary>
    public CheckEvent? Banner { get; init; }

    /// <summary>The reply to the last EHLO (after STARTTLS, the second one), when one came.</summary>
    public CheckEvent? Ehlo { get; init; }

    /// <summary>The reply to the first EHLO (sent in plain text): where servers echo the client's address.</summary>
    public CheckEvent? FirstEhlo { get; init; }

    /// <summary>The TLS handshake's details, when TLS was attempted on this connection.</summary>
    public TlsDetail? Tls { get; init; }

    /// <summary>The server's reply to STARTTLS, when MailCheck sent it.</summary>
    public CheckEvent? StartTls { get; init; }

    /// <summary>True when the first EHLO reply advertised STARTTLS (RFC 3207 §4).</summary>
    public bool OfferedStartTls => FirstEhlo?.Detail is CapabilitiesDetail { StartTls: true };

    /// <summary>The host name the server gave in its greeting (RFC 5321 §4.3.1: "220 domain ..."), when it gave one.</summary>
    public string? BannerName => Banner is { Code: 220 } b ? FirstWord(b.Text) : null;

    /// <summary>The host name the server gave in its EHLO reply (RFC 5321 §4.1.1.1: "250 domain ..."), when it gave one.</summary>
    public string? EhloName => (Ehlo ?? FirstEhlo) is { Code: 250 } e ? FirstWord(e.Text) : null;

    private static string? FirstWord(string text)
    {
        // "220 mx.example.com ESMTP ready" or, multi-line, "220-mx.example.com ...\n220 ...": the first line's first word.
        var line = text.Split('\n')[0].TrimEnd('\r');
        if (line.Length < 4)
        {
            return null;
        }

        var word = line[4..].Trim().Split(' ', 2)[0];
        return word.Length == 0 ? null : word.TrimEnd('.');
    }
}
