namespace MailCheck.Core.Dns;

/// <summary>The result of looking up where a domain's mail goes.</summary>
/// <param name="Domain">The domain queried (ASCII).</param>
/// <param name="Status">What the lookup found.</param>
/// <param name="Hosts">MX hosts sorted by preference (stable), each resolved to A and AAAA.</param>
/// <param name="Implicit">True when no MX existed and the domain's own addresses are used (RFC 5321 §5.1).</param>
/// <param name="Reason">For NullMx, NoMailService and Error: why, in plain words.</param>
public sealed record MxLookup(string Domain, MxLookupStatus Status, IReadOnlyList<MxHost> Hosts, bool Implicit, string? Reason);
