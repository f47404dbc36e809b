namespace MailCheck.Web.Components;

/// <summary>
/// What the page request knew about the visitor, handed to the interactive components (which have no HttpContext):
/// the client address (for rate limits, from known proxies' forwarded headers only) and the remembered theme.
/// </summary>
public sealed record ClientContext(string? ClientIp, bool DarkMode);
