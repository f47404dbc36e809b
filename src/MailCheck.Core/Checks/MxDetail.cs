using MailCheck.Core.Dns;

namespace MailCheck.Core.Checks;

/// <summary>The mail exchangers found for <see cref="Domain"/>, in the order they will be tried.</summary>
/// <param name="Domain">The domain as queried (ASCII / punycode).</param>
/// <param name="Hosts">MX hosts sorted by preference; equal preferences keep DNS order.</param>
/// <param name="Implicit">True when there was no MX record and the domain itself is used (RFC 5321 §5.1).</param>
public sealed record MxDetail(string Domain, IReadOnlyList<MxHost> Hosts, bool Implicit) : CheckEventDetail;
