namespace MailCheck.Core.Net;

/// <summary>Configuration section <c>MailCheck:Safety</c>: where MailCheck may connect and what it may do.</summary>
public sealed class SafetyOptions
{
    public const string SectionName = "MailCheck:Safety";

    /// <summary>The ports allowed when <see cref="AllowedPorts"/> is not set: SMTP, SMTPS and submission.</summary>
    public static IReadOnlyList<int> DefaultAllowedPorts { get; } = [25, 465, 587];

    /// <summary>
    /// CIDR networks (or single addresses) MailCheck may connect to even though they are special, e.g.
    /// <c>127.0.0.0/8</c> in a lab. Empty by default: no special address is reachable.
    /// </summary>
    public IList<string> AllowedNetworks { get; init; } = [];

    /// <summary>
    /// The TCP ports a check may use. Null (not configured) means <see cref="DefaultAllowedPorts"/>; a configured
    /// list replaces the defaults. (The configuration binder appends to a pre-filled list, so the defaults are not
    /// pre-filled here.)
    /// </summary>
    public IList<int>? AllowedPorts { get; init; }

    /// <summary>False turns send mode off (probe and connect remain), for public instances.</summary>
    public bool AllowSend { get; set; } = true;

    /// <summary>The ports in force: <see cref="AllowedPorts"/> when configured, otherwise the defaults.</summary>
    public IReadOnlyList<int> EffectiveAllowedPorts => AllowedPorts is null ? DefaultAllowedPorts : [.. AllowedPorts];
}
