using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>ptr</c> event of a receive check: the sender's reverse DNS and what its HELO name resolves to.</summary>
/// <param name="Address">The connecting address.</param>
/// <param name="PtrNames">Its PTR names.</param>
/// <param name="ConfirmedName">The first PTR name that resolves back to the address (forward-confirmed), if any.</param>
/// <param name="HeloName">The name given with EHLO/HELO.</param>
/// <param name="HeloAddresses">What the HELO name resolves to (A/AAAA).</param>
public sealed record SenderIdentityDetail(string Address, IReadOnlyList<string> PtrNames, string? ConfirmedName, string HeloName, IReadOnlyList<string> HeloAddresses) : PostureDetail;
