namespace MailCheck.Core.Pipeline;

/// <summary>Where a stage runs in a check. Stages run phase by phase, and by <see cref="ICheckStage.Order"/> within a phase.</summary>
public enum CheckPhase
{
    /// <summary>MX discovery: where the domain's mail goes.</summary>
    Discovery = 100,

    /// <summary>Posture read from DNS before connecting (SPF, DMARC, DKIM, TLS-RPT, BIMI ...).</summary>
    BeforeConnect = 200,

    /// <summary>The SMTP conversation.</summary>
    Conversation = 300,

    /// <summary>Verdicts tied to what the session showed (reverse DNS, egress, blocklists ...).</summary>
    AfterSession = 400,

    /// <summary>The scorecard event, last before the outcome.</summary>
    Scorecard = 500,
}
