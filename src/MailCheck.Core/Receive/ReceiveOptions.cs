namespace MailCheck.Core.Receive;

/// <summary>
/// Configuration section <c>MailCheck:Receive</c>: receive mode, off unless <see cref="Domain"/> is set. MailCheck then
/// listens for SMTP on <see cref="Listen"/>, hands out one-time addresses <c>&lt;token&gt;@Domain</c> and judges the
/// message that arrives at each. docs/receive.md explains the DNS set-up (an MX for the domain pointing here).
/// </summary>
public sealed class ReceiveOptions
{
    public const string SectionName = "MailCheck:Receive";

    /// <summary>The default listening address: every interface, port 2525 (a container maps 25 to it).</summary>
    public const string DefaultListen = "0.0.0.0:2525";

    /// <summary>The domain whose MX points at this instance; empty turns receive mode off.</summary>
    public string? Domain { get; set; }

    /// <summary>Where the SMTP listener binds: an IP address and port, e.g. <c>0.0.0.0:2525</c> or <c>[::]:2525</c>.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>How long a receive check waits for its message (the address is valid that long, for one message).</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest message accepted, in bytes (advertised with SIZE, RFC 1870; beyond it: 552 5.3.4).</summary>
    public long MaxMessageSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>A PEM certificate (chain) for STARTTLS; empty: a self-signed one made at start-up and kept with the data-protection keys.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/> (empty when the certificate file holds the key too).</summary>
    public string? KeyFile { get; set; }

    /// <summary>Connections served at once; more are answered 421 4.3.2 and closed.</summary>
    public int MaxConnections { get; set; } = 50;

    /// <summary>Connections one remote address (an IPv6 /64) may hold at once; more are answered 421 4.7.0 and closed.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 5;

    /// <summary>
    /// How long MailCheck waits for each command line, and for each piece of a message (RFC 5321 §4.5.3.2.7 asks a
    /// server for at least 5 minutes; a public test port needs less, and real MTAs answer in milliseconds).
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one connection may last, whatever it does (a sender dripping one byte at a time meets it).</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True when receive mode is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Domain);
}
