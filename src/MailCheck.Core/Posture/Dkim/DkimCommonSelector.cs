namespace MailCheck.Core.Posture.Dkim;

/// <summary>A selector that a known provider, or common software, signs with.</summary>
/// <param name="Selector">The selector (lower case).</param>
/// <param name="Provider">Who uses it, for the reader ("Microsoft 365", "generic" ...).</param>
public sealed record DkimCommonSelector(string Selector, string Provider);
