namespace MailCheck.Core.Posture.MtaSts;

/// <summary>Configuration section <c>MailCheck:MtaSts</c>.</summary>
public sealed class MtaStsOptions
{
    public const string SectionName = "MailCheck:MtaSts";

    /// <summary>
    /// The whole policy fetch — connection, TLS, answer and body — must finish within this. RFC 8461 §3.3 suggests
    /// senders allow about a minute; MailCheck keeps checks snappy and says so when a host is slower.
    /// </summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
