namespace MailCheck.Core.Documents;

/// <summary>AUTH as shown: the user name only, never the password.</summary>
public sealed record RedactedAuth(string Username);
