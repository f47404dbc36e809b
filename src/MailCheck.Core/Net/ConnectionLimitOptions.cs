namespace MailCheck.Core.Net;

/// <summary>
/// The engine's part of configuration section <c>MailCheck:Limits</c> (the web host binds the same section for its
/// queue and rate limits).
/// </summary>
public sealed class ConnectionLimitOptions
{
    public const string SectionName = "MailCheck:Limits";

    /// <summary>
    /// Most SMTP connections open at the same time to one remote IP address, across every check this process runs
    /// (key: the address, whatever the port or MX name). A check that would exceed it waits for a slot and says so in
    /// its transcript, so that many checks of one big provider do not look like an attack on it.
    /// </summary>
    public int PerRemoteAddress { get; set; } = 2;
}
