namespace MailCheck.Core.Posture.Spf;

/// <summary>The outcome of <c>check_host()</c> (RFC 7208 §4) with how it was reached.</summary>
public sealed record SpfCheckResult
{
    public required SpfResult Result { get; init; }

    /// <summary>The domain checked (in ASCII).</summary>
    public required string Domain { get; init; }

    /// <summary>The sender as evaluated (<c>postmaster@domain</c> when it had no local-part, RFC 7208 §4.3).</summary>
    public required string Sender { get; init; }

    /// <summary>The client address as evaluated (an IPv4-mapped IPv6 address as IPv4).</summary>
    public required string Ip { get; init; }

    /// <summary>Why, in one sentence naming the RFC section, e.g. "matched -all in example.com's record".</summary>
    public required string Reason { get; init; }

    /// <summary>The domain's own record, when one was found.</summary>
    public string? Record { get; init; }

    /// <summary>The mechanism that decided the result, as written (null when none matched).</summary>
    public string? Mechanism { get; init; }

    /// <summary>The domain whose record holds <see cref="Mechanism"/> (differs from <see cref="Domain"/> after a redirect or inside an include).</summary>
    public string? MechanismDomain { get; init; }

    /// <summary>For a fail only: the domain's explanation (exp=, fetched and expanded, RFC 7208 §6.2); null when it gave none.</summary>
    public string? Explanation { get; init; }

    /// <summary>DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect; at most 10, RFC 7208 §4.6.4).</summary>
    public int DnsLookups { get; init; }

    /// <summary>Lookups that returned no answer or NXDOMAIN (at most 2, RFC 7208 §4.6.4).</summary>
    public int VoidLookups { get; init; }

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<SpfTraceStep> Trace { get; init; } = [];
}
