using MailCheck.Core.Checks;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Dane;

/// <summary>The data of the <c>dane</c> event before connecting: the TLSA records of each MX host and what they require.</summary>
/// <param name="Port">The port the TLSA names are for.</param>
/// <param name="Hosts">Each MX host looked up.</param>
/// <param name="Unverifiable">Why DNSSEC could not be verified, when it could not.</param>
public sealed record DaneLookupDetail(int Port, IReadOnlyList<DaneHostDetail> Hosts, string? Unverifiable) : CheckEventDetail;
