namespace MailCheck.Web.Safety;

/// <summary>
/// Configuration section <c>MailCheck:Limits</c> (the rate-limit part): <c>PerClient</c> (default 10 checks per
/// 10 minutes per client address) and <c>PerDomain</c> (default 20 checks per hour per target domain).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "MailCheck:Limits";

    /// <summary>Per client address (IPv4 address, or IPv6 /64 network), from known proxies' forwarded headers only.</summary>
    public WindowLimitOptions PerClient { get; set; } = new() { Limit = 10, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Per target domain (as normalised by the validator).</summary>
    public WindowLimitOptions PerDomain { get; set; } = new() { Limit = 20, Window = TimeSpan.FromHours(1) };
}
