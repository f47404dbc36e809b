namespace MailCheck.Core.Checks;

/// <summary>The SMTP extensions a server advertised in its EHLO reply.</summary>
public sealed record CapabilitiesDetail : CheckEventDetail
{
    /// <summary>Every extension keyword line as advertised (after the greeting line).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>SIZE limit in bytes; null when SIZE was not advertised, 0 when advertised without a limit.</summary>
    public long? Size { get; init; }

    public bool Pipelining { get; init; }

    public bool EightBitMime { get; init; }

    public bool StartTls { get; init; }

    public bool EnhancedStatusCodes { get; init; }

    public bool SmtpUtf8 { get; init; }

    public bool Chunking { get; init; }

    public bool Dsn { get; init; }

    /// <summary>AUTH mechanisms, upper case (e.g. PLAIN, LOGIN).</summary>
    public IReadOnlyList<string> AuthMechanisms { get; init; } = [];
}
