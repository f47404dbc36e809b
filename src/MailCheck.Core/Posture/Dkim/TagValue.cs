namespace MailCheck.Core.Posture.Dkim;

/// <summary>One <c>tag=value</c> pair of a tag-list (RFC 6376 §3.2), with the whitespace around name and value removed.</summary>
/// <param name="Name">The tag name as written.</param>
/// <param name="Value">The value as written (inner whitespace kept).</param>
public sealed record TagValue(string Name, string Value);
