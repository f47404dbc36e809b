namespace MailCheck.Web.Data;

/// <summary>AUTH as stored: the user name only.</summary>
public sealed record StoredAuth(string Username);
