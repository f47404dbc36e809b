namespace MailCheck.Core.Receive;

/// <summary>
/// What the SMTP conversation said about a received message: who connected, how they introduced themselves, the
/// envelope, and the TLS in use. Stored with the message, so the verdicts can be reached again from the store alone.
/// </summary>
public sealed record ReceivedEnvelope
{
    /// <summary>The sending server's address (an IPv4-mapped IPv6 address as IPv4).</summary>
    public required string RemoteAddress { get; init; }

    public required int RemotePort { get; init; }

    /// <summary>MailCheck's own address and port on the connection.</summary>
    public string? LocalAddress { get; init; }

    public int LocalPort { get; init; }

    /// <summary>"EHLO" or "HELO".</summary>
    public required string HeloVerb { get; init; }

    /// <summary>The name (or address literal) given with EHLO/HELO.</summary>
    public required string HeloName { get; init; }

    /// <summary>The reverse path of MAIL FROM without brackets; empty for the null sender &lt;&gt;.</summary>
    public required string MailFrom { get; init; }

    /// <summary>MAIL FROM's parameters as sent (SIZE=, BODY=, SMTPUTF8 ...), or empty.</summary>
    public string MailParameters { get; init; } = "";

    /// <summary>The accepted recipient (the check's address).</summary>
    public required string Recipient { get; init; }

    /// <summary>E.g. "TLS 1.3", when the message came under TLS.</summary>
    public string? TlsProtocol { get; init; }

    /// <summary>E.g. "TLS_AES_256_GCM_SHA384".</summary>
    public string? TlsCipherSuite { get; init; }

    /// <summary>True when the client sent commands without waiting for replies (RFC 2920 PIPELINING).</summary>
    public bool Pipelined { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>MailCheck's id for the message (given in the 250 reply: "queued as ...").</summary>
    public required string QueueId { get; init; }

    /// <summary>What reading the message showed: size, bare LFs, long lines, smuggling sequences, 8-bit bytes.</summary>
    public required ReceivedDataFacts Data { get; init; }
}
