namespace MailCheck.Core.Dns;

/// <summary>One mail exchanger and the addresses it resolved to.</summary>
/// <param name="Host">The host name (ASCII, no trailing dot).</param>
/// <param name="Preference">The MX preference (lower is tried first); 0 for an implicit MX.</param>
/// <param name="Addresses">IPv4 and IPv6 addresses with their TTLs, in the order they will be tried.</param>
/// <param name="Error">Why the host could not be resolved, when it could not.</param>
public sealed record MxHost(string Host, int Preference, IReadOnlyList<ResolvedAddress> Addresses, string? Error = null);
