namespace MailCheck.Core.Checks;

/// <summary>How the conversation uses TLS.</summary>
public enum TlsPolicy
{
    /// <summary>STARTTLS when the server offers it; plain text otherwise.</summary>
    Opportunistic,

    /// <summary>STARTTLS must be offered and succeed, with a valid certificate; never falls back to plain text.</summary>
    Required,

    /// <summary>Never STARTTLS.</summary>
    None,

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    Implicit,
}
