namespace MailCheck.Core.Documents;

/// <summary>A mail exchanger in the check document; <see cref="Used"/> marks the one the outcome came from.</summary>
public sealed record CheckDocumentMxHost(string Host, int Preference, IReadOnlyList<string> Addresses, bool Used);
