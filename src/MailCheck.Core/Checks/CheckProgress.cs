namespace MailCheck.Core.Checks;

/// <summary>Where a running check is: which host, which step. Lets a fault be reported at the right place.</summary>
internal sealed class CheckProgress
{
    public string? Host { get; set; }

    public string? Address { get; set; }

    public EventKind Step { get; set; } = EventKind.Dns;

    /// <summary>True while the message is being written: nothing else may be sent on the connection.</summary>
    public bool MessageInFlight { get; set; }

    /// <summary>True once the whole message and its final "." were written.</summary>
    public bool FinalDotSent { get; set; }

    /// <summary>True once a greeting (2xx banner) was received on the current connection.</summary>
    public bool Greeted { get; set; }

    /// <summary>
    /// Where the check is, in words, when no single host and step say it (an every-MX check: "with 3 of 5 targets
    /// finished"); used when the check is stopped.
    /// </summary>
    public string? Where { get; set; }
}
