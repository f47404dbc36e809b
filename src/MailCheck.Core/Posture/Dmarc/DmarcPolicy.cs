namespace MailCheck.Core.Posture.Dmarc;

/// <summary>A Domain Owner Assessment Policy (RFC 9989 §4.7, tags <c>p</c>, <c>sp</c>, <c>np</c>), least strict first.</summary>
public enum DmarcPolicy
{
    /// <summary>No expression of preference (monitoring mode, RFC 9989 §3.2.12).</summary>
    None,

    /// <summary>Failing mail is suspicious.</summary>
    Quarantine,

    /// <summary>Failing mail is not valid use of the domain.</summary>
    Reject,
}
