namespace MailCheck.Core.Posture.Dmarc;

/// <summary>Identifier alignment mode (RFC 9989 §3.2.10, tags <c>adkim</c> and <c>aspf</c>).</summary>
public enum DmarcAlignmentMode
{
    /// <summary>Same organizational domain (RFC 9989 §3.2.10.1); the default.</summary>
    Relaxed,

    /// <summary>Identical domains (RFC 9989 §3.2.10.2).</summary>
    Strict,
}
