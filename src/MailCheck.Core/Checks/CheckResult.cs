namespace MailCheck.Core.Checks;

/// <summary>How a check ended, for people and for programs.</summary>
public sealed record CheckResult
{
    public required CheckOutcome Outcome { get; init; }

    /// <summary>One line naming the step, the host and the reply, e.g.
    /// "Rejected at RCPT TO by mx1.example.com: 550 5.1.1 — the mailbox does not exist".</summary>
    public required string Summary { get; init; }

    /// <summary>The step that decided the outcome, when there is one.</summary>
    public EventKind? Step { get; init; }

    /// <summary>The MX host that decided the outcome (the one used), when there is one.</summary>
    public string? Host { get; init; }

    /// <summary>The address of that host.</summary>
    public string? Address { get; init; }

    public int? Code { get; init; }

    public string? EnhancedCode { get; init; }

    /// <summary>The queue id from the final reply, when the server gave one.</summary>
    public string? QueueId { get; init; }
}
