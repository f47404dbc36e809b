namespace MailCheck.Web.Api;

/// <summary>A mail exchanger as the API shows it; <see cref="Used"/> marks the one the outcome came from.</summary>
public sealed record ApiMxHost(string Host, int Preference, IReadOnlyList<string> Addresses, bool Used);
