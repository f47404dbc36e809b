namespace MailCheck.Core.Posture.ReverseDns;

/// <summary>The reverse DNS of one mail server address.</summary>
/// <param name="Host">The MX host name.</param>
/// <param name="Address">The address.</param>
/// <param name="PtrNames">The names its PTR records give (empty when none).</param>
/// <param name="ConfirmedName">The PTR name that resolves back to the address (forward-confirmed), when one does.</param>
/// <param name="BannerName">The name the server gave in its greeting, when MailCheck connected to this address.</param>
public sealed record PtrEntry(string Host, string Address, IReadOnlyList<string> PtrNames, string? ConfirmedName, string? BannerName);
