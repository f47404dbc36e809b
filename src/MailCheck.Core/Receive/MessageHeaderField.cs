namespace MailCheck.Core.Receive;

/// <summary>One header field of a received message.</summary>
public sealed record MessageHeaderField(string Name, string Value);
