namespace MailCheck.Core.Checks;

/// <summary>Which mail servers a check talks to.</summary>
public enum CheckScope
{
    /// <summary>
    /// As a sending server does: every address of every MX in preference order until one answers, then the whole
    /// conversation with that one (RFC 5321 §5.1). The default.
    /// </summary>
    First,

    /// <summary>
    /// Every address (IPv4 and IPv6) of every MX host, each as its own attempt, in parallel: the MX matrix. Probe and
    /// connect only, so that no message is ever sent more than once.
    /// </summary>
    All,
}
