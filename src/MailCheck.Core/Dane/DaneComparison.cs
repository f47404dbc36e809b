namespace MailCheck.Core.Dane;

/// <summary>A TLSA record next to what the presented certificates give for it.</summary>
/// <param name="Expected">The record as published, e.g. <c>3 1 1 AB12…</c>.</param>
/// <param name="Presented">For each certificate it was compared with: <c>depth 0 (CN=…): 3 1 1 CD34…</c>.</param>
public sealed record DaneComparison(string Expected, IReadOnlyList<string> Presented);
